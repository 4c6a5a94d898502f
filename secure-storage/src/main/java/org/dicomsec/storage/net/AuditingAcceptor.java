package org.dicomsec.storage.net;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.storage.audit.AuditEvents;
import org.dicomsec.storage.audit.AuditMessage;
import org.dicomsec.storage.audit.AuditTrail;
import org.dicomsec.ul.transport.ForwardingTransportConnection;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.PendingConnection;
import org.dicomsec.ul.transport.ForwardingTransportAcceptor;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnection;
import org.dicomsec.ul.transport.TransportIntegrityException;

/**
 * A transport acceptor that writes the audit record of every association
 * attempt (PS3.15 A.5 of later editions: "association accepted / refused with
 * the peer identity") and restricts remote access:
 * <ul>
 * <li>a transport handshake that fails (untrusted certificate, unknown ISCL
 * entity, wrong key) is audited as refused with the reason;</li>
 * <li>an authenticated connection the {@code admission} check refuses (e.g. a
 * peer the {@link org.dicomsec.storage.PeerPolicy} does not confirm, when the
 * SCP is configured to accept only conforming peers) is dropped before any
 * DICOM byte and audited as refused;</li>
 * <li>the association's outcome is read from the first PDU this side sends:
 * A-ASSOCIATE-AC (PDU type 02H) is audited as accepted, A-ASSOCIATE-RJ (03H)
 * as refused with its result, source and reason (PS3.8 9.3.4, table 9-21);
 * the calling AE title is read from bytes 27-42 of the peer's
 * A-ASSOCIATE-RQ (PS3.8 table 9-11);</li>
 * <li>a {@link TransportIntegrityException} read from the connection (TLS
 * bad_record_mac, ISCL MAC mismatch: data altered in transit) is audited as
 * an integrity failure, once per connection.</li>
 * </ul>
 * The byte streams pass through unchanged.
 */
final class AuditingAcceptor extends ForwardingTransportAcceptor {

    private static final System.Logger LOG = LibraryLog.logger(AuditingAcceptor.class);

    /** PS3.8 table 9-11: A-ASSOCIATE-RQ header up to and including the Calling AE Title field. */
    private static final int RQ_HEAD = 42;

    private final AuditTrail audit;
    private final AuditEvents events;
    private final Function<TransportConnection, String> admission;

    /**
     * @param admission returns null to admit an established connection, or why it is refused
     */
    AuditingAcceptor(TransportAcceptor delegate, AuditTrail audit, AuditEvents events,
                     Function<TransportConnection, String> admission) {
        super(delegate);
        this.audit = Objects.requireNonNull(audit, "audit");
        this.events = Objects.requireNonNull(events, "events");
        this.admission = Objects.requireNonNull(admission, "admission");
    }

    @Override
    protected void handshakeFailed(PendingConnection p, IOException e) {
        record(events.associationRefused(new AuditEvents.Peer("", PeerIdentity.NONE, p.remoteAddress()),
                "transport handshake failed: " + e.getMessage()));
    }

    @Override
    protected TransportConnection established(TransportConnection c) throws IOException {
        String refusal = admission.apply(c);
        if (refusal != null) {
            record(events.associationRefused(new AuditEvents.Peer("", c.peer(), c.remoteAddress()),
                    "over " + c.security() + ": " + refusal));
            c.abort();
            throw new IOException("connection from " + c.remoteAddress() + " refused: " + refusal);
        }
        return new Audited(c);
    }

    private void record(AuditMessage m) {
        try {
            audit.record(m);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "audit trail unavailable: {0}", e.getMessage());
        }
    }

    /** A connection whose first incoming and outgoing PDU headers are looked at, once. */
    private final class Audited extends ForwardingTransportConnection {
        private final byte[] rq = new byte[RQ_HEAD];
        private int rqSeen;
        private final byte[] answer = new byte[10];
        private int answerSeen;
        private volatile boolean recorded;
        private boolean integrityRecorded;
        private InputStream in;
        private OutputStream out;

        Audited(TransportConnection c) {
            super(c);
        }

        private synchronized void sawInput(byte[] b, int off, int n) {
            int k = Math.min(n, RQ_HEAD - rqSeen);
            if (k > 0) {
                System.arraycopy(b, off, rq, rqSeen, k);
                rqSeen += k;
            }
        }

        private String callingAeTitle() {
            return rqSeen == RQ_HEAD && rq[0] == 0x01
                    ? new String(rq, 26, 16, StandardCharsets.US_ASCII).strip() : "";
        }

        /** PS3.15 B.1/B.2: the transport dropped the connection on an integrity failure (A-P-ABORT). */
        private synchronized void integrityFailure(TransportIntegrityException e) {
            if (!integrityRecorded) {
                integrityRecorded = true;
                record(events.integrityFailure(new AuditEvents.Peer(callingAeTitle(), delegate.peer(), delegate.remoteAddress()),
                        null, "transport integrity check failed over " + delegate.security() + "; connection dropped,"
                                + " A-P-ABORT provider reason " + TransportIntegrityException.PROVIDER_REASON
                                + ": " + e.getMessage()));
            }
        }

        private synchronized void sawOutput(byte[] b, int off, int n) {
            if (recorded) {
                return;
            }
            int k = Math.min(n, answer.length - answerSeen);
            System.arraycopy(b, off, answer, answerSeen, k);
            answerSeen += k;
            if (answerSeen == answer.length) {
                recorded = true;
                AuditEvents.Peer peer = new AuditEvents.Peer(callingAeTitle(), delegate.peer(), delegate.remoteAddress());
                if (answer[0] == 0x02) {
                    record(events.associationAccepted(peer, delegate.security()));
                } else if (answer[0] == 0x03) {
                    record(events.associationRefused(peer, String.format(
                            "A-ASSOCIATE-RJ result %d, source %d, reason %d (PS3.8 table 9-21) over %s",
                            answer[7] & 0xFF, answer[8] & 0xFF, answer[9] & 0xFF, delegate.security())));
                }
            }
        }

        @Override
        public synchronized InputStream input() throws IOException {
            if (in == null) {
                in = new FilterInputStream(delegate.input()) {
                    @Override
                    public int read() throws IOException {
                        byte[] one = new byte[1];
                        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n;
                        try {
                            n = super.read(b, off, len);
                        } catch (TransportIntegrityException e) {
                            integrityFailure(e);
                            throw e;
                        }
                        if (n > 0 && rqSeen < RQ_HEAD) {
                            sawInput(b, off, n);
                        }
                        return n;
                    }
                };
            }
            return in;
        }

        @Override
        public synchronized OutputStream output() throws IOException {
            if (out == null) {
                out = new FilterOutputStream(delegate.output()) {
                    @Override
                    public void write(int b) throws IOException {
                        sawOutput(new byte[] {(byte) b}, 0, 1);
                        out.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        if (!recorded) {
                            sawOutput(b, off, len);
                        }
                        out.write(b, off, len);
                    }
                };
            }
            return out;
        }
    }
}
