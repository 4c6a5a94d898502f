package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * {@link JdkGcmCipher}, the AES-GCM of the TLS records: the same bytes as AES-GCM of the
 * JDK set up the usual way (key, 96-bit nonce, 128-bit tag, additional data), record after
 * record on one object; a changed byte fails the record with the exception BouncyCastle turns
 * into bad_record_mac.
 */
class JdkGcmCipherTest {

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 13 + seed * 7 + (i >>> 8));
        }
        return b;
    }

    private static byte[] reference(byte[] key, byte[] nonce, byte[] aad, byte[] plain) throws Exception {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(aad);
        return c.doFinal(plain);
    }

    private static JdkGcmCipher cipher(boolean encrypting, byte[] key) throws Exception {
        JdkGcmCipher c = new JdkGcmCipher(Cipher.getInstance("AES/GCM/NoPadding"), "AES", key.length, encrypting);
        byte[] padded = new byte[key.length + 3];
        System.arraycopy(key, 0, padded, 3, key.length);
        c.setKey(padded, 3, key.length);
        return c;
    }

    @Property(tries = 40)
    void recordsRoundTripAndMatchTheJdk(@ForAll @Size(min = 1, max = 6) java.util.List<@IntRange(max = 20_000) Integer> lengths,
                                        @ForAll boolean aes256) throws Exception {
        byte[] key = bytes(aes256 ? 32 : 16, 1);
        JdkGcmCipher enc = cipher(true, key);
        JdkGcmCipher dec = cipher(false, key);
        long seq = 0;
        for (int n : lengths) {
            byte[] nonce = bytes(12, (int) ++seq);
            byte[] aad = bytes(5, n);
            byte[] plain = bytes(n, n + 1);
            enc.init(nonce, 16);
            byte[] out = new byte[enc.getOutputSize(n) + 7];
            int len = enc.doFinal(aad, plain, 0, n, out, 7);
            assertEquals(n + 16, len);
            byte[] sealed = Arrays.copyOfRange(out, 7, 7 + len);
            assertArrayEquals(reference(key, nonce, aad, plain), sealed);
            dec.init(nonce, 16);
            int back = dec.doFinal(aad, out, 7, len, out, 7); // in place, as BouncyCastle decrypts
            assertEquals(n, back);
            assertArrayEquals(plain, Arrays.copyOfRange(out, 7, 7 + n));
        }
    }

    @Test
    void aChangedByteFailsTheRecord() throws Exception {
        byte[] key = bytes(16, 2);
        byte[] nonce = bytes(12, 3);
        byte[] aad = bytes(5, 4);
        byte[] sealed = reference(key, nonce, aad, bytes(1000, 5));
        sealed[500] ^= 1;
        JdkGcmCipher dec = cipher(false, key);
        dec.init(nonce, 16);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> dec.doFinal(aad, sealed, 0, sealed.length, new byte[sealed.length], 0));
        assertEquals(javax.crypto.AEADBadTagException.class, e.getCause().getClass());
    }

    @Test
    void aKeyOfAnotherLengthIsRefused() throws Exception {
        JdkGcmCipher c = new JdkGcmCipher(Cipher.getInstance("AES/GCM/NoPadding"), "AES", 16, true);
        assertThrows(IllegalStateException.class, () -> c.setKey(new byte[32], 0, 32));
    }
}
