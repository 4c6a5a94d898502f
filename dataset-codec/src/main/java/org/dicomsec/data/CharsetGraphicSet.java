package org.dicomsec.data;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/**
 * The graphic character sets (code elements) that Specific Character Set
 * (0008,0005) can designate, with their ISO/IEC 2022 escape sequences
 * (PS3.3 tables C.12-3 and C.12-4; PS3.5 6.1.2.5 and Annexes H, I, K).
 *
 * <p>G0 sets are invoked in GL (bytes 21H-7EH), G1 sets in GR (A0H-FFH). The
 * 96-character sets are the upper halves of ISO 8859 and TIS 620; their tables
 * come from the JDK's charsets of the same name. JIS X 0208, JIS X 0212,
 * KS X 1001 and GB 2312 are 94x94 sets of two bytes; their tables come from the
 * JDK's x-JIS0208, JIS_X0212-1990, EUC-KR and GB2312 charsets (EUC-KR and
 * EUC-CN are KS X 1001 and GB 2312 invoked in GR, as in DICOM). Tables are built
 * on first use of a set.
 */
enum CharsetGraphicSet {
    /** ISO-IR 6, ASCII (ISO 646 IRV): ESC ( B. */
    ASCII(0, 1, "(B", null),
    /** ISO-IR 14, JIS X 0201 Romaji: ESC ( J. Differs from ASCII at 5CH (YEN SIGN) and 7EH (OVERLINE). */
    JIS_X0201_ROMAN(0, 1, "(J", null),
    /** ISO-IR 87, JIS X 0208 kanji, hiragana, katakana: ESC $ B. */
    JIS_X0208(0, 2, "$B", "x-JIS0208"),
    /** ISO-IR 159, JIS X 0212 supplementary kanji: ESC $ ( D. */
    JIS_X0212(0, 2, "$(D", "JIS_X0212-1990"),
    /** ISO-IR 13, JIS X 0201 katakana (half width): ESC ) I. */
    JIS_X0201_KATAKANA(1, 1, ")I", null),
    /** ISO-IR 100, ISO 8859-1 upper half: ESC - A. */
    LATIN1(1, 1, "-A", "ISO-8859-1"),
    /** ISO-IR 101, ISO 8859-2 upper half: ESC - B. */
    LATIN2(1, 1, "-B", "ISO-8859-2"),
    /** ISO-IR 109, ISO 8859-3 upper half: ESC - C. */
    LATIN3(1, 1, "-C", "ISO-8859-3"),
    /** ISO-IR 110, ISO 8859-4 upper half: ESC - D. */
    LATIN4(1, 1, "-D", "ISO-8859-4"),
    /** ISO-IR 144, ISO 8859-5 Cyrillic: ESC - L. */
    CYRILLIC(1, 1, "-L", "ISO-8859-5"),
    /** ISO-IR 127, ISO 8859-6 Arabic: ESC - G. */
    ARABIC(1, 1, "-G", "ISO-8859-6"),
    /** ISO-IR 126, ISO 8859-7 Greek: ESC - F. */
    GREEK(1, 1, "-F", "ISO-8859-7"),
    /** ISO-IR 138, ISO 8859-8 Hebrew: ESC - H. */
    HEBREW(1, 1, "-H", "ISO-8859-8"),
    /** ISO-IR 148, ISO 8859-9 Latin alphabet No. 5: ESC - M. */
    LATIN5(1, 1, "-M", "ISO-8859-9"),
    /** ISO-IR 203, ISO 8859-15 Latin alphabet No. 9: ESC - b. */
    LATIN9(1, 1, "-b", "ISO-8859-15"),
    /** ISO-IR 166, TIS 620-2533 Thai: ESC - T. */
    THAI(1, 1, "-T", "TIS-620"),
    /** ISO-IR 149, KS X 1001 Hangul and Hanja: ESC $ ) C. */
    KS_X1001(1, 2, "$)C", "EUC-KR"),
    /** ISO-IR 58, GB 2312 simplified Chinese: ESC $ ) A. */
    GB2312(1, 2, "$)A", "GB2312");

    static final char REPLACEMENT = '\uFFFD';

    private final int element;
    private final int width;
    private final byte[] escape;
    private final String javaCharset;
    private volatile Table table;

