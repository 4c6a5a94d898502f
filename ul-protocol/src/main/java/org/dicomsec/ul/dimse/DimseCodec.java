package org.dicomsec.ul.dimse;

import org.dicomsec.data.CommandSet;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomCodecException;
import org.dicomsec.data.Tag;
import org.dicomsec.data.VR;

/**
 * Converts DIMSE messages to and from command sets (PS3.7 Annex E, table E.1-1), encoded by the
 * codec's {@link CommandSet} in Implicit VR Little Endian with Command Group Length first.
 */
public final class DimseCodec {
    private DimseCodec() {
    }

    /** Command Data Set Type (0000,0800) meaning "no data set" (PS3.7 E.1). */
    public static final int NO_DATA_SET = 0x0101;
    /** The value sent when a data set follows; any value other than 0101H means so (PS3.7 E.1). */
    public static final int DATA_SET_PRESENT = 0x0001;

    static void checkMessageId(int id) {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("Message ID is unsigned 16-bit: " + id);
        }
    }

    static void checkU16(int v, String what) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(what + " is unsigned 16-bit: " + v);
        }
    }

    /** The command set of {@code m}; {@code dataSetPresent} sets Command Data Set Type. */
    public static Dataset toCommandSet(DimseMessage m, boolean dataSetPresent) {
        Dataset d = new Dataset();
        d.setInt(Tag.CommandField, VR.US, m.commandField());
        d.setInt(Tag.CommandDataSetType, VR.US, dataSetPresent ? DATA_SET_PRESENT : NO_DATA_SET);
        if (m instanceof CEchoRq r) {
            uid(d, Tag.AffectedSOPClassUID, r.affectedSopClassUid());
            d.setInt(Tag.MessageID, VR.US, r.messageId());
        } else if (m instanceof CEchoRsp r) {
            uid(d, Tag.AffectedSOPClassUID, r.affectedSopClassUid());
            response(d, r);
        } else if (m instanceof CStoreRq r) {
            uid(d, Tag.AffectedSOPClassUID, r.affectedSopClassUid());
            d.setInt(Tag.MessageID, VR.US, r.messageId());
            d.setInt(Tag.Priority, VR.US, r.priority());
            uid(d, Tag.AffectedSOPInstanceUID, r.affectedSopInstanceUid());
            if (r.moveOriginatorAeTitle() != null) {
                d.setString(Tag.MoveOriginatorApplicationEntityTitle, VR.AE, r.moveOriginatorAeTitle());
                d.setInt(Tag.MoveOriginatorMessageID, VR.US, r.moveOriginatorMessageId());
            }
        } else if (m instanceof CStoreRsp r) {
            uid(d, Tag.AffectedSOPClassUID, r.affectedSopClassUid());
            uid(d, Tag.AffectedSOPInstanceUID, r.affectedSopInstanceUid());
            response(d, r);
        } else if (m instanceof NActionRq r) {
            uid(d, Tag.RequestedSOPClassUID, r.requestedSopClassUid());
            d.setInt(Tag.MessageID, VR.US, r.messageId());
            uid(d, Tag.RequestedSOPInstanceUID, r.requestedSopInstanceUid());
            d.setInt(Tag.ActionTypeID, VR.US, r.actionTypeId());
        } else if (m instanceof NActionRsp r) {
            uid(d, Tag.AffectedSOPClassUID, r.affectedSopClassUid());
            uid(d, Tag.AffectedSOPInstanceUID, r.affectedSopInstanceUid());
            if (r.actionTypeId() >= 0) {
                d.setInt(Tag.ActionTypeID, VR.US, r.actionTypeId());
            }
            response(d, r);
        } else if (m instanceof NEventReportRq r) {
            uid(d, Tag.AffectedSOPClassUID, r.affectedSopClassUid());
            d.setInt(Tag.MessageID, VR.US, r.messageId());
            uid(d, Tag.AffectedSOPInstanceUID, r.affectedSopInstanceUid());
            d.setInt(Tag.EventTypeID, VR.US, r.eventTypeId());
        } else if (m instanceof NEventReportRsp r) {
            uid(d, Tag.AffectedSOPClassUID, r.affectedSopClassUid());
            uid(d, Tag.AffectedSOPInstanceUID, r.affectedSopInstanceUid());
            if (r.eventTypeId() >= 0) {
                d.setInt(Tag.EventTypeID, VR.US, r.eventTypeId());
            }
            response(d, r);
        }

        return d;
    }

    /**
     * A response command set for any request, e.g. a failure status for a request this
     * implementation does not serve (PS3.7 E.1: the response's fields mirror the request's).
     */
    public static Dataset genericResponse(Dataset request, Status status) {
        Dataset d = new Dataset();
        int field = request.getInt(Tag.CommandField, 0);
        d.setInt(Tag.CommandField, VR.US, CommandField.responseOf(field));
        d.setInt(Tag.CommandDataSetType, VR.US, NO_DATA_SET);
        d.setInt(Tag.MessageIDBeingRespondedTo, VR.US, request.getInt(Tag.MessageID, 0));
        String cls = request.getString(Tag.AffectedSOPClassUID);
        if (cls == null) {
            cls = request.getString(Tag.RequestedSOPClassUID);
        }
        uid(d, Tag.AffectedSOPClassUID, cls);
        String inst = request.getString(Tag.AffectedSOPInstanceUID);
        if (inst == null) {
            inst = request.getString(Tag.RequestedSOPInstanceUID);
        }
        uid(d, Tag.AffectedSOPInstanceUID, inst);
        status(d, status);
        return d;
    }

    /** Encodes a command set to bytes (Implicit VR Little Endian, group length first). */
    public static byte[] encode(DimseMessage m, boolean dataSetPresent) {
        return CommandSet.encode(toCommandSet(m, dataSetPresent));
    }

    private static void response(Dataset d, DimseResponse r) {
        d.setInt(Tag.MessageIDBeingRespondedTo, VR.US, r.messageIdBeingRespondedTo());
        status(d, r.status());
    }

    private static void status(Dataset d, Status s) {
        d.setInt(Tag.Status, VR.US, s.code());
        if (s.errorComment() != null) {
            d.setString(Tag.ErrorComment, VR.LO, s.errorComment());
        }
    }

    private static void uid(Dataset d, int tag, String uid) {
        if (uid != null) {
            d.setString(tag, VR.UI, uid);
        }
    }

    /** Decodes command set bytes. */
    public static DecodedCommand decode(byte[] b, int off, int len) throws DimseException {
        Dataset d;
        try {
            d = CommandSet.decode(b, off, len);
        } catch (DicomCodecException e) {
            throw new DimseException("command set cannot be decoded: " + e.getMessage(), e);
        }
        return decode(d);
    }

    /** Reads the typed message from a decoded command set. */
    public static DecodedCommand decode(Dataset d) throws DimseException {
        int field = required(d, Tag.CommandField, "Command Field");
        int dst = required(d, Tag.CommandDataSetType, "Command Data Set Type");
        boolean data = dst != NO_DATA_SET;
        boolean rsp = CommandField.isResponse(field);
        int id = required(d, rsp ? Tag.MessageIDBeingRespondedTo : Tag.MessageID,
                rsp ? "Message ID Being Responded To" : "Message ID");
        DimseMessage m;
        try {
            m = switch (field) {
                case CommandField.C_ECHO_RQ -> new CEchoRq(id, requiredUid(d, Tag.AffectedSOPClassUID));
                case CommandField.C_ECHO_RSP -> new CEchoRsp(id, d.getString(Tag.AffectedSOPClassUID), status(d));
                case CommandField.C_STORE_RQ -> new CStoreRq(id, requiredUid(d, Tag.AffectedSOPClassUID),
                        requiredUid(d, Tag.AffectedSOPInstanceUID), d.getInt(Tag.Priority, CStoreRq.MEDIUM),
                        blankToNull(d.getString(Tag.MoveOriginatorApplicationEntityTitle)),
                        d.getInt(Tag.MoveOriginatorMessageID, 0));
                case CommandField.C_STORE_RSP -> new CStoreRsp(id, d.getString(Tag.AffectedSOPClassUID),
                        d.getString(Tag.AffectedSOPInstanceUID), status(d));
                case CommandField.N_ACTION_RQ -> new NActionRq(id, requiredUid(d, Tag.RequestedSOPClassUID),
                        requiredUid(d, Tag.RequestedSOPInstanceUID), required(d, Tag.ActionTypeID, "Action Type ID"));
                case CommandField.N_ACTION_RSP -> new NActionRsp(id, d.getString(Tag.AffectedSOPClassUID),
                        d.getString(Tag.AffectedSOPInstanceUID), d.getInt(Tag.ActionTypeID, -1), status(d));
                case CommandField.N_EVENT_REPORT_RQ -> new NEventReportRq(id, requiredUid(d, Tag.AffectedSOPClassUID),
                        requiredUid(d, Tag.AffectedSOPInstanceUID), required(d, Tag.EventTypeID, "Event Type ID"));
                case CommandField.N_EVENT_REPORT_RSP -> new NEventReportRsp(id, d.getString(Tag.AffectedSOPClassUID),
                        d.getString(Tag.AffectedSOPInstanceUID), d.getInt(Tag.EventTypeID, -1), status(d));
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            throw new DimseException(CommandField.name(field) + ": " + e.getMessage(), e);
        }
        return new DecodedCommand(d, field, id, data, m);
    }

    private static Status status(Dataset d) throws DimseException {
        return new Status(required(d, Tag.Status, "Status"), d.getString(Tag.ErrorComment));
    }

    private static int required(Dataset d, int tag, String name) throws DimseException {
        int v = d.getInt(tag, -1);
        if (v < 0 || v > 0xFFFF) {
            throw new DimseException("command set without a valid " + name + " " + Tag.toString(tag));
        }
        return v;
    }

    private static String requiredUid(Dataset d, int tag) throws DimseException {
        String s = d.getString(tag);
        if (s == null || s.isEmpty()) {
            throw new DimseException("command set without " + Tag.toString(tag));
        }
        return s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
