package org.dicomsec.ul;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

import org.dicomsec.data.LibraryLog;
import org.dicomsec.ul.fsm.Action;
import org.dicomsec.ul.fsm.ActionHandler;
import org.dicomsec.ul.fsm.Event;
import org.dicomsec.ul.fsm.Role;
import org.dicomsec.ul.fsm.State;
import org.dicomsec.ul.fsm.StateMachine;
import org.dicomsec.ul.fsm.Transition;
import org.dicomsec.ul.pdu.AAbort;
import org.dicomsec.ul.pdu.AAssociateAc;
import org.dicomsec.ul.pdu.AAssociateRj;
import org.dicomsec.ul.pdu.AAssociateRq;
import org.dicomsec.ul.pdu.AReleaseRp;
import org.dicomsec.ul.pdu.AReleaseRq;
import org.dicomsec.ul.pdu.PDataWriter;
import org.dicomsec.ul.pdu.Pdu;
import org.dicomsec.ul.pdu.PduDecodeException;
import org.dicomsec.ul.pdu.PduDecoder;
import org.dicomsec.ul.pdu.PduEncoder;
import org.dicomsec.ul.pdu.PduReader;
import org.dicomsec.ul.pdu.PduType;
import org.dicomsec.ul.pdu.PduTruncatedException;
import org.dicomsec.ul.transport.TransportConnection;
import org.dicomsec.ul.transport.TransportConnector;
import org.dicomsec.ul.transport.TransportIntegrityException;

/**
 * The Upper Layer service-provider of one association: drives the PS3.8 state machine
 * ({@link StateMachine}, table 9-10) and performs its actions on a transport connection. Every
 * PDU read becomes an event (Evt3, 4, 6, 10, 12, 13, 16, or Evt19 when it cannot be decoded),
 * the end of the stream or a transport error Evt17, ARTIM expiry Evt18, and every local
 * primitive an event too; nothing changes state outside the table.
 *
 * <p>Reading is done by one thread at a time ({@link DimseService} hands the reader role over);
 * event payloads are typed ({@link UlPayload}); writing is
 * done under the machine's lock, so PDUs leave in the order of the state changes. P-DATA-TF PDUs
 * are written from one reusable {@link PDataWriter} buffer per association.
 */
final class UpperLayer implements ActionHandler<UlPayload> {
    private static final Logger LOG = LibraryLog.logger(UpperLayer.class);

    private final Role role;
    private final StateMachine<UlPayload> fsm;
    private final UlPayload.PdvSend pdv = new UlPayload.PdvSend();
    private final AssociationSettings settings;
    private final PduEncoder encoder = new PduEncoder();
    private final Object closeLock = new Object();
    /** This connection's warnings, a few per 10 s: a flood of invalid PDUs must not flood the log. */
    private final org.dicomsec.ul.transport.RateLimitedLog warn = org.dicomsec.ul.transport.RateLimitedLog.perConnection(LOG);

    private TransportConnector connector;
    private InetSocketAddress remote;
    private volatile TransportConnection conn;
    private CountingInputStream in;
    private OutputStream out;
    private PduReader reader;
    private PDataWriter pdataWriter;
    private boolean transportClosed;

    private volatile AAssociateRq receivedRq;
    private volatile AAssociateAc receivedAc;
    private volatile AAssociateRj receivedRj;
    private volatile AssociationAbortedException abort;
    private volatile boolean released;
    private volatile String name = "association";

    UpperLayer(Role role, AssociationSettings settings) {
        this.role = role;
        this.settings = settings;
        this.fsm = new StateMachine<>(role, this, settings.artimTimeout(), System::nanoTime);
    }

    /** For the requestor: AE-1 connects with these. */
    void connectWith(TransportConnector connector, InetSocketAddress remote) {
        this.connector = connector;
        this.remote = remote;
    }

    /** Attaches an open transport connection (the acceptor's, or the requestor's after connect). */
    void attach(TransportConnection c) throws IOException {
        this.conn = c;
        this.in = new CountingInputStream(c.input());
        this.out = c.output();
        this.reader = new PduReader(in, new PduDecoder(settings.maxPduLength(),
                PduDecoder.DEFAULT_MAX_ASSOCIATE_PDU_LENGTH));
        this.name = c.localAddress() + (role == Role.REQUESTOR ? " -> " : " <- ") + c.remoteAddress();
    }

