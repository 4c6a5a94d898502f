package org.dicomsec.ul.pdu;

import java.util.Arrays;

/**
 * User Identity Negotiation Sub-Item of the A-ASSOCIATE-AC, type 59H (PS3.7 Annex D.3.3.7,
 * table D.3-15). {@link #toString()} does not show the server response (it may be a token).
 *
 * @param serverResponse Kerberos server ticket, SAML response or JWT; empty otherwise
 */
public record UserIdentityAc(byte[] serverResponse) implements UserInformationSubItem {
    /** Item type 59H. */
    public static final int ITEM_TYPE = 0x59;

    public UserIdentityAc {
        serverResponse = Bytes.checkBytes(serverResponse, 0xFFFF - 2, "Server-response");
    }

    @Override
    public byte[] serverResponse() {
        return serverResponse.clone();
    }

    byte[] raw() {
        return serverResponse;
    }

    @Override
    public int itemType() {
        return ITEM_TYPE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserIdentityAc u && Arrays.equals(u.serverResponse, serverResponse);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(serverResponse);
    }

    @Override
    public String toString() {
        return "UserIdentityAc[serverResponse=<" + serverResponse.length + " bytes>]";
    }
}
