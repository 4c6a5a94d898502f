package org.dicomsec.iscl;

import java.nio.charset.StandardCharsets;

/**
 * ISCL entity names (docs/iscl-wire-format.md section 1): 1 to 64 bytes of
 * US-ASCII 0x20..0x7E, not starting or ending with a space, compared exactly.
 */
public final class EntityNames {

    /** Longest entity name in bytes. */
    public static final int MAX_LENGTH = 64;

    private EntityNames() {
    }

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return name.charAt(0) != ' ' && name.charAt(name.length() - 1) != ' ';
    }

    /** Returns the name, or throws IllegalArgumentException naming the role ("local entity"). */
    public static String require(String name, String role) {
        if (!isValid(name)) {
            throw new IllegalArgumentException(role + " is not a valid ISCL entity name"
                    + " (1..64 printable US-ASCII, no leading/trailing space): " + printable(name));
        }
        return name;
    }

    public static byte[] encode(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    /** A safe rendering of untrusted bytes for messages. */
    public static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < Math.min(s.length(), 80); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c <= 0x7E ? String.valueOf(c) : String.format("\\x%02X", (int) c));
        }
        return b.append(s.length() > 80 ? "...\"" : "\"").toString();
    }
}
