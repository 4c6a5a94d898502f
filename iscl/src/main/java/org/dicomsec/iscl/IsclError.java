package org.dicomsec.iscl;

/**
 * ISCL error codes, docs/iscl-wire-format.md section 10. PROTOCOL_ERROR ..
 * AUTHENTICATION_FAILED and KEY_CARD_ERROR may be sent in LINE-CONNECT-RJ or
 * ERROR packets; VOLUME_LIMIT travels in a DISCONNECT record; the others are
 * local only.
 */
public enum IsclError {
    PROTOCOL_ERROR(0x0001),
    VERSION_NOT_SUPPORTED(0x0002),
    UNKNOWN_ENTITY(0x0003),
    NO_ACCEPTABLE_MECHANISM(0x0004),
    PACKET_SIZE_UNACCEPTABLE(0x0005),
    AUTHENTICATION_FAILED(0x0006),
    TIMEOUT(0x0007),
    KEY_CARD_ERROR(0x0008),
    INTEGRITY_FAILURE(0x0010),
    RECORD_OVERFLOW(0x0011),
    TRUNCATED(0x0012),
    UNEXPECTED_RECORD(0x0013),
    PEER_ERROR(0x0014),
    /** The per-key volume limit of a direction was reached (docs/iscl-wire-format.md section 8.8). */
    VOLUME_LIMIT(0x0015);

    private final int code;

    IsclError(int code) {
        this.code = code;
    }

    /** The 16-bit wire code. */
    public int code() {
        return code;
    }

    /** The error with this wire code, or null when unknown. */
    public static IsclError ofCode(int code) {
        for (IsclError e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return null;
    }

    /** "NAME (0x00nn)" for logs and messages. */
    public String describe() {
        return name() + String.format(" (0x%04X)", code);
    }

    /** A code read from the wire, named when known. */
    public static String describe(int code) {
        IsclError e = ofCode(code);
        return e != null ? e.describe() : String.format("unknown code 0x%04X", code);
    }
}
