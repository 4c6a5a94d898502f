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

    /**
     * A handler that stores in two steps, for an SCP that performs several C-STOREs of an
     * association at once (an asynchronous operations window above 1, {@link
     * DimseHandlers.Builder#concurrentStores}): {@link #receive} reads the data set on the
     * association's reading thread, and the {@link Completion} it returns, which makes the instance
     * durable, runs on the store executor while the reading thread goes on with the next request.
     * No instance changes threads while its data set is read. Without a window, {@link #store}
     * runs both steps on the reading thread.
     */
    interface Staged extends CStoreHandler {
        /**
         * Reads the data set (all of it, or what the handler wants: the rest is skipped) and returns
         * what completes the C-STORE. Exceptions are answered as from {@link #store}.
         */
        Completion receive(Association association, PresentationContext context, CStoreRq request,
                           InputStream dataSet) throws IOException;

        @Override
        default Status store(Association association, PresentationContext context, CStoreRq request,
                             InputStream dataSet) throws IOException {
            return receive(association, context, request, dataSet).complete();
        }
    }

    /** The rest of a {@link Staged} C-STORE, after its data set was read: it runs exactly once. */
    @FunctionalInterface
    interface Completion {
        /**
         * @return the status to answer (success only once the instance is stored)
         */
        Status complete() throws IOException;

        /** A C-STORE already decided when its data set was read (a refusal, for instance). */
        static Completion of(Status status) {
            return () -> status;
        }
    }
}
