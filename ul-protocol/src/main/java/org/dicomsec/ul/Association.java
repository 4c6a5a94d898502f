package org.dicomsec.ul;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.data.SopClassNames;
import org.dicomsec.data.TransferSyntaxNames;
import org.dicomsec.data.UID;
import org.dicomsec.ul.dimse.CEchoRq;
import org.dicomsec.ul.dimse.CEchoRsp;
import org.dicomsec.ul.dimse.CStoreRq;
import org.dicomsec.ul.dimse.CStoreRsp;
import org.dicomsec.ul.dimse.NActionRq;
import org.dicomsec.ul.dimse.NActionRsp;
import org.dicomsec.ul.dimse.NEventReportRq;
import org.dicomsec.ul.dimse.NEventReportRsp;
import org.dicomsec.ul.fsm.Action;
import org.dicomsec.ul.fsm.Event;
import org.dicomsec.ul.fsm.Role;
import org.dicomsec.ul.fsm.State;
import org.dicomsec.ul.fsm.Transition;
import org.dicomsec.ul.pdu.AAssociateAc;
import org.dicomsec.ul.pdu.AAssociateRj;
import org.dicomsec.ul.pdu.AAssociateRq;
import org.dicomsec.ul.pdu.AsynchronousOperationsWindow;
import org.dicomsec.ul.pdu.UserInformationItem;
import org.dicomsec.ul.pdu.UserInformationSubItem;
import org.dicomsec.ul.pdu.PresentationContextAcItem;
import org.dicomsec.ul.pdu.PresentationContextRqItem;
import org.dicomsec.ul.pdu.TransferSyntaxSubItem;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.SecurityDescription;
import org.dicomsec.ul.transport.TransportConnection;
import org.dicomsec.ul.transport.TransportConnector;

/**
 * A DICOM association (PS3.8 7.1 to 7.4, PS3.7 7): established by {@link #request} (the
 * requestor) or {@link #accept} (the acceptor), it sends DIMSE requests and blocks for their
 * responses ({@link #cecho()}, {@link #cstore}, {@link #naction}, {@link #neventReport}), serves
 * the peer's requests with its {@link DimseHandlers} ({@link #serve()}, and while waiting for a
 * response), and ends by {@link #release()} or {@link #abort()}. Every step goes through the
 * PS3.8 state machine.
 *
 * <p>Threads: no thread is started (concurrent C-STOREs of an SCP run on the executor the caller
 * gives {@link DimseHandlers.Builder#concurrentStores}). The thread that waits for something
 * reads the transport, one at a time, handed over on a signal (see {@code DimseService}); a
 * thread calling a request while another runs {@link #serve()} gets its response through it.
 * Requests of this side outstanding at once: the negotiated Asynchronous Operations Window
 * (PS3.7 D.3.3.3; {@link #cstoreAsync}), 1 without negotiation; Message IDs are unique among the
 * outstanding ones.
 */
public final class Association implements Closeable {
    private static final Logger LOG = LibraryLog.logger(Association.class);

    private final UpperLayer ul;
    private final MessageReader reader;
    private final AAssociateRq rq;
    private final AAssociateAc ac;
    private final Map<Integer, PresentationContext> contexts;
    final DimseService dimse; // package-private for ReleaseAbortTest only

