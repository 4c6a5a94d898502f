package org.dicomsec.storage.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.UID;
import org.dicomsec.storage.PeerPolicy;
import org.dicomsec.storage.TransferContext;
import org.dicomsec.storage.TransferRules;
import org.dicomsec.storage.audit.AuditEvents;
import org.dicomsec.storage.audit.AuditFailure;
import org.dicomsec.storage.audit.AuditTrail;
import org.dicomsec.storage.commitment.CommitmentEvaluator;
import org.dicomsec.storage.commitment.CommitmentResult;
import org.dicomsec.storage.commitment.StorageCommitment;
import org.dicomsec.storage.service.OnlineStorageReceiver;
import org.dicomsec.storage.service.ReceiveOutcome;
import org.dicomsec.storage.ReceiverSettings;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.CStoreHandler;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.PresentationContext;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.net.DicomServer;
import org.dicomsec.ul.transport.TransportAcceptor;

/**
 * The network side of the Online Electronic Storage Secure Use Profile as an
 * SCP (PS3.15 A.1): a {@link DicomServer} serving Verification, Storage of the
 * configured SOP classes through {@link OnlineStorageReceiver} (rules c, d.3,
 * e.4, f.2, g, h: the transfer's facts come from the association's transport
 * connection: {@code SecurityDescription}, {@code PeerIdentity} and the
 * {@link PeerPolicy}), and Storage Commitment Push Model as SCP
 * ({@link CommitmentScp}; rule d.4 through the store's awaiting-commitment flag).
 *
 * <p>Audited: association accepted or refused (with the peer identity and,
 * for a refusal, the reason), each instance received with its status change,
 * integrity failures (transport and data set digest), each commitment result
 * delivered.
 *
 * <p>Threads: the server's acceptor and workers between {@link #start()} and
 * {@link #close()}; N-EVENT-REPORTs are sent from the caller's executor.
 */
public final class OnlineStorageScp implements Closeable {

    private static final System.Logger LOG = LibraryLog.logger(OnlineStorageScp.class);

    private final DicomServer server;
    private final String aeTitle;

    private OnlineStorageScp(Builder b) {
        this.aeTitle = b.aeTitle;
        AuditEvents events = b.events != null ? b.events
                : new AuditEvents(b.aeTitle, null, b.aeTitle, Clock.systemUTC());
        OnlineStorageReceiver receiver = new OnlineStorageReceiver(b.store, b.rules, b.audit, events, b.receiving);
        List<String> ts = List.copyOf(b.transferSyntaxes);
        Set<String> classes = Set.copyOf(b.sopClasses);
        CommitmentEvaluator evaluator = new CommitmentEvaluator(b.store,
                b.anySopClass ? c -> true : classes::contains);
        CommitmentScp commitment = new CommitmentScp(evaluator, b.aeTitle, b.remotes, b.executor, b.settings,
                b.audit, events, b.onDelivered, b.reportOnNewAssociation);

        AcceptorPolicy.Builder pb = AcceptorPolicy.builder().calledAeTitles(b.aeTitle)
                .abstractSyntax(UID.Verification, StorageSopClasses.COMMAND_TRANSFER_SYNTAXES.toArray(new String[0]))
                .abstractSyntax(StorageCommitment.SOP_CLASS_UID,
                        StorageSopClasses.COMMAND_TRANSFER_SYNTAXES.toArray(new String[0]))
                // PS3.7 D.3.3.4: a Storage Commitment SCP reporting on a new association (Orthanc) proposes
                // the SCP role for itself; answered as proposed instead of 0/0
                .scpRole(StorageCommitment.SOP_CLASS_UID);
        if (!b.callingAeTitles.isEmpty()) {
            pb.callingAeTitles(b.callingAeTitles.toArray(new String[0]));
        }
        for (String c : classes) {
            pb.abstractSyntax(c, ts.toArray(new String[0]));
        }
        if (b.anySopClass) {
            pb.anyAbstractSyntax(ts.toArray(new String[0]));
        }
        PeerPolicy policy = b.peerPolicy;
        UnaryOperator<InputStream> filter = b.aboveTheTransport;
        DimseHandlers.Builder hb = DimseHandlers.builder()
                .cstore((CStoreHandler.Staged) (assoc, pc, rq, dataSet) -> stage(receiver, policy, filter, assoc, pc,
                        rq.affectedSopClassUid(), rq.affectedSopInstanceUid(), dataSet))
                .naction(StorageCommitment.SOP_CLASS_UID, commitment);
        if (b.storeWindow > 1) {
            hb.concurrentStores(b.storeWindow, b.storeExecutor);
        }
        DimseHandlers handlers = hb.build();
        boolean onlyConforming = b.onlyConformingPeers;
        AuditingAcceptor acceptor = new AuditingAcceptor(b.acceptor, b.audit, events, c -> {
            if (!onlyConforming) {
                return null;
            }
            PeerPolicy.Verdict v = policy.evaluate(c.peer());
            if (!c.security().secure()) {
                return "not a Secure Transport Connection; this SCP accepts only peers supporting the profile";
            }
            return v.conforms() ? null : v.reason();
        });
        DicomServer.Builder sb = DicomServer.builder(acceptor).policy(pb.build()).handlers(handlers)
                .settings(b.settings).workers(b.workers);
        b.server.accept(sb);
        this.server = sb.build();
    }

