package org.dicomsec.iscl.wire;

import java.nio.charset.StandardCharsets;
import org.dicomsec.iscl.IsclException;

/**
 * LINE-CONNECT-RJ (0x03) and ERROR (0x7F): an error code and an informative
 * US-ASCII text (docs/iscl-wire-format.md section 5.3).
 */
public record LineReject(int type, int code, String text) {

    public Packet toPacket() {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        int n = Math.min(t.length, 255);
        byte[] body = new byte[3 + n];
        body[0] = (byte) (code >>> 8);
        body[1] = (byte) code;
        body[2] = (byte) n;
        System.arraycopy(t, 0, body, 3, n);
        return new Packet(type, 0, body);
    }

    public static LineReject decode(int type, byte[] body) throws IsclException {
        BodyReader r = new BodyReader(PacketType.name(type), body);
        int code = r.u16("error code");
        int n = r.u8("text length");
        byte[] t = r.bytes(n, "text");
        r.end();
        StringBuilder s = new StringBuilder();
        for (byte b : t) {
            s.append(b >= 0x20 && b < 0x7F ? (char) b : '?');
        }
        return new LineReject(type, code, s.toString());
    }
}
