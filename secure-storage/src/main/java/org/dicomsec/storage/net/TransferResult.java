package org.dicomsec.storage.net;

import java.util.List;
import java.util.Optional;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.commitment.CommitmentResult;
import org.dicomsec.storage.commitment.TransferCompletion;

/**
 * What {@link OnlineStorageScu#send} did.
 *
 * @param transactionUid    the Storage Commitment transaction of the originals sent, or null when none
 * @param instances         one entry per instance asked for (those without an accepted context first)
 * @param commitment        the N-EVENT-REPORT result, when it arrived in time
 * @param afterCommitment   rule d.5 per committed original (empty until the result arrived)
 * @param commitmentPending true when originals were sent and no result arrived within the timeout:
 *                          the transaction stays in the {@link TransactionJournal}, the originals
 *                          stay OR/AO here until a later result (e.g. on the listener)
 */
public record TransferResult(String transactionUid, List<Instance> instances, Optional<CommitmentResult> commitment,
                             List<TransferCompletion.Outcome> afterCommitment, boolean commitmentPending) {

    public TransferResult {
        instances = List.copyOf(instances);
        afterCommitment = List.copyOf(afterCommitment);
    }

    /**
     * One instance.
     *
     * @param sopInstanceUid (0008,0018)
     * @param status         the C-STORE response status (0000 success)
     * @param statusSent     the SOP Instance Status in the copy sent (empty: none or stripped)
     * @param rule           the rule of PS3.15 A.1.1 that decided what was sent ('d', 'e', 'f', 'c')
     * @param reason         why, and the peer's Error Comment on failure
     */
    public record Instance(String sopInstanceUid, int status, Optional<SopInstanceStatus> statusSent, char rule,
                           String reason) {
        public boolean isSuccess() {
            return status == 0;
        }
    }

    /** True when every instance was stored and, for originals, committed. */
    public boolean isComplete() {
        return instances.stream().allMatch(Instance::isSuccess) && !commitmentPending
                && commitment.map(c -> c.failed().isEmpty()).orElse(true);
    }
}
