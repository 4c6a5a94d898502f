package org.dicomsec.ul;

import java.io.IOException;
import java.util.Optional;

import org.dicomsec.ul.pdu.AAbort;

/**
 * The association ended abnormally: an A-ABORT indication (the peer's service-user aborted),
 * an A-P-ABORT indication (the service-provider aborted: a PDU or PDV the protocol does not
 * allow, the transport closed or failed its integrity check, PS3.8 7.3 and 7.4), or an abort this
 * side issued (a timeout, a DIMSE protocol error, the user's {@code abort()}).
 */
public final class AssociationAbortedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What ended the association. */
    public enum Kind {
        /** A-ABORT indication: the peer's service-user sent an A-ABORT (source 0). */
        A_ABORT,
        /** A-P-ABORT indication: the UL service-provider aborted (either side's provider, or the transport). */
        A_P_ABORT,
        /** This side's service-user aborted (A-ABORT request, source 0 on the wire). */
        LOCAL_ABORT
    }

    private final Kind kind;
    private final int source;
    private final int reason;

    /**
     * @param kind   the indication
     * @param source A-ABORT source (PS3.8 table 9-26), or -1 when no A-ABORT PDU was involved
     * @param reason provider reason (table 9-26, or {@code TransportIntegrityException.PROVIDER_REASON})
     */
    public AssociationAbortedException(Kind kind, int source, int reason, String detail, Throwable cause) {
        super(kind + (source >= 0 ? " source " + AAbort.sourceName(source) : "")
                + (kind == Kind.A_P_ABORT ? " reason " + reason + " " + reasonName(reason) : "")
                + (detail == null ? "" : ": " + detail), cause);
        this.kind = kind;
        this.source = source;
        this.reason = reason;
    }

    private static String reasonName(int reason) {
        return reason == org.dicomsec.ul.transport.TransportIntegrityException.PROVIDER_REASON
                ? "transport integrity failure (dicomsec)" : AAbort.reasonName(reason);
    }

    public Kind kind() {
        return kind;
    }

    /** The A-ABORT PDU's source, or -1 when none was received or sent. */
    public int source() {
        return source;
    }

    /** The provider reason (meaningful for {@link Kind#A_P_ABORT}). */
    public int reason() {
        return reason;
    }

    /**
     * The abort that ended an operation, found in the cause chain of its failure (a C-STORE
     * whose association was aborted fails with an exception of the storage layer caused by
     * this one); empty when the failure was not an abort.
     */
    public static Optional<AssociationAbortedException> in(Throwable failure) {
        // bounded: a cause chain may loop through initCause
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 64; t = t.getCause(), depth++) {
            if (t instanceof AssociationAbortedException a) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
