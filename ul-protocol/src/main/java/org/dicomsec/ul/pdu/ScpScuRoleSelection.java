package org.dicomsec.ul.pdu;

/**
 * SCP/SCU Role Selection Sub-Item, type 54H (PS3.7 Annex D.3.3.4, tables D.3-9 and D.3-10).
 * The role bytes are 0 (non-support / rejection) or 1 (support / acceptance); other values
 * are kept as received.
 *
 * @param sopClassUid the SOP class the roles apply to
 * @param scuRole     SCU-role byte
 * @param scpRole     SCP-role byte
 */
public record ScpScuRoleSelection(String sopClassUid, int scuRole, int scpRole) implements UserInformationSubItem {
    /** Item type 54H. */
    public static final int ITEM_TYPE = 0x54;

    public ScpScuRoleSelection {
        Bytes.checkLatin1(sopClassUid, 0xFFFF - 4, "SOP-class-uid");
        if (scuRole < 0 || scuRole > 255 || scpRole < 0 || scpRole > 255) {
            throw new IllegalArgumentException("role values must fit one byte");
        }
    }

    /** Convenience with boolean roles. */
    public ScpScuRoleSelection(String sopClassUid, boolean scu, boolean scp) {
        this(sopClassUid, scu ? 1 : 0, scp ? 1 : 0);
    }

    @Override
    public int itemType() {
        return ITEM_TYPE;
    }
}
