package org.dicomsec.ul.dimse;

import java.util.Objects;

/**
 * N-EVENT-REPORT-RQ, PS3.7 10.3.1.1 (table 10.3-1). May carry an Event Information data set.
 * Sent by the SCP of a SOP class (e.g. Storage Commitment, PS3.4 J.3.3), on the association
 * of the request or on a new one.
 *
 * @param messageId              Message ID
 * @param affectedSopClassUid    Affected SOP Class UID
 * @param affectedSopInstanceUid Affected SOP Instance UID
 * @param eventTypeId            Event Type ID
 */
public record NEventReportRq(int messageId, String affectedSopClassUid, String affectedSopInstanceUid,
                             int eventTypeId) implements DimseRequest {
    public NEventReportRq {
        DimseCodec.checkMessageId(messageId);
        Objects.requireNonNull(affectedSopClassUid, "affectedSopClassUid");
        Objects.requireNonNull(affectedSopInstanceUid, "affectedSopInstanceUid");
        DimseCodec.checkU16(eventTypeId, "Event Type ID");
    }

    @Override
    public int commandField() {
        return CommandField.N_EVENT_REPORT_RQ;
    }

    @Override
    public String sopClassUid() {
        return affectedSopClassUid;
    }
}