    CharsetGraphicSet(int element, int width, String escapeTail, String javaCharset) {
        this.element = element;
        this.width = width;
        byte[] esc = new byte[escapeTail.length() + 1];
        esc[0] = 0x1B;
        for (int i = 0; i < escapeTail.length(); i++) {
            esc[i + 1] = (byte) escapeTail.charAt(i);
        }
        this.escape = esc;
        this.javaCharset = javaCharset;
    }

    /** True for a G0 set (invoked in GL), false for a G1 set (invoked in GR). */
    boolean isG0() {
        return element == 0;
    }

    /** Bytes per character: 1 or 2. */
    int width() {
        return width;
    }

    /** The designating escape sequence, ESC included. */
    byte[] escape() {
        return escape.clone();
    }

    boolean escapeMatches(byte[] b, int off, int end) {
        if (end - off < escape.length) {
            return false;
        }
        for (int i = 0; i < escape.length; i++) {
            if (b[off + i] != escape[i]) {
                return false;
            }
        }
        return true;
    }

    int escapeLength() {
        return escape.length;
    }

    void writeEscape(ByteArrayOutputStream out) {
        out.write(escape, 0, escape.length);
    }

    /**
     * The character of a one-byte code (GL 21H-7EH for G0, GR 80H-FFH for G1), or
     * {@link #REPLACEMENT}. {@code multiValued}: 5CH of JIS X 0201 Romaji is then
     * the value delimiter BACKSLASH (PS3.5 H.1.1 note 3), otherwise YEN SIGN.
     */
    char decode1(int b, boolean multiValued) {
        switch (this) {
            case ASCII:
                return b < 0x80 ? (char) b : REPLACEMENT;
            case JIS_X0201_ROMAN:
                if (b == 0x5C) {
                    return multiValued ? '\\' : '\u00A5';
                }
                if (b == 0x7E) {
                    return '\u203E';
                }
                return b < 0x80 ? (char) b : REPLACEMENT;
            case JIS_X0201_KATAKANA:
                // JIS X 0201 katakana A1H-DFH are U+FF61-U+FF9F, in the same order
                return b >= 0xA1 && b <= 0xDF ? (char) (0xFF61 + b - 0xA1) : REPLACEMENT;
            default:
                return b >= 0x80 && b <= 0xFF ? table().single[b - 0x80] : REPLACEMENT;
        }
    }

    /** The character of a two-byte code (both bytes 21H-7EH, or both A1H-FEH), or {@link #REPLACEMENT}. */
    char decode2(int b1, int b2) {
        int r = (b1 & 0x7F) - 0x21;
        int c = (b2 & 0x7F) - 0x21;
        if (r < 0 || r >= 94 || c < 0 || c >= 94) {
            return REPLACEMENT;
        }
        return table().pairs[r * 94 + c];
    }

    /**
     * The code of {@code ch} in this set: a byte for width 1 (as it is written:
     * GL for G0, GR for G1), two bytes big-endian for width 2 (GL for G0, GR for
     * G1); -1 when the set lacks the character.
     */
    int encode(char ch, boolean multiValued) {
        switch (this) {
            case ASCII:
                return ch >= 0x20 && ch < 0x7F ? ch : -1;
            case JIS_X0201_ROMAN:
                if (ch == '\u00A5') {
                    return multiValued ? -1 : 0x5C;
                }
                if (ch == '\u203E') {
                    return 0x7E;
                }
                if (ch == '~' || (ch == '\\' && !multiValued)) {
                    return -1;
                }
                return ch >= 0x20 && ch < 0x7F ? ch : -1;
            case JIS_X0201_KATAKANA:
                return ch >= 0xFF61 && ch <= 0xFF9F ? ch - 0xFF61 + 0xA1 : -1;
            default:
                Table t = table();
                int i = Arrays.binarySearch(t.encChars, ch);
                if (i < 0) {
                    return -1;
                }
                int code = t.encCodes[i];
                return width == 2 && element == 1 ? code | 0x8080 : code;
        }
    }

