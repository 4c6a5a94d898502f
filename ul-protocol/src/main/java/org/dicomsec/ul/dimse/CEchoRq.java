package org.dicomsec.ul.dimse;

import java.util.Objects;

/**
 * C-ECHO-RQ, PS3.7 9.3.5.1 (table 9.3-12). Never has a data set.
 *
 * @param messageId           Message ID
 * @param affectedSopClassUid Affected SOP Class UID (Verification, 1.2.840.10008.1.1)
 */
public record CEchoRq(int messageId, String affectedSopClassUid) implements DimseRequest {
    public CEchoRq {
        DimseCodec.checkMessageId(messageId);
        Objects.requireNonNull(affectedSopClassUid, "affectedSopClassUid");
    }

    @Override
    public int commandField() {
        return CommandField.C_ECHO_RQ;
    }

    @Override
    public String sopClassUid() {
        return affectedSopClassUid;
    }
}
