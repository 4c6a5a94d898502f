package org.dicomsec.ul.dimse;

import java.util.Objects;

/**
 * N-ACTION-RQ, PS3.7 10.3.4.1 (table 10.3-7). May carry an Action Information data set.
 *
 * @param messageId               Message ID
 * @param requestedSopClassUid    Requested SOP Class UID
 * @param requestedSopInstanceUid Requested SOP Instance UID
 * @param actionTypeId            Action Type ID
 */
public record NActionRq(int messageId, String requestedSopClassUid, String requestedSopInstanceUid,
                        int actionTypeId) implements DimseRequest {
    public NActionRq {
        DimseCodec.checkMessageId(messageId);
        Objects.requireNonNull(requestedSopClassUid, "requestedSopClassUid");
        Objects.requireNonNull(requestedSopInstanceUid, "requestedSopInstanceUid");
        DimseCodec.checkU16(actionTypeId, "Action Type ID");
    }

    @Override
    public int commandField() {
        return CommandField.N_ACTION_RQ;
    }

    @Override
    public String sopClassUid() {
        return requestedSopClassUid;
    }
}
