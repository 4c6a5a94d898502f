package org.dicomsec.storage.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.dicomsec.storage.SopInstanceStatus;

/**
 * One entry of the instance store's index: what is durably stored for a SOP Instance UID.
 *
 * @param sopInstanceUid     (0008,0018)
 * @param sopClassUid        (0008,0016)
 * @param file               the Part 10 file holding it
 * @param status             its SOP Instance Status (0100,0410), empty when it has none
 * @param provenance         who sent it and over what
 * @param digest             SHA-256 (lower-case hex) of the data set bytes as stored: the file after
 *                           its File Meta Information
 * @param storedAt           when this version was made durable
 * @param version            1 for the first write, +1 for each rewrite (status change)
 * @param awaitingCommitment received as an original (rule d) and the commitment not yet confirmed:
 *                           it may not be forwarded (d.4)
 * @param authorizedBy       the entity of the last authorization (rule b), "" when none
 */
public record StoredInstance(String sopInstanceUid, String sopClassUid, Path file, Optional<SopInstanceStatus> status,
                             Provenance provenance, String digest, Instant storedAt, long version,
                             boolean awaitingCommitment, String authorizedBy) {

    /** True when held as OR or AO: rule c forbids deleting it. */
    public boolean isOriginal() {
        return status.isPresent() && status.get().isOriginal();
    }
}
