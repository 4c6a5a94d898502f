package org.dicomsec.ul;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.dicomsec.data.CommandSet;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomReader;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.data.ReadLimits;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.VR;
import org.dicomsec.ul.MessageReader.Message;
import org.dicomsec.ul.dimse.CEchoRq;
import org.dicomsec.ul.dimse.CEchoRsp;
import org.dicomsec.ul.dimse.CStoreRq;
import org.dicomsec.ul.dimse.CStoreRsp;
import org.dicomsec.ul.dimse.CommandField;
import org.dicomsec.ul.dimse.DecodedCommand;
import org.dicomsec.ul.dimse.DimseCodec;
import org.dicomsec.ul.dimse.DimseMessage;
import org.dicomsec.ul.dimse.NActionRq;
import org.dicomsec.ul.dimse.NActionRsp;
import org.dicomsec.ul.dimse.NEventReportRq;
import org.dicomsec.ul.dimse.NEventReportRsp;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.fsm.State;

/**
 * Performs the peer's requests on an association (the performing side of PS3.7 9.1 and 10.1):
 * C-ECHO is answered here (Verification, PS3.4 Annex A); C-STORE, N-ACTION and N-EVENT-REPORT go
 * to the {@link DimseHandlers}; a request without a handler gets 0122H, an unknown command 0211H.
 *
 * <p>Every request is answered unless the association itself ended (PS3.7 9.1.1): a handler's
 * exception (any {@link RuntimeException} or {@link IOException} that is not the association's
 * end) becomes 0110H Processing failure with the reason in the Error Comment (0000,0902), logged
 * at WARNING; a C-STORE whose Affected SOP Instance UID is not a UID (a NUL, a backslash, letters,
 * empty or longer than 64 characters) gets 0117H Invalid SOP Instance (PS3.7 C.5.12) without
 * reaching the handler.
 *
 * <p>Runs on the thread holding the association's reader role. With an executor (an
 * asynchronous operations window above 1), a C-STORE is performed on the executor while the
 * reader goes on with the next request: a {@link CStoreHandler.Staged} handler reads the data set
 * on the reader's thread and only its completion (making the instance durable) and the answer run
 * on the executor; another handler runs wholly on the executor, its thread reading the data set
 * (the reader lends it the transport until the last fragment).
 */
final class RequestDispatcher {
    private static final Logger LOG = LibraryLog.logger(RequestDispatcher.class);

    private final DimseService svc;
    private final Association a;
    private final UpperLayer ul;
    private final MessageReader reader;
    private final DimseHandlers handlers;
    private final Executor executor;

    RequestDispatcher(DimseService svc, Association a, UpperLayer ul, MessageReader reader, DimseHandlers handlers,
                      Executor executor) {
        this.svc = svc;
        this.a = a;
        this.ul = ul;
        this.reader = reader;
        this.handlers = handlers;
        this.executor = executor;
    }

    /** One request's passage through the window: leaves it before its response is sent, then is answered. */
    private final class Turn {
        private boolean left;
        private boolean done;

        void leaveWindow() {
            if (!left) {
                left = true;
                svc.answering();
            }
        }

        void finish() {
            leaveWindow();
            if (!done) {
                done = true;
                svc.answered();
            }
        }
    }

