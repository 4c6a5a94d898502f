package org.dicomsec.ul.pdu;

/**
 * A-RELEASE-RP PDU, type 06H (PS3.8 9.3.7, table 9-25): four reserved bytes, sent as 00H and
 * not tested on receipt.
 */
public record AReleaseRp() implements Pdu {
    /** The one value. */
    public static final AReleaseRp INSTANCE = new AReleaseRp();

    @Override
    public int pduType() {
        return PduType.A_RELEASE_RP;
    }
}