    private Association(UpperLayer ul, AAssociateRq rq, AAssociateAc ac, Map<Integer, PresentationContext> contexts,
                        DimseHandlers handlers) {
        this.ul = ul;
        this.rq = rq;
        this.ac = ac;
        this.contexts = Collections.unmodifiableMap(contexts);
        this.reader = new MessageReader(ul, id -> {
            PresentationContext pc = this.contexts.get(id);
            return pc != null && pc.accepted();
        });
        AsynchronousOperationsWindow rqw = rq.userInformation().asynchronousOperationsWindow().orElse(null);
        AsynchronousOperationsWindow acw = ac.userInformation().asynchronousOperationsWindow().orElse(null);
        int invoke = 1;
        int perform = 1;
        if (rqw != null && acw != null) {
            // PS3.7 D.3.3.3: the RQ's "invoked" is answered by the AC's "performed" and the other way round
            int requestorInvokes = Math.min(window(rqw.maxOperationsInvoked()), window(acw.maxOperationsPerformed()));
            int acceptorInvokes = Math.min(window(rqw.maxOperationsPerformed()), window(acw.maxOperationsInvoked()));
            invoke = ul.role() == Role.REQUESTOR ? requestorInvokes : acceptorInvokes;
            perform = ul.role() == Role.REQUESTOR ? acceptorInvokes : requestorInvokes;
        }
        this.dimse = new DimseService(this, ul, reader, handlers, invoke, perform, handlers.executor());
        long peerMax = (ul.role() == Role.REQUESTOR ? ac.userInformation() : rq.userInformation())
                .maximumLength().orElse(0);
        ul.peerMaxLength(peerMax);
        ul.name(ul.name() + " " + rq.callingAeTitle() + "->" + rq.calledAeTitle());
    }

    /** A window value as used: 0 ("unlimited", PS3.7 D.3.3.3) and anything larger capped at {@link DimseService#MAX_WINDOW}. */
    private static int window(int v) {
        return v == 0 ? DimseService.MAX_WINDOW : Math.min(v, DimseService.MAX_WINDOW);
    }

    /**
     * The acceptor's answer to a proposed Asynchronous Operations Window (PS3.7 D.3.3.3): it
     * invokes one request at a time itself and performs as many of the requestor's at once as
     * the handlers allow, never more than proposed. Without a proposal the AC carries no sub-item
     * (1/1). Replaces whatever window sub-item the policy put in.
     */
    static AAssociateAc answerWindow(AAssociateRq rq, AAssociateAc ac, DimseHandlers handlers) {
        AsynchronousOperationsWindow proposed = rq.userInformation().asynchronousOperationsWindow().orElse(null);
        List<UserInformationSubItem> items = new ArrayList<>();
        for (UserInformationSubItem i : ac.userInformation().subItems()) {
            if (!(i instanceof AsynchronousOperationsWindow)) {
                items.add(i);
            }
        }
        if (proposed != null) {
            int perform = handlers.executor() == null ? 1
                    : Math.min(window(proposed.maxOperationsInvoked()), handlers.maxConcurrentStores());
            items.add(new AsynchronousOperationsWindow(1, perform));
        }
        return new AAssociateAc(ac.protocolVersion(), ac.calledAeTitle(), ac.callingAeTitle(), ac.applicationContext(),
                ac.presentationContexts(), new UserInformationItem(items), ac.unknownItems());
    }

    // ------------------------------------------------------------------ establishment

    /** Requests an association with no handlers for the peer's requests (C-ECHO is always served). */
    public static Association request(TransportConnector connector, InetSocketAddress remote, AssociationRequest request)
            throws IOException {
        return request(connector, remote, request, DimseHandlers.NONE);
    }

    /**
     * Requests an association (PS3.8 7.1): connects through {@code connector} (Evt1, AE-1),
     * sends the A-ASSOCIATE-RQ (AE-2) and waits for the answer.
     *
     * @throws AssociationRejectedException an A-ASSOCIATE-RJ arrived (its result, source and reason inside)
     * @throws AssociationAbortedException  the peer aborted, or sent something unexpected
     * @throws IOException                  the transport could not be opened
     */
    public static Association request(TransportConnector connector, InetSocketAddress remote,
                                      AssociationRequest request, DimseHandlers handlers) throws IOException {
        UpperLayer ul = new UpperLayer(Role.REQUESTOR, request.settings());
        ul.connectWith(connector, remote);
        AAssociateRq rq = request.toPdu();
        ul.fire(Event.Evt1, rq);
        if (ul.state() != State.Sta5) {
            AssociationAbortedException a = ul.abortCause();
            Throwable cause = a != null && a.getCause() != null ? a.getCause() : a;
            ul.closeTransport(true);
            String where = remote.getHostString() + ":" + remote.getPort();
            String why = cause == null ? null : cause.getMessage();
            // the peer named once: the transport's own message ("cannot connect to HOST:PORT: ...") often names it
            throw new IOException("cannot open a transport connection" + (why != null && why.contains(where) ? ""
                    : " to " + where) + (why == null ? "" : ": " + why), cause);
        }
        while (true) {
            Transition t = ul.nextPdu(request.settings().dimseTimeoutMillis());
            if (t.action() == Action.AE_3) {
                AAssociateAc ac = ul.receivedAc();
                Association a = new Association(ul, rq, ac, requestorContexts(rq, ac), handlers);
                LOG.log(Level.DEBUG, "{0}: established, {1}", ul.name(), a.contexts.values());
                return a;
            }
            if (t.action() == Action.AE_4) {
                throw new AssociationRejectedException("association rejected by " + remote.getHostString() + ":"
                        + remote.getPort(), ul.receivedRj(), rq.calledAeTitle(), rq.callingAeTitle());
            }
            if (ul.state() != State.Sta5) {
                ul.awaitClose();
                ul.closeTransport(true);
                throw ul.endedException();
            }
        }
    }

