package org.dicomsec.iscl.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import org.dicomsec.iscl.IsclError;
import org.dicomsec.iscl.IsclException;

/**
 * A handshake packet: the 6-byte header of docs/iscl-wire-format.md section 3
 * (type, flags, uint32 body length) and its body.
 *
 * @param type  packet type ({@link PacketType})
 * @param flags 0 in handshake packets
 * @param body  the body bytes (not copied: packets are built and read once)
 */
public record Packet(int type, int flags, byte[] body) {

    /** Header length in bytes. */
    public static final int HEADER = 6;
    /** Largest handshake body accepted. */
    public static final int MAX_HANDSHAKE_BODY = 1024;

    /** The packet as it goes on the wire. */
    public byte[] encode() {
        byte[] out = new byte[HEADER + body.length];
        out[0] = (byte) type;
        out[1] = (byte) flags;
        putInt(out, 2, body.length);
        System.arraycopy(body, 0, out, HEADER, body.length);
        return out;
    }

    /** Writes and flushes; returns the bytes written (for the transcript). */
    public byte[] writeTo(OutputStream out) throws IOException {
        byte[] b = encode();
        out.write(b);
        out.flush();
        return b;
    }

    /**
     * Reads one handshake packet: header, then the length checked against
     * {@link #MAX_HANDSHAKE_BODY} before the body is allocated.
     */
    public static Packet read(InputStream in) throws IOException {
        byte[] h = new byte[HEADER];
        readFully(in, h, 0, HEADER, "packet header");
        long len = getInt(h, 2) & 0xFFFFFFFFL;
        int type = h[0] & 0xFF;
        if (type >= 0x14 && type <= 0x17 && h[1] == 3) {
            // a TLS record header (RFC 8446 5.1): content type, version 3.x; flags are 0 in every ISCL handshake packet
            String[] kinds = {"change_cipher_spec", "alert", "handshake", "application_data"};
            throw new IsclException(IsclError.PROTOCOL_ERROR, "a TLS " + kinds[type - 0x14] + " record ("
                    + String.format("%02XH 03H", type) + " at offset 0), not an ISCL packet: the peer uses TLS on this port");
        }
        if (len > MAX_HANDSHAKE_BODY) {
            throw new IsclException(IsclError.PROTOCOL_ERROR, PacketType.name(type) + ": body length " + len
                    + " at offset 2 exceeds the handshake limit " + MAX_HANDSHAKE_BODY);
        }
        byte[] body = new byte[(int) len];
        readFully(in, body, 0, body.length, PacketType.name(type) + " body");
        return new Packet(type, h[1] & 0xFF, body);
    }

    static void readFully(InputStream in, byte[] b, int off, int len, String what) throws IOException {
        int n = 0;
        while (n < len) {
            int r;
            try {
                r = in.read(b, off + n, len - n);
            } catch (SocketTimeoutException e) {
                throw new IsclException(IsclError.TIMEOUT, "peer silent while reading " + what, e);
            }
            if (r < 0) {
                throw new IsclException(IsclError.PROTOCOL_ERROR, "connection closed by peer in " + what
                        + " after " + n + " of " + len + " bytes", new EOFException());
            }
            n += r;
        }
    }

    public static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    public static int getInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }
}
