package org.dicomsec.storage;

import java.util.Objects;
import java.util.concurrent.Executor;
import org.dicomsec.storage.audit.AuditFailure;
import org.dicomsec.storage.store.ReceivedFileWriter;

/**
 * How the Online Electronic Storage SCP ({@link org.dicomsec.storage.net.OnlineStorageScp.Builder#receiverSettings})
 * receives a data set stream.
 *
 * @param budget       how much of a data set is parsed and held ({@link ParseBudget#DEFAULT})
 * @param auditFailure what happens when the audit trail cannot record a reception
 *                     ({@link AuditFailure#DEFAULT}: closed, the store is refused)
 * @param disk         the disk threads of {@link ReceivedFileWriter} (for example
 *                     {@link ReceivedFileWriter#diskExecutor}), or null: the receiving thread writes
 *                     (the default; a library starts no thread it was not asked for)
 */
public record ReceiverSettings(ParseBudget budget, AuditFailure auditFailure, Executor disk) {

    /** {@link ParseBudget#DEFAULT}, fail-closed, writing in the receiving thread. */
    public static final ReceiverSettings DEFAULT = new ReceiverSettings(ParseBudget.DEFAULT, AuditFailure.DEFAULT, null);

    public ReceiverSettings {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(auditFailure, "auditFailure");
    }

    public ReceiverSettings withBudget(ParseBudget b) {
        return new ReceiverSettings(b, auditFailure, disk);
    }

    public ReceiverSettings withAuditFailure(AuditFailure a) {
        return new ReceiverSettings(budget, a, disk);
    }

    public ReceiverSettings withDisk(Executor e) {
        return new ReceiverSettings(budget, auditFailure, e);
    }
}