    /**
     * The data set read on the association's reading thread; with a window ({@link
     * Builder#storeWindow}) the commit runs on the store executor (CStoreHandler.Staged).
     */
    private static CStoreHandler.Completion stage(OnlineStorageReceiver receiver, PeerPolicy policy,
                                                  UnaryOperator<InputStream> filter, Association assoc,
                                                  PresentationContext pc, String affectedClass,
                                                  String affectedInstance, InputStream dataSet) throws IOException {
        TransferContext ctx = TransferContext.of(assoc.security(), assoc.peer(), policy);
        AuditEvents.Peer peer = new AuditEvents.Peer(assoc.callingAeTitle(), assoc.peer(), assoc.remoteAddress());
        // a transport integrity failure surfaces as an IOException (A-P-ABORT): the auditing acceptor records it
        OnlineStorageReceiver.Pending p = receiver.stage(dataSet, TransferSyntax.of(pc.transferSyntax()),
                affectedClass, affectedInstance, ctx, peer, assoc.security().profile(), filter);
        return () -> {
            ReceiveOutcome o = p.complete();
            if (o.isSuccess()) {
                return Status.OK;
            }
            return Status.failure(o.status(), (o.rule() == ' ' ? "" : "rule " + o.rule() + ": ") + o.reason());
        };
    }

    /** Starts listening. */
    public void start() {
        server.start();
        LOG.log(Level.INFO, "Online Electronic Storage SCP {0} on port {1}", aeTitle, String.valueOf(server.localPort()));
    }

    public int localPort() {
        return server.localPort();
    }

    public String aeTitle() {
        return aeTitle;
    }

    /** Associations accepted so far ({@link DicomServer#associationsServed()}). */
    public int associationsServed() {
        return server.associationsServed();
    }

    /** Associations being served now ({@link DicomServer#activeAssociations()}). */
    public int activeAssociations() {
        return server.activeAssociations();
    }

    /** Stops accepting and ends the running associations (see {@link DicomServer#close()}). */
    @Override
    public void close() {
        server.close();
    }

    /**
     * Stops accepting and gives the running associations up to {@code grace} to end before they
     * are aborted (see {@link DicomServer#close(java.time.Duration)}).
     */
    public void close(java.time.Duration grace) {
        server.close(grace);
    }

    public static Builder builder(InstanceStore store, String aeTitle, TransportAcceptor acceptor, AuditTrail audit,
                                  Executor reportExecutor) {
        return new Builder(store, aeTitle, acceptor, audit, reportExecutor);
    }

    /** Configures an {@link OnlineStorageScp}. */
    public static final class Builder {
        private final InstanceStore store;
        private final String aeTitle;
        private final TransportAcceptor acceptor;
        private final AuditTrail audit;
        private final Executor executor;
        private AuditEvents events;
        private PeerPolicy peerPolicy = PeerPolicy.strict();
        private TransferRules rules = TransferRules.defaults();
        private final Set<String> sopClasses = new LinkedHashSet<>(StorageSopClasses.STANDARD);
        private boolean anySopClass;
        private final List<String> transferSyntaxes = new ArrayList<>(StorageSopClasses.TRANSFER_SYNTAXES);
        private final Set<String> callingAeTitles = new LinkedHashSet<>();
        private boolean onlyConformingPeers;
        private final Map<String, RemoteAe> remotes = new LinkedHashMap<>();
        private AssociationSettings settings = AssociationSettings.DEFAULT;
        private int workers = 8;
        private int storeWindow = 1;
        private Consumer<DicomServer.Builder> server = sb -> { };
        private Executor storeExecutor;
        private UnaryOperator<InputStream> aboveTheTransport = UnaryOperator.identity();
        private Consumer<CommitmentResult> onDelivered;
        private boolean reportOnNewAssociation;
        private ReceiverSettings receiving = ReceiverSettings.DEFAULT;

        private Builder(InstanceStore store, String aeTitle, TransportAcceptor acceptor, AuditTrail audit,
                        Executor executor) {
            this.store = Objects.requireNonNull(store, "store");
            this.aeTitle = org.dicomsec.ul.pdu.AeTitle.validate(aeTitle);
            this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
            this.audit = Objects.requireNonNull(audit, "audit");
            this.executor = Objects.requireNonNull(executor, "reportExecutor");
        }

        /** Who this node is in audit messages (default: the AE title, no host, UTC clock). */
        public Builder auditEvents(AuditEvents e) {
            this.events = Objects.requireNonNull(e);
            return this;
        }

        /** Which authenticated peers support the profile (rules d.2, e.2); default {@link PeerPolicy#strict()}. */
        public Builder peerPolicy(PeerPolicy p) {
            this.peerPolicy = Objects.requireNonNull(p);
            return this;
        }

