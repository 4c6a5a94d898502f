package org.dicomsec.ul.pdu;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the variable part of A-ASSOCIATE-RQ (PS3.8 table 9-11) and A-ASSOCIATE-AC (table 9-17)
 * and their items (tables 9-12 to 9-20, PS3.8 Annex D, PS3.7 Annex D.3.3).
 */
final class AssociateDecoder {
    private AssociateDecoder() {}

    static Pdu decode(Cursor c) throws PduDecodeException {
        boolean rq = c.pduType == PduType.A_ASSOCIATE_RQ;
        int version = c.u16("Protocol-version");
        c.skipReserved(2, "reserved bytes 9-10"); // PS3.8 tables 9-11/9-17: not tested on receipt
        long calledOffset = c.offset();
        String called = c.latin1(AeTitle.LENGTH, "Called-AE-title");
        long callingOffset = c.offset();
        String calling = c.latin1(AeTitle.LENGTH, "Calling-AE-title");
        c.skipReserved(32, "reserved bytes 43-74"); // not tested on receipt
        if (rq) {
            called = checkAe(c, called, calledOffset, "Called-AE-title");
            calling = checkAe(c, calling, callingOffset, "Calling-AE-title");
        }
        // AC: bytes 11-42 are reserved, echo the RQ, and are not tested (PS3.8 table 9-17).

        ApplicationContextItem app = null;
        UserInformationItem ui = null;
        List<PresentationContextRqItem> rqContexts = new ArrayList<>();
        List<PresentationContextAcItem> acContexts = new ArrayList<>();
        List<UnknownItem> unknown = new ArrayList<>();
        while (c.remaining() > 0) {
            long itemOffset = c.offset();
            int type = c.u8("Item-type");
            c.skipReserved(1, "item reserved byte");
            int length = c.u16("Item-length");
            Cursor item = c.subItem(length, "item", type);
            switch (type) {
                case ApplicationContextItem.ITEM_TYPE -> {
                    if (app != null) {
                        throw unexpected(c, itemOffset, "a second Application Context Item");
                    }
                    app = new ApplicationContextItem(item.latin1(length, "Application-context-name"));
                }
                case PresentationContextRqItem.ITEM_TYPE -> {
                    if (!rq) {
                        throw unexpected(c, itemOffset, "a Presentation Context Item 20H in an A-ASSOCIATE-AC");
                    }
                    rqContexts.add(presentationContextRq(item));
                }
                case PresentationContextAcItem.ITEM_TYPE -> {
                    if (rq) {
                        throw unexpected(c, itemOffset, "a Presentation Context Item 21H in an A-ASSOCIATE-RQ");
                    }
                    acContexts.add(presentationContextAc(item));
                }
                case UserInformationItem.ITEM_TYPE -> {
                    if (ui != null) {
                        throw unexpected(c, itemOffset, "a second User Information Item");
                    }
                    ui = UserInformationDecoder.decode(item);
                }
                default -> {
                    if (UnknownItem.isDefined(type)) {
                        throw unexpected(c, itemOffset, String.format("sub-item type 0x%02X at PDU level", type));
                    }
                    // PS3.8 9.3.1: unrecognized items may be ignored; kept so they can be seen and re-sent
                    unknown.add(new UnknownItem(type, item.bytes(length, "item value")));
                }
            }
        }
        if (app == null) {
            throw c.invalid("no Application Context Item");
        }
        if (ui == null) {
            ui = UserInformationItem.EMPTY; // absent: decoded leniently as an empty item
        }
        if (rq) {
            if (rqContexts.isEmpty()) {
                throw c.invalid("no Presentation Context Item");
            }
            return new AAssociateRq(version, called, calling, app, rqContexts, ui, unknown);
        }
        if (acContexts.isEmpty()) {
            throw c.invalid("no Presentation Context Item");
        }
        return new AAssociateAc(version, called, calling, app, acContexts, ui, unknown);
    }

    private static PduDecodeException unexpected(Cursor c, long offset, String what) {
        return new PduDecodeException(what, c.pduType, offset, AAbort.REASON_UNEXPECTED_PDU_PARAMETER);
    }

    private static String checkAe(Cursor c, String raw, long offset, String field) throws PduDecodeException {
        try {
            return AeTitle.validate(raw);
        } catch (IllegalArgumentException e) {
            throw new PduDecodeException(field + ": " + e.getMessage(), c.pduType, offset,
                    AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
        }
    }

    private static int contextId(Cursor item) throws PduDecodeException {
        long offset = item.offset();
        int id = item.u8("Presentation-context-ID");
        if (id == 0 || (id & 1) == 0) {
            throw new PduDecodeException("Presentation-context-ID " + id + " is not odd (PS3.8 9.3.2.2)",
                    item.pduType, offset, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
        }
        return id;
    }

    /** PS3.8 table 9-13. */
    private static PresentationContextRqItem presentationContextRq(Cursor item) throws PduDecodeException {
        int id = contextId(item);
        item.skipReserved(3, "reserved bytes 6-8"); // not tested on receipt
        AbstractSyntaxSubItem as = null;
        List<TransferSyntaxSubItem> ts = new ArrayList<>();
        while (item.remaining() > 0) {
            long subOffset = item.offset();
            int type = item.u8("Item-type");
            item.skipReserved(1, "sub-item reserved byte");
            int length = item.u16("Item-length");
            Cursor sub = item.subItem(length, "sub-item", type);
            if (type == AbstractSyntaxSubItem.ITEM_TYPE) {
                if (as != null) {
                    throw unexpected(item, subOffset, "a second Abstract Syntax Sub-Item");
                }
                as = new AbstractSyntaxSubItem(sub.latin1(length, "Abstract-syntax-name"));
            } else if (type == TransferSyntaxSubItem.ITEM_TYPE) {
                ts.add(new TransferSyntaxSubItem(sub.latin1(length, "Transfer-syntax-name")));
            }
            // other sub-item types: ignored and skipped (PS3.8 9.3.1)
        }
        if (as == null) {
            throw item.invalid("Presentation Context Item " + id + " has no Abstract Syntax Sub-Item");
        }
        if (ts.isEmpty()) {
            throw item.invalid("Presentation Context Item " + id + " has no Transfer Syntax Sub-Item");
        }
        return new PresentationContextRqItem(id, as, ts);
    }

    /** PS3.8 table 9-18. */
    private static PresentationContextAcItem presentationContextAc(Cursor item) throws PduDecodeException {
        int id = contextId(item);
        item.skipReserved(1, "reserved byte 6"); // not tested on receipt
        int result = item.u8("Result/Reason");
        item.skipReserved(1, "reserved byte 8");
        TransferSyntaxSubItem ts = null;
        while (item.remaining() > 0) {
            long subOffset = item.offset();
            int type = item.u8("Item-type");
            item.skipReserved(1, "sub-item reserved byte");
            int length = item.u16("Item-length");
            Cursor sub = item.subItem(length, "sub-item", type);
            if (type == TransferSyntaxSubItem.ITEM_TYPE) {
                if (ts != null) {
                    throw unexpected(item, subOffset, "a second Transfer Syntax Sub-Item in an accepted context");
                }
                ts = new TransferSyntaxSubItem(sub.latin1(length, "Transfer-syntax-name"));
            }
            // other sub-item types: ignored and skipped (PS3.8 9.3.1)
        }
        return new PresentationContextAcItem(id, result, ts);
    }
}
