package org.dicomsec.storage.net;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.storage.audit.AuditEvents;
import org.dicomsec.storage.audit.AuditTrail;
import org.dicomsec.storage.commitment.CommitmentEvaluator;
import org.dicomsec.storage.commitment.CommitmentFormatException;
import org.dicomsec.storage.commitment.CommitmentRequest;
import org.dicomsec.storage.commitment.CommitmentResult;
import org.dicomsec.storage.commitment.StorageCommitment;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.DimseReply;
import org.dicomsec.ul.DimseResult;
import org.dicomsec.ul.NActionHandler;
import org.dicomsec.ul.PresentationContext;
import org.dicomsec.ul.dimse.NActionRq;
import org.dicomsec.ul.dimse.NEventReportRsp;
import org.dicomsec.ul.dimse.Status;

/**
 * The SCP of the Storage Commitment Push Model (PS3.4 J.3): answers the
 * N-ACTION Request Storage Commitment (Action Type ID 1) with N-ACTION-RSP,
 * evaluates the request over the instance store ({@link CommitmentEvaluator}:
 * only durably stored, intact instances are reported committed), then sends
 * the result as N-EVENT-REPORT (Event Type ID 1 or 2) from the caller's
 * executor: on the same association while it is open, else on a new
 * association this AE requests to the SCU's AE, taking the SCP role by role
 * selection (PS3.4 J.3.3, PS3.7 D.3.3.4), and only when that association's
 * peer has the identity the request came with. Once the SCU acknowledged the
 * report, the committed originals received here may be forwarded (rule d.4).
 *
 * <p>Window 1/1 (PS3.7 D.3.3.3) allows one outstanding operation per side, so
 * the report may reach the SCU before the N-ACTION-RSP; the SCU of this
 * package accepts either order.
 */
final class CommitmentScp implements NActionHandler {

    private static final System.Logger LOG = LibraryLog.logger(CommitmentScp.class);

    /** How long the report waits for a requestor that releases after the N-ACTION-RSP. */
    static final long SAME_ASSOCIATION_GRACE_MILLIS = 500;

    private final CommitmentEvaluator evaluator;
    private final String localAeTitle;
    private final Map<String, RemoteAe> remotes;
    private final Executor executor;
    private final AssociationSettings settings;
    private final AuditTrail audit;
    private final AuditEvents events;
    private final Consumer<CommitmentResult> onDelivered;
    private final boolean alwaysNewAssociation;

    CommitmentScp(CommitmentEvaluator evaluator, String localAeTitle, Map<String, RemoteAe> remotes, Executor executor,
                  AssociationSettings settings, AuditTrail audit, AuditEvents events,
                  Consumer<CommitmentResult> onDelivered, boolean alwaysNewAssociation) {
        this.evaluator = evaluator;
        this.localAeTitle = localAeTitle;
        this.remotes = Map.copyOf(remotes);
        this.executor = Objects.requireNonNull(executor, "executor");
        this.settings = settings;
        this.audit = audit;
        this.events = events;
        this.onDelivered = onDelivered;
        this.alwaysNewAssociation = alwaysNewAssociation;
    }

    @Override
    public DimseReply action(Association assoc, PresentationContext pc, NActionRq rq, Dataset info) {
        if (rq.actionTypeId() != StorageCommitment.ACTION_TYPE_REQUEST) {
            return DimseReply.of(Status.failure(Status.NO_SUCH_ACTION, "Action Type ID 1 only (PS3.4 J.3.2)"));
        }
        if (!StorageCommitment.WELL_KNOWN_INSTANCE_UID.equals(rq.requestedSopInstanceUid())) {
            return DimseReply.of(Status.failure(Status.NO_SUCH_SOP_INSTANCE,
                    "not the well-known Storage Commitment instance"));
        }
        if (info == null) {
            return DimseReply.of(Status.failure(Status.MISSING_ATTRIBUTE, "no Action Information"));
        }
        CommitmentRequest request;
        try {
            request = CommitmentRequest.fromDataset(info);
        } catch (CommitmentFormatException e) {
            return DimseReply.of(Status.failure(e.status(), e.getMessage()));
        }
        CommitmentResult result = evaluator.evaluate(request);
        AuditEvents.Peer peer = new AuditEvents.Peer(assoc.callingAeTitle(), assoc.peer(), assoc.remoteAddress());
        LOG.log(Level.INFO, "commitment {0} from {1}: {2} committed, {3} failed", request.transactionUid(),
                peer.aeTitle(), result.committed().size(), result.failed().size());
        executor.execute(() -> deliver(assoc, result, peer));
        return DimseReply.of(Status.OK);
    }