    private static Map<Integer, PresentationContext> requestorContexts(AAssociateRq rq, AAssociateAc ac) {
        Map<Integer, PresentationContext> m = new LinkedHashMap<>();
        for (PresentationContextRqItem p : rq.presentationContexts()) {
            String as = AcceptorPolicy.norm(p.abstractSyntax().name());
            PresentationContextAcItem r = ac.presentationContext(p.id());
            if (r == null) {
                m.put(p.id(), new PresentationContext(p.id(), as, null, PresentationContextAcItem.RESULT_NO_REASON));
                continue;
            }
            String ts = r.accepted() && r.transferSyntax() != null ? AcceptorPolicy.norm(r.transferSyntax().name()) : null;
            boolean proposed = false;
            for (TransferSyntaxSubItem t : p.transferSyntaxes()) {
                proposed |= AcceptorPolicy.norm(t.name()).equals(ts);
            }
            if (ts != null && !proposed) {
                LOG.log(Level.WARNING, "context {0}: the acceptor chose {1}, which was not proposed; not used", p.id(), ts);
                ts = null;
            }
            m.put(p.id(), new PresentationContext(p.id(), as, ts, ts == null && r.accepted()
                    ? PresentationContextAcItem.RESULT_NO_REASON : r.result()));
        }
        return m;
    }

    /**
     * Accepts an association on an established transport connection (PS3.8 7.1, acceptor side):
     * Evt5 (AE-5, ARTIM started), waits for the A-ASSOCIATE-RQ within ARTIM, asks {@code policy},
     * and sends the A-ASSOCIATE-AC (Evt7, AE-7) or A-ASSOCIATE-RJ (Evt8, AE-8).
     *
     * @throws AssociationRejectedException the request was rejected (the RJ was sent and the connection closed)
     * @throws IOException                  no acceptable A-ASSOCIATE-RQ arrived (aborted, ARTIM, closed)
     */
    public static Association accept(TransportConnection connection, AcceptorPolicy policy, DimseHandlers handlers,
                                     AssociationSettings settings) throws IOException {
        UpperLayer ul = new UpperLayer(Role.ACCEPTOR, settings);
        ul.attach(connection);
        ul.fire(Event.Evt5);
        Transition t;
        do {
            t = ul.nextPdu(0);
        } while (!t.isDefined() && ul.state() == State.Sta2);
        if (t.action() != Action.AE_6 || ul.state() != State.Sta3) {
            ul.awaitClose();
            ul.closeTransport(true);
            if (t.action() == Action.AE_6) {
                throw new AssociationRejectedException("A-ASSOCIATE-RQ with an unsupported protocol version",
                        new AAssociateRj(AAssociateRj.RESULT_REJECTED_PERMANENT,
                                AAssociateRj.SOURCE_SERVICE_PROVIDER_ACSE,
                                AAssociateRj.REASON_PROTOCOL_VERSION_NOT_SUPPORTED));
            }
            throw new IOException(ul.name() + ": no A-ASSOCIATE-RQ (" + t + ")", ul.abortCause());
        }
        AAssociateRq rq = ul.receivedRq();
        AcceptorPolicy.Decision d = policy.decide(rq, settings.maxPduLength());
        if (d.reject() != null) {
            LOG.log(Level.INFO, "{0}: rejecting A-ASSOCIATE-RQ from {1} to {2}: {3}", ul.name(), rq.callingAeTitle(),
                    rq.calledAeTitle(), d.reject());
            ul.fire(Event.Evt8, d.reject());
            ul.awaitClose();
            ul.closeTransport(true);
            throw new AssociationRejectedException("rejected " + rq.callingAeTitle() + " -> " + rq.calledAeTitle(),
                    d.reject());
        }
        AAssociateAc answer = answerWindow(rq, d.accept(), handlers);
        ul.fire(Event.Evt7, answer);
        if (ul.state() != State.Sta6) {
            ul.awaitClose();
            throw ul.endedException();
        }
        Map<Integer, PresentationContext> m = new LinkedHashMap<>();
        for (PresentationContextRqItem p : rq.presentationContexts()) {
            PresentationContextAcItem r = answer.presentationContext(p.id());
            m.put(p.id(), new PresentationContext(p.id(), AcceptorPolicy.norm(p.abstractSyntax().name()),
                    r.accepted() ? r.transferSyntax().name() : null, r.result()));
        }
        Association a = new Association(ul, rq, answer, m, handlers);
        LOG.log(Level.DEBUG, "{0}: accepted, {1}", ul.name(), m.values());
        return a;
    }

