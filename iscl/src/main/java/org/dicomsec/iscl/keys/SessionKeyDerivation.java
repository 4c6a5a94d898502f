package org.dicomsec.iscl.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dicomsec.iscl.crypto.DesKey;

/**
 * Session keys from the key halves exchanged inside the tokens
 * (docs/iscl-wire-format.md section 6.3):
 * derive(label) = first 8 bytes of HMAC-MD5(KS_A || KS_B, label || 0x00 || c || R_A || R_B || TH3).
 */
public final class SessionKeyDerivation {

    /** Label of K_conf, the AUTH-RESULT confirmation key (wire format 1.1; 1.0 used K_mac,A>B). */
    public static final String LABEL_CONFIRM = "ISCL A>B confirm";

    private SessionKeyDerivation() {
    }

    /**
     * One raw derivation value: the first 8 bytes of
     * HMAC-MD5(KS_A || KS_B, label || 0x00 || counter || R_A || R_B || TH3), before any parity fix
     * (published as an intermediate vector in section 12).
     */
    public static byte[] raw(byte[] ksA, byte[] ksB, String label, int counter, byte[] rA, byte[] rB, byte[] th3) {
        byte[] s = new byte[ksA.length + ksB.length];
        System.arraycopy(ksA, 0, s, 0, ksA.length);
        System.arraycopy(ksB, 0, s, ksA.length, ksB.length);
        try {
            Mac hmac = Mac.getInstance("HmacMD5");
            hmac.init(new SecretKeySpec(s, "HmacMD5"));
            return value(hmac, label, counter, rA, rB, th3);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is required of every JDK", e);
        } finally {
            Arrays.fill(s, (byte) 0);
        }
    }

    public static SessionKeys derive(byte[] ksA, byte[] ksB, byte[] rA, byte[] rB, byte[] th3) {
        byte[] s = new byte[ksA.length + ksB.length];
        System.arraycopy(ksA, 0, s, 0, ksA.length);
        System.arraycopy(ksB, 0, s, ksA.length, ksB.length);
        try {
            Mac hmac = Mac.getInstance("HmacMD5");
            hmac.init(new SecretKeySpec(s, "HmacMD5"));
            SessionKeys.Direction ab = new SessionKeys.Direction(key(hmac, "ISCL A>B enc", rA, rB, th3),
                    key(hmac, "ISCL A>B mac", rA, rB, th3), value(hmac, "ISCL A>B rnd", 0, rA, rB, th3));
            SessionKeys.Direction ba = new SessionKeys.Direction(key(hmac, "ISCL B>A enc", rA, rB, th3),
                    key(hmac, "ISCL B>A mac", rA, rB, th3), value(hmac, "ISCL B>A rnd", 0, rA, rB, th3));
            return new SessionKeys(ab, ba, key(hmac, LABEL_CONFIRM, rA, rB, th3));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is required of every JDK", e);
        } finally {
            Arrays.fill(s, (byte) 0);
        }
    }

    private static DesKey key(Mac hmac, String label, byte[] rA, byte[] rB, byte[] th3) {
        for (int c = 0; c < 256; c++) {
            byte[] v = DesKey.withOddParity(value(hmac, label, c, rA, rB, th3));
            try {
                if (!DesKey.isWeakOrSemiWeak(v)) {
                    return DesKey.of(v);
                }
            } finally {
                Arrays.fill(v, (byte) 0);
            }
        }
        throw new IllegalStateException("no strong DES key in 256 derivations"); // probability ~2^-2000
    }

    private static byte[] value(Mac hmac, String label, int counter, byte[] rA, byte[] rB, byte[] th3) {
        hmac.update(label.getBytes(StandardCharsets.US_ASCII));
        hmac.update((byte) 0);
        hmac.update((byte) counter);
        hmac.update(rA);
        hmac.update(rB);
        hmac.update(th3);
        byte[] full = hmac.doFinal();
        byte[] out = Arrays.copyOf(full, 8);
        Arrays.fill(full, (byte) 0);
        return out;
    }
}
