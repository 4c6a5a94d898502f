package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Properties of SpecificCharacterSet: every string of a set's repertoire
 * survives encode then decode; arbitrary bytes always decode (to U+FFFD where
 * nothing explains them) and never raise. The repertoires are taken from the
 * JDK's charsets of the same ISO 8859 parts, independently of the code under test.
 */
class SpecificCharacterSetPropertiesTest {

    /** Single-byte Defined Terms (PS3.3 table C.12-2) and the JDK charset of their repertoire. */
    static final Map<String, String> SINGLE_BYTE = new LinkedHashMap<>();

    static {
        SINGLE_BYTE.put("ISO_IR 100", "ISO-8859-1");
        SINGLE_BYTE.put("ISO_IR 101", "ISO-8859-2");
        SINGLE_BYTE.put("ISO_IR 109", "ISO-8859-3");
        SINGLE_BYTE.put("ISO_IR 110", "ISO-8859-4");
        SINGLE_BYTE.put("ISO_IR 144", "ISO-8859-5");
        SINGLE_BYTE.put("ISO_IR 127", "ISO-8859-6");
        SINGLE_BYTE.put("ISO_IR 126", "ISO-8859-7");
        SINGLE_BYTE.put("ISO_IR 138", "ISO-8859-8");
        SINGLE_BYTE.put("ISO_IR 148", "ISO-8859-9");
        SINGLE_BYTE.put("ISO_IR 203", "ISO-8859-15");
        SINGLE_BYTE.put("ISO_IR 166", "TIS-620");
        SINGLE_BYTE.put("ISO_IR 13", null);
    }

    static final String ASCII_GRAPHIC;

    static {
        StringBuilder sb = new StringBuilder();
        for (char c = 0x20; c < 0x7F; c++) {
            sb.append(c);
        }
        ASCII_GRAPHIC = sb.toString();
    }

    static final VR[] TEXT_VRS = {VR.SH, VR.LO, VR.ST, VR.LT, VR.UT, VR.UC, VR.PN};

    record Case(String[] terms, VR vr, String text) {
        @Override
        public String toString() {
            return String.join("\\", terms) + " " + vr + " \"" + text + "\"";
        }
    }

    /** Characters of the upper half 80H-FFH (or the 94x94 pairs) that the JDK charset maps. */
    static String repertoire(String charset, boolean pairs, boolean gr) {
        CharsetDecoder dec = Charset.forName(charset).newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        StringBuilder sb = new StringBuilder();
        int high = gr ? 0x80 : 0;
        for (int a = pairs ? 0x21 : 0xA0; a <= (pairs ? 0x7E : 0xFF); a++) {
            for (int b = pairs ? 0x21 : 0; b <= (pairs ? 0x7E : 0); b++) {
                byte[] in = pairs ? new byte[] {(byte) (a | high), (byte) (b | high)} : new byte[] {(byte) a};
                try {
                    CharBuffer out = dec.reset().decode(ByteBuffer.wrap(in));
                    if (out.length() == 1 && out.charAt(0) != '\uFFFD' && sb.indexOf(out.toString()) < 0) {
                        sb.append(out);
                    }
                } catch (CharacterCodingException e) {
                    // not in the set
                }
            }
        }
        return sb.toString();
    }

    static String halfWidthKatakana() {
        StringBuilder sb = new StringBuilder();
        for (char c = 0xFF61; c <= 0xFF9F; c++) {
            sb.append(c);
        }
        return sb.toString();
    }

    static final Map<String, String> ALPHABETS = new LinkedHashMap<>();

    static String alphabet(String term) {
        return ALPHABETS.computeIfAbsent(term, t -> {
            String cs = SINGLE_BYTE.get(t);
            if (cs == null) {
                // ISO-IR 14 lacks ASCII's TILDE; its YEN SIGN is a delimiter in LO, so leave it out
                return ASCII_GRAPHIC.replace("~", "") + halfWidthKatakana();
            }
            return ASCII_GRAPHIC + repertoire(cs, false, false);
        });
    }

    @Provide
    Arbitrary<Case> singleByte() {
        return Arbitraries.of(new ArrayList<>(SINGLE_BYTE.keySet())).flatMap(term ->
                Arbitraries.strings().withChars(alphabet(term).toCharArray()).ofMaxLength(40)
                        .map(s -> new Case(new String[] {term}, VR.LO, s)));
    }

