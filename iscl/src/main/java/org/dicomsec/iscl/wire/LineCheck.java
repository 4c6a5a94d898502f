package org.dicomsec.iscl.wire;

import org.dicomsec.iscl.IsclException;

/**
 * LINE-CHECK (0x04, B to A) and LINE-CHECK-RSP (0x05, A to B): maximum packet
 * size and version of the sender (docs/iscl-wire-format.md section 5.4).
 */
public record LineCheck(int type, long maxPacketSize, int versionMajor, int versionMinor) {

    public Packet toPacket() {
        byte[] b = new byte[6];
        Packet.putInt(b, 0, (int) maxPacketSize);
        b[4] = (byte) versionMajor;
        b[5] = (byte) versionMinor;
        return new Packet(type, 0, b);
    }

    public static LineCheck decode(int type, byte[] body) throws IsclException {
        BodyReader r = new BodyReader(PacketType.name(type), body);
        LineCheck c = new LineCheck(type, r.u32("max packet size"), r.u8("version major"), r.u8("version minor"));
        r.end();
        return c;
    }
}
