package org.dicomsec.storage.folder;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

import org.dicomsec.data.LibraryLog;
import org.dicomsec.storage.store.DirectorySync;
import org.dicomsec.storage.store.FileSeal;
import org.dicomsec.storage.store.OwnerOnly;

/**
 * The sequence numbers of the {@link FileSeal}s a {@link FolderScp} writes, increasing across its
 * runs whatever the clock does. Settling what a crash left compares two versions of an instance by
 * their sequence (the staged file answered last against a file under the final name); numbers
 * taken from the clock alone could make the version answered last look older after the clock was
 * set back between two runs.
 *
 * <p>A number is handed out only below a mark that is on the device: the file {@value #NAME} in the
 * staging folder ({@code DICOMSEC SEQ v1}, the mark as 8 bytes big-endian, their CRC-32C), written
 * in place and forced once per {@value #BLOCK_BITS}-bit block of numbers. A run starts at the mark,
 * at the clock (in units of 2<sup>-20</sup> ms) if that is higher, and above every staged file's
 * sequence. Where the mark is missing or damaged (a folder of an earlier version, a staging folder
 * removed, a torn write) the run starts above the highest sequence of the folder's sealed files
 * instead, which it reads once. The sequences of files copied in from elsewhere are not this
 * folder's and may be higher.
 */
final class SealSequence {

    private static final Logger LOG = LibraryLog.logger(SealSequence.class);

    /** The mark's file, in the staging folder. */
    static final String NAME = "sequence";
    static final int BLOCK_BITS = 20;
    private static final long BLOCK = 1L << BLOCK_BITS;
    private static final byte[] MAGIC = "DICOMSEC SEQ v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int LENGTH = MAGIC.length + 8 + 4;

    /** The mark's file, or null: numbers kept in memory only (no staging folder, nothing to settle). */
    private final Path file;
    private final AtomicLong next;
    /** Every number below this may be handed out; written by {@link #reserve} under the lock. */
    private volatile long reserved;

    private SealSequence(Path file, long start) {
        this.file = file;
        this.next = new AtomicLong(start);
    }

    /** Numbers from {@code start} on, with no mark (a folder without a staging folder settles nothing). */
    static SealSequence inMemory(long start) {
        SealSequence s = new SealSequence(null, start);
        s.reserved = Long.MAX_VALUE;
        return s;
    }

    /**
     * The sequence of the folder {@code folder} with its staging folder {@code staging}: starts at
     * its mark, or above the highest seal in {@code folder} when the mark cannot be read, and at
     * {@code atLeast} if that is higher; the first block is reserved (the mark written and forced)
     * before this returns.
     */
    static SealSequence open(Path staging, Path folder, long atLeast) throws IOException {
        Path f = staging.resolve(NAME);
        long mark = read(f);
        if (mark < 0) {
            long highest = highestSealIn(folder);
            mark = highest + 1;
            if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
                LOG.log(Level.WARNING, "{0}: damaged; the sequence goes on above the highest seal in {1}", f, folder);
            }
        }
        SealSequence s = new SealSequence(f, Math.max(mark, atLeast));
        s.reserve(s.next.get());
        return s;
    }

    /** The next number; reserves the next block first when this one is not below the mark. */
    long next() throws IOException {
        long n = next.getAndIncrement();
        if (n >= reserved) {
            reserve(n);
        }
        return n;
    }

    private synchronized void reserve(long n) throws IOException {
        if (n < reserved) {
            return;
        }
        long mark = n + BLOCK;
        byte[] b = Arrays.copyOf(MAGIC, LENGTH);
        ByteBuffer.wrap(b).putLong(MAGIC.length, mark);
        CRC32C crc = new CRC32C();
        crc.update(b, 0, MAGIC.length + 8);
        ByteBuffer.wrap(b).putInt(MAGIC.length + 8, (int) crc.getValue());
        boolean created = !Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        try (FileChannel ch = OwnerOnly.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(b);
            while (buf.hasRemaining()) {
                ch.write(buf, buf.position());
            }
            ch.force(false);
        } catch (NoSuchFileException gone) {
            // the staging folder was removed under the running server: with it the mark, so the next
            // open reads the seals instead; the numbers handed out meanwhile are in them
            reserved = mark;
            return;
        }
        if (created) {
            DirectorySync.of(file.getParent()).force();
        }
        reserved = mark;
    }

    /** The mark in {@code f}; -1 when the file is missing, short or damaged. */
    static long read(Path f) throws IOException {
        byte[] b;
        try {
            if (Files.size(f) != LENGTH) {
                return -1;
            }
            b = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return -1;
        }
        if (b.length != LENGTH || !Arrays.equals(b, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return -1;
        }
        CRC32C crc = new CRC32C();
        crc.update(b, 0, MAGIC.length + 8);
        if ((int) crc.getValue() != ByteBuffer.wrap(b).getInt(MAGIC.length + 8)) {
            return -1;
        }
        long mark = ByteBuffer.wrap(b).getLong(MAGIC.length);
        return mark < 0 ? -1 : mark;
    }

    /** The highest sequence of the sealed {@code .dcm} files in {@code folder}; 0 when none. */
    static long highestSealIn(Path folder) throws IOException {
        long highest = 0;
        int files = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, "*.dcm")) {
            for (Path p : s) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                files++;
                FileSeal seal = FileSeal.read(p);
                if (seal != null) {
                    highest = Math.max(highest, seal.sequence());
                }
            }
        }
        if (files > 0) {
            LOG.log(Level.INFO, "{0}: no sequence mark; read the seals of {1} files", folder, files);
        }
        return highest;
    }
}
