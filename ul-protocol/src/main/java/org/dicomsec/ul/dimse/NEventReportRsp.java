package org.dicomsec.ul.dimse;

import java.util.Objects;

/**
 * N-EVENT-REPORT-RSP, PS3.7 10.3.1.2 (table 10.3-2). May carry an Event Reply data set.
 *
 * @param messageIdBeingRespondedTo the request's Message ID
 * @param affectedSopClassUid       Affected SOP Class UID, or null
 * @param affectedSopInstanceUid    Affected SOP Instance UID, or null
 * @param eventTypeId               Event Type ID, or -1 when absent
 * @param status                    Status
 */
public record NEventReportRsp(int messageIdBeingRespondedTo, String affectedSopClassUid,
                              String affectedSopInstanceUid, int eventTypeId, Status status)
        implements DimseResponse {
    public NEventReportRsp {
        DimseCodec.checkMessageId(messageIdBeingRespondedTo);
        if (eventTypeId != -1) {
            DimseCodec.checkU16(eventTypeId, "Event Type ID");
        }
        Objects.requireNonNull(status, "status");
    }

    @Override
    public int commandField() {
        return CommandField.N_EVENT_REPORT_RSP;
    }
}
