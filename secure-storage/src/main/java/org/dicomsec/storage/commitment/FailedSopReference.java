package org.dicomsec.storage.commitment;

import java.util.Objects;

/**
 * An item of the Failed SOP Sequence (0008,1198): the reference and its
 * Failure Reason (0008,1197), US (PS3.4 J.3.3).
 */
public record FailedSopReference(SopReference reference, int failureReason) {

    public FailedSopReference {
        Objects.requireNonNull(reference, "reference");
        if (failureReason < 0 || failureReason > 0xFFFF) {
            throw new IllegalArgumentException("Failure Reason (0008,1197) is US: " + failureReason);
        }
    }

    @Override
    public String toString() {
        return reference.sopInstanceUid() + ": " + FailureReason.name(failureReason);
    }
}
