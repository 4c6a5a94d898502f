package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules of PS3.5 6.1 and PS3.3 C.12.1.1.2 beyond the published examples. */
class SpecificCharacterSetTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static String decode(SpecificCharacterSet cs, String hexBytes, VR vr) {
        byte[] b = hex(hexBytes);
        return cs.decode(b, 0, b.length, vr);
    }

    private static void assertEncodes(String expectedHex, SpecificCharacterSet cs, String text, VR vr) {
        byte[] actual = cs.encode(text, vr);
        assertEquals(expectedHex.replace(" ", ""), HexFormat.of().withUpperCase().formatHex(actual), text);
        assertEquals(text, cs.decode(actual, 0, actual.length, vr), "round trip of " + text);
    }

    @Test
    void unknownTermIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpecificCharacterSet.of("ISO_IR 999"));
        assertTrue(e.getMessage().contains("\"ISO_IR 999\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SpecificCharacterSet.of("", "ISO 2022 IR 87", "KLINGON"));
        assertTrue(e.getMessage().contains("KLINGON") && e.getMessage().contains("value 3"), e.getMessage());
    }

    @Test
    void unicodeTermsTakeNoCodeExtensions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpecificCharacterSet.of("ISO_IR 192", "ISO 2022 IR 87"));
        assertTrue(e.getMessage().contains("ISO_IR 192"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpecificCharacterSet.of("", "GB18030"));
    }

    @Test
    void everyDefinedTermIsAccepted() {
        String[] defined = SpecificCharacterSet.definedTerms();
        assertEquals(32, defined.length);
        for (String term : defined) {
            SpecificCharacterSet cs = SpecificCharacterSet.of(term);
            assertArrayEquals(new String[] {term}, cs.terms());
            // every repertoire holds the letters and digits of ISO 646
            assertEquals("PAT1^ID2", decode(cs, "504154315E494432", VR.PN), term);
            assertArrayEquals(hex("504154315E494432"), cs.encode("PAT1^ID2", VR.PN), term);
        }
    }

    @Test
    void emptyAndPaddedValues() {
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.of());
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.of(""));
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.of(" "));
        assertEquals(0, SpecificCharacterSet.DEFAULT.terms().length);
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 100 ");
        assertArrayEquals(new String[] {"ISO_IR 100"}, cs.terms());
        assertEquals(SpecificCharacterSet.of("ISO_IR 100"), cs);
        assertEquals(SpecificCharacterSet.of("ISO_IR 100").hashCode(), cs.hashCode());
        assertNotEquals(SpecificCharacterSet.of("ISO_IR 101"), cs);
        assertEquals("\\ISO 2022 IR 87", SpecificCharacterSet.of("", "ISO 2022 IR 87").toString());
    }

    @Test
    void defaultRepertoireIsAscii() {
        SpecificCharacterSet cs = SpecificCharacterSet.DEFAULT;
        assertEquals("A\uFFFDB", decode(cs, "41E942", VR.LO));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cs.encode("é", VR.LO));
        assertTrue(e.getMessage().contains("U+00E9"), e.getMessage());
        assertFalse(cs.canEncode("é", VR.LO));
        assertTrue(cs.canEncode("e", VR.LO));
    }

    @Test
    void nonTextVrsKeepTheDefaultRepertoire() {
        // PS3.5 6.1.2.3: AE, CS, DA, UI ... are not affected by (0008,0005)
        SpecificCharacterSet utf8 = SpecificCharacterSet.of("ISO_IR 192");
        assertEquals("\uFFFD\uFFFD", decode(utf8, "C3A9", VR.CS));
        assertEquals("é", decode(utf8, "C3A9", VR.LO));
        assertThrows(IllegalArgumentException.class, () -> utf8.encode("é", VR.CS));
        assertArrayEquals("1.2.840.10008".getBytes(Charset.forName("US-ASCII")), utf8.encode("1.2.840.10008", VR.UI));
        assertTrue(utf8.isUnicode());
        assertFalse(SpecificCharacterSet.of("ISO_IR 100").isUnicode());
    }

    @Test
    void lenientReadsVariantsAndReportsThem() {
        SpecificCharacterSet.Lenient l = SpecificCharacterSet.ofLenient("ISO-IR 100");
        assertEquals(List.of("ISO-IR 100"), l.unknownTerms());
        assertFalse(l.exact());
        assertArrayEquals(new String[] {"ISO_IR 100"}, l.charset().terms());
        assertEquals("é", decode(l.charset(), "E9", VR.PN));

        l = SpecificCharacterSet.ofLenient("MARTIAN");
        assertSame(SpecificCharacterSet.DEFAULT, l.charset());
        assertEquals(List.of("MARTIAN"), l.unknownTerms());

        l = SpecificCharacterSet.ofLenient("ISO_IR 192", "ISO 2022 IR 87");
        assertArrayEquals(new String[] {"ISO_IR 192"}, l.charset().terms());
        assertEquals(List.of("ISO 2022 IR 87"), l.unknownTerms());

        l = SpecificCharacterSet.ofLenient("", "ISO 2022 IR 87", "BOGUS");
        assertArrayEquals(new String[] {"", "ISO 2022 IR 87"}, l.charset().terms());
        assertEquals(List.of("BOGUS"), l.unknownTerms());

        l = SpecificCharacterSet.ofLenient("ISO_IR 126");
        assertTrue(l.exact());
        assertEquals(SpecificCharacterSet.of("ISO_IR 126"), l.charset());
        // UTF-8 spelled as a charset name
        assertEquals("é", decode(SpecificCharacterSet.ofLenient("UTF-8").charset(), "C3A9", VR.LO));
    }

    @Test
    void jisRomanYenSignAndValueDelimiter() {
        // PS3.5 H.1.1: ISO-IR 14 has YEN SIGN at 05/12, which in SH, LO, PN, UC separates values
        SpecificCharacterSet ir13 = SpecificCharacterSet.of("ISO_IR 13");
        assertEquals("\u00A5100", decode(ir13, "5C313030", VR.ST));
        assertEquals("A\\B", decode(ir13, "415C42", VR.LO));
        assertEquals("\u203E", decode(ir13, "7E", VR.LT));
        assertEncodes("5C313030", ir13, "\u00A5100", VR.ST);
        assertEncodes("415C42", ir13, "A\\B", VR.LO);
        assertThrows(IllegalArgumentException.class, () -> ir13.encode("C:\\dir", VR.ST));
        // with code extensions the BACKSLASH of a single-valued text switches G0 to ISO-IR 6,
        // which also holds what follows; value 1's G0 comes back at the end
        assertEncodes("433A 1B2842 5C 646972 1B284A", SpecificCharacterSet.of("ISO 2022 IR 13"), "C:\\dir", VR.ST);
    }

    @Test
    void valueOneSetsAreRestoredAtDelimitersAndEnd() {
        // PS3.5 6.1.2.5.3: value 1's G1 (Latin-1) must be active again at the end of the value
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 126");
        assertEncodes("4275633D 1B2D46 C4 1B2D41", cs, "Buc=Δ", VR.PN);
        assertEncodes("1B2D46 C4 1B2D41 5E 1B2D46 C4 1B2D41", cs, "Δ^Δ", VR.PN);
        // ... and before CR LF in a text, but not before "^" there
        assertEncodes("1B2D46 C4 1B2D41 0D0A 78", cs, "Δ\r\nx", VR.LT);
        assertEncodes("1B2D46 C4 5E C4 1B2D41", cs, "Δ^Δ", VR.LT);
    }

    @Test
    void decoderResetsAtTheDelimitersOfTheVr() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 126");
        // in PN "^" brings back Latin-1 in G1: C4 is then A WITH DIAERESIS
        assertEquals("Δ^Ä", decode(cs, "1B2D46 C4 5E C4", VR.PN));
        // in LT "^" is an ordinary character, CR is a delimiter
        assertEquals("Δ^Δ", decode(cs, "1B2D46 C4 5E C4", VR.LT));
        assertEquals("Δ\rÄ", decode(cs, "1B2D46 C4 0D C4", VR.LT));
        // "\" separates values of LO, not of LT
        assertEquals("Δ\\Ä", decode(cs, "1B2D46 C4 5C C4", VR.LO));
        assertEquals("Δ\\Δ", decode(cs, "1B2D46 C4 5C C4", VR.UT));
        // a control character ends a two-byte G0 run even without ESC ( B
        assertEquals("山\rA", decode(SpecificCharacterSet.of("", "ISO 2022 IR 87"), "1B2442 3B33 0D 41", VR.LT));
    }

    @Test
    void katakanaDesignatedWhenValueOneIsEmpty() {
        // pydicom tests/test_charset.py: ISO 2022 IR 13 after an empty value 1 needs ESC ) I in each group
        assertEncodes("3D3D 1B2949 D4CFC0DE 5E 1B2949 C0DBB3", SpecificCharacterSet.of("", "ISO 2022 IR 13"),
                "==ﾔﾏﾀﾞ^ﾀﾛｳ", VR.PN);
    }

    @Test
    void japaneseSetsMixed() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87", "ISO 2022 IR 159");
        assertEncodes("1B2442 2422 1B284A 61 B1 1B2442 2522 1B242844 6D4E 1B284A", cs, "あaｱア齩", VR.LO);
        // a redundant designation of the initial katakana set reads the same
        assertEquals("あaｱア齩", decode(cs, "1B2442 2422 1B284A 61 1B2949 B1 1B2442 2522 1B242844 6D4E 1B284A", VR.LO));
    }

    @Test
    void koreanAndChineseMultiValued() {
        SpecificCharacterSet ko = SpecificCharacterSet.of("", "ISO 2022 IR 149");
        assertEncodes("1B242943 C8AB 5C 1B242943 B1E6 0D0A 1B242943 B5BF", ko, "홍\\길\r\n동", VR.LO);
        SpecificCharacterSet zh = SpecificCharacterSet.of("", "ISO 2022 IR 58");
        assertEncodes("1B242941 D5C5 5C 1B242941 CDF5", zh, "张\\王", VR.SH);
    }

    @Test
    void lenientDecodingOfCommonDeviations() {
        // GR bytes after "^" without a new ESC $ ) C: read with the value's last G1 set
        assertEquals("홍^길", decode(SpecificCharacterSet.of("", "ISO 2022 IR 149"), "1B242943 C8AB 5E B1E6", VR.PN));
        // Korean text with no designation at all: the only G1 set declared
        assertEquals("홍", decode(SpecificCharacterSet.of("", "ISO 2022 IR 149"), "C8AB", VR.PN));
        // an escape sequence of no DICOM set: U+FFFD, then go on
        assertEquals("A\uFFFDB", decode(SpecificCharacterSet.of("", "ISO 2022 IR 87"), "41 1B2547 42", VR.LO));
        // a lone ESC at the end, a truncated pair
        assertEquals("A\uFFFD", decode(SpecificCharacterSet.of("", "ISO 2022 IR 87"), "41 1B", VR.LO));
        assertEquals("\uFFFD", decode(SpecificCharacterSet.of("", "ISO 2022 IR 87"), "1B2442 3B", VR.LO));
        // GR byte with no G1 set at all
        assertEquals("\uFFFD", decode(SpecificCharacterSet.of("", "ISO 2022 IR 87"), "C4", VR.LO));
    }

    @Test
    void gbkTrailByte5CIsNotADelimiter() {
        // GBK two-byte codes may end in 5CH; decoding the whole value keeps them whole
        byte[] b = hex("815C 5C 41");
        String s = SpecificCharacterSet.of("GBK").decode(b, 0, b.length, VR.LO);
        assertEquals(3, s.length(), s);
        assertNotEquals('\\', s.charAt(0));
        assertEquals("\\A", s.substring(1));
        assertArrayEquals(b, SpecificCharacterSet.of("GBK").encode(s, VR.LO));
    }

    @Test
    void textThatCannotBeEncoded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpecificCharacterSet.of("ISO_IR 100").encode("Δ", VR.PN));
        assertTrue(e.getMessage().contains("U+0394") && e.getMessage().contains("ISO_IR 100"), e.getMessage());
        // ESC cannot be text where it introduces code extensions
        assertThrows(IllegalArgumentException.class,
                () -> SpecificCharacterSet.of("", "ISO 2022 IR 87").encode("a\u001Bb", VR.LT));
        // a lone surrogate has no UTF-8 form
        assertThrows(IllegalArgumentException.class, () -> SpecificCharacterSet.of("ISO_IR 192").encode("\uD800", VR.LT));
        assertTrue(SpecificCharacterSet.of("", "ISO 2022 IR 87").canEncode("山田", VR.PN));
        assertFalse(SpecificCharacterSet.of("", "ISO 2022 IR 87").canEncode("한", VR.PN));
    }

    @Test
    void boundsAreChecked() {
        byte[] b = new byte[4];
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 100");
        assertThrows(IndexOutOfBoundsException.class, () -> cs.decode(b, 2, 3, VR.LO));
        assertThrows(IndexOutOfBoundsException.class, () -> cs.decode(b, -1, 1, VR.LO));
        assertEquals("", cs.decode(b, 4, 0, VR.LO));
        assertEquals("\u0000\u0000", cs.decode(b, 1, 2, VR.LO));
    }
}
