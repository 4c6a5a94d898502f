package org.dicomsec.ul;

import java.io.IOException;

import org.dicomsec.data.Dataset;
import org.dicomsec.ul.dimse.NEventReportRq;

/**
 * Receives N-EVENT-REPORT requests (PS3.7 10.1.1) as the SCU of a SOP class: on the association
 * that carried the N-ACTION, or on one the SCP opened.
 */
@FunctionalInterface
public interface NEventReportHandler {
    /**
     * @param eventInformation the request's data set, or null when it had none
     * @return status and optional Event Reply
     */
    DimseReply eventReport(Association association, PresentationContext context, NEventReportRq request,
                           Dataset eventInformation) throws IOException;
}