    private Table table() {
        Table t = table;
        if (t == null) {
            synchronized (this) {
                t = table;
                if (t == null) {
                    Charset cs = lookup(javaCharset);
                    t = cs == null ? Table.empty() : width == 1 ? Table.single(cs) : Table.pairs(cs, element == 1);
                    table = t;
                }
            }
        }
        return t;
    }

    /**
     * The JDK charset, or null when this runtime lacks it (a jlink image without
     * the jdk.charsets module, where some JDKs keep the CJK charsets): the set then
     * decodes to U+FFFD and encodes nothing, so decoding still never fails.
     */
    static Charset lookup(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) { // UnsupportedCharsetException, IllegalCharsetNameException
            LibraryLog.logger(CharsetGraphicSet.class).log(System.Logger.Level.WARNING,
                    "charset {0} not in this Java runtime (module jdk.charsets?): its characters read as U+FFFD", name);
            return null;
        }
    }

    /** Decoding and encoding tables of one set, made from a JDK charset. */
    private static final class Table {
        char[] single;
        char[] pairs;
        char[] encChars;
        int[] encCodes;

        static Table empty() {
            Table t = new Table();
            t.single = new char[128];
            t.pairs = new char[94 * 94];
            Arrays.fill(t.single, REPLACEMENT);
            Arrays.fill(t.pairs, REPLACEMENT);
            t.encChars = new char[0];
            t.encCodes = new int[0];
            return t;
        }

        /** Upper half 80H-FFH of a single-byte charset. */
        static Table single(Charset cs) {
            Table t = new Table();
            t.single = new char[128];
            CharsetDecoder dec = strict(cs);
            StringBuilder chars = new StringBuilder();
            int[] codes = new int[128];
            for (int b = 0x80; b <= 0xFF; b++) {
                char ch = decodeOne(dec, new byte[] {(byte) b});
                t.single[b - 0x80] = ch;
                if (ch != REPLACEMENT) {
                    codes[chars.length()] = b;
                    chars.append(ch);
                }
            }
            t.index(chars, codes);
            return t;
        }

        /** The 94x94 two-byte set, read from the charset in GL (G0) or GR (G1 of EUC). */
        static Table pairs(Charset cs, boolean gr) {
            Table t = new Table();
            t.pairs = new char[94 * 94];
            CharsetDecoder dec = strict(cs);
            StringBuilder chars = new StringBuilder();
            int[] codes = new int[94 * 94];
            int high = gr ? 0x80 : 0;
            for (int r = 0; r < 94; r++) {
                for (int c = 0; c < 94; c++) {
                    int code = ((0x21 + r) << 8) | (0x21 + c);
                    char ch = decodeOne(dec, new byte[] {(byte) ((code >> 8) | high), (byte) ((code & 0xFF) | high)});
                    t.pairs[r * 94 + c] = ch;
                    if (ch != REPLACEMENT) {
                        codes[chars.length()] = code;
                        chars.append(ch);
                    }
                }
            }
            t.index(chars, codes);
            return t;
        }

        private static CharsetDecoder strict(Charset cs) {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        /** The one BMP character the bytes decode to, or REPLACEMENT. */
        private static char decodeOne(CharsetDecoder dec, byte[] bytes) {
            try {
                dec.reset();
                CharBuffer out = dec.decode(ByteBuffer.wrap(bytes));
                return out.length() == 1 && out.charAt(0) != REPLACEMENT ? out.charAt(0) : REPLACEMENT;
            } catch (CharacterCodingException e) {
                return REPLACEMENT;
            }
        }

        /** Sorted (char, code) pairs for encoding; the first code wins when a character has two. */
        private void index(StringBuilder chars, int[] codes) {
            int n = chars.length();
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> chars.charAt(a) != chars.charAt(b)
                    ? Character.compare(chars.charAt(a), chars.charAt(b)) : Integer.compare(a, b));
            char[] ec = new char[n];
            int[] ed = new int[n];
            int m = 0;
            for (int k = 0; k < n; k++) {
                char ch = chars.charAt(order[k]);
                if (m > 0 && ec[m - 1] == ch) {
                    continue;
                }
                ec[m] = ch;
                ed[m] = codes[order[k]];
                m++;
            }
            encChars = Arrays.copyOf(ec, m);
            encCodes = Arrays.copyOf(ed, m);
        }
    }
}
