package org.dicomsec.iscl.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.dicomsec.iscl.TestVectors;
import org.junit.jupiter.api.Test;

/** MD5 (RFC 1321), HMAC-MD5 (RFC 2104) and MD5+DES in both orders. */
class Md5DesTest {

    @Test
    void md5Rfc1321Suite() throws Exception {
        List<List<String>> rows = TestVectors.load("md5-rfc1321.txt");
        assertEquals(7, rows.size());
        for (List<String> r : rows) {
            byte[] d = Md5Des.md5().digest(r.get(0).getBytes(StandardCharsets.US_ASCII));
            assertEquals(r.get(1), TestVectors.HEX.formatHex(d), "MD5(\"" + r.get(0) + "\")");
        }
    }

    @Test
    void hmacMd5Rfc2104() throws Exception {
        for (List<String> r : TestVectors.load("hmac-md5-rfc2104.txt")) {
            Mac h = Mac.getInstance("HmacMD5");
            h.init(new SecretKeySpec(TestVectors.hex(r.get(0)), "HmacMD5"));
            assertEquals(r.get(2), TestVectors.HEX.formatHex(h.doFinal(TestVectors.hex(r.get(1)))));
        }
    }

    @Test
    void bothOrdersMatchTheVectorFile() throws Exception {
        List<List<String>> rows = TestVectors.load("md5-des-dicomsec.txt");
        assertEquals(12, rows.size());
        for (List<String> r : rows) {
            Md5Order order = Md5Order.ofCode(Integer.parseInt(r.get(0)));
            Md5Des m = new Md5Des(DesKey.of(TestVectors.hex(r.get(1))), TestVectors.hex(r.get(2)));
            long seq = Long.parseUnsignedLong(r.get(3), 16);
            byte[] msg = r.get(4).getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(TestVectors.hex(r.get(5)), m.tag(order, seq, msg), "vector " + r);
        }
    }

    /** Random inputs: the implementation (BouncyCastle DES) against a composition of the JDK's MD5 and DES. */
    @Test
    void bothOrdersMatchJdkComposition() throws Exception {
        Random rnd = new Random(7);
        for (int i = 0; i < 50; i++) {
            byte[] key;
            do {
                key = new byte[8];
                rnd.nextBytes(key);
            } while (DesKey.isWeakOrSemiWeak(key));
            byte[] n = new byte[8];
            rnd.nextBytes(n);
            byte[] msg = new byte[rnd.nextInt(300)];
            rnd.nextBytes(msg);
            long seq = rnd.nextLong();
            Md5Des impl = new Md5Des(DesKey.of(key), n);
            byte[] x = n.clone();
            for (int j = 0; j < 8; j++) {
                x[j] ^= (byte) (seq >>> (56 - 8 * j));
            }
            Cipher ecb = Cipher.getInstance("DES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"));
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(ecb.doFinal(x));
            byte[] t1 = md.digest(msg);
            md.update(x);
            byte[] h = md.digest(msg);
            Cipher cbc = Cipher.getInstance("DES/CBC/NoPadding");
            cbc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"), new IvParameterSpec(new byte[8]));
            byte[] t2 = cbc.doFinal(h);
            assertArrayEquals(t1, impl.tag(Md5Order.ENCRYPT_RANDOM_THEN_HASH, seq, msg));
            assertArrayEquals(t2, impl.tag(Md5Order.HASH_THEN_ENCRYPT, seq, msg));
            assertFalse(MessageDigest.isEqual(t1, t2), "the two orders differ");
        }
    }
}
