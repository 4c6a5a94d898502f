package org.dicomsec.storage.audit;

/**
 * What a receiver does when the audit trail cannot record the reception of an instance (a full
 * disk, a lost syslog collector): docs/conformance-statement.md, "Audit trail".
 */
public enum AuditFailure {
    /**
     * Fail-closed, the default and the conservative choice: an instance whose reception cannot be
     * audited is not stored; the C-STORE is answered A700H (Refused: Out of Resources) with the
     * reason in the Error Comment. No storage happens without its audit record.
     */
    CLOSED,
    /**
     * Fail-open: the instance is stored and answered as usual; the failure to audit is logged
     * (System.Logger, ERROR). For sites where availability outweighs the completeness of the trail.
     */
    OPEN;

    /** The default: {@link #CLOSED}. */
    public static final AuditFailure DEFAULT = CLOSED;

    /** "open" or "closed" (as the CLI's --audit-failure takes it). */
    public static AuditFailure of(String name) {
        return switch (name) {
            case "open" -> OPEN;
            case "closed" -> CLOSED;
            default -> throw new IllegalArgumentException("audit failure policy is open or closed, not " + name);
        };
    }
}
