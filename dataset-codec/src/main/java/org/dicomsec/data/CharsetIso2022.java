package org.dicomsec.data;

import static org.dicomsec.data.CharsetGraphicSet.REPLACEMENT;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Decoding and encoding with the single-byte character sets and with ISO/IEC
 * 2022 code extensions, PS3.5 6.1.2.4 and 6.1.2.5.
 *
 * <p>State: the set designated to G0 (invoked in GL, bytes 21H-7EH) and the set
 * designated to G1 (invoked in GR, bytes A0H-FFH). Each value starts with the
 * sets of value 1 of (0008,0005) (ASCII alone when value 1 is empty), and
 * PS3.5 6.1.2.5.3 requires them again before each control character other
 * than ESC (CR, LF, FF, TAB ...), before the BACKSLASH separating values of
 * SH, LO, PN and UC, before the "^" and "=" delimiters of PN, and at the end of
 * the value. The encoder switches back at those places, choosing escape
 * sequences as the examples of PS3.5 H.3, I.2 and K.2 do; the decoder resets
 * there.
 *
 * <p>The decoder is lenient and never throws: it honours any escape sequence of
 * the sets DICOM knows even where (0008,0005) did not declare it, reads GR
 * bytes that follow a delimiter without a new designation with the last G1 set
 * of the value (what some writers produce), and gives U+FFFD for what no set
 * explains. Its output has at most as many chars as the input has bytes.
 */
final class CharsetIso2022 {

    private static final CharsetGraphicSet[] ALL = CharsetGraphicSet.values();

    private final CharsetGraphicSet initialG0;
    private final CharsetGraphicSet initialG1;
    /** G1 set read for GR bytes when none is designated: the initial one, or the only one declared. */
    private final CharsetGraphicSet fallbackG1;
    /** Sets the encoder may designate, in the order of the values of (0008,0005). */
    private final CharsetGraphicSet[] designatable;
    private final boolean extensions;

    CharsetIso2022(CharsetGraphicSet initialG0, CharsetGraphicSet initialG1, List<CharsetGraphicSet> declared,
                   boolean extensions) {
        this.initialG0 = initialG0;
        this.initialG1 = initialG1;
        this.extensions = extensions;
        this.designatable = extensions ? declared.toArray(new CharsetGraphicSet[0]) : new CharsetGraphicSet[0];
        CharsetGraphicSet only = null;
        int g1Count = 0;
        for (CharsetGraphicSet s : declared) {
            if (!s.isG0() && s != only) {
                only = s;
                g1Count++;
            }
        }
        this.fallbackG1 = initialG1 != null ? initialG1 : g1Count == 1 ? only : null;
    }

