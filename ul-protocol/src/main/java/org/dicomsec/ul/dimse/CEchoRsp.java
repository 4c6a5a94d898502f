package org.dicomsec.ul.dimse;

import java.util.Objects;

/**
 * C-ECHO-RSP, PS3.7 9.3.5.2 (table 9.3-13). Never has a data set.
 *
 * @param messageIdBeingRespondedTo the request's Message ID
 * @param affectedSopClassUid       Affected SOP Class UID
 * @param status                    Status
 */
public record CEchoRsp(int messageIdBeingRespondedTo, String affectedSopClassUid, Status status)
        implements DimseResponse {
    public CEchoRsp {
        DimseCodec.checkMessageId(messageIdBeingRespondedTo);
        Objects.requireNonNull(status, "status");
    }

    @Override
    public int commandField() {
        return CommandField.C_ECHO_RSP;
    }
}
