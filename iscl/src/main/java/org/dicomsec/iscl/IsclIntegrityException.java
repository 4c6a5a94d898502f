package org.dicomsec.iscl;

import org.dicomsec.ul.transport.TransportIntegrityException;

/**
 * A record failed its check after the handshake (tag mismatch, replay,
 * reordering, deletion, truncation, oversized or unexpected record). The
 * connection has been dropped; the Upper Layer issues A-P-ABORT with provider
 * reason {@link TransportIntegrityException#PROVIDER_REASON} (PS3.15 B.2).
 */
public final class IsclIntegrityException extends TransportIntegrityException {
    private static final long serialVersionUID = 1L;

    private final IsclError error;

    public IsclIntegrityException(IsclError error, String detail) {
        this(error, detail, null);
    }

    public IsclIntegrityException(IsclError error, String detail, Throwable cause) {
        super("iscl", error.describe() + ": " + detail, cause);
        this.error = error;
    }

    public IsclError error() {
        return error;
    }
}
