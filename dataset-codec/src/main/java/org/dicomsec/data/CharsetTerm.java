package org.dicomsec.data;

import static org.dicomsec.data.CharsetGraphicSet.ARABIC;
import static org.dicomsec.data.CharsetGraphicSet.ASCII;
import static org.dicomsec.data.CharsetGraphicSet.CYRILLIC;
import static org.dicomsec.data.CharsetGraphicSet.GB2312;
import static org.dicomsec.data.CharsetGraphicSet.GREEK;
import static org.dicomsec.data.CharsetGraphicSet.HEBREW;
import static org.dicomsec.data.CharsetGraphicSet.JIS_X0201_KATAKANA;
import static org.dicomsec.data.CharsetGraphicSet.JIS_X0201_ROMAN;
import static org.dicomsec.data.CharsetGraphicSet.JIS_X0208;
import static org.dicomsec.data.CharsetGraphicSet.JIS_X0212;
import static org.dicomsec.data.CharsetGraphicSet.KS_X1001;
import static org.dicomsec.data.CharsetGraphicSet.LATIN1;
import static org.dicomsec.data.CharsetGraphicSet.LATIN2;
import static org.dicomsec.data.CharsetGraphicSet.LATIN3;
import static org.dicomsec.data.CharsetGraphicSet.LATIN4;
import static org.dicomsec.data.CharsetGraphicSet.LATIN5;
import static org.dicomsec.data.CharsetGraphicSet.LATIN9;
import static org.dicomsec.data.CharsetGraphicSet.THAI;

import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Defined Terms of Specific Character Set (0008,0005), PS3.3 C.12.1.1.2:
 * table C.12-2 (single-byte without code extensions), C.12-3 (single-byte with
 * code extensions), C.12-4 (multi-byte with code extensions) and C.12-5
 * (multi-byte without code extensions).
 */
enum CharsetTerm {
    ISO_IR_100("ISO_IR 100", ASCII, LATIN1),
    ISO_IR_101("ISO_IR 101", ASCII, LATIN2),
    ISO_IR_109("ISO_IR 109", ASCII, LATIN3),
    ISO_IR_110("ISO_IR 110", ASCII, LATIN4),
    ISO_IR_144("ISO_IR 144", ASCII, CYRILLIC),
    ISO_IR_127("ISO_IR 127", ASCII, ARABIC),
    ISO_IR_126("ISO_IR 126", ASCII, GREEK),
    ISO_IR_138("ISO_IR 138", ASCII, HEBREW),
    ISO_IR_148("ISO_IR 148", ASCII, LATIN5),
    ISO_IR_203("ISO_IR 203", ASCII, LATIN9),
    ISO_IR_13("ISO_IR 13", JIS_X0201_ROMAN, JIS_X0201_KATAKANA),
    ISO_IR_166("ISO_IR 166", ASCII, THAI),

    ISO_2022_IR_6("ISO 2022 IR 6", ASCII, null),
    ISO_2022_IR_100("ISO 2022 IR 100", ASCII, LATIN1),
    ISO_2022_IR_101("ISO 2022 IR 101", ASCII, LATIN2),
    ISO_2022_IR_109("ISO 2022 IR 109", ASCII, LATIN3),
    ISO_2022_IR_110("ISO 2022 IR 110", ASCII, LATIN4),
    ISO_2022_IR_144("ISO 2022 IR 144", ASCII, CYRILLIC),
    ISO_2022_IR_127("ISO 2022 IR 127", ASCII, ARABIC),
    ISO_2022_IR_126("ISO 2022 IR 126", ASCII, GREEK),
    ISO_2022_IR_138("ISO 2022 IR 138", ASCII, HEBREW),
    ISO_2022_IR_148("ISO 2022 IR 148", ASCII, LATIN5),
    ISO_2022_IR_203("ISO 2022 IR 203", ASCII, LATIN9),
    ISO_2022_IR_13("ISO 2022 IR 13", JIS_X0201_ROMAN, JIS_X0201_KATAKANA),
    ISO_2022_IR_166("ISO 2022 IR 166", ASCII, THAI),
    ISO_2022_IR_87("ISO 2022 IR 87", JIS_X0208, null),
    ISO_2022_IR_159("ISO 2022 IR 159", JIS_X0212, null),
    ISO_2022_IR_149("ISO 2022 IR 149", null, KS_X1001),
    ISO_2022_IR_58("ISO 2022 IR 58", null, GB2312),

    ISO_IR_192("ISO_IR 192", "UTF-8"),
    GB18030("GB18030", "GB18030"),
    GBK("GBK", "GBK");

    private static final Map<String, CharsetTerm> BY_NAME = new HashMap<>();
    private static final Map<String, CharsetTerm> BY_LOOSE_NAME = new HashMap<>();

    static {
        for (CharsetTerm t : values()) {
            BY_NAME.put(t.term, t);
            BY_LOOSE_NAME.put(loose(t.term), t);
        }
        // names met in files that are not Defined Terms
        BY_LOOSE_NAME.put("UTF8", ISO_IR_192);
        BY_LOOSE_NAME.put("ISOIR192", ISO_IR_192);
        BY_LOOSE_NAME.put("GB2312", ISO_2022_IR_58);
        BY_LOOSE_NAME.put("ISO88591", ISO_IR_100);
        BY_LOOSE_NAME.put("LATIN1", ISO_IR_100);
    }

    final String term;
    /** The G0 and G1 sets the term brings; null where it brings none. */
    final CharsetGraphicSet g0;
    final CharsetGraphicSet g1;
    /** For the multi-byte terms without code extensions: the JDK charset. */
    final String javaCharset;

    CharsetTerm(String term, CharsetGraphicSet g0, CharsetGraphicSet g1) {
        this.term = term;
        this.g0 = g0;
        this.g1 = g1;
        this.javaCharset = null;
    }

    CharsetTerm(String term, String javaCharset) {
        this.term = term;
        this.g0 = null;
        this.g1 = null;
        this.javaCharset = javaCharset;
    }

    /** True for the "ISO 2022 IR n" terms, which allow code extensions (escape sequences). */
    boolean isIso2022() {
        return term.startsWith("ISO 2022");
    }

    /** True for ISO_IR 192, GB18030 and GBK, which PS3.3 table C.12-5 lists without code extensions. */
    boolean isUnicodeLike() {
        return javaCharset != null;
    }

    /** The "ISO 2022 IR n" term with the same sets as this "ISO_IR n" term, or this term. */
    CharsetTerm withCodeExtensions() {
        return isIso2022() || isUnicodeLike() ? this : valueOf("ISO_2022_" + name().substring(4));
    }

    /** The JDK charset; IllegalArgumentException when this Java runtime lacks it. */
    Charset charset() {
        Charset cs = CharsetGraphicSet.lookup(javaCharset);
        if (cs == null) {
            throw new IllegalArgumentException("Specific Character Set " + term + " needs charset " + javaCharset
                    + ", which this Java runtime lacks (a jlink image needs module jdk.charsets)");
        }
        return cs;
    }

    /** The term spelled exactly as PS3.3 spells it (after trimming the padding), or null. */
    static CharsetTerm of(String value) {
        return BY_NAME.get(value);
    }

    /** A term read loosely: case, spaces, '-' and '_' ignored ("ISO-IR 100", "iso_ir100"); or null. */
    static CharsetTerm ofLoose(String value) {
        return BY_LOOSE_NAME.get(loose(value));
    }

    private static String loose(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            }
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }
}