    String decode(byte[] bytes, int off, int len, boolean multiValued, boolean personName) {
        StringBuilder sb = new StringBuilder(len);
        CharsetGraphicSet g0 = initialG0;
        CharsetGraphicSet g1 = initialG1;
        CharsetGraphicSet lastG1 = fallbackG1;
        int end = off + len;
        int i = off;
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b == 0x1B) {
                CharsetGraphicSet s = designation(bytes, i, end);
                if (s != null) {
                    if (s.isG0()) {
                        g0 = s;
                    } else {
                        g1 = s;
                        lastG1 = s;
                    }
                    i += s.escapeLength();
                } else {
                    sb.append(REPLACEMENT);
                    i = skipEscape(bytes, i, end);
                }
                continue;
            }
            if (b < 0x20) {
                // PS3.5 6.1.2.5.3: value 1's sets are active again before any control character
                sb.append((char) b);
                g0 = initialG0;
                g1 = initialG1;
                i++;
                continue;
            }
            if (b < 0x80) {
                if (b == 0x20 || b == 0x7F) {
                    sb.append((char) b); // SPACE and DELETE stand outside every 94-set
                    i++;
                } else if (g0.width() == 2) {
                    int b2 = i + 1 < end ? bytes[i + 1] & 0xFF : -1;
                    if (b2 >= 0x21 && b2 <= 0x7E) {
                        sb.append(g0.decode2(b, b2));
                        i += 2;
                    } else {
                        sb.append(REPLACEMENT);
                        i++;
                    }
                } else {
                    char ch = g0.decode1(b, multiValued);
                    sb.append(ch);
                    i++;
                    if ((b == 0x5C && multiValued) || (personName && (b == 0x5E || b == 0x3D))) {
                        g0 = initialG0;
                        g1 = initialG1;
                    }
                }
                continue;
            }
            CharsetGraphicSet s = g1 != null ? g1 : lastG1;
            if (s == null) {
                sb.append(REPLACEMENT);
                i++;
            } else if (s.width() == 2) {
                int b2 = i + 1 < end ? bytes[i + 1] & 0xFF : -1;
                if (b >= 0xA1 && b <= 0xFE && b2 >= 0xA1 && b2 <= 0xFE) {
                    sb.append(s.decode2(b, b2));
                    i += 2;
                } else {
                    sb.append(REPLACEMENT);
                    i++;
                }
            } else {
                sb.append(s.decode1(b, multiValued));
                i++;
            }
        }
        return sb.toString();
    }

    /** The set whose designating escape sequence starts at {@code i}, or null. */
    private static CharsetGraphicSet designation(byte[] b, int i, int end) {
        for (CharsetGraphicSet s : ALL) {
            if (s.escapeMatches(b, i, end)) {
                return s;
            }
        }
        return null;
    }

    /** Past an escape sequence of ISO 2022 form: ESC, intermediate bytes 20H-2FH, a final byte 30H-7EH. */
    private static int skipEscape(byte[] b, int i, int end) {
        int j = i + 1;
        while (j < end && (b[j] & 0xFF) >= 0x20 && (b[j] & 0xFF) <= 0x2F) {
            j++;
        }
        if (j < end && (b[j] & 0xFF) >= 0x30 && (b[j] & 0xFF) <= 0x7E) {
            return j + 1;
        }
        return i + 1; // not a complete sequence: skip the ESC alone
    }

    /**
     * The bytes of {@code value}; IllegalArgumentException naming the first
     * character that no available set holds.
     */
    byte[] encode(String value, boolean multiValued, boolean personName, String termsForMessage) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length() + 16);
        CharsetGraphicSet g0 = initialG0;
        CharsetGraphicSet g1 = initialG1;
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == 0x1B) {
                throw new IllegalArgumentException("ESC (U+001B) at index " + i
                        + " cannot be text: it introduces code extensions (PS3.5 6.1.2.5)");
            }
            boolean delimiter = ch < 0x20 || (ch == '\\' && multiValued) || (personName && (ch == '^' || ch == '='));
            if (delimiter) {
                restore(out, g0, g1);
                g0 = initialG0;
                g1 = initialG1;
                out.write(ch);
                continue;
            }
            if (ch == 0x7F) {
                out.write(ch);
                continue;
            }
            int code = g0.encode(ch, multiValued);
            if (code >= 0) {
                write(out, g0, code);
                continue;
            }
            if (g1 != null && (code = g1.encode(ch, multiValued)) >= 0) {
                write(out, g1, code);
                continue;
            }
            CharsetGraphicSet s = extensions ? choose(ch, multiValued) : null;
            if (s == null) {
                throw new IllegalArgumentException(String.format(
                        "character U+%04X at index %d cannot be encoded with Specific Character Set %s",
                        (int) ch, i, termsForMessage));
            }
            s.writeEscape(out);
            if (s.isG0()) {
                g0 = s;
            } else {
                g1 = s;
            }
            write(out, s, s.encode(ch, multiValued));
        }
        restore(out, g0, g1);
        return out.toByteArray();
    }

    /** True when every character of {@code value} can be encoded. */
    boolean canEncode(String value, boolean multiValued, boolean personName) {
        try {
            encode(value, multiValued, personName, "");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The set to designate for {@code ch}: value 1's sets first, then the others in order, ASCII last. */
    private CharsetGraphicSet choose(char ch, boolean multiValued) {
        if (initialG0.encode(ch, multiValued) >= 0) {
            return initialG0;
        }
        if (initialG1 != null && initialG1.encode(ch, multiValued) >= 0) {
            return initialG1;
        }
        for (CharsetGraphicSet s : designatable) {
            if (s.encode(ch, multiValued) >= 0) {
                return s;
            }
        }
        // ISO-IR 6 is the default G0 of every ISO 2022 set (PS3.5 6.1.2.5.1), e.g. "~" after JIS X 0201
        return CharsetGraphicSet.ASCII.encode(ch, multiValued) >= 0 ? CharsetGraphicSet.ASCII : null;
    }

    /** Before a delimiter and at the end: designate value 1's sets again where they were replaced. */
    private void restore(ByteArrayOutputStream out, CharsetGraphicSet g0, CharsetGraphicSet g1) {
        if (g0 != initialG0) {
            initialG0.writeEscape(out);
        }
        if (g1 != initialG1 && initialG1 != null) {
            initialG1.writeEscape(out);
        }
    }

    private static void write(ByteArrayOutputStream out, CharsetGraphicSet s, int code) {
        if (s.width() == 2) {
            out.write(code >> 8);
        }
        out.write(code & 0xFF);
    }
}
