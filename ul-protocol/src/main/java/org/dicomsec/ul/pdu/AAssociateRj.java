package org.dicomsec.ul.pdu;

/**
 * A-ASSOCIATE-RJ PDU, type 03H (PS3.8 9.3.4, table 9-21). Values outside the tables are kept
 * as received. Byte 7 is reserved: sent as 00H, not tested on receipt.
 *
 * @param result the {@code RESULT_*} value
 * @param source the {@code SOURCE_*} value
 * @param reason the Reason/Diag. value, meaning depends on the source ({@code REASON_*})
 */
public record AAssociateRj(int result, int source, int reason) implements Pdu {
    /** Result 1: rejected-permanent. */
    public static final int RESULT_REJECTED_PERMANENT = 1;
    /** Result 2: rejected-transient. */
    public static final int RESULT_REJECTED_TRANSIENT = 2;

    /** Source 1: DICOM UL service-user. */
    public static final int SOURCE_SERVICE_USER = 1;
    /** Source 2: DICOM UL service-provider (ACSE related function). */
    public static final int SOURCE_SERVICE_PROVIDER_ACSE = 2;
    /** Source 3: DICOM UL service-provider (Presentation related function). */
    public static final int SOURCE_SERVICE_PROVIDER_PRESENTATION = 3;

    /** Source 1, reason 1: no-reason-given. */
    public static final int REASON_USER_NO_REASON_GIVEN = 1;
    /** Source 1, reason 2: application-context-name-not-supported. */
    public static final int REASON_APPLICATION_CONTEXT_NAME_NOT_SUPPORTED = 2;
    /** Source 1, reason 3: calling-AE-title-not-recognized. */
    public static final int REASON_CALLING_AE_TITLE_NOT_RECOGNIZED = 3;
    /** Source 1, reason 7: called-AE-title-not-recognized. */
    public static final int REASON_CALLED_AE_TITLE_NOT_RECOGNIZED = 7;
    /** Source 2, reason 1: no-reason-given. */
    public static final int REASON_ACSE_NO_REASON_GIVEN = 1;
    /** Source 2, reason 2: protocol-version-not-supported. */
    public static final int REASON_PROTOCOL_VERSION_NOT_SUPPORTED = 2;
    /** Source 3, reason 1: temporary-congestion. */
    public static final int REASON_TEMPORARY_CONGESTION = 1;
    /** Source 3, reason 2: local-limit-exceeded. */
    public static final int REASON_LOCAL_LIMIT_EXCEEDED = 2;

    public AAssociateRj {
        if ((result | source | reason) >>> 8 != 0) {
            throw new IllegalArgumentException("Result, Source and Reason/Diag. are one byte each");
        }
    }

    @Override
    public int pduType() {
        return PduType.A_ASSOCIATE_RJ;
    }

    /** The standard's name of a Result value. */
    public static String resultName(int result) {
        return switch (result) {
            case RESULT_REJECTED_PERMANENT -> "rejected-permanent";
            case RESULT_REJECTED_TRANSIENT -> "rejected-transient";
            default -> "reserved result " + result;
        };
    }

    /** The standard's name of a Source value. */
    public static String sourceName(int source) {
        return switch (source) {
            case SOURCE_SERVICE_USER -> "DICOM UL service-user";
            case SOURCE_SERVICE_PROVIDER_ACSE -> "DICOM UL service-provider (ACSE related function)";
            case SOURCE_SERVICE_PROVIDER_PRESENTATION -> "DICOM UL service-provider (Presentation related function)";
            default -> "reserved source " + source;
        };
    }

    /** The standard's name of a Reason/Diag. value for a source (PS3.8 table 9-21). */
    public static String reasonName(int source, int reason) {
        if (source == SOURCE_SERVICE_USER) {
            return switch (reason) {
                case 1 -> "no-reason-given";
                case 2 -> "application-context-name-not-supported";
                case 3 -> "calling-AE-title-not-recognized";
                case 7 -> "called-AE-title-not-recognized";
                default -> "reserved reason " + reason;
            };
        }
        if (source == SOURCE_SERVICE_PROVIDER_ACSE) {
            return switch (reason) {
                case 1 -> "no-reason-given";
                case 2 -> "protocol-version-not-supported";
                default -> "reserved reason " + reason;
            };
        }
        if (source == SOURCE_SERVICE_PROVIDER_PRESENTATION) {
            return switch (reason) {
                case 1 -> "temporary-congestion";
                case 2 -> "local-limit-exceeded";
                default -> "reserved reason " + reason;
            };
        }
        return "reason " + reason;
    }

    @Override
    public String toString() {
        return "AAssociateRj[" + resultName(result) + ", " + sourceName(source) + ", " + reasonName(source, reason)
                + "]";
    }
}
