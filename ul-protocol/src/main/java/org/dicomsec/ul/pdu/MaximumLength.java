package org.dicomsec.ul.pdu;

/**
 * Maximum Length Sub-Item, type 51H (PS3.8 Annex D.1, table D.1-1).
 * <p>
 * Semantics (PS3.8 D.1): the maximum length is the largest variable field of a P-DATA-TF PDU
 * the sender of this sub-item is willing to receive, i.e. the sum of its PDV items each counted
 * with its 4-byte item length field — the value of the P-DATA-TF PDU length field. It does not
 * bound other PDUs. 0 means no maximum.
 *
 * @param maximumLength unsigned 32-bit value; 0 means unlimited
 */
public record MaximumLength(long maximumLength) implements UserInformationSubItem {
    /** Item type 51H. */
    public static final int ITEM_TYPE = 0x51;

    public MaximumLength {
        if (maximumLength < 0 || maximumLength > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("Maximum-length-received must be unsigned 32-bit: " + maximumLength);
        }
    }

    @Override
    public int itemType() {
        return ITEM_TYPE;
    }

    /** True if the value is 0, meaning no maximum. */
    public boolean unlimited() {
        return maximumLength == 0;
    }
}
