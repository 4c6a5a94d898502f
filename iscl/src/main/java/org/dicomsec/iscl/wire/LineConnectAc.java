package org.dicomsec.iscl.wire;

import org.dicomsec.iscl.IsclException;

/** LINE-CONNECT-AC (0x02), B to A: the chosen mechanisms (docs/iscl-wire-format.md section 5.2). */
public record LineConnectAc(int versionMajor, int versionMinor, int integrityCode, int privacyCode,
                            int md5Order) {

    public Packet toPacket() {
        return new Packet(PacketType.LINE_CONNECT_AC, 0, new byte[] {(byte) versionMajor, (byte) versionMinor,
            (byte) integrityCode, (byte) privacyCode, (byte) md5Order});
    }

    public static LineConnectAc decode(byte[] body) throws IsclException {
        BodyReader r = new BodyReader("LINE-CONNECT-AC", body);
        LineConnectAc ac = new LineConnectAc(r.u8("version major"), r.u8("version minor"), r.u8("integrity"),
                r.u8("privacy"), r.u8("MD5 order"));
        r.end();
        return ac;
    }
}
