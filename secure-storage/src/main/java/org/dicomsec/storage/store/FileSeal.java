package org.dicomsec.storage.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The seal a received file carries in its 128-byte PS3.10 preamble, which PS3.10 7.1 leaves to
 * the implementation: the file's length, the CRC-32C of everything after the preamble, a sequence
 * number and the SOP Instance UID, the seal's own fields covered by a CRC-32C of their own.
 *
 * <p>It lets a restart tell a file that was written and forced whole from one a crash cut off
 * (a wrong length or checksum), and the newer of two versions of one instance (the sequence):
 * what {@code FolderScp}'s staged commit needs to answer success before the file's final name is
 * forced. Layout, big-endian: bytes 0-15 {@value #MAGIC}; 16-23 the file's length; 24-27 the
 * CRC-32C of bytes 128 to the end; 28-35 the sequence; 36 the UID's length; 37-100 the UID
 * (ASCII, at most 64 bytes, PS3.5 9.1); 101-123 zero; 124-127 the CRC-32C of bytes 0-123.
 */
public record FileSeal(long length, int crc, long sequence, String uid) {
    /** The preamble's length (PS3.10 7.1). */
    public static final int PREAMBLE = 128;
    /** The first 16 bytes of a sealed preamble. */
    public static final String MAGIC = "DICOMSEC SEAL v1";
    private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);
    private static final int UID_MAX = 64;

    /**
     * The seal of a file of {@code length} bytes whose bytes after the preamble have {@code crc}
     * (the CRC-32C of the file's bytes after the preamble); of two seals of one instance the higher
     * {@code sequence} is the newer version.
     *
     * @throws IllegalArgumentException a length not above the preamble's, a UID not of 1-64 ASCII characters
     */
    public FileSeal {
        if (length < PREAMBLE) {
            throw new IllegalArgumentException("a sealed file is longer than its preamble: " + length);
        }
        byte[] u = uid.getBytes(StandardCharsets.US_ASCII);
        if (u.length == 0 || u.length > UID_MAX || !uid.equals(new String(u, StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("not a UID of 1-64 ASCII characters: " + uid);
        }
    }

    /** The 128-byte preamble that carries this seal. */
    public byte[] preamble() {
        byte[] p = new byte[PREAMBLE];
        ByteBuffer b = ByteBuffer.wrap(p);
        b.put(MAGIC_BYTES).putLong(length).putInt(crc).putLong(sequence);
        byte[] u = uid.getBytes(StandardCharsets.US_ASCII);
        b.put((byte) u.length).put(u);
        CRC32C c = new CRC32C();
        c.update(p, 0, PREAMBLE - 4);
        ByteBuffer.wrap(p, PREAMBLE - 4, 4).putInt((int) c.getValue());
        return p;
    }

    /**
     * The seal in {@code preamble} (its first 128 bytes), or null when there is none: another magic,
     * a UID out of range, or fields that do not match their own checksum (a preamble written in part).
     */
    public static FileSeal parse(byte[] preamble) {
        if (preamble.length < PREAMBLE) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(preamble, 0, PREAMBLE);
        for (byte m : MAGIC_BYTES) {
            if (b.get() != m) {
                return null;
            }
        }
        CRC32C c = new CRC32C();
        c.update(preamble, 0, PREAMBLE - 4);
        if ((int) c.getValue() != ByteBuffer.wrap(preamble, PREAMBLE - 4, 4).getInt()) {
            return null;
        }
        long length = b.getLong();
        int crc = b.getInt();
        long sequence = b.getLong();
        int n = b.get() & 0xFF;
        if (n == 0 || n > UID_MAX || length < PREAMBLE) {
            return null;
        }
        try {
            return new FileSeal(length, crc, sequence, new String(preamble, b.position(), n, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException notAscii) {
            return null;
        }
    }

    /** The seal in {@code file}'s preamble (not checked against the rest of the file), or null. */
    public static FileSeal read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch);
        }
    }

    private static FileSeal read(FileChannel ch) throws IOException {
        ByteBuffer p = ByteBuffer.allocate(PREAMBLE);
        while (p.hasRemaining() && ch.read(p, p.position()) > 0) {
            // until full or the end
        }
        return p.hasRemaining() ? null : parse(p.array());
    }

    /**
     * The seal of {@code file} when the whole file matches it (its length, and the CRC-32C of its
     * bytes after the preamble), else null: a file cut off or written in part has no valid seal.
     */
    public static FileSeal verify(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            FileSeal s = read(ch);
            if (s == null || ch.size() != s.length) {
                return null;
            }
            ch.position(PREAMBLE);
            CRC32C c = new CRC32C();
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = Channels.newInputStream(ch)) {
                for (int r; (r = in.read(buf)) > 0; ) {
                    c.update(buf, 0, r);
                }
            }
            return (int) c.getValue() == s.crc ? s : null;
        }
    }

    /**
     * The CRC-32C of the bytes written to a file from its start, the first {@value #PREAMBLE}
     * (the preamble) left out: fed in file order, by one thread at a time.
     */
    public static final class Tail {
        private final CRC32C crc = new CRC32C();
        private long written;

        /** Bytes {@code b[0..len)} were written next. */
        public void wrote(byte[] b, int len) {
            int skip = (int) Math.max(0, Math.min(len, PREAMBLE - written));
            crc.update(b, skip, len - skip);
            written += len;
        }

        /** The bytes written so far, the preamble included. */
        public long written() {
            return written;
        }

        /** The CRC-32C of the bytes written after the preamble. */
        public int crc() {
            return (int) crc.getValue();
        }
    }

    @Override
    public String toString() {
        return "FileSeal[" + uid + ", " + length + " bytes, sequence " + sequence + "]";
    }
}