        public Builder rules(TransferRules r) {
            this.rules = Objects.requireNonNull(r);
            return this;
        }

        /** Replaces the storage SOP classes served (default {@link StorageSopClasses#STANDARD}). */
        public Builder sopClasses(List<String> uids) {
            sopClasses.clear();
            sopClasses.addAll(uids);
            return this;
        }

        /** Adds a storage SOP class. */
        public Builder sopClass(String uid) {
            sopClasses.add(Objects.requireNonNull(uid));
            return this;
        }

        /** Serves any abstract syntax proposed as a storage SOP class (C-STORE), beside the configured ones. */
        public Builder anySopClass(boolean any) {
            this.anySopClass = any;
            return this;
        }

        /** Replaces the storage transfer syntaxes (default {@link StorageSopClasses#TRANSFER_SYNTAXES}). */
        public Builder transferSyntaxes(List<String> uids) {
            if (uids.isEmpty()) {
                throw new IllegalArgumentException("at least one transfer syntax");
            }
            transferSyntaxes.clear();
            transferSyntaxes.addAll(uids);
            return this;
        }

        /** Only these AEs may call (A-ASSOCIATE-RJ calling-AE-title-not-recognized otherwise); none: any. */
        public Builder callingAeTitles(String... titles) {
            callingAeTitles.addAll(List.of(titles));
            return this;
        }

        /**
         * Drops, right after the transport handshake, every connection that is not a Secure
         * Transport Connection from a peer the policy confirms (audited as refused). Default false:
         * such peers may store, and rule f.2 stores what they send as NS.
         */
        public Builder onlyConformingPeers(boolean only) {
            this.onlyConformingPeers = only;
            return this;
        }

        /** Where the AE of a Storage Commitment SCU is reached when the N-EVENT-REPORT needs a new association. */
        public Builder remoteAe(RemoteAe ae) {
            remotes.put(ae.aeTitle(), ae);
            return this;
        }

        public Builder settings(AssociationSettings s) {
            this.settings = Objects.requireNonNull(s);
            return this;
        }

        public Builder workers(int n) {
            this.workers = n;
            return this;
        }

        /**
         * Further settings of the server the SCP runs on: connection limits and deadlines
         * ({@link DicomServer.Builder#maxPending}, {@link DicomServer.Builder#setupTimeout}, ...),
         * an association-ended listener. Applied after {@link #settings} and {@link #workers}.
         */
        public Builder server(Consumer<DicomServer.Builder> more) {
            this.server = Objects.requireNonNull(more);
            return this;
        }

        /**
         * Stores up to {@code window} C-STOREs of one association at once when its SCU negotiates
         * an asynchronous operations window (PS3.7 D.3.3.3; see
         * {@link DimseHandlers.Builder#concurrentStores}): each received instance is checked as
         * one alone is, and the files, index records and audit lines of the instances in flight
         * reach the disk together ({@link InstanceStore#commitReceived}), each success answered
         * once its own instance is durable. Default 1: one request at a time.
         *
         * @param window   1 to 64
         * @param executor runs the stores (a rejected one runs on the association's thread)
         */
        public Builder concurrentStores(int window, Executor executor) {
            if (window < 1 || window > 64) {
                throw new IllegalArgumentException("window must be 1..64: " + window);
            }
            this.storeWindow = window;
            this.storeExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Fault injection for this package's tests: the data set stream between the transport
         * (where the wire digest is taken) and the decoder. Not part of the API.
         */
        Builder aboveTheTransport(UnaryOperator<InputStream> filter) {
            this.aboveTheTransport = Objects.requireNonNull(filter);
            return this;
        }

        /**
         * True: always send the N-EVENT-REPORT on a new association to the SCU's AE (needs its
         * {@link #remoteAe}); false (default): on the association of the request while it is open.
         */
        public Builder reportOnNewAssociation(boolean b) {
            this.reportOnNewAssociation = b;
            return this;
        }

        /** Called once an N-EVENT-REPORT was acknowledged by the SCU (after rule d.4's confirmation). */
        public Builder onReportDelivered(Consumer<CommitmentResult> c) {
            this.onDelivered = c;
            return this;
        }

        /**
         * How data sets are received: parse budget, audit failure policy, disk threads (default
         * {@link ReceiverSettings#DEFAULT}: {@link org.dicomsec.storage.ParseBudget#DEFAULT},
         * fail-closed, writes in the association's thread).
         */
        public Builder receiverSettings(ReceiverSettings s) {
            this.receiving = Objects.requireNonNull(s);
            return this;
        }

        /**
         * Fail-open or fail-closed when the audit trail cannot record a reception (default
         * {@link AuditFailure#CLOSED}: the store is refused with A700H).
         */
        public Builder auditFailure(AuditFailure f) {
            this.receiving = receiving.withAuditFailure(f);
            return this;
        }

        public OnlineStorageScp build() {
            return new OnlineStorageScp(this);
        }
    }
}
