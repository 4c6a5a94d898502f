package org.dicomsec.iscl.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.dicomsec.iscl.TestVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DES keys: parity, FIPS 74 weak and semi-weak keys, no key bytes in text. */
class DesKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"0101010101010101", "FEFEFEFEFEFEFEFE", "E0E0E0E0F1F1F1F1", "1F1F1F1F0E0E0E0E",
        "01FE01FE01FE01FE", "FE01FE01FE01FE01", "1FE01FE00EF10EF1", "E01FE01FF10EF10E", "01E001E001F101F1",
        "E001E001F101F101", "1FFE1FFE0EFE0EFE", "FE1FFE1FFE0EFE0E", "011F011F010E010E", "1F011F010E010E01",
        "E0FEE0FEF1FEF1FE", "FEE0FEE0FEF1FEF1", "0000000000000000", "1E1E1E1E0F0F0F0F"})
    void weakAndSemiWeakKeysAreRefusedWhateverTheParityBits(String hex) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DesKey.of(TestVectors.hex(hex)));
        assertFalse(e.getMessage().toUpperCase().contains(hex), "no key bytes in the message");
    }

    @Test
    void parityIsSetAndKeyStillWorks() throws Exception {
        byte[] noParity = TestVectors.hex("0022446688AACCEE"); // 0123456789ABCDEF without parity bits
        DesKey k = DesKey.of(noParity);
        byte[] b = k.bytes();
        assertArrayEquals(TestVectors.hex("0123456789ABCDEF"), b);
        for (byte x : b) {
            assertEquals(1, Integer.bitCount(x & 0xFF) % 2, "odd parity");
        }
    }

    @Test
    void checkValueIsFirstThreeBytesOfDesOfZeroAndToStringHidesTheKey() throws Exception {
        byte[] key = TestVectors.hex("0123456789ABCDEF");
        Cipher c = Cipher.getInstance("DES/ECB/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"));
        String kcv = HexFormat.of().withUpperCase().formatHex(Arrays.copyOf(c.doFinal(new byte[8]), 3));
        DesKey k = DesKey.of(key);
        assertEquals(kcv, k.checkValue());
        assertEquals("DesKey[KCV=" + kcv + "]", k.toString());
        assertFalse(k.toString().contains("0123456789"));
        k.destroy();
        assertTrue(k.isDestroyed());
        assertThrows(IllegalStateException.class, k::bytes);
    }

    @Test
    void longTermKeyWhoseVariantIsWeakIsRefused() {
        // K xor F0.. = 0101010101010101 (weak) -> K = F1F1F1F1F1F1F1F1, itself strong
        byte[] k = TestVectors.hex("F1F1F1F1F1F1F1F1");
        DesKey.of(k);
        assertThrows(IllegalArgumentException.class, () -> DesKey.longTerm(k));
    }

    @Test
    void generatedKeysAreStrongWithOddParity() {
        // a source that first gives a weak key, then a good one
        byte[][] seq = {TestVectors.hex("0101010101010101"), TestVectors.hex("0123456789ABCDEF")};
        int[] i = {0};
        DesKey k = DesKey.generate(out -> System.arraycopy(seq[i[0]++], 0, out, 0, 8));
        assertEquals(2, i[0]);
        assertArrayEquals(TestVectors.hex("0123456789ABCDEF"), k.bytes());
    }

    @Test
    void parseHexTakesSixteenDigitsAndNeverEchoesThem() {
        assertEquals(DesKey.of(TestVectors.hex("0123456789ABCDEF")).checkValue(),
                DesKey.parseHex("0123456789abcdef").checkValue());
        for (String bad : new String[] {"0123", "0123456789ABCDEZ", "0101010101010101", "F1F1F1F1F1F1F1F1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DesKey.parseHex(bad));
            assertFalse(e.getMessage().contains(bad), e.getMessage());
            assertEquals(null, e.getCause());
        }
    }

    @Test
    void readHexTakesTheDigitsOfAFileWithSpacesAndLineEnds(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("key.txt"), "  0123 4567 89AB CDEF\r\n");
        assertEquals(DesKey.parseHex("0123456789ABCDEF").checkValue(), DesKey.readHex(f).checkValue());
    }

    @Test
    void readHexRefusesWhatIsNotAKeyWithoutEchoingIt(@TempDir Path dir) throws IOException {
        Path wrong = Files.writeString(dir.resolve("wrong.txt"), "0123456789ABCDEF01\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DesKey.readHex(wrong));
        assertEquals("a DES key is 16 hex digits", e.getMessage());
        Path big = Files.write(dir.resolve("big.txt"), new byte[DesKey.MAX_HEX_FILE + 1]);
        IOException tooLong = assertThrows(IOException.class, () -> DesKey.readHex(big));
        assertTrue(tooLong.getMessage().startsWith("longer than a key file"), tooLong.getMessage());
        assertThrows(NoSuchFileException.class, () -> DesKey.readHex(dir.resolve("absent.txt")));
    }

    @Test
    void hexDigitsAreWhatParseHexReadsUpperCaseAndRefusedOnceDestroyed() {
        DesKey k = DesKey.longTerm(TestVectors.hex("0123456789abcdef"));
        char[] hex = k.hexDigits();
        assertEquals("0123456789ABCDEF", new String(hex));
        assertTrue(DesKey.parseHex(new String(hex)).sameKeyAs(k));
        DesKey random = DesKey.generate(RandomBytes.secure());
        assertTrue(DesKey.parseHex(new String(random.hexDigits())).sameKeyAs(random));
        k.destroy();
        assertThrows(IllegalStateException.class, k::hexDigits);
    }
}