    TransportConnection connection() {
        return conn;
    }

    Role role() {
        return role;
    }

    AssociationSettings settings() {
        return settings;
    }

    /** The PDU reader (the thread holding the reader role only). */
    PduReader pduReader() {
        return reader;
    }

    /** The A-ASSOCIATE-RQ received (AE-6), or null. */
    AAssociateRq receivedRq() {
        return receivedRq;
    }

    /** The A-ASSOCIATE-AC received (AE-3), or null. */
    AAssociateAc receivedAc() {
        return receivedAc;
    }

    /** The A-ASSOCIATE-RJ received (AE-4), or null. */
    AAssociateRj receivedRj() {
        return receivedRj;
    }

    /** The association's name in logs: addresses, then AE titles once known. */
    String name() {
        return name;
    }

    void name(String n) {
        this.name = n;
    }

    /** Sizes the P-DATA-TF writer from the peer's Maximum Length (PS3.8 D.1), once negotiated. */
    void peerMaxLength(long peerMax) {
        long max = peerMax != 0 && peerMax < 7 ? 7 : peerMax;
        int cap = settings.maxSendPayload();
        if (conn != null && conn.recordPayloadSize() > 0) {
            // keep whole PDUs within a few transport records where the transport has records
            cap = Math.min(cap, Math.max(1024, conn.recordPayloadSize() * 4 - PDataWriter.PREFIX_LENGTH));
        }
        this.pdataWriter = new PDataWriter(max, cap);
    }

    PDataWriter pdataWriter() {
        return pdataWriter;
    }

    State state() {
        return fsm.state();
    }

    boolean isReleased() {
        return released;
    }

    void markReleased() {
        released = true;
    }

    /** The abort that ended the association, or null. */
    AssociationAbortedException abortCause() {
        return abort;
    }

    /** The exception to throw to a user whose operation found the association ended. */
    IOException endedException() {
        AssociationAbortedException a = abort;
        if (a != null) {
            return a;
        }
        return new IOException(name + ": association " + (released ? "released" : "closed"));
    }

    // ------------------------------------------------------------------ events