    void dispatch(Message m) throws IOException {
        Turn turn = new Turn();
        try {
            DecodedCommand c = m.command();
            PresentationContext pc = a.presentationContexts().get(m.presentationContextId());
            DimseMessage msg = c.message();
            if (msg instanceof CStoreRq rq) {
                if (executor != null && c.dataSetPresent() && handlers.cstore() instanceof CStoreHandler.Staged h) {
                    Turn async = turn;
                    turn = null; // finished with the C-STORE's answer
                    receiveThenComplete(pc, rq, h, async);
                } else if (executor != null && c.dataSetPresent() && handlers.cstore() != null) {
                    Turn async = turn;
                    turn = null; // the handler's thread finishes it
                    storeOnExecutor(pc, rq, async);
                } else {
                    InputStream data = c.dataSetPresent() ? reader.dataSet(() -> { }) : null;
                    store(pc, rq, data, turn);
                }
            } else if (msg instanceof CEchoRq rq) {
                skipData(c);
                respond(pc, new CEchoRsp(rq.messageId(), rq.affectedSopClassUid(), Status.OK), null, turn);
            } else if (msg instanceof NActionRq rq) {
                Dataset info = c.dataSetPresent() ? readDataSet(m) : null;
                NActionHandler h = handlers.naction(rq.requestedSopClassUid());
                DimseReply reply = h == null ? DimseReply.of(Status.of(Status.SOP_CLASS_NOT_SUPPORTED))
                        : call("N-ACTION", () -> h.action(a, pc, rq, info));
                respond(pc, new NActionRsp(rq.messageId(), rq.requestedSopClassUid(), rq.requestedSopInstanceUid(),
                        rq.actionTypeId(), reply.status()), DimseService.writer(reply.dataSet(), pc), turn);
            } else if (msg instanceof NEventReportRq rq) {
                Dataset info = c.dataSetPresent() ? readDataSet(m) : null;
                NEventReportHandler h = handlers.neventReport(rq.affectedSopClassUid());
                DimseReply reply = h == null ? DimseReply.of(Status.of(Status.SOP_CLASS_NOT_SUPPORTED))
                        : call("N-EVENT-REPORT", () -> h.eventReport(a, pc, rq, info));
                respond(pc, new NEventReportRsp(rq.messageId(), rq.affectedSopClassUid(), rq.affectedSopInstanceUid(),
                        rq.eventTypeId(), reply.status()), DimseService.writer(reply.dataSet(), pc), turn);
            } else {
                skipData(c);
                LOG.log(Level.INFO, "{0}: {1} not served", ul.name(), CommandField.name(c.commandField()));
                turn.leaveWindow();
                svc.sendCommand(pc.id(), CommandSet.encode(DimseCodec.genericResponse(c.commandSet(),
                        Status.of(Status.UNRECOGNIZED_OPERATION))));
            }
        } finally {
            if (turn != null) {
                turn.finish();
            }
        }
    }

    // ------------------------------------------------------------------ C-STORE

