package org.dicomsec.ul.pdu;

/**
 * Abstract Syntax Sub-Item, type 30H (PS3.8 9.3.2.2.1, table 9-14).
 *
 * @param name the abstract syntax name: a SOP Class UID, sent without padding
 */
public record AbstractSyntaxSubItem(String name) {
    /** Item type 30H. */
    public static final int ITEM_TYPE = 0x30;

    public AbstractSyntaxSubItem {
        Bytes.checkLatin1(name, 0xFFFF, "Abstract-syntax-name");
    }
}
