package org.dicomsec.ul.pdu;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the sub-items of a User Information Item (PS3.8 9.3.2.3 and Annex D, PS3.7 Annex
 * D.3.3). Each sub-item is read inside the bounds of its own Item-length; inner length fields
 * that overrun it, or bytes left over, are invalid-PDU-parameter values (reason 6).
 */
final class UserInformationDecoder {
    private UserInformationDecoder() {}

    static UserInformationItem decode(Cursor item) throws PduDecodeException {
        List<UserInformationSubItem> subs = new ArrayList<>();
        while (item.remaining() > 0) {
            int type = item.u8("Item-type");
            int byte2 = item.u8("sub-item byte 2"); // reserved, except Sub-item-version of 57H
            int length = item.u16("Item-length");
            Cursor s = item.subItem(length, "sub-item", type);
            subs.add(subItem(type, byte2, length, s));
        }
        return new UserInformationItem(subs);
    }

    private static UserInformationSubItem subItem(int type, int byte2, int length, Cursor s)
            throws PduDecodeException {
        UserInformationSubItem result;
        switch (type) {
            case MaximumLength.ITEM_TYPE -> { // PS3.8 table D.1-1
                fixed(s, length, 4, "Maximum Length Sub-Item");
                result = new MaximumLength(s.u32("Maximum-length-received"));
            }
            case ImplementationClassUid.ITEM_TYPE -> // PS3.7 table D.3-1
                    result = new ImplementationClassUid(s.latin1(length, "Implementation-class-uid"));
            case AsynchronousOperationsWindow.ITEM_TYPE -> { // PS3.7 table D.3-7
                fixed(s, length, 4, "Asynchronous Operations Window Sub-Item");
                result = new AsynchronousOperationsWindow(s.u16("Maximum-number-operations-invoked"),
                        s.u16("Maximum-number-operations-performed"));
            }
            case ScpScuRoleSelection.ITEM_TYPE -> { // PS3.7 table D.3-9
                int n = s.u16("UID-length");
                String uid = s.latin1(n, "SOP-class-uid");
                result = new ScpScuRoleSelection(uid, s.u8("SCU-role"), s.u8("SCP-role"));
            }
            case ImplementationVersionName.ITEM_TYPE -> // PS3.7 table D.3-3
                    result = new ImplementationVersionName(s.latin1(length, "Implementation-version-name"));
            case SopClassExtendedNegotiation.ITEM_TYPE -> { // PS3.7 table D.3-11
                int n = s.u16("SOP-class-uid-length");
                String uid = s.latin1(n, "SOP-class-uid");
                result = new SopClassExtendedNegotiation(uid,
                        s.bytes(s.remaining(), "Service-class-application-information"));
            }
            case SopClassCommonExtendedNegotiation.ITEM_TYPE -> { // PS3.7 tables D.3-12, D.3-13
                String sop = s.latin1(s.u16("SOP-class-uid-length"), "SOP-class-uid");
                String service = s.latin1(s.u16("Service-class-uid-length"), "Service-class-uid");
                int relatedLength = s.u16("Related-general-sop-class-identification-length");
                Cursor r = s.sub(relatedLength, "Related-general-sop-class-identification");
                List<String> related = new ArrayList<>();
                while (r.remaining() > 0) {
                    related.add(r.latin1(r.u16("Related-general-sop-class-uid-length"),
                            "Related-general-sop-class-uid"));
                }
                result = new SopClassCommonExtendedNegotiation(byte2, sop, service, related);
            }
            case UserIdentityRq.ITEM_TYPE -> { // PS3.7 table D.3-14
                int identityType = s.u8("User-Identity-Type");
                int positive = s.u8("Positive-response-requested");
                byte[] primary = s.bytes(s.u16("Primary-field-length"), "Primary-field");
                byte[] secondary = s.bytes(s.u16("Secondary-field-length"), "Secondary-field");
                result = new UserIdentityRq(identityType, positive, primary, secondary);
            }
            case UserIdentityAc.ITEM_TYPE -> // PS3.7 table D.3-15
                    result = new UserIdentityAc(s.bytes(s.u16("Server-response-length"), "Server-response"));
            default -> // PS3.8 9.3.1: unknown sub-items may be ignored; kept for inspection and re-encoding
                    result = new UnknownSubItem(type, s.bytes(length, "sub-item value"));
        }
        s.expectEnd("sub-item", type);
        return result;
    }

    private static void fixed(Cursor s, int length, int expected, String item) throws PduDecodeException {
        if (length != expected) {
            throw s.invalid(item + " has Item-length " + length + ", expected " + expected);
        }
    }
}
