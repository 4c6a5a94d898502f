package org.dicomsec.ul.dimse;

import java.util.Objects;

/**
 * C-STORE-RSP, PS3.7 9.3.1.2 (table 9.3-2). Never has a data set.
 *
 * @param messageIdBeingRespondedTo the request's Message ID
 * @param affectedSopClassUid       Affected SOP Class UID (may be null: optional in the response)
 * @param affectedSopInstanceUid    Affected SOP Instance UID (may be null: optional in the response)
 * @param status                    Status
 */
public record CStoreRsp(int messageIdBeingRespondedTo, String affectedSopClassUid, String affectedSopInstanceUid,
                        Status status) implements DimseResponse {
    public CStoreRsp {
        DimseCodec.checkMessageId(messageIdBeingRespondedTo);
        Objects.requireNonNull(status, "status");
    }

    @Override
    public int commandField() {
        return CommandField.C_STORE_RSP;
    }
}