    /** Sends the N-EVENT-REPORT: same association if open, else a new one to the SCU's AE. */
    void deliver(Association assoc, CommitmentResult r, AuditEvents.Peer peer) {
        Dataset ds = r.toDataset();
        if (!alwaysNewAssociation && assoc != null) {
            awaitRequestorsMove(assoc);
        }
        if (!alwaysNewAssociation && assoc != null && assoc.isEstablished()) {
            try {
                DimseResult<NEventReportRsp> rsp = assoc.neventReport(StorageCommitment.SOP_CLASS_UID,
                        StorageCommitment.WELL_KNOWN_INSTANCE_UID, r.eventTypeId(), ds);
                delivered(r, peer, rsp.response().status(), "on the association of the request");
                return;
            } catch (IOException | IllegalStateException e) {
                LOG.log(Level.INFO, "commitment {0}: association of the request gone ({1}), opening a new one",
                        r.transactionUid(), e.getMessage());
            }
        }
        RemoteAe ae = remotes.get(peer.aeTitle());
        if (ae == null) {
            LOG.log(Level.ERROR, "commitment {0}: no address configured for AE {1}; the result is not delivered"
                    + " and the instances stay unforwardable (d.4)", r.transactionUid(), peer.aeTitle());
            return;
        }
        AssociationRequest rq = AssociationRequest.builder(ae.aeTitle(), localAeTitle)
                .presentationContext(StorageCommitment.SOP_CLASS_UID,
                        StorageSopClasses.COMMAND_TRANSFER_SYNTAXES.toArray(new String[0]))
                .roleSelection(StorageCommitment.SOP_CLASS_UID, false, true)
                .settings(settings).build();
        Association a = null;
        try {
            a = Association.request(ae.connector(), ae.address(), rq);
            if (peer.identity().isAuthenticated() && (a.peer().kind() != peer.identity().kind()
                    || !a.peer().name().equals(peer.identity().name()))) {
                // the result goes only to the identity that asked for it
                LOG.log(Level.ERROR, "commitment {0}: {1} authenticated as {2}, the request came from {3};"
                        + " not delivered", r.transactionUid(), ae, a.peer(), peer.identity());
                a.abort();
                return;
            }
            DimseResult<NEventReportRsp> rsp = a.neventReport(StorageCommitment.SOP_CLASS_UID,
                    StorageCommitment.WELL_KNOWN_INSTANCE_UID, r.eventTypeId(), ds);
            a.release();
            delivered(r, peer, rsp.response().status(), "on a new association to " + ae);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.ERROR, "commitment {0}: cannot deliver the result to {1}: {2}", r.transactionUid(), ae,
                    e.getMessage());
            if (a != null) {
                a.abort();
            }
        }
    }

    /**
     * PS3.4 J.3.3 leaves the association of the report to the SCP; a requestor that releases
     * right after the N-ACTION-RSP (Orthanc does) wants the report on a new association, one that
     * keeps the association open (as {@link OnlineStorageScu} does) waits for it there. The
     * requestor's next move decides: this waits up to {@link #SAME_ASSOCIATION_GRACE_MILLIS} for
     * the association to end, so that the report never crosses the requestor's A-RELEASE-RQ.
     */
    private static void awaitRequestorsMove(Association assoc) {
        long deadline = System.nanoTime() + SAME_ASSOCIATION_GRACE_MILLIS * 1_000_000L;
        while (assoc.isEstablished() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    private void delivered(CommitmentResult r, AuditEvents.Peer peer, Status status, String how) {
        if (!status.isSuccess()) {
            LOG.log(Level.ERROR, "commitment {0}: the SCU answered the N-EVENT-REPORT with {1}", r.transactionUid(),
                    status);
            return;
        }
        LOG.log(Level.INFO, "commitment {0} reported {1}", r.transactionUid(), how);
        try {
            evaluator.confirmed(r);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "commitment {0}: cannot record the confirmation: {1}", r.transactionUid(),
                    e.getMessage());
        }
        try {
            audit.record(events.commitmentResult(peer, r, true));
        } catch (IOException e) {
            LOG.log(Level.ERROR, "audit trail unavailable: {0}", e.getMessage());
        }
        if (onDelivered != null) {
            onDelivered.accept(r);
        }
    }
}