    // ------------------------------------------------------------------ negotiated parameters

    /** Which end of the association this side is. */
    public AssociationRole role() {
        return AssociationRole.of(ul.role());
    }

    public String callingAeTitle() {
        return rq.callingAeTitle();
    }

    public String calledAeTitle() {
        return rq.calledAeTitle();
    }

    /** The A-ASSOCIATE-RQ as sent or received. */
    public AAssociateRq associateRq() {
        return rq;
    }

    /** The A-ASSOCIATE-AC as sent or received. */
    public AAssociateAc associateAc() {
        return ac;
    }

    /** Every proposed context with its result, by ID. */
    public Map<Integer, PresentationContext> presentationContexts() {
        return contexts;
    }

    /** The accepted contexts. */
    public List<PresentationContext> acceptedContexts() {
        List<PresentationContext> l = new ArrayList<>();
        for (PresentationContext pc : contexts.values()) {
            if (pc.accepted()) {
                l.add(pc);
            }
        }
        return l;
    }

    /** An accepted context for the abstract syntax, with this transfer syntax (null: any). */
    public Optional<PresentationContext> acceptedContext(String abstractSyntax, String transferSyntax) {
        for (PresentationContext pc : contexts.values()) {
            if (pc.accepted() && pc.abstractSyntax().equals(abstractSyntax)
                    && (transferSyntax == null || pc.transferSyntax().equals(transferSyntax))) {
                return Optional.of(pc);
            }
        }
        return Optional.empty();
    }

    /** The Maximum Length this side announced (PS3.8 D.1; 0 = unlimited). */
    public long localMaxPduLength() {
        return ul.settings().maxPduLength();
    }

    /** The Maximum Length the peer announced (0 = unlimited). */
    public long peerMaxPduLength() {
        return (ul.role() == Role.REQUESTOR ? ac.userInformation() : rq.userInformation()).maximumLength().orElse(0);
    }

    /** The largest PDV payload this side sends in one P-DATA-TF PDU. */
    public int sendPayloadLength() {
        return ul.pdataWriter().maxPayloadLength();
    }

    /** The peer's Implementation Class UID (PS3.7 D.3.3.2), or "". */
    public String peerImplementationClassUid() {
        return (ul.role() == Role.REQUESTOR ? ac.userInformation() : rq.userInformation()).implementationClassUid()
                .orElse("");
    }

    /** The peer's Implementation Version Name, or "". */
    public String peerImplementationVersionName() {
        return (ul.role() == Role.REQUESTOR ? ac.userInformation() : rq.userInformation()).implementationVersionName()
                .orElse("");
    }

    public PeerIdentity peer() {
        return ul.connection().peer();
    }

