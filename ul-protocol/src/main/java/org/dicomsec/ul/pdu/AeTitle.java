package org.dicomsec.ul.pdu;

/**
 * Application Entity titles as carried in A-ASSOCIATE-RQ (PS3.8 table 9-11, fields
 * Called-AE-title and Calling-AE-title; PS3.5 table 6.2-1 VR AE): 16 bytes, padded with
 * spaces, 1 to 16 characters of the default character repertoire, no backslash or control
 * character, not all spaces. Leading and trailing spaces are not significant (PS3.5 6.2),
 * so the normal form kept in records is the stripped one.
 */
public final class AeTitle {
    private AeTitle() {}

    /** Width of an AE title field on the wire. */
    public static final int LENGTH = 16;

    /**
     * Returns the normal form (leading and trailing spaces removed) of a valid AE title.
     *
     * @throws IllegalArgumentException naming the problem if the title is invalid
     */
    public static String validate(String title) {
        if (title == null) {
            throw new IllegalArgumentException("AE title is null");
        }
        String s = strip(title);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("AE title is empty or all spaces");
        }
        if (s.length() > LENGTH) {
            throw new IllegalArgumentException("AE title longer than 16 characters: " + s.length());
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException(
                        String.format("AE title has a character outside the default repertoire: 0x%02X", (int) c));
            }
            if (c == '\\') {
                throw new IllegalArgumentException("AE title contains a backslash");
            }
        }
        return s;
    }

    /** True if {@link #validate} would accept the title. */
    public static boolean isValid(String title) {
        try {
            validate(title);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Removes leading and trailing spaces (0x20 only; other characters are significant). */
    static String strip(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && s.charAt(b) == ' ') {
            b++;
        }
        while (e > b && s.charAt(e - 1) == ' ') {
            e--;
        }
        return s.substring(b, e);
    }

    /** Writes {@code title} (at most 16 one-byte chars) padded with spaces into 16 bytes. */
    static void write(byte[] b, int off, String title) {
        int end = Bytes.putLatin1(b, off, title);
        while (end < off + LENGTH) {
            b[end++] = ' ';
        }
    }
}
