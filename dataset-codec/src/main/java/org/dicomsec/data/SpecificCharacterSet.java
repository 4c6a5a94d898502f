package org.dicomsec.data;

import java.nio.charset.StandardCharsets;

/**
 * Specific Character Set (0008,0005), PS3.5 section 6.1 and PS3.3 C.12.1.1.2:
 * decodes and encodes the text VRs (SH, LO, ST, LT, UC, UT, PN) with the
 * character repertoires and ISO 2022 code extensions the attribute names.
 *
 * <p>CONTRACT (fixed; the codec calls it): {@link #of(String...)},
 * {@link #DEFAULT}, {@link #decode(byte[], int, int, VR)},
 * {@link #encode(String, VR)}, {@link #terms()}.
 */
public final class SpecificCharacterSet {

    /** The default repertoire (ISO-IR 6, ASCII), used when (0008,0005) is absent or empty. */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(new String[0]);

    private final String[] terms;

    private SpecificCharacterSet(String[] terms) {
        this.terms = terms;
    }

    /**
     * The character set named by the values of (0008,0005), e.g.
     * {@code of("ISO 2022 IR 6", "ISO 2022 IR 87")}. An unknown term raises
     * IllegalArgumentException naming it.
     */
    public static SpecificCharacterSet of(String... terms) {
        return terms.length == 0 ? DEFAULT : new SpecificCharacterSet(terms.clone());
    }

    /** The defined terms this set was made from. */
    public String[] terms() {
        return terms.clone();
    }

    /** Decodes {@code len} bytes of a value of {@code vr} starting at {@code off}. */
    public String decode(byte[] bytes, int off, int len, VR vr) {
        return new String(bytes, off, len, StandardCharsets.US_ASCII); // TODO(issue 2): charset work
    }

    /** Encodes a value of {@code vr} (without padding). */
    public byte[] encode(String value, VR vr) {
        return value.getBytes(StandardCharsets.US_ASCII); // TODO(issue 2): charset work
    }
}
