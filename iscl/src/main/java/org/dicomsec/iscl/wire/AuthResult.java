package org.dicomsec.iscl.wire;

import org.dicomsec.iscl.IsclException;

/** AUTH-RESULT (0x14), A to B: status and key confirmation (docs/iscl-wire-format.md section 5.7). */
public record AuthResult(int status, byte[] confirmation) {

    public Packet toPacket() {
        byte[] b = new byte[9];
        b[0] = (byte) status;
        System.arraycopy(confirmation, 0, b, 1, 8);
        return new Packet(PacketType.AUTH_RESULT, 0, b);
    }

    public static AuthResult decode(byte[] body) throws IsclException {
        BodyReader r = new BodyReader("AUTH-RESULT", body);
        AuthResult a = new AuthResult(r.u8("status"), r.bytes(8, "confirmation"));
        r.end();
        return a;
    }
}
