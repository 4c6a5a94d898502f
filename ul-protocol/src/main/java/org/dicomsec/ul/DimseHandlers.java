package org.dicomsec.ul;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an association does with the requests its peer sends: C-ECHO is always answered
 * (Verification, PS3.4 Annex A); C-STORE, N-ACTION and N-EVENT-REPORT go to the handlers given
 * here, by SOP class for the N- services. A request without a handler is answered with
 * 0122H (SOP class not supported); an unknown command with 0211H (unrecognized operation).
 * Immutable.
 */
public final class DimseHandlers {
    /** Only C-ECHO. */
    public static final DimseHandlers NONE = builder().build();

    private final CStoreHandler cstore;
    private final Map<String, NActionHandler> naction;
    private final Map<String, NEventReportHandler> neventReport;

    private DimseHandlers(Builder b) {
        this.cstore = b.cstore;
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

    public static final class Builder {
        private CStoreHandler cstore;
        private final Map<String, NActionHandler> naction = new HashMap<>();
        private final Map<String, NEventReportHandler> neventReport = new HashMap<>();

        /** Serves C-STORE for every storage SOP class accepted by the policy. */
        public Builder cstore(CStoreHandler h) {
            this.cstore = Objects.requireNonNull(h);
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