    @Property(tries = 600)
    void singleByteRepertoiresRoundTrip(@ForAll("singleByte") Case c) {
        SpecificCharacterSet cs = SpecificCharacterSet.of(c.terms());
        byte[] encoded = cs.encode(c.text(), c.vr());
        assertEquals(c.text().length(), encoded.length, "one byte per character");
        assertEquals(c.text(), cs.decode(encoded, 0, encoded.length, c.vr()));
        // the same set with code extensions as value 1 needs no escape sequence for its own repertoire
        String twin = c.terms()[0].replace("ISO_IR ", "ISO 2022 IR ");
        SpecificCharacterSet ext = SpecificCharacterSet.of(twin);
        assertArrayEquals(encoded, ext.encode(c.text(), c.vr()), twin);
        assertEquals(c.text(), ext.decode(encoded, 0, encoded.length, c.vr()));
    }

    static final String CONTROLS = "\r\n\t\f";

    @Provide
    Arbitrary<Case> codeExtensions() {
        Map<String[], String> sets = new LinkedHashMap<>();
        sets.put(new String[] {"ISO 2022 IR 100", "ISO 2022 IR 126", "ISO 2022 IR 144"},
                alphabet("ISO_IR 100") + alphabet("ISO_IR 126") + alphabet("ISO_IR 144"));
        sets.put(new String[] {"", "ISO 2022 IR 138", "ISO 2022 IR 127", "ISO 2022 IR 166"},
                alphabet("ISO_IR 138") + alphabet("ISO_IR 127") + alphabet("ISO_IR 166"));
        sets.put(new String[] {"ISO 2022 IR 13", "ISO 2022 IR 87", "ISO 2022 IR 159"},
                ASCII_GRAPHIC + halfWidthKatakana() + repertoire("x-JIS0208", true, false)
                        + repertoire("JIS_X0212-1990", true, false));
        sets.put(new String[] {"", "ISO 2022 IR 87"}, ASCII_GRAPHIC + repertoire("x-JIS0208", true, false));
        sets.put(new String[] {"", "ISO 2022 IR 149"}, ASCII_GRAPHIC + repertoire("EUC-KR", true, true));
        sets.put(new String[] {"", "ISO 2022 IR 58"}, ASCII_GRAPHIC + repertoire("GB2312", true, true));
        List<Arbitrary<Case>> choices = new ArrayList<>();
        for (Map.Entry<String[], String> e : sets.entrySet()) {
            char[] chars = (e.getValue() + CONTROLS).toCharArray();
            choices.add(Combinators.combine(Arbitraries.of(TEXT_VRS),
                            Arbitraries.strings().withChars(chars).ofMaxLength(30))
                    .as((vr, s) -> new Case(e.getKey(), vr, s)));
        }
        return Arbitraries.oneOf(choices);
    }

    @Property(tries = 800)
    void codeExtensionsRoundTrip(@ForAll("codeExtensions") Case c) {
        SpecificCharacterSet cs = SpecificCharacterSet.of(c.terms());
        byte[] encoded = cs.encode(c.text(), c.vr());
        assertEquals(c.text(), cs.decode(encoded, 0, encoded.length, c.vr()));
        // PS3.5 6.1.2.5.3: the value ends with value 1's sets active, so it ends in one of
        // its characters or in the escape sequence that designates them again
        if (encoded.length > 3 && encoded[encoded.length - 3] == 0x1B) {
            String tail = new String(encoded, encoded.length - 2, 2, Charset.forName("US-ASCII"));
            String v1 = c.terms()[0];
            String expected = v1.equals("ISO 2022 IR 13") ? "(J" : v1.equals("ISO 2022 IR 100") ? "-A" : "(B";
            assertEquals(expected, tail, "the escape sequence that ends the value");
        }
    }

    @Provide
    Arbitrary<String> unicodeText() {
        return Arbitraries.integers().between(0, 0x10FFFF)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                .list().ofMaxSize(30)
                .map(cps -> {
                    StringBuilder sb = new StringBuilder();
                    cps.forEach(sb::appendCodePoint);
                    return sb.toString();
                });
    }

    @Property(tries = 300)
    void utf8AndGb18030RoundTripAllOfUnicode(@ForAll("unicodeText") String text) {
        for (String term : new String[] {"ISO_IR 192", "GB18030"}) {
            SpecificCharacterSet cs = SpecificCharacterSet.of(term);
            byte[] encoded = cs.encode(text, VR.UT);
            assertEquals(text, cs.decode(encoded, 0, encoded.length, VR.UT), term);
        }
    }

