package org.dicomsec.ul.pdu;

import java.util.Arrays;

/**
 * SOP Class Extended Negotiation Sub-Item, type 56H (PS3.7 Annex D.3.3.5, table D.3-11).
 *
 * @param sopClassUid                        the SOP class
 * @param serviceClassApplicationInformation opaque bytes defined by the service class (PS3.4)
 */
public record SopClassExtendedNegotiation(String sopClassUid, byte[] serviceClassApplicationInformation)
        implements UserInformationSubItem {
    /** Item type 56H. */
    public static final int ITEM_TYPE = 0x56;

    public SopClassExtendedNegotiation {
        Bytes.checkLatin1(sopClassUid, 0xFFFF - 2, "SOP-class-uid");
        serviceClassApplicationInformation = Bytes.checkBytes(serviceClassApplicationInformation,
                0xFFFF - 2 - sopClassUid.length(), "Service-class-application-information");
    }

    @Override
    public byte[] serviceClassApplicationInformation() {
        return serviceClassApplicationInformation.clone();
    }

    byte[] rawInfo() {
        return serviceClassApplicationInformation;
    }

    @Override
    public int itemType() {
        return ITEM_TYPE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SopClassExtendedNegotiation s && s.sopClassUid.equals(sopClassUid)
                && Arrays.equals(s.serviceClassApplicationInformation, serviceClassApplicationInformation);
    }

    @Override
    public int hashCode() {
        return sopClassUid.hashCode() * 31 + Arrays.hashCode(serviceClassApplicationInformation);
    }

    @Override
    public String toString() {
        return "SopClassExtendedNegotiation[sopClassUid=" + sopClassUid + ", serviceClassApplicationInformation="
                + Bytes.hex(serviceClassApplicationInformation) + "]";
    }
}