    private void storeOnExecutor(PresentationContext pc, CStoreRq rq, Turn turn) throws IOException {
        Object loan = new Object();
        svc.lend(loan);
        InputStream data = reader.dataSet(() -> svc.giveBack(loan));
        try {
            executor.execute(() -> {
                try {
                    store(pc, rq, data, turn);
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.DEBUG, "{0}: C-STORE of {1} not answered: {2}", ul.name(),
                            rq.affectedSopInstanceUid(), e.getMessage());
                } finally {
                    svc.giveBack(loan); // when the handler failed before the data set's end
                    turn.finish();
                }
            });
        } catch (RejectedExecutionException e) {
            // the pool is shut down or saturated: perform it here, as without a window
            svc.giveBack(loan);
            try {
                store(pc, rq, reader.dataSet(() -> { }), turn);
            } finally {
                turn.finish();
            }
            return;
        }
        svc.awaitGivenBack();
    }

    /**
     * A {@link CStoreHandler.Staged} C-STORE within a window: its data set read here, on the
     * reading thread, by the handler; its completion and answer on the executor, while this thread
     * reads the next request. No thread hand-off while the data set is read.
     */
    private void receiveThenComplete(PresentationContext pc, CStoreRq rq, CStoreHandler.Staged h, Turn turn)
            throws IOException {
        CStoreHandler.Completion done;
        try {
            InputStream data = reader.dataSet(() -> { });
            done = received(pc, rq, h, data);
            try {
                MessageReader.skipRest(data);
            } catch (IOException | RuntimeException e) {
                // the association ended after the handler had read what it needed: its completion
                // still runs (it may hold a file to commit or remove), unanswered
                run(pc, rq, done, turn);
                throw e;
            }
        } catch (IOException | RuntimeException | Error e) {
            turn.finish();
            throw e;
        }
        Runnable finish = () -> run(pc, rq, done, turn);
        try {
            executor.execute(finish);
        } catch (RejectedExecutionException e) {
            finish.run(); // the pool is shut down or saturated: completed here, as without a window
        }
    }

    /** Completes and answers a staged C-STORE; never throws (an unanswerable one is logged). */
    private void run(PresentationContext pc, CStoreRq rq, CStoreHandler.Completion done, Turn turn) {
        try {
            answer(pc, rq, completed(rq, done), turn);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "{0}: C-STORE of {1} not answered: {2}", ul.name(), rq.affectedSopInstanceUid(),
                    e.getMessage());
        } finally {
            turn.finish();
        }
    }

    /** The staged handler's first step, or the answer decided without it. */
    private CStoreHandler.Completion received(PresentationContext pc, CStoreRq rq, CStoreHandler.Staged h,
                                              InputStream data) throws IOException {
        Status refused = refusal(pc, rq, data, h);
        if (refused != null) {
            return CStoreHandler.Completion.of(refused);
        }
        try {
            CStoreHandler.Completion c = h.receive(a, pc, rq, data);
            return c != null ? c : CStoreHandler.Completion.of(
                    new Status(Status.PROCESSING_FAILURE, "the handler returned no completion"));
        } catch (IOException | RuntimeException e) {
            return CStoreHandler.Completion.of(failed(rq, e));
        }
    }

    /** The status {@code done} gives, 0110H for none or for a failure; rethrows when the association ended. */
    private Status completed(CStoreRq rq, CStoreHandler.Completion done) throws IOException {
        try {
            Status st = done.complete();
            return st == null ? new Status(Status.PROCESSING_FAILURE, "the handler returned no status") : st;
        } catch (IOException | RuntimeException e) {
            return failed(rq, e);
        }
    }

    /** Performs one C-STORE and answers it; throws only when the association ended. */
    private void store(PresentationContext pc, CStoreRq rq, InputStream data, Turn turn) throws IOException {
        Status st = storeStatus(pc, rq, data);
        if (data != null) {
            MessageReader.skipRest(data);
        }
        answer(pc, rq, st, turn);
    }

    private void answer(PresentationContext pc, CStoreRq rq, Status st, Turn turn) throws IOException {
        boolean usable = isUid(rq.affectedSopInstanceUid());
        respond(pc, new CStoreRsp(rq.messageId(), isUid(rq.affectedSopClassUid()) ? rq.affectedSopClassUid() : null,
                usable ? rq.affectedSopInstanceUid() : null, st), null, turn);
    }

    private Status storeStatus(PresentationContext pc, CStoreRq rq, InputStream data) throws IOException {
        CStoreHandler h = handlers.cstore();
        Status refused = refusal(pc, rq, data, h);
        return refused != null ? refused : completed(rq, () -> h.store(a, pc, rq, data));
    }

    /** The answer to a C-STORE that does not reach its handler, or null when it does. */
    private Status refusal(PresentationContext pc, CStoreRq rq, InputStream data, CStoreHandler h) {
        if (data == null) {
            return new Status(Status.CANNOT_UNDERSTAND, "C-STORE-RQ without a data set");
        }
        if (h == null) {
            return Status.of(Status.SOP_CLASS_NOT_SUPPORTED);
        }
        if (!pc.abstractSyntax().equals(rq.affectedSopClassUid())) {
            return new Status(Status.SOP_CLASS_NOT_SUPPORTED, "SOP class differs from the presentation context's");
        }
        if (!isUid(rq.affectedSopInstanceUid())) {
            LOG.log(Level.WARNING, "{0}: C-STORE with an Affected SOP Instance UID that is not a UID: {1}", ul.name(),
                    printable(rq.affectedSopInstanceUid()));
            return new Status(Status.INVALID_OBJECT_INSTANCE, "Affected SOP Instance UID is not a UID: "
                    + printable(rq.affectedSopInstanceUid()));
        }
        return null;
    }

    /** 0110H for a handler's failure; rethrows when the association itself ended. */
    private Status failed(CStoreRq rq, Exception e) throws IOException {
        ended(e);
        LOG.log(Level.WARNING, "{0}: C-STORE of {1} failed: {2}", ul.name(), rq.affectedSopInstanceUid(),
                e.toString());
        return new Status(Status.PROCESSING_FAILURE, reason(e));
    }

    /**
     * True for what may stand in a UI value and a file name: 1 to 64 digits and dots, after the
     * trailing NUL or space padding some peers send (PS3.5 9.1, 6.2). Finer rules (no leading
     * zero in a component) are left to the handler, as other implementations accept such UIDs.
     */
    static boolean isUid(String uid) {
        if (uid == null) {
            return false;
        }
        String u = AcceptorPolicy.norm(uid);
        if (u.isEmpty() || u.length() > 64) {
            return false;
        }
        for (int i = 0; i < u.length(); i++) {
            char ch = u.charAt(i);
            if ((ch < '0' || ch > '9') && ch != '.') {
                return false;
            }
        }
        return true;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 80; i++) {
            char ch = s.charAt(i);
            if (ch >= 0x20 && ch < 0x7F) {
                b.append(ch);
            } else {
                b.append(String.format("\\u%04x", (int) ch));
            }
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ N- services and helpers

    @FunctionalInterface
    private interface HandlerCall {
        DimseReply call() throws IOException;
    }

    private DimseReply call(String what, HandlerCall c) throws IOException {
        try {
            DimseReply r = c.call();
            return r == null ? DimseReply.of(new Status(Status.PROCESSING_FAILURE, "the handler returned no reply")) : r;
        } catch (IOException | RuntimeException e) {
            ended(e);
            LOG.log(Level.WARNING, "{0}: {1} handler failed: {2}", ul.name(), what, e.toString());
            return DimseReply.of(new Status(Status.PROCESSING_FAILURE, reason(e)));
        }
    }

    /** The Error Comment (0000,0902) for a handler's exception: LO, at most 64 characters. */
    private static String reason(Throwable e) {
        String s = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 64; i++) {
            char ch = s.charAt(i);
            b.append(ch >= 0x20 && ch < 0x7F && ch != '\\' ? ch : '?');
        }
        return b.toString();
    }

    /** Rethrows when the association itself ended (the handler's failure is then not the point). */
    private void ended(Exception e) throws IOException {
        State s = ul.state();
        if (s != State.Sta6 && s != State.Sta8) {
            throw ul.endedException();
        }
        if (e instanceof AssociationAbortedException x) {
            throw x;
        }
    }

    /**
     * Sends a response; one that cannot be encoded (a peer's UID that is not a UID echoed in
     * it) is replaced by a 0110H response without the echoed fields.
     */
    private void respond(PresentationContext pc, DimseMessage rsp, DimseService.DataWriter data, Turn turn)
            throws IOException {
        byte[] check;
        try {
            check = DimseCodec.encode(rsp, data != null);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "{0}: response cannot be encoded ({1}); answering 0110H", ul.name(), e.getMessage());
            Dataset d = new Dataset();
            d.setInt(Tag.CommandField, VR.US, rsp.commandField());
            d.setInt(Tag.CommandDataSetType, VR.US, DimseCodec.NO_DATA_SET);
            d.setInt(Tag.MessageIDBeingRespondedTo, VR.US,
                    ((org.dicomsec.ul.dimse.DimseResponse) rsp).messageIdBeingRespondedTo());
            d.setInt(Tag.Status, VR.US, Status.PROCESSING_FAILURE);
            d.setString(Tag.ErrorComment, VR.LO, "response cannot be encoded");
            turn.leaveWindow();
            svc.sendCommand(pc.id(), CommandSet.encode(d));
            return;
        }
        turn.leaveWindow();
        if (data == null) {
            svc.sendCommand(pc.id(), check);
        } else {
            svc.send(pc.id(), rsp, data);
        }
    }

    private void skipData(DecodedCommand c) throws IOException {
        if (c.dataSetPresent() && reader.inDataSet()) {
            MessageReader.skipRest(reader.dataSet(() -> { }));
        }
    }

    Dataset readDataSet(Message m) throws IOException {
        PresentationContext pc = a.presentationContexts().get(m.presentationContextId());
        InputStream data = reader.dataSet(() -> { });
        InputStream in = new BoundedInputStream(data, DimseService.MAX_IN_MEMORY_DATA_SET);
        DicomReader r = new DicomReader(in, TransferSyntax.of(pc.transferSyntax()),
                ReadLimits.DEFAULT.withMaxValueLength(DimseService.MAX_IN_MEMORY_DATA_SET), 0);
        try {
            Dataset ds = r.readDataset();
            MessageReader.skipRest(data);
            return ds;
        } catch (IOException e) {
            State s = ul.state();
            if (s != State.Sta6 && s != State.Sta8 && s != State.Sta7) {
                throw e;
            }
            svc.fail("undecodable data set: " + e.getMessage());
            return null;
        }
    }

    /** Fails a read past a limit instead of growing without bound. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long max) {
            super(in);
            this.left = max;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                left -= n;
                if (left < 0) {
                    throw new IOException("data set longer than " + DimseService.MAX_IN_MEMORY_DATA_SET + " bytes");
                }
            }
            return n;
        }
    }
}
