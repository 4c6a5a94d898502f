package org.dicomsec.iscl;

/** Privacy mechanisms of PS3.15 Table B.2-1 (DES, optional); codes of docs/iscl-wire-format.md section 4. */
public enum PrivacyMechanism {
    /** No encipherment of the data. */
    NONE(0x00, "none"),
    /** DES in CBC mode (FIPS 81). */
    DES_CBC(0x01, "DES-CBC");

    private final int code;
    private final String label;

    PrivacyMechanism(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** The mechanism with this code, or null when unknown. */
    public static PrivacyMechanism ofCode(int code) {
        for (PrivacyMechanism m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        return null;
    }
}