    @Property(tries = 200)
    void gbkRoundTripsCjkUnifiedIdeographs(@ForAll("gbkText") String text) {
        SpecificCharacterSet cs = SpecificCharacterSet.of("GBK");
        byte[] encoded = cs.encode(text, VR.PN);
        assertEquals(text, cs.decode(encoded, 0, encoded.length, VR.PN));
    }

    @Provide
    Arbitrary<String> gbkText() {
        // GBK holds all 20902 CJK Unified Ideographs U+4E00-U+9FA5
        return Arbitraries.strings().withCharRange('\u4E00', '\u9FA5').withChars(ASCII_GRAPHIC.toCharArray())
                .ofMaxLength(30);
    }

    static final List<String[]> ALL_SETS = new ArrayList<>();

    static {
        for (String t : SpecificCharacterSet.definedTerms()) {
            ALL_SETS.add(new String[] {t});
        }
        ALL_SETS.add(new String[0]);
        ALL_SETS.add(new String[] {"", "ISO 2022 IR 87"});
        ALL_SETS.add(new String[] {"ISO 2022 IR 13", "ISO 2022 IR 87", "ISO 2022 IR 159"});
        ALL_SETS.add(new String[] {"", "ISO 2022 IR 149"});
        ALL_SETS.add(new String[] {"", "ISO 2022 IR 58"});
        ALL_SETS.add(new String[] {"ISO 2022 IR 100", "ISO 2022 IR 126", "ISO 2022 IR 166"});
    }

    @Provide
    Arbitrary<byte[]> noisyBytes() {
        // ESC, delimiters, GL and GR bytes are more frequent than in uniform noise
        Arbitrary<Byte> b = Arbitraries.oneOf(
                Arbitraries.bytes(),
                Arbitraries.of((byte) 0x1B, (byte) '$', (byte) '(', (byte) ')', (byte) '-', (byte) 'B',
                        (byte) 'J', (byte) 'C', (byte) 'A', (byte) 'I', (byte) 'D', (byte) '^', (byte) '=',
                        (byte) '\\', (byte) 0x0D, (byte) 0xA1, (byte) 0xFE, (byte) 0x8E, (byte) 0x8F));
        return b.array(byte[].class).ofMaxSize(64);
    }

    @Property(tries = 1500)
    void arbitraryBytesAlwaysDecode(@ForAll("noisyBytes") byte[] bytes,
                                    @ForAll("setIndex") int set,
                                    @ForAll("anyVr") VR vr,
                                    @ForAll("cut") int[] cut) {
        SpecificCharacterSet cs = SpecificCharacterSet.of(ALL_SETS.get(set));
        int off = Math.min(cut[0], bytes.length);
        int len = Math.min(cut[1], bytes.length - off);
        String s = cs.decode(bytes, off, len, vr);
        assertTrue(s.length() <= len, "at most one char per byte: " + s.length() + " > " + len);
        // whatever decodes to text the set can hold encodes back to the same text
        if (cs.canEncode(s, vr)) {
            byte[] again = cs.encode(s, vr);
            assertEquals(s, cs.decode(again, 0, again.length, vr));
        }
    }

    @Provide
    Arbitrary<Integer> setIndex() {
        return Arbitraries.integers().between(0, ALL_SETS.size() - 1);
    }

    @Provide
    Arbitrary<VR> anyVr() {
        return Arbitraries.of(VR.PN, VR.LO, VR.SH, VR.ST, VR.LT, VR.UT, VR.UC, VR.CS, VR.UN, VR.UI)
                .injectNull(0.1);
    }

    @Provide
    Arbitrary<int[]> cut() {
        return Combinators.combine(Arbitraries.integers().between(0, 8), Arbitraries.integers().between(0, 64))
                .as((a, b) -> new int[] {a, b});
    }

    @Property(tries = 100)
    void decodingNeverReadsOutsideTheRange(@ForAll @Size(max = 40) byte[] bytes, @ForAll("setIndex") int set) {
        // the bytes around the range must not change the result
        SpecificCharacterSet cs = SpecificCharacterSet.of(ALL_SETS.get(set));
        byte[] framed = new byte[bytes.length + 4];
        framed[0] = (byte) 0xA4;
        framed[1] = 0x1B;
        System.arraycopy(bytes, 0, framed, 2, bytes.length);
        framed[framed.length - 2] = (byte) 0xB0;
        framed[framed.length - 1] = (byte) 0xA1;
        assertEquals(cs.decode(bytes, 0, bytes.length, VR.LO), cs.decode(framed, 2, bytes.length, VR.LO));
    }
}
