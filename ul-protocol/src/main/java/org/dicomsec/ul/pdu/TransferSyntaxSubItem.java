package org.dicomsec.ul.pdu;

/**
 * Transfer Syntax Sub-Item, type 40H (PS3.8 9.3.2.2.2, table 9-15; 9.3.3.2.1, table 9-19).
 *
 * @param name the transfer syntax name: a Transfer Syntax UID, sent without padding
 */
public record TransferSyntaxSubItem(String name) {
    /** Item type 40H. */
    public static final int ITEM_TYPE = 0x40;

    public TransferSyntaxSubItem {
        Bytes.checkLatin1(name, 0xFFFF, "Transfer-syntax-name");
    }
}
