package org.dicomsec.ul.dimse;

import java.util.Objects;

/**
 * N-ACTION-RSP, PS3.7 10.3.4.2 (table 10.3-8). May carry an Action Reply data set.
 *
 * @param messageIdBeingRespondedTo the request's Message ID
 * @param affectedSopClassUid       Affected SOP Class UID, or null
 * @param affectedSopInstanceUid    Affected SOP Instance UID, or null
 * @param actionTypeId              Action Type ID, or -1 when absent
 * @param status                    Status
 */
public record NActionRsp(int messageIdBeingRespondedTo, String affectedSopClassUid, String affectedSopInstanceUid,
                         int actionTypeId, Status status) implements DimseResponse {
    public NActionRsp {
        DimseCodec.checkMessageId(messageIdBeingRespondedTo);
        if (actionTypeId != -1) {
            DimseCodec.checkU16(actionTypeId, "Action Type ID");
        }
        Objects.requireNonNull(status, "status");
    }

    @Override
    public int commandField() {
        return CommandField.N_ACTION_RSP;
    }
}
