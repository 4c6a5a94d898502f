package org.dicomsec.iscl.crypto;

/**
 * The order of MD5 and DES in "MD-5 encrypted with DES" (PS3.15 Table B.2-1,
 * note: the random number encrypted before MD-5, or the output of MD-5
 * encrypted; carried in the protocol). Codes of docs/iscl-wire-format.md section 4.
 */
public enum Md5Order {
    /** Code 0x01, record tag form 1. */
    ENCRYPT_RANDOM_THEN_HASH(1),
    /** Code 0x02, record tag form 2. */
    HASH_THEN_ENCRYPT(2);

    private final int code;

    Md5Order(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * The order as an operator names it, by its code: "1" (encrypt the random number, then hash)
     * or "2" (hash, then encrypt).
     *
     * @throws IllegalArgumentException for any other text, quoting it
     */
    public static Md5Order byName(String code) {
        return switch (code) {
            case "1" -> ENCRYPT_RANDOM_THEN_HASH;
            case "2" -> HASH_THEN_ENCRYPT;
            default -> throw new IllegalArgumentException("1 (encrypt the random number, then hash) or 2 (hash,"
                    + " then encrypt), not '" + code + "'");
        };
    }

    /** The order with this code, or null. */
    public static Md5Order ofCode(int code) {
        for (Md5Order o : values()) {
            if (o.code == code) {
                return o;
            }
        }
        return null;
    }
}
