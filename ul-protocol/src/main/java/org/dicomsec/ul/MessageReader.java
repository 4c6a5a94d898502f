package org.dicomsec.ul;

import java.io.IOException;
import java.io.InputStream;

import org.dicomsec.data.CommandSet;
import org.dicomsec.ul.dimse.DecodedCommand;
import org.dicomsec.ul.dimse.DimseCodec;
import org.dicomsec.ul.dimse.DimseException;
import org.dicomsec.ul.fsm.State;
import org.dicomsec.ul.fsm.Transition;
import org.dicomsec.ul.pdu.AAbort;
import org.dicomsec.ul.pdu.PduReader;

/**
 * Reassembles DIMSE messages from the PDVs of incoming P-DATA-TF PDUs (PS3.8 9.3.5, Annex E;
 * PS3.7 6.3.1): the command's fragments, then the data set's fragments, on one presentation
 * context. The data set is handed out as a stream that pulls PDVs as it is read, so its size
 * never matters. Violations end the association with an A-ABORT (service-provider source):
 * <ul>
 *   <li>a PDV on a presentation context ID that was not accepted, or a fragment on a context
 *       other than its message's: invalid-PDU-parameter value (6);</li>
 *   <li>a data set PDV where a command fragment is due (before any command, after a command
 *       that announced no data set, after the last data fragment), or a command PDV inside a
 *       data set: unexpected-PDU parameter (5). PS3.8 names no reason for PDV ordering errors;
 *       this choice is the implementation's, documented here.</li>
 *   <li>a command set longer than {@link CommandSet#MAX_LENGTH}: invalid-PDU-parameter value (6).</li>
 * </ul>
 * Used only by the thread holding the association's reader role.
 */
final class MessageReader {

    /** What reading produced. */
    sealed interface Incoming permits Message, UlEvent {
    }

    /** A complete command; when it announces a data set, {@link #dataStream()} reads it. */
    record Message(int presentationContextId, DecodedCommand command) implements Incoming {
    }

    /** A release-related indication or confirmation (AR-2, AR-8, AR-3, AR-10). */
    record UlEvent(Transition transition) implements Incoming {
    }

    /** Accepted presentation context IDs. */
    interface Contexts {
        boolean isAccepted(int id);
    }

    private final UpperLayer ul;
    private final Contexts contexts;
    private final DataStream dataStream = new DataStream();

    private boolean inPData;
    private boolean pdvOpen;
    private int dataPcid = -1;
    private boolean dataLast;
    private byte[] cmd = new byte[512];
    private int cmdLen;
    private int cmdPcid = -1;
    private int timeoutMillis;

    MessageReader(UpperLayer ul, Contexts contexts) {
        this.ul = ul;
        this.contexts = contexts;
    }

    /**
     * The data set of the message last returned, as a stream of its own: it ends at the data
     * set's last fragment and then stays at its end, so a handler that reads on after its end
     * never takes bytes of a later message. {@code onEnd} runs once, on the reading thread, when
     * the end is reached or reading fails (the data set is then over for this reader).
     */
    InputStream dataSet(Runnable onEnd) {
        return new DataSet(onEnd);
    }

    /** True while a data set is still being received. */
    boolean inDataSet() {
        return dataPcid > 0;
    }

    /** One message's view of {@link #dataStream}. */
    private final class DataSet extends InputStream {
        private final Runnable onEnd;
        private boolean ended;

        DataSet(Runnable onEnd) {
            this.onEnd = onEnd;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (ended) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n;
            try {
                n = dataStream.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                end();
                throw e;
            }
            if (n < 0) {
                end();
            }
            return n;
        }

        @Override
        public long transferTo(java.io.OutputStream out) throws IOException {
            byte[] buf = new byte[8192];
            long total = 0;
            int n;
            while ((n = read(buf, 0, buf.length)) >= 0) {
                out.write(buf, 0, n);
                total += n;
            }
            return total;
        }

        /** Reads and drops what the handler left. */
        void skipRest() throws IOException {
            if (!ended) {
                byte[] buf = new byte[8192];
                while (read(buf, 0, buf.length) >= 0) {
                    // the rest of a data set nobody reads
                }
            }
        }

        private void end() {
            if (!ended) {
                ended = true;
                onEnd.run();
            }
        }

        @Override
        public void close() {
            // the association's stream stays open; the rest is skipped before the next message
        }
    }

    /** Reads and drops the rest of a view returned by {@link #dataSet}. */
    static void skipRest(InputStream dataSet) throws IOException {
        ((DataSet) dataSet).skipRest();
    }

