package org.dicomsec.storage.commitment;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.storage.store.StoredInstance;

/**
 * The SCP side of the Storage Commitment Push Model (PS3.4 J.3) over an
 * {@link InstanceStore}: an instance is reported committed only when the store
 * holds it durably, under the SOP Class the request names, and its bytes
 * still have the digest recorded when it was stored, and not when it arrived as
 * an original but was stored as NS by rule f.2 (0110H: this AE is not its holder).
 *
 * <p>Rule d.4 of PS3.15 A.1.1: an original received under rule d stays
 * unforwardable until {@link #confirmed} records that the result was sent.
 */
public final class CommitmentEvaluator {

    private static final System.Logger LOG = LibraryLog.logger(CommitmentEvaluator.class);

    private final InstanceStore store;
    private final Predicate<String> supportedSopClasses;
    private final Set<String> transactions = new HashSet<>();

    /**
     * @param supportedSopClasses the storage SOP Classes this SCP stores (others fail with 0122H)
     */
    public CommitmentEvaluator(InstanceStore store, Predicate<String> supportedSopClasses) {
        this.store = Objects.requireNonNull(store, "store");
        this.supportedSopClasses = Objects.requireNonNull(supportedSopClasses, "supportedSopClasses");
    }

    /** The result for a request: each reference committed or failed with its reason (PS3.4 J.3.3). */
    public CommitmentResult evaluate(CommitmentRequest request) {
        List<SopReference> ok = new ArrayList<>();
        List<FailedSopReference> failed = new ArrayList<>();
        boolean duplicate;
        synchronized (transactions) {
            duplicate = !transactions.add(request.transactionUid());
        }
        for (SopReference r : request.references()) {
            int reason = duplicate ? FailureReason.DUPLICATE_TRANSACTION_UID : check(r);
            if (reason == 0) {
                ok.add(r);
            } else {
                failed.add(new FailedSopReference(r, reason));
            }
        }
        return new CommitmentResult(request.transactionUid(), ok, failed);
    }

    private int check(SopReference r) {
        if (!supportedSopClasses.test(r.sopClassUid())) {
            return FailureReason.REFERENCED_SOP_CLASS_NOT_SUPPORTED;
        }
        Optional<StoredInstance> si = store.get(r.sopInstanceUid());
        if (si.isEmpty() || !store.isDurablyStored(r.sopInstanceUid())) {
            return FailureReason.NO_SUCH_OBJECT_INSTANCE;
        }
        if (!si.get().sopClassUid().equals(r.sopClassUid())) {
            return FailureReason.CLASS_INSTANCE_CONFLICT;
        }
        String arrivedAs = si.get().provenance().arrivedAs();
        if ((arrivedAs.equals("OR") || arrivedAs.equals("AO")) && !si.get().isOriginal()) {
            // rule f.2 stored an original from an unsecured or non-conforming peer as NS: this AE did not
            // become its holder, so it does not confirm the transfer (the sender keeps its original, d.5)
            LOG.log(Level.WARNING, "{0} arrived as {1} and was stored as {2} (rule f.2): not confirmed",
                    r.sopInstanceUid(), arrivedAs, si.get().status().map(Enum::name).orElse("no status"));
            return FailureReason.PROCESSING_FAILURE;
        }
        try {
            if (!store.verify(r.sopInstanceUid())) {
                LOG.log(Level.ERROR, "stored instance {0} no longer matches its digest", r.sopInstanceUid());
                return FailureReason.PROCESSING_FAILURE;
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot verify {0}: {1}", r.sopInstanceUid(), e.getMessage());
            return FailureReason.PROCESSING_FAILURE;
        }
        return 0;
    }

    /**
     * Rule d.4: the N-EVENT-REPORT carrying {@code result} was delivered; the
     * committed originals this AE received may be forwarded from now on.
     */
    public void confirmed(CommitmentResult result) throws IOException {
        List<String> awaiting = new ArrayList<>();
        for (SopReference r : result.committed()) {
            if (store.get(r.sopInstanceUid()).map(StoredInstance::awaitingCommitment).orElse(false)) {
                awaiting.add(r.sopInstanceUid());
            }
        }
        store.markCommitted(awaiting); // one force for all of them
    }
}
