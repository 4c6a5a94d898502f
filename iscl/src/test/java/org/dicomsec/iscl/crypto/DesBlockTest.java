package org.dicomsec.iscl.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.dicomsec.iscl.TestVectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DES and DES-CBC against FIPS 81 and NBS SP 500-20 (vectors/des-*.txt). */
class DesBlockTest {

    @ParameterizedTest
    @ValueSource(strings = {"des-fips81.txt", "des-nbs-sp500-20.txt"})
    void publishedVectorsEncipherAndDecipher(String file) throws Exception {
        List<List<String>> rows = TestVectors.load(file);
        for (List<String> r : rows) {
            DesBlock des = DesBlock.forKnownAnswerTest(TestVectors.hex(r.get(1)));
            byte[] pt = TestVectors.hex(r.get(3));
            byte[] ct = TestVectors.hex(r.get(4));
            byte[] buf = pt.clone();
            if (r.get(0).equals("ECB")) {
                for (int off = 0; off < buf.length; off += 8) {
                    des.encrypt(buf, off, buf, off);
                }
                assertArrayEquals(ct, buf, file + " ECB " + r);
                for (int off = 0; off < buf.length; off += 8) {
                    des.decrypt(buf, off, buf, off);
                }
            } else {
                byte[] iv = TestVectors.hex(r.get(2));
                des.cbcEncrypt(iv, buf, 0, buf.length);
                assertArrayEquals(ct, buf, file + " CBC " + r);
                des.cbcDecrypt(iv, buf, 0, buf.length);
            }
            assertArrayEquals(pt, buf, "decipher back " + r);
        }
        assertEquals(5, rows.size());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 9})
    void cbcRefusesUnalignedLength(int len) {
        DesBlock des = new DesBlock(DesKey.of(TestVectors.hex("0123456789ABCDEF")));
        assertThrows(IllegalArgumentException.class, () -> des.cbcEncrypt(new byte[8], new byte[16], 0, len));
    }
}
