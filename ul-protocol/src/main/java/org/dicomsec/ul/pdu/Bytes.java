package org.dicomsec.ul.pdu;

import java.util.Arrays;

/** Big-endian field helpers shared by the encoder and decoder (PS3.8 9.3.1: all fields are big endian). */
final class Bytes {
    private Bytes() {}

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void put32(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static int get16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    static long get32(byte[] b, int off) {
        return ((long) (b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16)
                | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    /** Writes a string whose chars are all <= 0xFF (checked by the records) one byte per char. */
    static int putLatin1(byte[] b, int off, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            b[off + i] = (byte) s.charAt(i);
        }
        return off + s.length();
    }

    static String latin1(byte[] b, int off, int len) {
        return new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Checks a text field can be written as one byte per char and its length fits {@code max}. */
    static String checkLatin1(String s, int max, String field) {
        if (s == null) {
            throw new NullPointerException(field);
        }
        if (s.length() > max) {
            throw new IllegalArgumentException(field + " longer than " + max + " bytes: " + s.length());
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                throw new IllegalArgumentException(field + " has a character beyond one byte at index " + i);
            }
        }
        return s;
    }

    static byte[] checkBytes(byte[] v, int max, String field) {
        if (v == null) {
            throw new NullPointerException(field);
        }
        if (v.length > max) {
            throw new IllegalArgumentException(field + " longer than " + max + " bytes: " + v.length);
        }
        return v.clone();
    }

    static String hex(byte[] v) {
        StringBuilder sb = new StringBuilder(v.length * 2);
        for (byte x : v) {
            sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return sb.toString();
    }

    static int hash(byte[] v) {
        return Arrays.hashCode(v);
    }
}
