package org.dicomsec.ul.pdu;

import java.util.Arrays;

/**
 * User Identity Negotiation Sub-Item of the A-ASSOCIATE-RQ, type 58H (PS3.7 Annex D.3.3.7,
 * table D.3-14). The fields may hold a password: {@link #toString()} never shows them.
 *
 * @param userIdentityType          1 username, 2 username and passcode, 3 Kerberos, 4 SAML, 5 JWT
 * @param positiveResponseRequested 1 if the requestor wants a User Identity AC sub-item back
 * @param primaryField              username, Kerberos ticket, SAML assertion or JWT
 * @param secondaryField            the passcode for type 2, empty otherwise
 */
public record UserIdentityRq(int userIdentityType, int positiveResponseRequested, byte[] primaryField,
                             byte[] secondaryField) implements UserInformationSubItem {
    /** Item type 58H. */
    public static final int ITEM_TYPE = 0x58;
    /** User-Identity-Type 1: username as a UTF-8 string. */
    public static final int TYPE_USERNAME = 1;
    /** User-Identity-Type 2: username and passcode. */
    public static final int TYPE_USERNAME_AND_PASSCODE = 2;
    /** User-Identity-Type 3: Kerberos service ticket. */
    public static final int TYPE_KERBEROS = 3;
    /** User-Identity-Type 4: SAML assertion. */
    public static final int TYPE_SAML = 4;
    /** User-Identity-Type 5: JSON Web Token. */
    public static final int TYPE_JWT = 5;

    public UserIdentityRq {
        if (userIdentityType < 0 || userIdentityType > 255 || positiveResponseRequested < 0
                || positiveResponseRequested > 255) {
            throw new IllegalArgumentException("User-Identity-Type and Positive-response-requested are one byte");
        }
        primaryField = Bytes.checkBytes(primaryField, 0xFFFF, "Primary-field");
        secondaryField = Bytes.checkBytes(secondaryField, 0xFFFF, "Secondary-field");
        if (6L + primaryField.length + secondaryField.length > 0xFFFF) {
            throw new IllegalArgumentException("sub-item longer than 65535 bytes");
        }
    }

    @Override
    public byte[] primaryField() {
        return primaryField.clone();
    }

    @Override
    public byte[] secondaryField() {
        return secondaryField.clone();
    }

    byte[] rawPrimary() {
        return primaryField;
    }

    byte[] rawSecondary() {
        return secondaryField;
    }

    @Override
    public int itemType() {
        return ITEM_TYPE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserIdentityRq u && u.userIdentityType == userIdentityType
                && u.positiveResponseRequested == positiveResponseRequested
                && Arrays.equals(u.primaryField, primaryField) && Arrays.equals(u.secondaryField, secondaryField);
    }

    @Override
    public int hashCode() {
        return ((userIdentityType * 31 + positiveResponseRequested) * 31 + Arrays.hashCode(primaryField)) * 31
                + Arrays.hashCode(secondaryField);
    }

    /** Never shows the field contents: they may be credentials. */
    @Override
    public String toString() {
        return "UserIdentityRq[userIdentityType=" + userIdentityType + ", positiveResponseRequested="
                + positiveResponseRequested + ", primaryField=<" + primaryField.length + " bytes>, secondaryField=<"
                + secondaryField.length + " bytes>]";
    }
}
