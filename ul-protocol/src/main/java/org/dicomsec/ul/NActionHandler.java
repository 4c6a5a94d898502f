package org.dicomsec.ul;

import java.io.IOException;

import org.dicomsec.data.Dataset;
import org.dicomsec.ul.dimse.NActionRq;

/** Serves N-ACTION requests (PS3.7 10.1.4) as the SCP of a SOP class, e.g. Storage Commitment. */
@FunctionalInterface
public interface NActionHandler {
    /**
     * @param actionInformation the request's data set, or null when it had none
     * @return status and optional Action Reply
     */
    DimseReply action(Association association, PresentationContext context, NActionRq request,
                      Dataset actionInformation) throws IOException;
}
