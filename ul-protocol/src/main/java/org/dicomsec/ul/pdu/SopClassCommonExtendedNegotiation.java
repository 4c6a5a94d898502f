package org.dicomsec.ul.pdu;

import java.util.List;

/**
 * SOP Class Common Extended Negotiation Sub-Item, type 57H (PS3.7 Annex D.3.3.6, tables
 * D.3-12 and D.3-13). Byte 2 is the Sub-item-version, 00H in this version of the standard;
 * other values are kept as received.
 *
 * @param subItemVersion                     Sub-item-version byte (0)
 * @param sopClassUid                        the SOP class
 * @param serviceClassUid                    the service class it belongs to
 * @param relatedGeneralSopClassUids         the Related General SOP Class Identification sub-fields
 */
public record SopClassCommonExtendedNegotiation(int subItemVersion, String sopClassUid, String serviceClassUid,
                                                List<String> relatedGeneralSopClassUids)
        implements UserInformationSubItem {
    /** Item type 57H. */
    public static final int ITEM_TYPE = 0x57;

    public SopClassCommonExtendedNegotiation {
        if (subItemVersion < 0 || subItemVersion > 255) {
            throw new IllegalArgumentException("Sub-item-version must fit one byte: " + subItemVersion);
        }
        Bytes.checkLatin1(sopClassUid, 0xFFFF, "SOP-class-uid");
        Bytes.checkLatin1(serviceClassUid, 0xFFFF, "Service-class-uid");
        relatedGeneralSopClassUids = List.copyOf(relatedGeneralSopClassUids);
        long related = 0;
        for (String uid : relatedGeneralSopClassUids) {
            Bytes.checkLatin1(uid, 0xFFFF, "Related-general-sop-class-uid");
            related += 2 + uid.length();
        }
        if (related > 0xFFFF) {
            throw new IllegalArgumentException("Related-general-sop-class-identification longer than 65535 bytes");
        }
        if (6L + sopClassUid.length() + serviceClassUid.length() + related > 0xFFFF) {
            throw new IllegalArgumentException("sub-item longer than 65535 bytes");
        }
    }

    /** Version 0 convenience constructor. */
    public SopClassCommonExtendedNegotiation(String sopClassUid, String serviceClassUid,
                                             List<String> relatedGeneralSopClassUids) {
        this(0, sopClassUid, serviceClassUid, relatedGeneralSopClassUids);
    }

    @Override
    public int itemType() {
        return ITEM_TYPE;
    }
}
