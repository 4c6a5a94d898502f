package org.dicomsec.ul;

import java.io.IOException;
import java.io.InputStream;

import org.dicomsec.ul.dimse.CStoreRq;
import org.dicomsec.ul.dimse.Status;

/** Serves C-STORE requests (PS3.4 Annex B, PS3.7 9.1.1) as an SCP. */
@FunctionalInterface
public interface CStoreHandler {
    /**
     * Stores one instance. {@code dataSet} streams the data set as it arrives, in the context's
     * transfer syntax, with bounded memory; it ends at the last fragment. What the handler does not
     * read is skipped. An exception other than an abort of the association is answered with a
     * failure status (0110H processing failure).
     *
     * @return the status to answer (success only once the instance is stored)
     */
    Status store(Association association, PresentationContext context, CStoreRq request, InputStream dataSet)
            throws IOException;
}
