package org.dicomsec.storage.audit;

import java.io.IOException;
import java.util.Collection;
import java.util.Set;
import java.util.List;

/** Where audit messages go. Implementations are thread-safe. */
public interface AuditTrail {

    /** Records one message; returns once it was handed over (written and flushed, or sent). */
    void record(AuditMessage message) throws IOException;

    /**
     * Of the SOP Instance UIDs {@code uids}, those whose successful reception one of this trail's
     * most recent messages records; empty when none does or the trail cannot tell (a trail that
     * only sends). What a receiver asks on start about the instances whose commit a stop cut off
     * ({@link org.dicomsec.storage.store.InstanceStore#unconfirmedOnOpen()}).
     */
    default Set<String> recentlyReceived(Collection<String> uids) throws IOException {
        return Set.of();
    }

    /** A trail that records to each of {@code trails} in turn; the first failure is thrown after trying all. */
    static AuditTrail of(AuditTrail... trails) {
        List<AuditTrail> list = List.of(trails);
        return m -> {
            IOException first = null;
            for (AuditTrail t : list) {
                try {
                    t.record(m);
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        };
    }
}
