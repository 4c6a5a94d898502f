package org.dicomsec.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Specific Character Set (0008,0005), PS3.5 section 6.1 and PS3.3 C.12.1.1.2:
 * decodes and encodes the text VRs (SH, LO, ST, LT, UC, UT, PN) with the
 * character repertoires and ISO 2022 code extensions the attribute names.
 *
 * <p>CONTRACT (fixed; the codec calls it): {@link #of(String...)},
 * {@link #DEFAULT}, {@link #decode(byte[], int, int, VR)},
 * {@link #encode(String, VR)}, {@link #terms()}.
 *
 * <p>Supported Defined Terms: ISO_IR 100, 101, 109, 110, 144, 127, 126, 138,
 * 148, 203, 13, 166 (single-byte, PS3.3 table C.12-2); ISO 2022 IR 6, 100, 101,
 * 109, 110, 144, 127, 126, 138, 148, 203, 13, 166 (table C.12-3) and ISO 2022
 * IR 87, 159, 149, 58 (table C.12-4) with code extensions; ISO_IR 192 (UTF-8),
 * GB18030 and GBK (table C.12-5). Japanese, Korean and Chinese sets use the
 * JDK charsets x-JIS0208, JIS_X0212-1990, EUC-KR, GB2312, GB18030 and GBK: on
 * JDKs that keep them in the jdk.charsets module, a jlink image must include it.
 *
 * <p>Which VRs: the set applies to SH, LO, ST, LT, UC, UT and PN ({@link VR.Kind#TEXT});
 * the other string VRs (AE, CS, DA, UI, UR ...) hold the default repertoire only
 * (PS3.5 6.1.2.3) and are read and written as ASCII. A null VR or a binary VR
 * (UN) is read like LO. The BACKSLASH separating values is part of what
 * {@code decode} returns and {@code encode} takes: split and join after decoding
 * (a 5CH byte can be half of a GBK or JIS X 0208 character).
 *
 * <p>Errors: {@code decode} never fails on content: bytes no set explains become
 * U+FFFD. {@code encode} raises IllegalArgumentException naming the first character
 * the set cannot hold. Instances are immutable and thread-safe.
 */
public final class SpecificCharacterSet {

    /** The default repertoire (ISO-IR 6, ASCII), used when (0008,0005) is absent or empty. */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(new String[0], null,
            new CharsetIso2022(CharsetGraphicSet.ASCII, null, List.of(), false));

    private final String[] terms;
    /** For ISO_IR 192, GB18030, GBK; null otherwise. */
    private final Charset unicode;
    /** For the other terms and the default repertoire; null for the Unicode-like ones. */
    private final CharsetIso2022 iso2022;

    private SpecificCharacterSet(String[] terms, Charset unicode, CharsetIso2022 iso2022) {
        this.terms = terms;
        this.unicode = unicode;
        this.iso2022 = iso2022;
    }

    /**
     * The character set named by the values of (0008,0005), e.g.
     * {@code of("ISO 2022 IR 6", "ISO 2022 IR 87")}. An unknown term raises
     * IllegalArgumentException naming it. Values are trimmed of their padding;
     * with several values an empty value 1 means ISO 2022 IR 6 (PS3.5 6.1.2.5.3)
     * and an "ISO_IR n" value is read as "ISO 2022 IR n". ISO_IR 192, GB18030 and
     * GBK cannot be combined with other values (PS3.3 C.12.1.1.2).
     */
    public static SpecificCharacterSet of(String... terms) {
        Objects.requireNonNull(terms, "terms");
        String[] t = new String[terms.length];
        CharsetTerm[] parsed = new CharsetTerm[terms.length];
        for (int i = 0; i < terms.length; i++) {
            t[i] = terms[i] == null ? "" : terms[i].strip();
            if (!t[i].isEmpty()) {
                parsed[i] = CharsetTerm.of(t[i]);
                if (parsed[i] == null) {
                    throw new IllegalArgumentException("unknown Specific Character Set (0008,0005) term \""
                            + t[i] + "\" (value " + (i + 1) + "); PS3.3 C.12.1.1.2 defines "
                            + Arrays.toString(definedTerms()));
                }
            }
        }
        return build(t, parsed);
    }

    /**
     * Like {@link #of(String...)} but never fails: terms that are not Defined
     * Terms are read loosely when that is unambiguous ("ISO-IR 100", "ISO_IR100",
     * "UTF-8" ...) and dropped otherwise; a Unicode-like term combined with others
     * is used alone; what was not a usable Defined Term is listed in
     * {@link Lenient#unknownTerms()}. When nothing usable remains the result is
     * {@link #DEFAULT}.
     */
    public static Lenient ofLenient(String... terms) {
        List<String> unknown = new ArrayList<>();
        if (terms == null) {
            return new Lenient(DEFAULT, List.of());
        }
        int n = terms.length;
        String[] t = new String[n];
        CharsetTerm[] parsed = new CharsetTerm[n];
        CharsetTerm unicodeTerm = null;
        for (int i = 0; i < n; i++) {
            String v = terms[i] == null ? "" : terms[i].strip();
            CharsetTerm p = v.isEmpty() ? null : CharsetTerm.of(v);
            if (!v.isEmpty() && p == null) {
                unknown.add(v);
                p = CharsetTerm.ofLoose(v);
            }
            if (p != null && p.isUnicodeLike() && unicodeTerm == null) {
                unicodeTerm = p;
            }
            t[i] = p == null ? "" : p.term;
            parsed[i] = p;
        }
        if (unicodeTerm != null) {
            for (int i = 0; i < n; i++) {
                if (parsed[i] != null && parsed[i] != unicodeTerm && !unknown.contains(terms[i].strip())) {
                    unknown.add(terms[i].strip());
                }
            }
            try {
                return new Lenient(build(new String[] {unicodeTerm.term}, new CharsetTerm[] {unicodeTerm}), unknown);
            } catch (IllegalArgumentException e) { // the runtime lacks the charset
                unknown.add(0, unicodeTerm.term);
                return new Lenient(DEFAULT, unknown);
            }
        }
        // drop empty values after the first: they mean nothing
        List<String> keptT = new ArrayList<>();
        List<CharsetTerm> keptP = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i == 0 || parsed[i] != null) {
                keptT.add(t[i]);
                keptP.add(parsed[i]);
            }
        }
        return new Lenient(build(keptT.toArray(new String[0]), keptP.toArray(new CharsetTerm[0])), unknown);
    }

    /** The result of {@link #ofLenient(String...)}: the set to use and the terms that were not understood. */
    public record Lenient(SpecificCharacterSet charset, List<String> unknownTerms) {
        public Lenient {
            unknownTerms = List.copyOf(unknownTerms);
        }

        /** True when every term was a usable Defined Term. */
        public boolean exact() {
            return unknownTerms.isEmpty();
        }
    }

    private static SpecificCharacterSet build(String[] t, CharsetTerm[] parsed) {
        int n = t.length;
        boolean allEmpty = true;
        for (CharsetTerm p : parsed) {
            allEmpty &= p == null;
        }
        if (allEmpty) {
            return DEFAULT; // an empty value 1 alone is the default repertoire (PS3.5 6.1.2.5.3)
        }
        if (n == 1 && parsed[0].isUnicodeLike()) {
            return new SpecificCharacterSet(t, parsed[0].charset(), null);
        }
        for (int i = 0; i < n; i++) {
            if (parsed[i] != null && parsed[i].isUnicodeLike()) {
                throw new IllegalArgumentException("Specific Character Set (0008,0005) term \"" + t[i]
                        + "\" has no code extensions and cannot be combined with other values (PS3.3 C.12.1.1.2)");
            }
        }
        boolean extensions = n > 1 || parsed[0].isIso2022();
        List<CharsetGraphicSet> declared = new ArrayList<>();
        CharsetTerm first = parsed[0] == null ? CharsetTerm.ISO_2022_IR_6 : parsed[0];
        for (int i = 0; i < n; i++) {
            CharsetTerm p = i == 0 ? first : parsed[i];
            if (p == null) {
                continue;
            }
            if (extensions) {
                p = p.withCodeExtensions();
            }
            if (p.g0 != null && !declared.contains(p.g0)) {
                declared.add(p.g0);
            }
            if (p.g1 != null && !declared.contains(p.g1)) {
                declared.add(p.g1);
            }
        }
        // value 1 gives the sets active at the start; a two-byte G0 (IR 87, 159) cannot carry
        // the delimiters, so ASCII stays the initial G0 then
        CharsetGraphicSet g0 = first.g0 != null && first.g0.width() == 1 ? first.g0 : CharsetGraphicSet.ASCII;
        return new SpecificCharacterSet(t, null, new CharsetIso2022(g0, first.g1, declared, extensions));
    }

    /** The Defined Terms this class knows, as PS3.3 spells them. */
    public static String[] definedTerms() {
        CharsetTerm[] all = CharsetTerm.values();
        String[] names = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            names[i] = all[i].term;
        }
        return names;
    }

    /** The defined terms this set was made from. */
    public String[] terms() {
        return terms.clone();
    }

    /** True for ISO_IR 192, GB18030 and GBK, which encode all of Unicode (or, for GBK, most of it). */
    public boolean isUnicode() {
        return unicode != null;
    }

    /**
     * Decodes {@code len} bytes of a value of {@code vr} starting at {@code off}.
     * Never fails on content (see the class comment); padding is kept.
     *
     * @throws IndexOutOfBoundsException when off and len do not lie within bytes
     */
    public String decode(byte[] bytes, int off, int len, VR vr) {
        Objects.checkFromIndexSize(off, len, bytes.length);
        if (isDefaultRepertoireVr(vr)) {
            return DEFAULT.iso2022.decode(bytes, off, len, true, false);
        }
        if (unicode != null) {
            return new String(bytes, off, len, unicode);
        }
        return iso2022.decode(bytes, off, len, isMultiValued(vr), vr == VR.PN);
    }

    /** Decodes a whole value of {@code vr}. */
    public String decode(byte[] bytes, VR vr) {
        return decode(bytes, 0, bytes.length, vr);
    }

    /**
     * Encodes a value of {@code vr} (without padding). Several values are
     * joined with BACKSLASH first.
     *
     * @throws IllegalArgumentException naming the first character the set cannot hold
     */
    public byte[] encode(String value, VR vr) {
        Objects.requireNonNull(value, "value");
        if (isDefaultRepertoireVr(vr)) {
            return DEFAULT.iso2022.encode(value, true, false, "(default repertoire of " + vr + ")");
        }
        if (unicode != null) {
            CharsetEncoder enc = unicode.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            try {
                ByteBuffer bb = enc.encode(CharBuffer.wrap(value));
                byte[] out = new byte[bb.remaining()];
                bb.get(out);
                return out;
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("value cannot be encoded with Specific Character Set "
                        + this + ": " + e, e);
            }
        }
        return iso2022.encode(value, isMultiValued(vr), vr == VR.PN, String.join("\\", terms));
    }

    /** True when {@link #encode(String, VR)} would succeed. */
    public boolean canEncode(String value, VR vr) {
        try {
            encode(value, vr);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isDefaultRepertoireVr(VR vr) {
        return vr != null && vr.kind() == VR.Kind.STRING;
    }

    /** SH, LO, PN, UC may hold several values separated by 5CH (PS3.5 6.2); ST, LT, UT hold one. */
    private static boolean isMultiValued(VR vr) {
        return vr != VR.ST && vr != VR.LT && vr != VR.UT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecificCharacterSet && Arrays.equals(terms, ((SpecificCharacterSet) o).terms);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(terms);
    }

    @Override
    public String toString() {
        return terms.length == 0 ? "(default repertoire)" : String.join("\\", terms);
    }
}
