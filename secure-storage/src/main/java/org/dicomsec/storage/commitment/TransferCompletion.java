package org.dicomsec.storage.commitment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dicomsec.storage.AfterCommitment;
import org.dicomsec.storage.ProfileViolationException;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.TransferRules;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.storage.store.StoredInstance;

/**
 * The sender's side of rule d.5 of PS3.15 A.1.1: once the receiver confirmed
 * (N-EVENT-REPORT) it committed an original this AE transferred, the local
 * copy is deleted, set to NS, or (from AO) set to AC as {@link TransferRules}
 * decides. Instances that failed, or that were sent as copies, are left as
 * they are.
 */
public final class TransferCompletion {

    private TransferCompletion() {
    }

    /** What happened to one local instance. */
    public record Outcome(String sopInstanceUid, Optional<AfterCommitment> action, String reason) {
    }

    /**
     * @param result         the N-EVENT-REPORT received
     * @param sentAsOriginal the SOP Instance UIDs this AE transferred as originals in that transaction
     */
    public static List<Outcome> apply(CommitmentResult result, Set<String> sentAsOriginal, InstanceStore store,
                                      TransferRules rules) throws IOException {
        List<Outcome> out = new ArrayList<>();
        for (SopReference r : result.committed()) {
            String uid = r.sopInstanceUid();
            if (!sentAsOriginal.contains(uid)) {
                out.add(new Outcome(uid, Optional.empty(), "not transferred as the original"));
                continue;
            }
            Optional<StoredInstance> si = store.get(uid);
            if (si.isEmpty() || !si.get().isOriginal()) {
                out.add(new Outcome(uid, Optional.empty(), "not held as an original here"));
                continue;
            }
            SopInstanceStatus status = si.get().status().orElseThrow();
            AfterCommitment action = rules.decideAfterCommitment(status);
            try {
                store.completeTransfer(uid, action);
                out.add(new Outcome(uid, Optional.of(action), "d.5: " + status + " committed by the peer"));
            } catch (ProfileViolationException e) {
                out.add(new Outcome(uid, Optional.empty(), e.getMessage()));
            }
        }
        for (FailedSopReference f : result.failed()) {
            out.add(new Outcome(f.reference().sopInstanceUid(), Optional.empty(),
                    "not committed: " + FailureReason.name(f.failureReason()) + "; the original stays here"));
        }
        return out;
    }
}
