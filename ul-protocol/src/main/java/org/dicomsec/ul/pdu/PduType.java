package org.dicomsec.ul.pdu;

/**
 * PDU type codes of PS3.8 section 9.3.1 (table 9-1 ff.), with their names for logs.
 */
public final class PduType {
    private PduType() {}

    /** A-ASSOCIATE-RQ, PS3.8 table 9-11. */
    public static final int A_ASSOCIATE_RQ = 0x01;
    /** A-ASSOCIATE-AC, PS3.8 table 9-17. */
    public static final int A_ASSOCIATE_AC = 0x02;
    /** A-ASSOCIATE-RJ, PS3.8 table 9-21. */
    public static final int A_ASSOCIATE_RJ = 0x03;
    /** P-DATA-TF, PS3.8 table 9-22. */
    public static final int P_DATA_TF = 0x04;
    /** A-RELEASE-RQ, PS3.8 table 9-24. */
    public static final int A_RELEASE_RQ = 0x05;
    /** A-RELEASE-RP, PS3.8 table 9-25. */
    public static final int A_RELEASE_RP = 0x06;
    /** A-ABORT, PS3.8 table 9-26. */
    public static final int A_ABORT = 0x07;

    /** Length of the common PDU header: type, reserved, 4-byte length (PS3.8 9.3.1). */
    public static final int HEADER_LENGTH = 6;

    /** True for the seven PDU types PS3.8 defines. */
    public static boolean isKnown(int type) {
        return type >= A_ASSOCIATE_RQ && type <= A_ABORT;
    }

    /** The standard's name of a PDU type, or {@code "unknown PDU type 0xNN"}. */
    public static String name(int type) {
        return switch (type) {
            case A_ASSOCIATE_RQ -> "A-ASSOCIATE-RQ";
            case A_ASSOCIATE_AC -> "A-ASSOCIATE-AC";
            case A_ASSOCIATE_RJ -> "A-ASSOCIATE-RJ";
            case P_DATA_TF -> "P-DATA-TF";
            case A_RELEASE_RQ -> "A-RELEASE-RQ";
            case A_RELEASE_RP -> "A-RELEASE-RP";
            case A_ABORT -> "A-ABORT";
            default -> String.format("unknown PDU type 0x%02X", type);
        };
    }
}
