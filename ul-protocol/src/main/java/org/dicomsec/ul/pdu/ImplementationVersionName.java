package org.dicomsec.ul.pdu;

/**
 * Implementation Version Name Sub-Item, type 55H (PS3.7 Annex D.3.3.2, table D.3-3):
 * 1 to 16 characters of the default repertoire (not checked on receipt, only the length
 * is bounded by the item).
 *
 * @param name the implementation version name
 */
public record ImplementationVersionName(String name) implements UserInformationSubItem {
    /** Item type 55H. */
    public static final int ITEM_TYPE = 0x55;

    public ImplementationVersionName {
        Bytes.checkLatin1(name, 0xFFFF, "Implementation-version-name");
    }

    @Override
    public int itemType() {
        return ITEM_TYPE;
    }
}