    /**
     * Feeds an event to the machine. If the action's I/O fails, the transport is gone: that is
     * Evt17 (transport connection closed), fed at once.
     */
    Transition fire(Event event, UlPayload payload) {
        try {
            return fsm.handle(event, payload);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "{0}: {1} failed: {2}", name, event, e.getMessage());
            return transportClosed(e);
        }
    }

    /** An event without payload. */
    Transition fire(Event event) {
        return fire(event, UlPayload.None.INSTANCE);
    }

    /** An event with a PDU (received, or handed over to be sent). */
    Transition fire(Event event, Pdu pdu) {
        return fire(event, new UlPayload.Received(pdu));
    }

    private Transition transportClosed(IOException e) {
        try {
            return fsm.handle(Event.Evt17, new UlPayload.TransportClosed(e));
        } catch (IOException again) {
            closeTransport(true);
            return new Transition(fsm.state(), Event.Evt17, null, fsm.state());
        }
    }

    /** A local A-ABORT request (Evt15) for a local reason, e.g. a timeout or a DIMSE protocol error. */
    Transition localAbort(String why) {
        warn.log(Level.WARNING, "{0}: aborting: {1}", name, why);
        recordAbort(new AssociationAbortedException(AssociationAbortedException.Kind.LOCAL_ABORT,
                AAbort.SOURCE_SERVICE_USER, AAbort.REASON_NOT_SPECIFIED, why, null));
        return fire(Event.Evt15);
    }

    /**
     * A protocol error found in a P-DATA-TF PDU's PDVs (PS3.8 9.3.5 and Annex E): treated as an
     * invalid PDU (Evt19), which table 9-10 answers with AA-8 (A-ABORT, service-provider source,
     * this reason) in the data transfer states.
     */
    Transition pdvError(String what, int reason) {
        return invalidPdu(new PduDecodeException(what, PduType.P_DATA_TF, -1, reason));
    }

    private Transition invalidPdu(PduDecodeException e) {
        warn.log(Level.WARNING, "{0}: invalid PDU, A-ABORT reason {1} ({2}): {3}", name, e.abortReason(),
                AAbort.reasonName(e.abortReason()), e.getMessage());
        return fire(Event.Evt19, new UlPayload.InvalidPdu(e));
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads the next PDU header and feeds its event to the machine. For a P-DATA-TF PDU the body
     * is left for {@link PduReader#nextPdv()}; every other PDU is read whole first. A read that
     * times out fires Evt18 when ARTIM has expired; outside Sta2 and Sta13 (no ARTIM) a timeout
     * is the association's own: an A-ABORT request (Evt15).
     *
     * @param timeoutMillis the read timeout outside the ARTIM states, 0 for none
     */
    Transition nextPdu(int timeoutMillis) {
        if (fsm.state() == State.Sta1) {
            return new Transition(State.Sta1, Event.Evt17, null, State.Sta1);
        }
        long before = in.count;
        int type;
        try {
            conn.setReadTimeout(fsm.soTimeoutMillis(fsm.isArtimRunning() ? 0 : timeoutMillis));
            type = reader.readHeader();
        } catch (SocketTimeoutException e) {
            return timedOut(in.count != before);
        } catch (PduDecodeException e) {
            return invalidPdu(e);
        } catch (IOException e) {
            return readFailed(e);
        }
        if (type == PduType.P_DATA_TF) {
            return fire(Event.Evt10);
        }
        Pdu pdu;
        try {
            pdu = reader.readBody();
        } catch (SocketTimeoutException e) {
            return timedOut(true);
        } catch (PduDecodeException e) {
            return invalidPdu(e);
        } catch (IOException e) {
            return readFailed(e);
        }
        LOG.log(Level.DEBUG, "{0}: received {1}", name, pdu);
        return fire(eventOf(type), pdu);
    }

    Transition timedOut(boolean midPdu) {
        try {
            if (fsm.onTimeout()) {
                LOG.log(Level.INFO, "{0}: ARTIM expired in {1}, transport closed", name, fsm.state());
                return new Transition(fsm.state(), Event.Evt18, Action.AA_2, fsm.state());
            }
        } catch (IOException e) {
            return transportClosed(e);
        }
        if (fsm.isArtimRunning()) {
            // a timeout shorter than ARTIM's deadline: keep waiting for ARTIM
            return new Transition(fsm.state(), Event.Evt18, null, fsm.state());
        }
        return localAbort(midPdu ? "peer stopped sending in the middle of a PDU (read timeout)"
                : "no PDU from the peer within the timeout");
    }

    Transition readFailed(IOException e) {
        if (e instanceof TransportIntegrityException) {
            warn.log(Level.WARNING, "{0}: {1}: A-P-ABORT, provider reason {2}", name, e.getMessage(),
                    TransportIntegrityException.PROVIDER_REASON);
        } else {
            LOG.log(Level.DEBUG, "{0}: transport closed: {1}", name, e.getMessage());
        }
        return transportClosed(e);
    }

    private static Event eventOf(int pduType) {
        return switch (pduType) {
            case PduType.A_ASSOCIATE_RQ -> Event.Evt6;
            case PduType.A_ASSOCIATE_AC -> Event.Evt3;
            case PduType.A_ASSOCIATE_RJ -> Event.Evt4;
            case PduType.P_DATA_TF -> Event.Evt10;
            case PduType.A_RELEASE_RQ -> Event.Evt12;
            case PduType.A_RELEASE_RP -> Event.Evt13;
            case PduType.A_ABORT -> Event.Evt16;
            default -> Event.Evt19;
        };
    }

    /**
     * In Sta13 the association no longer exists: waits for the peer to close the transport
     * (Evt17, AR-5) or ARTIM to expire (Evt18, AA-2), reading and ignoring what still arrives
     * (AA-6, AA-7). Returns in Sta1 with the transport closed. Any other state: returns at once.
     */
    void awaitClose() {
        while (fsm.state() == State.Sta13) {
            nextPdu(0);
        }
        if (fsm.state() == State.Sta1) {
            closeTransport(false);
        }
    }

    // ------------------------------------------------------------------ writing

    /** Sends one P-DATA-TF PDU of the prepared PDV through the machine (Evt9: DT-1 or AR-7). */
    void sendPdv(int pcid, boolean command, boolean last, int length, boolean flush) throws IOException {
        // called under the association's send lock only: the one PdvSend is reused
        Transition t = fire(Event.Evt9, pdv.set(pcid, command, last, length, flush));
        if (!t.isDefined() || fsm.state() == State.Sta1 || fsm.state() == State.Sta13) {
            throw endedException();
        }
    }

    /** Why the transport connection ended in {@code state}: the transport's words, or the peer's close. */
    private String closedWhy(State state, IOException cause) {
        boolean clean = cause == null || cause instanceof PduTruncatedException p && p.atPduBoundary();
        if (state == State.Sta5 && (clean || cause instanceof java.net.SocketException)) {
            // a requestor's first PDU met a close or a reset: a listener of another transport (DCMTK's
            // storescp with TLS resets), or one that takes no one from here
            return "the peer closed the transport connection without answering the A-ASSOCIATE-RQ"
                    + (clean ? "" : " (" + cause.getMessage() + ")")
                    + (overPlainTcp() ? "; does it expect TLS or ISCL on this port?" : "");
        }
        if (!clean) {
            return "transport connection closed in " + state + (cause.getMessage() != null ? ": " + cause.getMessage() : "");
        }
        return "the peer closed the transport connection in " + state;
    }

    /** True when the transport is plain TCP: a peer may expect TLS or ISCL there. */
    private boolean overPlainTcp() {
        TransportConnection c = conn;
        return c == null || !c.security().secure();
    }

    private void send(Pdu pdu) throws IOException {
        LOG.log(Level.DEBUG, "{0}: sending {1}", name, pdu);
        encoder.write(pdu, out);
        out.flush();
    }

    // ------------------------------------------------------------------ actions (PS3.8 9.2.2)

    @Override
    public boolean isAcceptableByServiceProvider(UlPayload associateRq) {
        // PS3.8 9.3.2: protocol version 1 is bit 0 of the Protocol-version field
        return associateRq instanceof UlPayload.Received r && r.pdu() instanceof AAssociateRq rq
                && (rq.protocolVersion() & AAssociateRq.PROTOCOL_VERSION_1) != 0;
    }

    /**
     * The PDU an action needs from its event. Table 9-10 decides which event leads to which
     * action, and {@link #nextPdu} maps each PDU type to its event, so a mismatch is a bug here,
     * never the peer's doing.
     */
    private static <T extends Pdu> T pdu(Transition t, UlPayload p, Class<T> type) {
        if (p instanceof UlPayload.Received r && type.isInstance(r.pdu())) {
            return type.cast(r.pdu());
        }
        throw new IllegalStateException(t.action() + " needs a " + type.getSimpleName() + ", got " + p);
    }

    @Override
    public void perform(Transition t, UlPayload p) throws IOException {
        switch (t.action()) {
            case AE_1 -> {
                attach(connector.connect(remote, settings.connectTimeoutMillis()));
                fsm.handle(Event.Evt2, p); // the A-ASSOCIATE-RQ goes on to AE-2
            }
            case AE_2 -> send(pdu(t, p, AAssociateRq.class));
            case AE_3 -> receivedAc = pdu(t, p, AAssociateAc.class);
            case AE_4 -> {
                receivedRj = pdu(t, p, AAssociateRj.class);
                closeTransport(false);
            }
            case AE_5 -> {
                // transport connection accepted: ARTIM started by the machine
            }
            case AE_6 -> {
                receivedRq = pdu(t, p, AAssociateRq.class);
                if (t.to() == State.Sta13) {
                    // AE-6 reject branch: the service-provider cannot take this protocol version
                    send(new AAssociateRj(AAssociateRj.RESULT_REJECTED_PERMANENT,
                            AAssociateRj.SOURCE_SERVICE_PROVIDER_ACSE, AAssociateRj.REASON_PROTOCOL_VERSION_NOT_SUPPORTED));
                }
            }
            case AE_7 -> send(pdu(t, p, AAssociateAc.class));
            case AE_8 -> send(pdu(t, p, AAssociateRj.class));
            case DT_1, AR_7 -> {
                UlPayload.PdvSend s = (UlPayload.PdvSend) p; // Evt9 carries nothing else
                pdataWriter.write(out, s.presentationContextId, s.command, s.last, s.length);
                if (s.flush) {
                    out.flush();
                }
            }
            case DT_2, AR_2, AR_6, AR_8, AA_6 -> {
                // indications: the reader's caller acts on the transition
            }
            case AR_1 -> send(AReleaseRq.INSTANCE);
            case AR_3 -> {
                released = true;
                closeTransport(false);
            }
            case AR_4 -> {
                released = true;
                send(AReleaseRp.INSTANCE);
            }
            case AR_9 -> send(AReleaseRp.INSTANCE);
            case AR_10 -> released = true;
            case AR_5, AA_2, AA_5 -> closeTransport(false);
            case AA_1 -> send(AAbort.serviceUser());
            case AA_3 -> {
                AAbort a = pdu(t, p, AAbort.class);
                boolean user = a.source() == AAbort.SOURCE_SERVICE_USER;
                LOG.log(Level.INFO, "{0}: {1} received: {2}", name, user ? "A-ABORT" : "A-P-ABORT", a);
                recordAbort(new AssociationAbortedException(user ? AssociationAbortedException.Kind.A_ABORT
                        : AssociationAbortedException.Kind.A_P_ABORT, a.source(), a.reason(), "from the peer", null));
                closeTransport(false);
            }
            case AA_4 -> {
                IOException cause = p instanceof UlPayload.TransportClosed c ? c.cause() : null;
                int reason = cause instanceof TransportIntegrityException ? TransportIntegrityException.PROVIDER_REASON
                        : AAbort.REASON_NOT_SPECIFIED;
                recordAbort(new AssociationAbortedException(AssociationAbortedException.Kind.A_P_ABORT, -1, reason,
                        closedWhy(t.from(), cause), cause));
                closeTransport(true);
            }
            case AA_7 -> send(abortFor(p));
            case AA_8 -> {
                AAbort a = abortFor(p);
                String why;
                Throwable cause = null;
                if (p instanceof UlPayload.InvalidPdu bad) {
                    why = bad.error().getMessage();
                    cause = bad.error();
                } else if (p instanceof UlPayload.Received r) {
                    why = "unexpected " + PduType.name(r.pdu().pduType()) + " in " + t.from();
                } else {
                    why = "unexpected PDU in " + t.from();
                }
                if (t.from() == State.Sta5 && p instanceof UlPayload.InvalidPdu && overPlainTcp()) {
                    // the answer to the A-ASSOCIATE-RQ is no PDU at all: e.g. an ISCL responder's LINE-CONNECT-RJ
                    why += "; the answer to the A-ASSOCIATE-RQ is not DICOM: does the peer expect TLS or ISCL on this port?";
                }
                recordAbort(new AssociationAbortedException(AssociationAbortedException.Kind.A_P_ABORT, a.source(),
                        a.reason(), why, cause));
                send(a);
            }
            default -> throw new IllegalStateException("unhandled action " + t.action());
        }
    }

    /** The A-ABORT to send for an invalid or unexpected PDU (PS3.8 table 9-26). */
    private static AAbort abortFor(UlPayload p) {
        if (p instanceof UlPayload.InvalidPdu bad) {
            return bad.error().toAbort();
        }
        return AAbort.serviceProvider(AAbort.REASON_UNEXPECTED_PDU);
    }

    private void recordAbort(AssociationAbortedException e) {
        if (abort == null) {
            abort = e;
        }
    }

    /** Closes the transport once (graceful close, or an immediate drop); never throws. */
    void closeTransport(boolean drop) {
        synchronized (closeLock) {
            if (transportClosed || conn == null) {
                return;
            }
            transportClosed = true;
        }
        if (drop) {
            conn.abort();
        } else {
            try {
                conn.close();
            } catch (IOException e) {
                conn.abort();
            }
        }
    }
}
