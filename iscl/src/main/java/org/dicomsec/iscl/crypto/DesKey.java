package org.dicomsec.iscl.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import javax.security.auth.Destroyable;

/**
 * A single-DES key (FIPS 46): 8 bytes, odd parity forced on the low bit of each
 * byte, the weak and semi-weak keys of FIPS 74 refused. The key bytes never
 * appear in {@link #toString()} or in an exception message; a key is shown by
 * its key check value only (docs/iscl-wire-format.md section 7).
 */
public final class DesKey implements Destroyable {

    /** Length of a DES key in bytes. */
    public static final int LENGTH = 8;

    /** FIPS 74: the 4 weak and 12 semi-weak keys, with odd parity. */
    private static final long[] WEAK_OR_SEMI_WEAK = {
        0x0101010101010101L, 0xFEFEFEFEFEFEFEFEL, 0xE0E0E0E0F1F1F1F1L, 0x1F1F1F1F0E0E0E0EL,
        0x01FE01FE01FE01FEL, 0xFE01FE01FE01FE01L, 0x1FE01FE00EF10EF1L, 0xE01FE01FF10EF10EL,
        0x01E001E001F101F1L, 0xE001E001F101F101L, 0x1FFE1FFE0EFE0EFEL, 0xFE1FFE1FFE0EFE0EL,
        0x011F011F010E010EL, 0x1F011F010E010E01L, 0xE0FEE0FEF1FEF1FEL, 0xFEE0FEE0FEF1FEF1L,
    };

    /** Longest key file {@link #readHex} reads: 16 hex digits with room for spaces and line ends. */
    public static final int MAX_HEX_FILE = 1024;

    /** Variant mask of docs/iscl-wire-format.md section 6.1 (token MAC key K_v). */
    private static final byte VARIANT = (byte) 0xF0;

    private final byte[] key;
    private volatile boolean destroyed;

    private DesKey(byte[] key) {
        this.key = key;
    }

    /**
     * A DES key from 8 bytes (copied; parity set on the copy).
     *
     * @throws IllegalArgumentException wrong length, or weak / semi-weak key
     */
    public static DesKey of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a DES key has 8 bytes");
        }
        byte[] k = withOddParity(bytes);
        if (isWeakOrSemiWeak(k)) {
            Arrays.fill(k, (byte) 0);
            throw new IllegalArgumentException("weak or semi-weak DES key refused (FIPS 74)");
        }
        return new DesKey(k);
    }

    /**
     * A long-term ISCL key: as {@link #of(byte[])}, and its token-MAC variant
     * K xor F0..F0 must not be weak or semi-weak either.
     */
    public static DesKey longTerm(byte[] bytes) {
        DesKey k = of(bytes);
        byte[] v = k.variantBytes();
        boolean weak = isWeakOrSemiWeak(v);
        Arrays.fill(v, (byte) 0);
        if (weak) {
            k.destroy();
            throw new IllegalArgumentException("DES key whose variant is weak or semi-weak refused");
        }
        return k;
    }

    /**
     * A long-term key from 16 hex digits (as typed for `dicomsec keys iscl`);
     * the message of a refusal never repeats the digits.
     */
    public static DesKey parseHex(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a DES key is 16 hex digits");
        }
        byte[] b;
        try {
            b = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a DES key is 16 hex digits"); // no cause: it quotes the input
        }
        try {
            return longTerm(b);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    /**
     * A long-term key from a file that holds its 16 hex digits, spaces and surrounding white space
     * ignored, as {@link #parseHex} reads them ({@code keys iscl add --key-file}: the key stays out
     * of the process list and the shell history). The bytes read are cleared.
     *
     * @throws IOException              the file cannot be read, or is longer than {@link #MAX_HEX_FILE}
     * @throws IllegalArgumentException the text is not 16 hex digits (not quoted), or the key is weak
     */
    public static DesKey readHex(Path file) throws IOException {
        byte[] b;
        try (InputStream in = Files.newInputStream(file)) {
            b = in.readNBytes(MAX_HEX_FILE + 1);
        }
        try {
            if (b.length > MAX_HEX_FILE) {
                throw new IOException("longer than a key file (" + MAX_HEX_FILE + " bytes at most)");
            }
            return parseHex(new String(b, StandardCharsets.US_ASCII).strip().replace(" ", ""));
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    /** A fresh random long-term key. */
    public static DesKey generate(RandomBytes random) {
        byte[] b = new byte[LENGTH];
        while (true) {
            random.nextBytes(b);
            byte[] k = withOddParity(b);
            byte[] v = xorVariant(k);
            boolean ok = !isWeakOrSemiWeak(k) && !isWeakOrSemiWeak(v);
            Arrays.fill(v, (byte) 0);
            Arrays.fill(b, (byte) 0);
            if (ok) {
                return new DesKey(k);
            }
        }
    }

    /** True when the 8 bytes, after parity is set, are one of the 16 keys of FIPS 74. */
    public static boolean isWeakOrSemiWeak(byte[] bytes) {
        byte[] k = withOddParity(bytes);
        long v = 0;
        for (byte b : k) {
            v = (v << 8) | (b & 0xFF);
        }
        Arrays.fill(k, (byte) 0);
        for (long w : WEAK_OR_SEMI_WEAK) {
            if (w == v) {
                return true;
            }
        }
        return false;
    }

    /** A copy with the low bit of each byte set so that each byte has odd parity. */
    public static byte[] withOddParity(byte[] bytes) {
        byte[] k = bytes.clone();
        for (int i = 0; i < k.length; i++) {
            int high7 = k[i] & 0xFE;
            k[i] = (byte) (Integer.bitCount(high7) % 2 == 0 ? high7 | 1 : high7);
        }
        return k;
    }

    /** A copy of the key bytes; the caller wipes it after use. */
    public byte[] bytes() {
        checkLive();
        return key.clone();
    }

    /**
     * The key as the 16 upper-case hex digits {@link #parseHex} reads, for an explicit export to
     * another ISCL implementation ({@code dicomsec keys iscl export --hex}). Made without an
     * intermediate String, so that the caller can clear every copy: fill the array with zeros once
     * it is written.
     */
    public char[] hexDigits() {
        checkLive();
        char[] out = new char[2 * LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            out[2 * i] = Character.toUpperCase(Character.forDigit((key[i] >> 4) & 0xF, 16));
            out[2 * i + 1] = Character.toUpperCase(Character.forDigit(key[i] & 0xF, 16));
        }
        return out;
    }

    /** The token MAC key K_v = K xor F0F0F0F0F0F0F0F0 (section 6.1). */
    public DesKey variant() {
        checkLive();
        return new DesKey(variantBytes());
    }

    private byte[] variantBytes() {
        return xorVariant(key);
    }

    private static byte[] xorVariant(byte[] k) {
        byte[] v = k.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] ^= VARIANT;
        }
        return v;
    }

    /** Key check value: the first 3 bytes of DES_K(0), upper-case hex. */
    public String checkValue() {
        checkLive();
        byte[] out = new byte[8];
        new DesBlock(this).encrypt(new byte[8], 0, out, 0);
        return HexFormat.of().withUpperCase().formatHex(out, 0, 3);
    }

    private void checkLive() {
        if (destroyed) {
            throw new IllegalStateException("DES key destroyed");
        }
    }

    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** Constant-time comparison of two keys. */
    public boolean sameKeyAs(DesKey other) {
        return java.security.MessageDigest.isEqual(key, other.key);
    }

    @Override
    public String toString() {
        return destroyed ? "DesKey[destroyed]" : "DesKey[KCV=" + checkValue() + "]";
    }
}
