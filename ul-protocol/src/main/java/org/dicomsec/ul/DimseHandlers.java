package org.dicomsec.ul;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What an association does with the requests its peer sends: C-ECHO is always answered
 * (Verification, PS3.4 Annex A); C-STORE, N-ACTION and N-EVENT-REPORT go to the handlers given
 * here, by SOP class for the N- services. A request without a handler is answered with
 * 0122H (SOP class not supported); an unknown command with 0211H (unrecognized operation).
 *
 * <p>By default requests are performed one at a time on the thread that reads the association.
 * With {@link Builder#concurrentStores(int, Executor)} the acceptor offers an asynchronous
 * operations window (PS3.7 D.3.3.3) to a requestor that proposes one, and performs up to that
 * many C-STORE requests at once on the executor (the caller's: the library starts no thread).
 * Immutable.
 */
public final class DimseHandlers {
    /** Only C-ECHO. */
    public static final DimseHandlers NONE = builder().build();

    private final CStoreHandler cstore;
    private final Map<String, NActionHandler> naction;
    private final Map<String, NEventReportHandler> neventReport;
    private final int maxConcurrentStores;
    private final Executor executor;

    private DimseHandlers(Builder b) {
        this.cstore = b.cstore;
        this.maxConcurrentStores = b.maxConcurrentStores;
        this.executor = b.executor;
        this.naction = Map.copyOf(b.naction);
        this.neventReport = Map.copyOf(b.neventReport);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The C-STORE handler, or null. */
    public CStoreHandler cstore() {
        return cstore;
    }

    /** The N-ACTION handler for a SOP class, or null. */
    public NActionHandler naction(String sopClassUid) {
        return naction.get(sopClassUid);
    }

    /** The N-EVENT-REPORT handler for a SOP class, or null. */
    public NEventReportHandler neventReport(String sopClassUid) {
        return neventReport.get(sopClassUid);
    }

    /** The most C-STORE requests performed at once on one association (1: one at a time). */
    public int maxConcurrentStores() {
        return maxConcurrentStores;
    }

    /** Where concurrent C-STOREs run, or null. */
    Executor executor() {
        return executor;
    }

    public static final class Builder {
        private CStoreHandler cstore;
        private int maxConcurrentStores = 1;
        private Executor executor;
        private final Map<String, NActionHandler> naction = new HashMap<>();
        private final Map<String, NEventReportHandler> neventReport = new HashMap<>();

        /** Serves C-STORE for every storage SOP class accepted by the policy. */
        public Builder cstore(CStoreHandler h) {
            this.cstore = Objects.requireNonNull(h);
            return this;
        }

        /**
         * Performs up to {@code window} C-STORE requests of one association at once, each on
         * {@code executor}, when the requestor negotiates an asynchronous operations window (PS3.7
         * D.3.3.3; the acceptor answers at most {@code window}). The handler's thread reads the
         * instance's data set as it arrives; once it is read, the association reads the next
         * request while the handler finishes (e.g. makes the instance durable) and answers, so
         * several instances become durable together. The handler must then be safe to call from
         * several threads. A peer that does not negotiate the window is served one request at a time.
         *
         * @param window   1 to 64; 1 turns it off
         * @param executor runs the handlers; a rejected task runs on the association's thread
         */
        public Builder concurrentStores(int window, Executor executor) {
            if (window < 1 || window > 64) {
                throw new IllegalArgumentException("window must be 1..64: " + window);
            }
            this.maxConcurrentStores = window;
            this.executor = Objects.requireNonNull(executor);
            return this;
        }

        public Builder naction(String sopClassUid, NActionHandler h) {
            naction.put(Objects.requireNonNull(sopClassUid), Objects.requireNonNull(h));
            return this;
        }

        public Builder neventReport(String sopClassUid, NEventReportHandler h) {
            neventReport.put(Objects.requireNonNull(sopClassUid), Objects.requireNonNull(h));
            return this;
        }

        public DimseHandlers build() {
            return new DimseHandlers(this);
        }
    }
}
