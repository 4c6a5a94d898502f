package org.dicomsec.ul.pdu;

/**
 * Implementation Class UID Sub-Item, type 52H (PS3.7 Annex D.3.3.2, table D.3-1).
 *
 * @param uid the implementation class UID, sent without padding
 */
public record ImplementationClassUid(String uid) implements UserInformationSubItem {
    /** Item type 52H. */
    public static final int ITEM_TYPE = 0x52;

    public ImplementationClassUid {
        Bytes.checkLatin1(uid, 0xFFFF, "Implementation-class-uid");
    }

    @Override
    public int itemType() {
        return ITEM_TYPE;
    }
}
