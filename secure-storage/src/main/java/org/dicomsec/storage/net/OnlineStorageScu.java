package org.dicomsec.storage.net;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.data.UID;
import org.dicomsec.storage.PeerPolicy;
import org.dicomsec.storage.ProfileViolationException;
import org.dicomsec.storage.SendIntent;
import org.dicomsec.storage.TransferContext;
import org.dicomsec.storage.TransferRules;
import org.dicomsec.storage.audit.AuditEvents;
import org.dicomsec.storage.audit.AuditTrail;
import org.dicomsec.storage.commitment.CommitmentRequest;
import org.dicomsec.storage.commitment.SopReference;
import org.dicomsec.storage.commitment.StorageCommitment;
import org.dicomsec.storage.service.OnlineStorageSender;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.storage.store.StoredInstance;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.DimseResult;
import org.dicomsec.ul.dimse.CStoreRsp;
import org.dicomsec.ul.dimse.NActionRsp;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.net.DicomServer;
import org.dicomsec.ul.transport.TransportAcceptor;

/**
 * The sending side of the Online Electronic Storage Secure Use Profile as a
 * Storage SCU and Storage Commitment SCU (PS3.15 A.1.1 rules d, e, f):
 * <ol>
 * <li>opens an association to the peer and takes the transfer's facts from
 * its transport connection; an original (rule d) goes only over a Secure
 * Transport Connection, mutually authenticated, to a peer the
 * {@link PeerPolicy} confirms: otherwise nothing is sent and
 * {@link ProfileViolationException} says why;</li>
 * <li>records the originals of the transaction in the {@link TransactionJournal}
 * before the first C-STORE;</li>
 * <li>sends each instance as {@link OnlineStorageSender} prepares it (an
 * authorized copy as AC or NS, e.3; NS or stripped on an unsecured
 * connection or to a non-conforming peer, f.1);</li>
 * <li>requests Storage Commitment (N-ACTION with a new Transaction UID) for
 * the originals stored, waits for the N-EVENT-REPORT on the same association
 * or, when configured, on its listener ({@link #listener}), within a timeout;</li>
 * <li>carries out rule d.5 (delete / NS / AC from AO, as {@link TransferRules}
 * says) only for the instances the result reports committed, then closes the
 * transaction in the journal.</li>
 * </ol>
 * A result is accepted only over a Secure Transport Connection from the
 * identity the originals were sent to.
 *
 * <p>Threads: waiting for the report on the same association reads it on one
 * task of the caller's executor.
 */
public final class OnlineStorageScu {

    private static final System.Logger LOG = LibraryLog.logger(OnlineStorageScu.class);

    private final InstanceStore store;
    private final String aeTitle;
    private final AuditTrail audit;
    private final AuditEvents events;
    private final Executor executor;
    private final TransactionJournal journal;
    private final PeerPolicy peerPolicy;
    private final TransferRules rules;
    private final OnlineStorageSender sender;
    private final AssociationSettings settings;
    private final Duration commitmentTimeout;
    private final boolean reportOnListener;
    private final CommitmentScu reports;

    private OnlineStorageScu(Builder b) {
        this.store = b.store;
        this.aeTitle = b.aeTitle;
        this.audit = b.audit;
        this.events = b.events != null ? b.events : new AuditEvents(b.aeTitle, null, b.aeTitle, Clock.systemUTC());
        this.executor = b.executor;
        this.journal = b.journal;
        this.peerPolicy = b.peerPolicy;
        this.rules = b.rules;
        this.sender = new OnlineStorageSender(store, rules, audit, events);
        this.settings = b.settings;
        this.commitmentTimeout = b.commitmentTimeout;
        this.reportOnListener = b.reportOnListener;
        this.reports = new CommitmentScu(journal, sender, audit, events);
    }

    public static Builder builder(InstanceStore store, String aeTitle, AuditTrail audit, Executor executor,
                                  TransactionJournal journal) {
        return new Builder(store, aeTitle, audit, executor, journal);
    }

