package org.dicomsec.cli;

import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dicomsec.storage.audit.AuditCode;
import org.dicomsec.storage.audit.AuditMessage;
import org.dicomsec.storage.audit.AuditTrail;

/**
 * An audit trail the demo reads back: a receiving node's Security Alerts for a
 * data integrity failure (PS3.15 A.5, code DS-001), which is how its side of
 * the tamper step is seen (the SCP audits the A-P-ABORT of a C-STORE whose
 * transport failed its integrity check). Kept beside the node's audit file.
 */
final class DemoAuditWatch implements AuditTrail {

    private final BlockingQueue<AuditMessage> integrityFailures = new LinkedBlockingQueue<>();

    @Override
    public void record(AuditMessage m) {
        if (m.event().eventTypeCodes().contains(AuditCode.DATA_INTEGRITY_FAILURE)) {
            integrityFailures.add(m);
        }
    }

    /** Forgets what was seen so far. */
    void clear() {
        integrityFailures.clear();
    }

    /** The description of the next integrity failure audited within {@code millis}, if any. */
    Optional<String> awaitIntegrityFailure(long millis) throws InterruptedException {
        AuditMessage m = integrityFailures.poll(millis, TimeUnit.MILLISECONDS);
        return m == null ? Optional.empty() : Optional.of(String.valueOf(m.event().description()));
    }
}
