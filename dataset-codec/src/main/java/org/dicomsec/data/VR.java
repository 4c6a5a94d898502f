package org.dicomsec.data;

/**
 * Value Representations of PS3.5 section 6.2 (2024 edition), table 6.2-1.
 *
 * <p>Each constant knows its two-character code, the byte a value of odd
 * length is padded with (PS3.5 6.2: space for text, 00H for UI and binary),
 * and whether its explicit-VR header has the 2-byte reserved field and a
 * 32-bit length (PS3.5 7.1.2, table 7.1-1) or a 16-bit length (table 7.1-2).
 */
public enum VR {
    AE(' ', false, Kind.STRING),
    AS(' ', false, Kind.STRING),
    AT(0, false, Kind.BINARY),
    CS(' ', false, Kind.STRING),
    DA(' ', false, Kind.STRING),
    DS(' ', false, Kind.STRING),
    DT(' ', false, Kind.STRING),
    FL(0, false, Kind.BINARY),
    FD(0, false, Kind.BINARY),
    IS(' ', false, Kind.STRING),
    LO(' ', false, Kind.TEXT),
    LT(' ', false, Kind.TEXT),
    OB(0, true, Kind.BINARY),
    OD(0, true, Kind.BINARY),
    OF(0, true, Kind.BINARY),
    OL(0, true, Kind.BINARY),
    OV(0, true, Kind.BINARY),
    OW(0, true, Kind.BINARY),
    PN(' ', false, Kind.TEXT),
    SH(' ', false, Kind.TEXT),
    SL(0, false, Kind.BINARY),
    SQ(0, true, Kind.SEQUENCE),
    SS(0, false, Kind.BINARY),
    ST(' ', false, Kind.TEXT),
    SV(0, true, Kind.BINARY),
    TM(' ', false, Kind.STRING),
    UC(' ', true, Kind.TEXT),
    UI(0, false, Kind.STRING),
    UL(0, false, Kind.BINARY),
    UN(0, true, Kind.BINARY),
    UR(' ', true, Kind.STRING),
    US(0, false, Kind.BINARY),
    UT(' ', true, Kind.TEXT),
    UV(0, true, Kind.BINARY);

    /** How a value of this VR is held. */
    public enum Kind {
        /** Text in the default repertoire (ISO-IR 6) only. */
        STRING,
        /** Text that Specific Character Set (0008,0005) applies to. */
        TEXT,
        /** Binary numbers, attribute tags, or opaque bytes. */
        BINARY,
        /** A sequence of items. */
        SEQUENCE
    }

    private static final VR[] BY_CODE = new VR[1 << 16];

    static {
        for (VR vr : values()) {
            BY_CODE[vr.code()] = vr;
        }
    }

    private final byte padding;
    private final boolean longHeader;
    private final Kind kind;
    private final int code;

    VR(int padding, boolean longHeader, Kind kind) {
        this.padding = (byte) padding;
        this.longHeader = longHeader;
        this.kind = kind;
        this.code = (name().charAt(0) << 8) | name().charAt(1);
    }

    /** The two ASCII characters as a big-endian 16-bit number, as they stand on the wire. */
    public int code() {
        return code;
    }

    /** The byte appended to a value of odd length (PS3.5 6.2). */
    public byte padding() {
        return padding;
    }

    /**
     * True when the explicit-VR header is tag, VR, 2 reserved bytes and a
     * 32-bit length (PS3.5 table 7.1-1); false for a 16-bit length (table 7.1-2).
     */
    public boolean hasLongHeader() {
        return longHeader;
    }

    public Kind kind() {
        return kind;
    }

    /** True for the VRs whose values are character strings. */
    public boolean isText() {
        return kind == Kind.STRING || kind == Kind.TEXT;
    }

    /**
     * The VR whose wire code is {@code code} (two ASCII bytes, first byte high),
     * or null when the two bytes name no VR of PS3.5.
     */
    public static VR ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
