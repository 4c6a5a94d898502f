package org.dicomsec.ul.pdu;

/**
 * Asynchronous Operations Window Sub-Item, type 53H (PS3.7 Annex D.3.3.3, table D.3-7).
 * 0 means unlimited; 1/1 is the default when the sub-item is absent.
 *
 * @param maxOperationsInvoked   Maximum-number-operations-invoked (unsigned 16-bit)
 * @param maxOperationsPerformed Maximum-number-operations-performed (unsigned 16-bit)
 */
public record AsynchronousOperationsWindow(int maxOperationsInvoked, int maxOperationsPerformed)
        implements UserInformationSubItem {
    /** Item type 53H. */
    public static final int ITEM_TYPE = 0x53;

    public AsynchronousOperationsWindow {
        if (maxOperationsInvoked < 0 || maxOperationsInvoked > 0xFFFF
                || maxOperationsPerformed < 0 || maxOperationsPerformed > 0xFFFF) {
            throw new IllegalArgumentException("operation counts must be unsigned 16-bit");
        }
    }

    @Override
    public int itemType() {
        return ITEM_TYPE;
    }
}
