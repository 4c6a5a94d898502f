package org.dicomsec.iscl.wire;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.dicomsec.iscl.EntityNames;
import org.dicomsec.iscl.IsclError;
import org.dicomsec.iscl.IsclException;

/**
 * LINE-CONNECT-RQ (0x01), A to B: the opening request naming both entities
 * and offering mechanisms (docs/iscl-wire-format.md section 5.1). Codes are
 * kept raw so that unknown ones can be offered and skipped.
 */
public record LineConnectRq(int versionMajor, int versionMinor, String callingEntity, String calledEntity,
                            List<Integer> integrityCodes, List<Integer> privacyCodes, int md5Order) {

    public static final byte[] MAGIC = {'I', 'S', 'C', 'L'};
    public static final int MAX_CODES = 8;
    /** The wire format version this implementation speaks: 1.1 (section 5.1). */
    public static final int VERSION_MAJOR = 1;
    public static final int VERSION_MINOR = 1;

    public LineConnectRq {
        integrityCodes = List.copyOf(integrityCodes);
        privacyCodes = List.copyOf(privacyCodes);
    }

    public Packet toPacket() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(MAGIC);
        o.write(versionMajor);
        o.write(versionMinor);
        byte[] a = EntityNames.encode(callingEntity);
        o.write(a.length);
        o.writeBytes(a);
        byte[] b = EntityNames.encode(calledEntity);
        o.write(b.length);
        o.writeBytes(b);
        o.write(integrityCodes.size());
        integrityCodes.forEach(o::write);
        o.write(privacyCodes.size());
        privacyCodes.forEach(o::write);
        o.write(md5Order);
        return new Packet(PacketType.LINE_CONNECT_RQ, 0, o.toByteArray());
    }

    public static LineConnectRq decode(byte[] body) throws IsclException {
        BodyReader r = new BodyReader("LINE-CONNECT-RQ", body);
        if (body.length < 4 || !java.util.Arrays.equals(java.util.Arrays.copyOf(body, 4), MAGIC)) {
            // an A-ASSOCIATE-RQ has the same first byte (01H) and its protocol version 0001H where the magic goes
            boolean associateRq = body.length >= 2 && body[0] == 0 && body[1] == 1;
            throw r.error("magic at offset 0 is not \"ISCL\"" + (associateRq ? ": the bytes of an A-ASSOCIATE-RQ"
                    + " (protocol version 1 at offset 0), a DICOM requestor without ISCL (set up for plain TCP?)" : ""));
        }
        r.bytes(4, "magic");
        int major = r.u8("version major");
        int minor = r.u8("version minor");
        String calling = entity(r, "calling entity");
        String called = entity(r, "called entity");
        List<Integer> integrity = codes(r, "integrity codes");
        List<Integer> privacy = codes(r, "privacy codes");
        int md5 = r.u8("MD5 order");
        r.end();
        return new LineConnectRq(major, minor, calling, called, integrity, privacy, md5);
    }

    static String entity(BodyReader r, String field) throws IsclException {
        int at = r.offset();
        int n = r.u8(field + " length");
        if (n < 1 || n > EntityNames.MAX_LENGTH) {
            throw r.error(field + " length " + n + " at offset " + at + " outside 1..64");
        }
        String s = r.ascii(n, field);
        if (!EntityNames.isValid(s)) {
            throw r.error(field + " at offset " + (at + 1) + " is not a valid entity name");
        }
        return s;
    }

    private static List<Integer> codes(BodyReader r, String field) throws IsclException {
        int at = r.offset();
        int n = r.u8(field + " count");
        if (n < 1 || n > MAX_CODES) {
            throw new IsclException(IsclError.PROTOCOL_ERROR, "LINE-CONNECT-RQ: " + field + " count " + n
                    + " at offset " + at + " outside 1.." + MAX_CODES);
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int codeAt = r.offset();
            int code = r.u8(field);
            if (out.contains(code)) {
                // section 4: each code at most once, so that the order of preference is unambiguous
                throw new IsclException(IsclError.PROTOCOL_ERROR, String.format(
                        "LINE-CONNECT-RQ: %s: code 0x%02X at offset %d listed twice", field, code, codeAt));
            }
            out.add(code);
        }
        return out;
    }
}
