package org.dicomsec.ul.pdu;

/**
 * A-ABORT PDU, type 07H (PS3.8 9.3.8, table 9-26). Bytes 7 and 8 are reserved: sent as 00H,
 * not tested on receipt. The reason is significant only for source 2; values outside the
 * table are kept as received.
 *
 * @param source the {@code SOURCE_*} value
 * @param reason the Reason/Diag. value ({@code REASON_*}); 0 when the source is the service-user
 */
public record AAbort(int source, int reason) implements Pdu {
    /** Source 0: DICOM UL service-user (initiated abort). */
    public static final int SOURCE_SERVICE_USER = 0;
    /** Source 1: reserved. */
    public static final int SOURCE_RESERVED = 1;
    /** Source 2: DICOM UL service-provider (initiated abort). */
    public static final int SOURCE_SERVICE_PROVIDER = 2;

    /** Reason 0: reason-not-specified. */
    public static final int REASON_NOT_SPECIFIED = 0;
    /** Reason 1: unrecognized-PDU. */
    public static final int REASON_UNRECOGNIZED_PDU = 1;
    /** Reason 2: unexpected-PDU. */
    public static final int REASON_UNEXPECTED_PDU = 2;
    /** Reason 3: reserved. */
    public static final int REASON_RESERVED = 3;
    /** Reason 4: unrecognized-PDU parameter. */
    public static final int REASON_UNRECOGNIZED_PDU_PARAMETER = 4;
    /** Reason 5: unexpected-PDU parameter. */
    public static final int REASON_UNEXPECTED_PDU_PARAMETER = 5;
    /** Reason 6: invalid-PDU-parameter value. */
    public static final int REASON_INVALID_PDU_PARAMETER_VALUE = 6;

    public AAbort {
        if ((source | reason) >>> 8 != 0) {
            throw new IllegalArgumentException("Source and Reason/Diag. are one byte each");
        }
    }

    /** An A-ABORT from the service-user (source 0, reason 0). */
    public static AAbort serviceUser() {
        return new AAbort(SOURCE_SERVICE_USER, REASON_NOT_SPECIFIED);
    }

    /** An A-ABORT from the service-provider with a reason. */
    public static AAbort serviceProvider(int reason) {
        return new AAbort(SOURCE_SERVICE_PROVIDER, reason);
    }

    @Override
    public int pduType() {
        return PduType.A_ABORT;
    }

    /** The standard's name of a Source value (PS3.8 table 9-26). */
    public static String sourceName(int source) {
        return switch (source) {
            case SOURCE_SERVICE_USER -> "DICOM UL service-user (initiated abort)";
            case SOURCE_RESERVED -> "reserved";
            case SOURCE_SERVICE_PROVIDER -> "DICOM UL service-provider (initiated abort)";
            default -> "unknown source " + source;
        };
    }

    /** The standard's name of a Reason/Diag. value (PS3.8 table 9-26). */
    public static String reasonName(int reason) {
        return switch (reason) {
            case REASON_NOT_SPECIFIED -> "reason-not-specified";
            case REASON_UNRECOGNIZED_PDU -> "unrecognized-PDU";
            case REASON_UNEXPECTED_PDU -> "unexpected-PDU";
            case REASON_RESERVED -> "reserved";
            case REASON_UNRECOGNIZED_PDU_PARAMETER -> "unrecognized-PDU parameter";
            case REASON_UNEXPECTED_PDU_PARAMETER -> "unexpected-PDU parameter";
            case REASON_INVALID_PDU_PARAMETER_VALUE -> "invalid-PDU-parameter value";
            default -> "unknown reason " + reason;
        };
    }

    @Override
    public String toString() {
        return "AAbort[" + sourceName(source) + ", " + reasonName(reason) + "]";
    }
}
