package org.dicomsec.iscl.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.dicomsec.iscl.EntityNames;
import org.dicomsec.iscl.IsclError;
import org.dicomsec.iscl.IsclException;
import org.dicomsec.iscl.crypto.DesBlock;
import org.dicomsec.iscl.crypto.DesKey;
import org.dicomsec.iscl.crypto.DesMac;

/**
 * The ISO/IEC 9798-2 clause 5.2.2 tokens as ISCL carries them
 * (docs/iscl-wire-format.md section 6.1):
 * <pre>
 * P     = first(8) || second(8) || len(id)(1) || id || type(1) || KS(16) || TH(16)
 * P'    = P padded by ISO/IEC 9797-1 method 2
 * Token = DES-CBC_K,IV=0( P' || DES-MAC_Kv(P') )
 * </pre>
 * TokenAB: first = R_A, second = R_B, id = B*, type 0x01. TokenBA: first =
 * R_B, second = R_A, id = A*, type 0x02. This is what a card computes inside;
 * public so that a test can play the attacker.
 */
public final class Tokens {

    /** Token type of TokenAB (A to B). */
    public static final int TYPE_AB = 0x01;
    /** Token type of TokenBA (B to A). */
    public static final int TYPE_BA = 0x02;
    /** Smallest and largest token lengths accepted. */
    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 256;
    /** Length of a random number and of a key half. */
    public static final int RANDOM_LENGTH = 8;
    public static final int KEY_HALF_LENGTH = 16;
    public static final int HASH_LENGTH = 16;

    private Tokens() {
    }

    /** The plain contents of a token. */
    public record Contents(byte[] first, byte[] second, String identifier, int type, byte[] keyHalf,
                           byte[] transcriptHash) {
    }

    /** Builds and enciphers a token under {@code key}. */
    public static byte[] seal(DesKey key, Contents c) {
        byte[] id = EntityNames.encode(c.identifier());
        int plain = 2 * RANDOM_LENGTH + 1 + id.length + 1 + KEY_HALF_LENGTH + HASH_LENGTH;
        int padded = (plain / 8 + 1) * 8;
        byte[] buf = new byte[padded + DesMac.SIZE];
        int p = 0;
        System.arraycopy(c.first(), 0, buf, p, RANDOM_LENGTH);
        p += RANDOM_LENGTH;
        System.arraycopy(c.second(), 0, buf, p, RANDOM_LENGTH);
        p += RANDOM_LENGTH;
        buf[p++] = (byte) id.length;
        System.arraycopy(id, 0, buf, p, id.length);
        p += id.length;
        buf[p++] = (byte) c.type();
        System.arraycopy(c.keyHalf(), 0, buf, p, KEY_HALF_LENGTH);
        p += KEY_HALF_LENGTH;
        System.arraycopy(c.transcriptHash(), 0, buf, p, HASH_LENGTH);
        p += HASH_LENGTH;
        buf[p] = (byte) 0x80; // ISO/IEC 9797-1 padding method 2; the rest is already zero
        DesKey kv = key.variant();
        try {
            DesMac mac = new DesMac(kv);
            mac.update(buf, 0, padded);
            mac.doFinal(buf, padded);
        } finally {
            kv.destroy();
        }
        new DesBlock(key).cbcEncrypt(new byte[8], buf, 0, buf.length);
        return buf;
    }

    /**
     * Deciphers and checks the MAC and layout of a token. Every failure is the
     * same AUTHENTICATION_FAILED, with no hint of which check failed.
     */
    public static Contents open(DesKey key, byte[] token) throws IsclException {
        if (token.length < MIN_LENGTH || token.length > MAX_LENGTH || token.length % 8 != 0) {
            throw failed("token length " + token.length);
        }
        byte[] buf = token.clone();
        new DesBlock(key).cbcDecrypt(new byte[8], buf, 0, buf.length);
        int padded = buf.length - DesMac.SIZE;
        byte[] expected = new byte[DesMac.SIZE];
        DesKey kv = key.variant();
        try {
            DesMac mac = new DesMac(kv);
            mac.update(buf, 0, padded);
            mac.doFinal(expected, 0);
        } finally {
            kv.destroy();
        }
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(buf, padded, buf.length))) {
            throw failed("token check");
        }
        int end = padded - 1;
        while (end >= 0 && buf[end] == 0) {
            end--;
        }
        if (end < 0 || buf[end] != (byte) 0x80) {
            throw failed("token check");
        }
        int fixed = 2 * RANDOM_LENGTH + 1 + 1 + KEY_HALF_LENGTH + HASH_LENGTH;
        int idLen = buf[2 * RANDOM_LENGTH] & 0xFF;
        if (end != fixed + idLen || end - fixed > EntityNames.MAX_LENGTH || padded - end > 8) {
            throw failed("token check");
        }
        int p = 2 * RANDOM_LENGTH + 1;
        String id = new String(buf, p, idLen, StandardCharsets.US_ASCII);
        p += idLen;
        int type = buf[p++] & 0xFF;
        byte[] ks = Arrays.copyOfRange(buf, p, p + KEY_HALF_LENGTH);
        p += KEY_HALF_LENGTH;
        byte[] th = Arrays.copyOfRange(buf, p, p + HASH_LENGTH);
        Contents c = new Contents(Arrays.copyOfRange(buf, 0, 8), Arrays.copyOfRange(buf, 8, 16), id, type, ks, th);
        Arrays.fill(buf, (byte) 0);
        return c;
    }

    static IsclException failed(String what) {
        return new IsclException(IsclError.AUTHENTICATION_FAILED, what + " failed");
    }
}
