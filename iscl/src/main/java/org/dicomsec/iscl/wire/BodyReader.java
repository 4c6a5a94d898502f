package org.dicomsec.iscl.wire;

import java.nio.charset.StandardCharsets;
import org.dicomsec.iscl.IsclError;
import org.dicomsec.iscl.IsclException;

/** Bounds-checked reading of a handshake body; errors name the packet and offset. */
final class BodyReader {
    private final String packet;
    private final byte[] b;
    private int pos;

    BodyReader(String packet, byte[] body) {
        this.packet = packet;
        this.b = body;
    }

    int offset() {
        return pos;
    }

    int u8(String field) throws IsclException {
        need(1, field);
        return b[pos++] & 0xFF;
    }

    int u16(String field) throws IsclException {
        need(2, field);
        int v = (b[pos] & 0xFF) << 8 | (b[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long u32(String field) throws IsclException {
        need(4, field);
        long v = Packet.getInt(b, pos) & 0xFFFFFFFFL;
        pos += 4;
        return v;
    }

    byte[] bytes(int n, String field) throws IsclException {
        need(n, field);
        byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
        pos += n;
        return out;
    }

    String ascii(int n, String field) throws IsclException {
        return new String(bytes(n, field), StandardCharsets.US_ASCII);
    }

    void end() throws IsclException {
        if (pos != b.length) {
            throw error((b.length - pos) + " trailing bytes at offset " + pos);
        }
    }

    IsclException error(String what) {
        return new IsclException(IsclError.PROTOCOL_ERROR, packet + ": " + what);
    }

    private void need(int n, String field) throws IsclException {
        if (b.length - pos < n) {
            throw error(field + " at offset " + pos + " needs " + n + " bytes, " + (b.length - pos) + " left");
        }
    }
}