    /**
     * Reads until a whole command has arrived or a release PDU was processed.
     *
     * @throws IOException the association ended (aborted, closed)
     */
    Incoming next(int timeoutMillis) throws IOException {
        this.timeoutMillis = timeoutMillis;
        if (dataPcid > 0) {
            dataStream.skipRest();
        }
        PduReader r = ul.pduReader();
        while (true) {
            if (!inPData) {
                Transition t = ul.nextPdu(timeoutMillis);
                if (!t.isDefined()) {
                    ended();
                    continue;
                }
                switch (t.action()) {
                    case DT_2, AR_6 -> inPData = true;
                    case AR_2, AR_8, AR_3, AR_10 -> {
                        return new UlEvent(t);
                    }
                    default -> ended();
                }
                continue;
            }
            if (!nextPdv(r)) {
                inPData = false;
                continue;
            }
            int pcid = r.pdvPresentationContextId();
            if (!contexts.isAccepted(pcid)) {
                fail("PDV on presentation context " + pcid + ", which was not accepted",
                        AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
            }
            if (!r.pdvIsCommand()) {
                fail("data set PDV on context " + pcid + " where a command fragment is due",
                        AAbort.REASON_UNEXPECTED_PDU_PARAMETER);
            }
            if (cmdPcid > 0 && pcid != cmdPcid) {
                fail("command fragment on context " + pcid + " continues a command begun on " + cmdPcid,
                        AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
            }
            cmdPcid = pcid;
            int len = r.pdvDataLength();
            if ((long) cmdLen + len > CommandSet.MAX_LENGTH) {
                fail("command set longer than " + CommandSet.MAX_LENGTH + " bytes",
                        AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
            }
            if (cmd.length < cmdLen + len) {
                cmd = java.util.Arrays.copyOf(cmd, Math.max(cmdLen + len, cmd.length * 2));
            }
            readFully(r, cmd, cmdLen, len);
            cmdLen += len;
            if (r.pdvIsLastFragment()) {
                int pc = cmdPcid;
                int n = cmdLen;
                cmdPcid = -1;
                cmdLen = 0;
                DecodedCommand c;
                try {
                    c = DimseCodec.decode(cmd, 0, n);
                } catch (DimseException e) {
                    ul.localAbort("invalid command set: " + e.getMessage());
                    ul.awaitClose();
                    throw ul.endedException();
                }
                if (c.dataSetPresent()) {
                    dataPcid = pc;
                    dataLast = false;
                    pdvOpen = false;
                }
                return new Message(pc, c);
            }
        }
    }

    private boolean nextPdv(PduReader r) throws IOException {
        try {
            return r.nextPdv();
        } catch (org.dicomsec.ul.pdu.PduDecodeException e) {
            ul.pdvError(e.getMessage(), e.abortReason());
            ul.awaitClose();
            throw ul.endedException();
        } catch (java.net.SocketTimeoutException e) {
            ul.timedOut(true);
            ul.awaitClose();
            throw ul.endedException();
        } catch (IOException e) {
            ul.readFailed(e);
            ul.awaitClose();
            throw ul.endedException();
        }
    }

    private void readFully(PduReader r, byte[] b, int off, int len) throws IOException {
        int got = 0;
        while (got < len) {
            int n;
            try {
                n = r.readPdvData(b, off + got, len - got);
            } catch (java.net.SocketTimeoutException e) {
                ul.timedOut(true);
                ul.awaitClose();
                throw ul.endedException();
            } catch (IOException e) {
                ul.readFailed(e);
                ul.awaitClose();
                throw ul.endedException();
            }
            if (n < 0) {
                throw new IllegalStateException("PDV shorter than its length");
            }
            got += n;
        }
    }

    private void fail(String what, int reason) throws IOException {
        ul.pdvError(what, reason);
        ul.awaitClose();
        throw ul.endedException();
    }

    /** The machine left the data transfer states: wait for the close if needed and report. */
    private void ended() throws IOException {
        State s = ul.state();
        if (s == State.Sta13) {
            ul.awaitClose();
            s = ul.state();
        }
        if (s == State.Sta1) {
            throw ul.endedException();
        }
        // e.g. a timeout shorter than ARTIM: keep reading
    }

    /** The data set of the current message: reads PDVs as the caller reads. */
    private final class DataStream extends InputStream {
        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            PduReader r = ul.pduReader();
            while (true) {
                if (dataPcid < 0) {
                    return -1;
                }
                if (pdvOpen) {
                    int n;
                    try {
                        n = r.readPdvData(b, off, len);
                    } catch (java.net.SocketTimeoutException e) {
                        dataPcid = -1;
                        ul.timedOut(true);
                        ul.awaitClose();
                        throw ul.endedException();
                    } catch (IOException e) {
                        dataPcid = -1;
                        ul.readFailed(e);
                        ul.awaitClose();
                        throw ul.endedException();
                    }
                    if (n > 0) {
                        return n;
                    }
                    pdvOpen = false;
                    if (dataLast) {
                        dataPcid = -1;
                        return -1;
                    }
                    continue;
                }
                if (!inPData) {
                    Transition t = ul.nextPdu(timeoutMillis);
                    if (t.isDefined() && (t.action() == org.dicomsec.ul.fsm.Action.DT_2
                            || t.action() == org.dicomsec.ul.fsm.Action.AR_6)) {
                        inPData = true;
                        continue;
                    }
                    if (!t.isDefined() && ul.state() != State.Sta1 && ul.state() != State.Sta13) {
                        continue;
                    }
                    dataPcid = -1;
                    if (ul.state() == State.Sta8 || ul.state() == State.Sta6) {
                        // A-RELEASE-RQ in the middle of a data set: the message can never complete
                        ul.localAbort("A-RELEASE-RQ received in the middle of a data set");
                    }
                    ul.awaitClose();
                    throw ul.endedException();
                }
                boolean more;
                try {
                    more = nextPdv(r);
                } catch (IOException e) {
                    dataPcid = -1;
                    throw e;
                }
                if (!more) {
                    inPData = false;
                    continue;
                }
                int pcid = r.pdvPresentationContextId();
                if (r.pdvIsCommand()) {
                    String what = "command PDV on context " + pcid + " inside the data set of context " + dataPcid;
                    dataPcid = -1;
                    fail(what, AAbort.REASON_UNEXPECTED_PDU_PARAMETER);
                }
                if (pcid != dataPcid) {
                    int expected = dataPcid;
                    dataPcid = -1;
                    fail("data set PDV on context " + pcid + " for a message on context " + expected,
                            AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
                }
                dataLast = r.pdvIsLastFragment();
                pdvOpen = true;
            }
        }

        void skipRest() throws IOException {
            byte[] buf = new byte[8192];
            while (read(buf, 0, buf.length) >= 0) {
                // discard what the application did not read
            }
        }

        @Override
        public void close() {
            // the association's stream stays open; the rest is skipped before the next message
        }
    }
}