    public SecurityDescription security() {
        return ul.connection().security();
    }

    public String remoteAddress() {
        return ul.connection().remoteAddress();
    }

    /** The PS3.8 state of the association's protocol machine. */
    public AssociationState state() {
        return AssociationState.of(ul.state());
    }

    /** True while the association can carry messages (Sta6). */
    public boolean isEstablished() {
        return ul.state() == State.Sta6;
    }

    // ------------------------------------------------------------------ DIMSE operations

    /** C-ECHO (Verification, PS3.4 Annex A) on the Verification context. */
    public CEchoRsp cecho() throws IOException {
        PresentationContext pc = acceptedContext(UID.Verification, null)
                .orElseThrow(() -> new IllegalStateException("no accepted Verification context"));
        return dimse.invoke(pc, id -> new CEchoRq(id, UID.Verification), null, CEchoRsp.class).response();
    }

    /** C-STORE with medium priority; see {@link #cstore(String, String, String, int, String, int, InputStream)}. */
    public CStoreRsp cstore(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, InputStream dataSet)
            throws IOException {
        return cstore(sopClassUid, sopInstanceUid, transferSyntaxUid, CStoreRq.MEDIUM, null, 0, dataSet);
    }

    /**
     * C-STORE (PS3.7 9.1.1): sends the data set, read from {@code dataSet} to its end and already
     * encoded in {@code transferSyntaxUid}, on an accepted context for the SOP class and that
     * transfer syntax, and waits for the response.
     *
     * @param moveOriginatorAeTitle   for a C-MOVE sub-operation, else null
     * @param moveOriginatorMessageId for a C-MOVE sub-operation, else 0
     * @throws IllegalStateException no such context was accepted
     */
    public CStoreRsp cstore(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, int priority,
                            String moveOriginatorAeTitle, int moveOriginatorMessageId, InputStream dataSet)
            throws IOException {
        PresentationContext pc = acceptedContext(sopClassUid, transferSyntaxUid)
                .orElseThrow(() -> noContext(sopClassUid, transferSyntaxUid));
        return dimse.invoke(pc, id -> new CStoreRq(id, sopClassUid, sopInstanceUid, priority, moveOriginatorAeTitle,
                moveOriginatorMessageId), out -> out.transferFrom(dataSet), CStoreRsp.class).response();
    }

    /**
     * C-STORE without waiting for the response (PS3.7 D.3.3.3, pipelining): sends the request and
     * its data set, read from {@code dataSet} to its end, and returns once they are on the wire,
     * with a future of the response. While {@link #asynchronousOperationsWindow() the window} is
     * full it first reads responses. Responses complete their futures in whatever order the peer
     * sends them (matched by Message ID Being Responded To), as this or another thread reads:
     * a later call, {@link #awaitResponses()}, {@link #release()}, a thread in {@link #serve()},
     * or {@code get()}/{@code join()} on the returned future, which read until it is done.
     * Dependent stages ({@code thenAccept}, ...) run on the reading thread. With a window of 1
     * (a peer that did not negotiate one) every call waits for the previous response first,
     * which is {@link #cstore} with a future.
     *
     * @throws IllegalStateException no such context was accepted
     * @throws IOException           the request could not be sent (the association is then over)
     */
    public CompletableFuture<CStoreRsp> cstoreAsync(String sopClassUid, String sopInstanceUid,
                                                    String transferSyntaxUid, InputStream dataSet) throws IOException {
        PresentationContext pc = acceptedContext(sopClassUid, transferSyntaxUid)
                .orElseThrow(() -> noContext(sopClassUid, transferSyntaxUid));
        DimseService.Pending p = dimse.start(pc, id -> CStoreRq.of(id, sopClassUid, sopInstanceUid),
                out -> out.transferFrom(dataSet), CStoreRsp.class);
        ResponseFuture<CStoreRsp> f = new ResponseFuture<>(dimse);
        p.result.whenComplete((r, e) -> {
            if (e != null) {
                f.completeExceptionally(e);
            } else {
                f.complete((CStoreRsp) r.response());
            }
        });
        return f;
    }