    /** The transactions sent whose result has not been processed. */
    public List<TransactionJournal.Entry> pendingTransactions() throws IOException {
        return journal.open();
    }

    /**
     * Sends stored instances to {@code to}.
     *
     * @param intent {@link SendIntent#TRANSFER_ORIGINAL}: every instance must be held as OR/AO and goes
     *               as the original (rule d, followed by Storage Commitment and d.5);
     *               {@link SendIntent#COPY}: copies by rules e/f
     * @throws ProfileViolationException when the rules forbid sending (nothing was sent)
     * @throws IOException               the association failed
     */
    public TransferResult send(RemoteAe to, List<String> sopInstanceUids, SendIntent intent)
            throws IOException, ProfileViolationException {
        if (sopInstanceUids.isEmpty()) {
            throw new IllegalArgumentException("nothing to send");
        }
        // one presentation context per (SOP class, stored transfer syntax): sent as stored (rule h)
        Map<String, StoredInstance> held = new LinkedHashMap<>();
        Set<List<String>> contexts = new LinkedHashSet<>();
        for (String uid : sopInstanceUids) {
            StoredInstance si = store.get(uid).orElseThrow(
                    () -> new java.nio.file.NoSuchFileException("no stored instance " + uid));
            held.put(uid, si);
            // (the syntax from the file's meta information: its data set is read when it is sent)
            contexts.add(List.of(si.sopClassUid(), OnlineStorageSender.storedSyntax(si).uid()));
        }
        AssociationRequest.Builder rb = AssociationRequest.builder(to.aeTitle(), aeTitle).settings(settings)
                .presentationContext(UID.Verification, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                .presentationContext(StorageCommitment.SOP_CLASS_UID,
                        StorageSopClasses.COMMAND_TRANSFER_SYNTAXES.toArray(new String[0]));
        for (List<String> c : contexts) {
            rb.presentationContext(c.get(0), c.get(1));
        }
        Association a = Association.request(to.connector(), to.address(), rb.build(), DimseHandlers.builder()
                .neventReport(StorageCommitment.SOP_CLASS_UID, reports).build());
        boolean done = false;
        try {
            TransferResult r = transfer(a, to, held, intent);
            done = true;
            return r;
        } finally {
            if (!done) {
                a.close();
            }
        }
    }

    /**
     * Requests Storage Commitment again for a transaction left open in the journal (no result
     * within the timeout, a crash): a new N-ACTION, under a new Transaction UID that replaces the
     * old one in the journal, for the originals
     * the journal lists, to the peer they were sent to, then the result as for {@link #send}
     * (rule d.5 for the committed ones, the transaction closed). Nothing is sent again.
     *
     * @throws ProfileViolationException the peer reached is not the identity the originals went to,
     *                                   or the connection is not a Secure Transport Connection
     */
    public TransferResult requestCommitment(RemoteAe to, TransactionJournal.Entry open)
            throws IOException, ProfileViolationException {
        List<SopReference> refs = new ArrayList<>();
        for (TransactionJournal.SentOriginal o : open.originals()) {
            refs.add(new SopReference(o.sopClassUid(), o.sopInstanceUid()));
        }
        AssociationRequest rq = AssociationRequest.builder(to.aeTitle(), aeTitle).settings(settings)
                .presentationContext(UID.Verification, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                .presentationContext(StorageCommitment.SOP_CLASS_UID,
                        StorageSopClasses.COMMAND_TRANSFER_SYNTAXES.toArray(new String[0])).build();
        Association a = Association.request(to.connector(), to.address(), rq, DimseHandlers.builder()
                .neventReport(StorageCommitment.SOP_CLASS_UID, reports).build());
        boolean done = false;
        try {
            if (!a.security().secure() || !open.peerIdentity().equals(a.peer().toString())) {
                a.release();
                done = true;
                throw new ProfileViolationException('d', "transaction " + open.transactionUid() + ": " + to
                        + " is " + a.peer() + " over " + a.security() + "; the originals went to "
                        + open.peerIdentity());
            }
            if (a.acceptedContext(StorageCommitment.SOP_CLASS_UID, null).isEmpty()) {
                a.release();
                done = true;
                throw new IOException(to + " accepted no Storage Commitment context");
            }
            // a new request is a new transaction (PS3.4 J.3.2: the SCP refuses a Transaction UID it has seen);
            // the new entry is durable before the old one goes, so a crash in between loses neither
            String tx = UID.randomUID();
            journal.record(new TransactionJournal.Entry(tx, open.peerAeTitle(), open.peerIdentity(),
                    open.originals()));
            journal.remove(open.transactionUid());
            TransferResult r = commit(a, tx, refs, List.of());
            done = true;
            return r;
        } finally {
            if (!done) {
                a.close();
            }
        }
    }

    private TransferResult transfer(Association a, RemoteAe to, Map<String, StoredInstance> held, SendIntent intent)
            throws IOException, ProfileViolationException {
        TransferContext ctx = TransferContext.of(a.security(), a.peer(), peerPolicy);
        AuditEvents.Peer peer = new AuditEvents.Peer(to.aeTitle(), a.peer(), a.remoteAddress());
        // decide everything before sending anything: a refusal sends nothing. (The data sets are read
        // one by one as they are sent: a study's would not fit in memory together.)
        List<OnlineStorageSender.Decided> prepared = new ArrayList<>();
        for (String uid : held.keySet()) {
            try {
                prepared.add(sender.decide(uid, intent, ctx));
            } catch (ProfileViolationException e) {
                // DEBUG only: the exception carries the reason, and whoever catches it reports it once
                LOG.log(Level.DEBUG, "not sending {0} to {1}: {2}", uid, to, e.getMessage());
                a.release();
                throw new ProfileViolationException(e.rule(), "refused to send " + uid + " to " + to + " over "
                        + a.security() + ": " + e.detail());
            }
        }
        boolean anyOriginal = prepared.stream().anyMatch(p -> p.decision().commitmentRequired());
        if (anyOriginal && a.acceptedContext(StorageCommitment.SOP_CLASS_UID, null).isEmpty()) {
            // rule d.4: the transfer of an original is confirmed by Storage Commitment; a peer that cannot
            // confirm it gets nothing (else the original would be at both ends, unconfirmed)
            a.release();
            throw new ProfileViolationException('d', "refused to send to " + to + " over " + a.security()
                    + ": it accepted no Storage Commitment Push Model context (" + StorageCommitment.SOP_CLASS_UID
                    + "), and the transfer of an original is confirmed by Storage Commitment (d.4); nothing was"
                    + " sent: send it as a copy, or to a peer that supports Storage Commitment");
        }
        List<TransferResult.Instance> results = new ArrayList<>();
        List<OnlineStorageSender.Decided> sendable = new ArrayList<>();
        for (OnlineStorageSender.Decided p : prepared) {
            if (a.acceptedContext(held.get(p.sopInstanceUid()).sopClassUid(), p.ts().uid()).isEmpty()) {
                // the peer does not store this SOP class in this transfer syntax: nothing goes out
                results.add(new TransferResult.Instance(p.sopInstanceUid(), Status.SOP_CLASS_NOT_SUPPORTED,
                        Optional.empty(), p.decision().rule(), "presentation context for "
                        + held.get(p.sopInstanceUid()).sopClassUid() + " in " + p.ts().uid() + " not accepted"));
            } else {
                sendable.add(p);
            }
        }
        String tx = null;
        List<TransactionJournal.SentOriginal> originals = new ArrayList<>();
        for (OnlineStorageSender.Decided p : sendable) {
            if (p.decision().commitmentRequired()) {
                originals.add(new TransactionJournal.SentOriginal(p.sopInstanceUid(),
                        held.get(p.sopInstanceUid()).sopClassUid(), p.held().orElseThrow()));
            }
        }
        if (!originals.isEmpty()) {
            tx = UID.randomUID();
            // durable before the first byte of an original leaves (a crash after it loses nothing)
            journal.record(new TransactionJournal.Entry(tx, to.aeTitle(), a.peer().toString(), originals));
        }
        List<SopReference> stored = new ArrayList<>();
        for (OnlineStorageSender.Decided d : sendable) {
            String cls = held.get(d.sopInstanceUid()).sopClassUid();
            OnlineStorageSender.Prepared p;
            try {
                p = sender.load(d);
            } catch (java.util.ConcurrentModificationException changed) {
                // received again or changed here since the decision: not sent, not committed
                results.add(new TransferResult.Instance(d.sopInstanceUid(), Status.PROCESSING_FAILURE,
                        Optional.empty(), d.decision().rule(), changed.getMessage()));
                continue;
            }
            CStoreRsp rsp = a.cstore(cls, p.sopInstanceUid(), p.ts().uid(), new ByteArrayInputStream(encode(p)));
            int code = rsp.status().code();
            sender.sent(p, peer, code);
            results.add(new TransferResult.Instance(p.sopInstanceUid(), code, p.decision().statusSent(),
                    p.decision().rule(), p.decision().reason() + (rsp.status().errorComment() == null ? ""
                    : "; peer: " + rsp.status().errorComment())));
            if (code == Status.SUCCESS && p.decision().commitmentRequired()) {
                stored.add(new SopReference(cls, p.sopInstanceUid()));
            }
        }
        if (tx == null) {
            a.release();
            return new TransferResult(null, results, Optional.empty(), List.of(), false);
        }
        if (stored.isEmpty()) {
            a.release();
            journal.remove(tx); // nothing of it arrived: the originals stay here as they are
            return new TransferResult(tx, results, Optional.empty(), List.of(), false);
        }
        return commit(a, tx, stored, results);
    }

    private TransferResult commit(Association a, String tx, List<SopReference> stored,
                                  List<TransferResult.Instance> results) throws IOException {
        CompletableFuture<CommitmentScu.Completion> f = reports.expect(tx);
        try {
            DimseResult<NActionRsp> rsp = a.naction(StorageCommitment.SOP_CLASS_UID,
                    StorageCommitment.WELL_KNOWN_INSTANCE_UID, StorageCommitment.ACTION_TYPE_REQUEST,
                    new CommitmentRequest(tx, stored).toDataset());
            if (!rsp.response().status().isSuccess()) {
                LOG.log(Level.WARNING, "Storage Commitment {0} refused by the peer: {1}", tx, rsp.response().status());
                a.release();
                return new TransferResult(tx, results, Optional.empty(), List.of(), true);
            }
            CommitmentScu.Completion c;
            if (reportOnListener) {
                a.release();
                c = await(f, tx);
            } else {
                CompletableFuture<Void> served = new CompletableFuture<>();
                executor.execute(() -> {
                    try {
                        a.serve();
                        served.complete(null);
                    } catch (IOException | RuntimeException e) {
                        served.completeExceptionally(e);
                    }
                });
                c = await(f, tx);
                if (c != null && a.isEstablished() && a.acceptedContext(UID.Verification, null).isPresent()) {
                    // the report's response is sent by the reading task before it reads the C-ECHO-RSP:
                    // after this round trip the release cannot overtake it (no P-DATA after A-RELEASE-RQ)
                    a.cecho();
                }
                a.release();
                try {
                    served.get(settings.dimseTimeoutMillis() + 1000L, TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    LOG.log(Level.DEBUG, "reading task: {0}", e.toString());
                }
            }
            if (c == null) {
                return new TransferResult(tx, results, Optional.empty(), List.of(), true);
            }
            return new TransferResult(tx, results, Optional.of(c.result()), c.outcomes(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            a.abort();
            throw new java.io.InterruptedIOException("interrupted while waiting for the commitment result");
        } finally {
            reports.forget(tx);
        }
    }

    private CommitmentScu.Completion await(CompletableFuture<CommitmentScu.Completion> f, String tx) throws InterruptedException {
        try {
            return f.get(commitmentTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "no Storage Commitment result for {0} within {1}; the transaction stays open",
                    tx, commitmentTimeout);
            return null;
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "Storage Commitment {0}: {1}", tx, e.getCause().toString());
            return null;
        }
    }

    private static byte[] encode(OnlineStorageSender.Prepared p) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(bos, p.ts());
        w.writeDataset(p.dataset());
        w.finish();
        return bos.toByteArray();
    }

    /**
     * A server that receives Storage Commitment results on new associations the SCP requests
     * (PS3.4 J.3.3: the SCP takes the SCP role by role selection). Not started; the caller
     * starts and closes it. Association attempts are audited.
     */
    public DicomServer listener(TransportAcceptor acceptor, int workers) {
        AcceptorPolicy policy = AcceptorPolicy.builder().calledAeTitles(aeTitle)
                .abstractSyntax(UID.Verification, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                .abstractSyntax(StorageCommitment.SOP_CLASS_UID,
                        StorageSopClasses.COMMAND_TRANSFER_SYNTAXES.toArray(new String[0]))
                .scpRole(StorageCommitment.SOP_CLASS_UID).build();
        return new DicomServer(new AuditingAcceptor(acceptor, audit, events, c -> null), policy,
                DimseHandlers.builder().neventReport(StorageCommitment.SOP_CLASS_UID, reports).build(),
                settings, workers);
    }

    /** Configures an {@link OnlineStorageScu}. */
    public static final class Builder {
        private final InstanceStore store;
        private final String aeTitle;
        private final AuditTrail audit;
        private final Executor executor;
        private final TransactionJournal journal;
        private AuditEvents events;
        private PeerPolicy peerPolicy = PeerPolicy.strict();
        private TransferRules rules = TransferRules.defaults();
        private AssociationSettings settings = AssociationSettings.DEFAULT;
        private Duration commitmentTimeout = Duration.ofSeconds(60);
        private boolean reportOnListener;

        private Builder(InstanceStore store, String aeTitle, AuditTrail audit, Executor executor,
                        TransactionJournal journal) {
            this.store = Objects.requireNonNull(store, "store");
            this.aeTitle = org.dicomsec.ul.pdu.AeTitle.validate(aeTitle);
            this.audit = Objects.requireNonNull(audit, "audit");
            this.executor = Objects.requireNonNull(executor, "executor");
            this.journal = Objects.requireNonNull(journal, "journal");
        }

        public Builder auditEvents(AuditEvents e) {
            this.events = Objects.requireNonNull(e);
            return this;
        }

        /** Which authenticated peers support the profile (rules d.2, e.2); default strict. */
        public Builder peerPolicy(PeerPolicy p) {
            this.peerPolicy = Objects.requireNonNull(p);
            return this;
        }

        /** e.3 status of copies, f.1 NS or strip, d.5 delete / NS / AC. */
        public Builder rules(TransferRules r) {
            this.rules = Objects.requireNonNull(r);
            return this;
        }

        public Builder settings(AssociationSettings s) {
            this.settings = Objects.requireNonNull(s);
            return this;
        }

        /** How long to wait for the N-EVENT-REPORT (default 60 s). */
        public Builder commitmentTimeout(Duration d) {
            this.commitmentTimeout = Objects.requireNonNull(d);
            return this;
        }

        /**
         * True: release the association after the N-ACTION-RSP and wait for the result on the
         * {@link OnlineStorageScu#listener listener}; false (default): wait on the same association.
         */
        public Builder reportOnListener(boolean b) {
            this.reportOnListener = b;
            return this;
        }

        public OnlineStorageScu build() {
            return new OnlineStorageScu(this);
        }
    }
}
