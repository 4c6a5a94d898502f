package org.dicomsec.iscl.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.dicomsec.iscl.TestVectors;
import org.junit.jupiter.api.Test;

/** DES-MAC, ISO 8730 / ANSI X9.9 / ISO/IEC 9797-1 MAC algorithm 1 (vectors/des-mac-x9.9.txt). */
class DesMacTest {

    @Test
    void ansiX99Vector() throws Exception {
        for (List<String> r : TestVectors.load("des-mac-x9.9.txt")) {
            DesMac mac = new DesMac(DesKey.of(TestVectors.hex(r.get(0))));
            byte[] m = r.get(1).getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(TestVectors.hex(r.get(2)), mac.mac(m));
            // reusable: a second computation after doFinal gives the same MAC
            assertArrayEquals(TestVectors.hex(r.get(2)), mac.mac(m));
        }
    }

    /** Against the JDK's DES-CBC with zero IV over the zero-padded message: the last block. */
    @Test
    void matchesLastCbcBlockOfJdkDes() throws Exception {
        Random rnd = new Random(42);
        byte[] key = TestVectors.hex("133457799BBCDFF1");
        DesMac mac = new DesMac(DesKey.of(key));
        Cipher jdk = Cipher.getInstance("DES/CBC/NoPadding");
        for (int len : new int[] {1, 7, 8, 9, 16, 100, 1000}) {
            byte[] m = new byte[len];
            rnd.nextBytes(m);
            byte[] padded = Arrays.copyOf(m, (len + 7) / 8 * 8);
            jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"), new IvParameterSpec(new byte[8]));
            byte[] ct = jdk.doFinal(padded);
            byte[] split = new byte[8];
            mac.update(m, 0, len / 2);
            mac.update(m, len / 2, len - len / 2);
            mac.doFinal(split, 0);
            assertArrayEquals(Arrays.copyOfRange(ct, ct.length - 8, ct.length), split, "length " + len);
        }
    }
}