    /** Waits (reading) until every request of this side has its response; see {@link #cstoreAsync}. */
    public void awaitResponses() throws IOException {
        dimse.awaitOutstanding();
    }

    /**
     * The negotiated Asynchronous Operations Window (PS3.7 D.3.3.3) as this side uses it: how
     * many of its requests may be outstanding at once ({@code maxOperationsInvoked}) and how many
     * of the peer's it performs at once ({@code maxOperationsPerformed}); 1/1 without negotiation.
     */
    public AsynchronousOperationsWindow asynchronousOperationsWindow() {
        return new AsynchronousOperationsWindow(dimse.invokeWindow(), dimse.performWindow());
    }

    /**
     * C-STORE of a DICOM file (PS3.10): SOP class, instance and transfer syntax from its meta
     * information (or its data set when it has none); the data set bytes are sent as they are
     * in the file.
     */
    public CStoreRsp cstore(Path file) throws IOException {
        return DicomFiles.store(this, file);
    }

    /** "no accepted context for 1.2.840.10008.5.1.4.1.1.481.5 (RT Plan Storage) in ...": names as PS3.6 gives them. */
    static IllegalStateException noContext(String sopClassUid, String transferSyntaxUid) {
        return new IllegalStateException("no accepted context for " + contextName(sopClassUid, transferSyntaxUid));
    }

    /**
     * A presentation context for a message: "1.2.840.10008.5.1.4.1.1.481.5 (RT Plan Storage) in
     * 1.2.840.10008.1.2 (Implicit VR Little Endian)"; without the transfer syntax when it is null.
     */
    static String contextName(String sopClassUid, String transferSyntaxUid) {
        return SopClassNames.describe(sopClassUid)
                + (transferSyntaxUid == null ? "" : " in " + TransferSyntaxNames.describe(transferSyntaxUid));
    }

    /** N-ACTION (PS3.7 10.1.4) on an accepted context for the SOP class. */
    public DimseResult<NActionRsp> naction(String sopClassUid, String sopInstanceUid, int actionTypeId,
                                           Dataset actionInformation) throws IOException {
        PresentationContext pc = acceptedContext(sopClassUid, null)
                .orElseThrow(() -> noContext(sopClassUid, null));
        return dimse.invoke(pc, id -> new NActionRq(id, sopClassUid, sopInstanceUid, actionTypeId),
                DimseService.writer(actionInformation, pc), NActionRsp.class);
    }

    /** N-EVENT-REPORT (PS3.7 10.1.1) on an accepted context for the SOP class; either role may send it. */
    public DimseResult<NEventReportRsp> neventReport(String sopClassUid, String sopInstanceUid, int eventTypeId,
                                                     Dataset eventInformation) throws IOException {
        PresentationContext pc = acceptedContext(sopClassUid, null)
                .orElseThrow(() -> noContext(sopClassUid, null));
        return dimse.invoke(pc, id -> new NEventReportRq(id, sopClassUid, sopInstanceUid, eventTypeId),
                DimseService.writer(eventInformation, pc), NEventReportRsp.class);
    }

    /**
     * Serves the peer's requests with the handlers until the association ends. Returns normally
     * after a release (either side's); throws when it was aborted.
     */
    public void serve() throws IOException {
        dimse.serve();
    }

    /**
     * Releases the association (PS3.8 7.2, A-RELEASE; release collisions included) and waits for
     * the confirmation; the transport is closed when it returns.
     */
    public void release() throws IOException {
        dimse.release();
    }

    /** Aborts the association (A-ABORT request, PS3.8 7.3): sends an A-ABORT and closes. Never throws. */
    public void abort() {
        dimse.abort();
    }

    /** Releases if established, else aborts if not yet ended; never throws. */
    @Override
    public void close() {
        if (ul.state() == State.Sta6) {
            try {
                release();
                return;
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "{0}: release failed: {1}", ul.name(), e.getMessage());
            }
        }
        if (ul.state() != State.Sta1) {
            abort();
        }
        ul.closeTransport(true);
    }

    @Override
    public String toString() {
        return "Association[" + ul.name() + ", " + ul.state() + "]";
    }
}
