package org.dicomsec.storage.net;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.storage.audit.AuditEvents;
import org.dicomsec.storage.audit.AuditTrail;
import org.dicomsec.storage.commitment.CommitmentFormatException;
import org.dicomsec.storage.commitment.CommitmentResult;
import org.dicomsec.storage.commitment.StorageCommitment;
import org.dicomsec.storage.commitment.TransferCompletion;
import org.dicomsec.storage.service.OnlineStorageSender;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.DimseReply;
import org.dicomsec.ul.NEventReportHandler;
import org.dicomsec.ul.PresentationContext;
import org.dicomsec.ul.dimse.NEventReportRq;
import org.dicomsec.ul.dimse.Status;

/**
 * The SCU side of the Storage Commitment Push Model result (PS3.4 J.3.3):
 * receives the N-EVENT-REPORT on the association of the request or on the
 * SCU's listener, finds the transaction in the {@link TransactionJournal},
 * accepts it only over a Secure Transport Connection from the identity the
 * originals were sent to, carries out rule d.5 of PS3.15 A.1.1 through
 * {@link OnlineStorageSender#commitmentReceived}, closes the transaction, and
 * wakes the sender waiting for it.
 */
final class CommitmentScu implements NEventReportHandler {

    private static final System.Logger LOG = LibraryLog.logger(CommitmentScu.class);

    /** A processed commitment result: the result and rule d.5 per instance. */
    record Completion(CommitmentResult result, List<TransferCompletion.Outcome> outcomes) {
    }

    private final TransactionJournal journal;
    private final OnlineStorageSender sender;
    private final AuditTrail audit;
    private final AuditEvents events;
    private final Map<String, CompletableFuture<Completion>> waiting = new ConcurrentHashMap<>();

    CommitmentScu(TransactionJournal journal, OnlineStorageSender sender, AuditTrail audit, AuditEvents events) {
        this.journal = journal;
        this.sender = sender;
        this.audit = audit;
        this.events = events;
    }

    /** Registers a sender waiting for the result of {@code transactionUid} (before the N-ACTION goes out). */
    CompletableFuture<Completion> expect(String transactionUid) {
        CompletableFuture<Completion> f = new CompletableFuture<>();
        waiting.put(transactionUid, f);
        return f;
    }

    /** The sender stopped waiting; a later result is still processed through the journal. */
    void forget(String transactionUid) {
        waiting.remove(transactionUid);
    }

    /** The N-EVENT-REPORT of a commitment result: on the association of the request or on the listener. */
    @Override
    public DimseReply eventReport(Association assoc, PresentationContext pc, NEventReportRq rq, Dataset info)
            throws IOException {
        if (info == null) {
            return DimseReply.of(Status.failure(Status.MISSING_ATTRIBUTE, "no Event Information"));
        }
        if (!StorageCommitment.WELL_KNOWN_INSTANCE_UID.equals(rq.affectedSopInstanceUid())
                || (rq.eventTypeId() != StorageCommitment.EVENT_TYPE_SUCCESSFUL
                && rq.eventTypeId() != StorageCommitment.EVENT_TYPE_FAILURES_EXIST)) {
            return DimseReply.of(Status.failure(Status.NO_SUCH_EVENT_TYPE, "not a Storage Commitment result"));
        }
        CommitmentResult result;
        try {
            result = CommitmentResult.fromDataset(info);
        } catch (CommitmentFormatException e) {
            return DimseReply.of(Status.failure(e.status(), e.getMessage()));
        }
        Optional<TransactionJournal.Entry> entry = journal.get(result.transactionUid());
        AuditEvents.Peer peer = new AuditEvents.Peer(assoc.callingAeTitle(), assoc.peer(), assoc.remoteAddress());
        if (entry.isEmpty()) {
            LOG.log(Level.WARNING, "commitment result for unknown transaction {0} from {1}", result.transactionUid(),
                    peer.aeTitle());
            return DimseReply.of(Status.failure(Status.INVALID_ARGUMENT_VALUE, "unknown Transaction UID"));
        }
        // rule d.5 deletes or demotes originals: only the identity they were sent to may confirm
        if (!assoc.security().secure() || !entry.get().peerIdentity().equals(assoc.peer().toString())) {
            String why = "commitment result for " + result.transactionUid() + " from " + assoc.peer() + " over "
                    + assoc.security() + "; the originals went to " + entry.get().peerIdentity();
            LOG.log(Level.WARNING, why);
            audit.record(events.integrityFailure(peer, null, why));
            return DimseReply.of(Status.failure(Status.NOT_AUTHORIZED, "not the peer of the transaction"));
        }
        List<TransferCompletion.Outcome> outcomes = sender.commitmentReceived(result,
                entry.get().sopInstanceUids(), new AuditEvents.Peer(entry.get().peerAeTitle(), assoc.peer(),
                        assoc.remoteAddress()));
        journal.remove(result.transactionUid());
        CompletableFuture<Completion> f = waiting.get(result.transactionUid());
        if (f != null) {
            f.complete(new Completion(result, outcomes));
        }
        return DimseReply.of(Status.OK);
    }
}
