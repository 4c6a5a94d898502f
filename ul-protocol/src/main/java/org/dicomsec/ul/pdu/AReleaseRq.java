package org.dicomsec.ul.pdu;

/**
 * A-RELEASE-RQ PDU, type 05H (PS3.8 9.3.6, table 9-24): four reserved bytes, sent as 00H and
 * not tested on receipt.
 */
public record AReleaseRq() implements Pdu {
    /** The one value. */
    public static final AReleaseRq INSTANCE = new AReleaseRq();

    @Override
    public int pduType() {
        return PduType.A_RELEASE_RQ;
    }
}
