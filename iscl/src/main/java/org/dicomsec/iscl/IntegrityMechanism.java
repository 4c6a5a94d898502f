package org.dicomsec.iscl;

import java.util.Locale;

/** Data integrity mechanisms of PS3.15 Table B.2-1; codes of docs/iscl-wire-format.md section 4. */
public enum IntegrityMechanism {
    /** DES-MAC, ISO 8730 (ISO/IEC 9797-1 MAC algorithm 1), 8-byte tag. */
    DES_MAC(0x01, "DES-MAC", 8),
    /** MD-5 encrypted with DES, either order, 16-byte tag. */
    MD5_DES(0x02, "MD5+DES", 16);

    private final int code;
    private final String label;
    private final int tagSize;

    IntegrityMechanism(int code, String label, int tagSize) {
        this.code = code;
        this.label = label;
        this.tagSize = tagSize;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** Record tag length in bytes. */
    public int tagSize() {
        return tagSize;
    }

    /**
     * The mechanism as an operator names it: {@code des-mac}, or {@code md5-des} (also
     * {@code md5+des}), in any case, so the labels "DES-MAC" and "MD5+DES" too.
     *
     * @throws IllegalArgumentException for any other text, quoting it
     */
    public static IntegrityMechanism byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "des-mac" -> DES_MAC;
            case "md5-des", "md5+des" -> MD5_DES;
            default -> throw new IllegalArgumentException("des-mac or md5-des, not '" + name + "'");
        };
    }

    /** The mechanism with this code, or null when unknown. */
    public static IntegrityMechanism ofCode(int code) {
        for (IntegrityMechanism m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        return null;
    }
}
