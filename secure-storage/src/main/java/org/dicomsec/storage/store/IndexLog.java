package org.dicomsec.storage.store;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index of an {@link InstanceStore}: one append-only file, {@value #NAME}, holding a
 * sequence of {@link IndexRecords}; the last record naming a SOP Instance UID says what is
 * stored for it (or, a removal record, that nothing is).
 *
 * <p>Why one file: a record per file cost every stored instance a second new inode, a rename
 * and a second folder force, and a store of N instances N files to read on open. Appending a
 * record and forcing the file ({@code fdatasync}) is one operation, and the forces of
 * concurrent commits are shared ({@link GroupForce}).
 *
 * <p>A record is appended whole or not at all: when a write fails part way (a full disk), the
 * file is cut back to its previous length. A crash can still leave a record cut short at the end
 * of the file; it was never forced, so never reported, and {@link #replay} drops it. A whole
 * record whose checksum fails, anywhere, is damage done later: it is reported and kept.
 *
 * <p>The file is compacted (rewritten with only the current records, {@link DurableFiles#replace})
 * when it holds more than twice as many records as the store has instances plus {@value #SLACK}.
 * Thread-safe: appends are serialized; the store calls {@link #rewrite} only while nothing else
 * uses the log.
 */
final class IndexLog {

    static final String NAME = "index.log";
    /** Records beyond twice the live ones that a log may hold before it is compacted. */
    static final int SLACK = 4096;

    private static final byte[] FORMAT_LINE = IndexRecords.FORMAT.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRC_PREFIX = IndexRecords.CRC.getBytes(StandardCharsets.US_ASCII);

    /** Opens the log for writing (tests: a disk that fills up). */
    @FunctionalInterface
    interface Opener {
        SeekableByteChannel open(Path file) throws IOException;
    }

    private final Path file;
    private final Opener opener;
    private final GroupForce group;
    /** Where the next record goes. Guarded by this. */
    private long size;
    /** Records in the file. Guarded by this. */
    private long records;
    /** Set when a failed append could not be undone: the log takes no more records. Guarded by this. */
    private IOException broken;

    private IndexLog(Path file, long size, long records, Opener opener) {
        this.file = file;
        this.opener = opener;
        this.size = size;
        this.records = records;
        this.group = new GroupForce(() -> {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.force(false);
            }
        }, file.toString());
    }

    /** What {@link #replay} found in a log. */
    static final class Replay {
        /** By SOP Instance UID, in the order of the file: the last record's instance, null for a removal. */
        final Map<String, StoredInstance> last = new HashMap<>();
        final List<String> problems = new ArrayList<>();
        /**
         * By SOP Instance UID, in the order of the log: where its last record begins, when that
         * record has a "settled" offset (written before its file was known to be on the device:
         * {@link IndexRecords}) at or beyond {@link #settled}.
         */
        final Map<String, Long> early = new LinkedHashMap<>();
        /** The highest "settled" offset of the whole records: early records before it are on the device. */
        long settled = -1;
        /** Whole records read. */
        long records;
        /** End of the last whole record, or of the damage kept after it. */
        long end;
        /** The file's length; beyond {@link #end} is a record cut short by a crash. */
        long length;

        /** True when a record could not be read: what it named is unknown, so no data file may be removed. */
        boolean damaged() {
            return !problems.isEmpty();
        }
    }

    /** Reads the log at {@code file} (absent: empty); {@code instances} is where data files live. */
    static Replay replay(Path file, Path instances) throws IOException {
        Replay r = new Replay();
        if (!Files.exists(file)) {
            return r;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            new Reader(in, file, instances, r).run();
        }
        r.length = Files.size(file);
        return r;
    }

    /** The reader of {@link #replay}: lines of at most one record's bound, grouped into records. */
    private static final class Reader {
        private final InputStream in;
        private final Path file;
        private final Path instances;
        private final Replay r;
        private final ByteArrayOutputStream record = new ByteArrayOutputStream();
        private byte[] line = new byte[256];
        private int lineLength;
        private long offset;
        /** Offset of the record being read, -1 between records. */
        private long recordStart = -1;
        /** Offset of the first unreadable bytes since the last whole record, -1 if none. */
        private long damageStart = -1;
        private String damage;

        Reader(InputStream in, Path file, Path instances, Replay r) {
            this.in = in;
            this.file = file;
            this.instances = instances;
            this.r = r;
        }

        void run() throws IOException {
            while (true) {
                long lineStart = offset;
                int status = nextLine();
                if (status < 0) {
                    break; // end of file; a record or line left open here was cut short
                }
                boolean isFormat = status > 0 && lineLength == FORMAT_LINE.length
                        && Arrays.equals(line, 0, lineLength, FORMAT_LINE, 0, FORMAT_LINE.length);
                if (isFormat) {
                    if (recordStart >= 0) {
                        damaged(recordStart, "record without its checksum line");
                    }
                    recordStart = lineStart;
                    record.reset();
                    record.write(line, 0, lineLength);
                    record.write('\n');
                    continue;
                }
                if (recordStart < 0) {
                    damaged(lineStart, "bytes outside any record");
                    continue;
                }
                if (status == 0 || record.size() + lineLength + 1 > IndexRecords.MAX_RECORD) {
                    damaged(recordStart, "record longer than " + IndexRecords.MAX_RECORD + " bytes");
                    recordStart = -1;
                    continue;
                }
                record.write(line, 0, lineLength);
                record.write('\n');
                if (lineLength >= CRC_PREFIX.length && Arrays.equals(line, 0, CRC_PREFIX.length, CRC_PREFIX, 0,
                        CRC_PREFIX.length)) {
                    whole(recordStart);
                    recordStart = -1;
                }
            }
        }

        private void whole(long start) {
            try {
                IndexRecords.Entry e = IndexRecords.decodeEntry(record.toByteArray(), instances,
                        file + " (record at byte " + start + ")");
                if (damageStart >= 0) {
                    report();
                }
                r.last.put(e.uid(), e.instance());
                r.early.remove(e.uid()); // (re-inserted below: the map stays in the order of the offsets)
                if (e.settled() >= 0) {
                    r.early.put(e.uid(), start);
                    r.settled = Math.max(r.settled, e.settled());
                    // only the records no later one vouches for are kept: a few, not one per instance
                    Iterator<Long> oldest = r.early.values().iterator();
                    while (oldest.hasNext() && oldest.next() < r.settled) {
                        oldest.remove();
                    }
                }
                r.records++;
                r.end = offset;
            } catch (IOException bad) {
                damaged(start, bad.getMessage());
                // a whole record that does not read is damage done after it was written: keep it
                report();
                r.end = offset;
            }
        }

        private void damaged(long at, String why) {
            if (damageStart < 0) {
                damageStart = at;
                damage = why;
            }
        }

        private void report() {
            r.problems.add(file + ": unreadable index data from byte " + damageStart + ": " + damage);
            damageStart = -1;
            damage = null;
        }

        /**
         * Reads the next line into {@link #line} (without its newline): 1 a line, 0 a line longer
         * than a record may be (skipped), -1 the end of the file (an unterminated last line is not
         * a line: it was cut short).
         */
        private int nextLine() throws IOException {
            lineLength = 0;
            boolean tooLong = false;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return -1;
                }
                offset++;
                if (b == '\n') {
                    return tooLong ? 0 : 1;
                }
                if (tooLong) {
                    continue;
                }
                if (lineLength == line.length) {
                    if (line.length >= IndexRecords.MAX_RECORD) {
                        tooLong = true;
                        continue;
                    }
                    line = Arrays.copyOf(line, line.length * 2);
                }
                line[lineLength++] = (byte) b;
            }
        }
    }

    /**
     * Opens the log for appending after {@code replay}: a record cut short by a crash at its end is
     * cut off (and that forced); the file is created (0600) when absent.
     */
    static IndexLog open(Path file, Replay replay) throws IOException {
        return open(file, replay, f -> FileChannel.open(f, StandardOpenOption.WRITE));
    }

    /** As {@link #open(Path, Replay)}, appending through channels of {@code opener}. */
    static IndexLog open(Path file, Replay replay, Opener opener) throws IOException {
        if (!Files.exists(file)) {
            try (FileChannel ch = OwnerOnly.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            DurableFiles.forceDirectory(file.getParent());
        } else if (replay.length > replay.end) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(replay.end);
                ch.force(false);
            }
        }
        return new IndexLog(file, replay.end, replay.records, opener);
    }

    /** Records in the file, current or not. */
    synchronized long records() {
        return records;
    }

    /** Where the next record goes: the log's length. */
    synchronized long end() {
        return size;
    }

    /**
     * Appends one record (not yet forced: {@link #force}) and returns where it begins. Whole or not
     * at all: when the write fails the file is cut back; when that fails too the log takes no more
     * records.
     */
    synchronized long append(byte[] record) throws IOException {
        if (broken != null) {
            throw new IOException(file + ": the index takes no records after a failed write that could not be "
                    + "undone: " + broken.getMessage(), broken);
        }
        try (SeekableByteChannel ch = opener.open(file)) {
            ch.position(size);
            ByteBuffer b = ByteBuffer.wrap(record);
            try {
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            } catch (IOException e) {
                try {
                    ch.truncate(size);
                } catch (IOException x) {
                    broken = x;
                    e.addSuppressed(x);
                }
                throw e;
            }
        }
        long at = size;
        size += record.length;
        records++;
        return at;
    }

    /** Returns once every record appended before this call is on the device (shared with concurrent callers). */
    void force() throws IOException {
        group.force();
    }

    /** {@link #append} then {@link #force}. */
    void write(byte[] record) throws IOException {
        append(record);
        force();
    }

    /**
     * Compacts the log: replaces it, durably and atomically, with one record per instance of
     * {@code live}. The caller makes sure nothing appends meanwhile.
     */
    synchronized void rewrite(Collection<StoredInstance> live) throws IOException {
        long[] written = new long[1];
        DurableFiles.replace(file, ch -> {
            long pos = 0;
            for (StoredInstance si : live) {
                ByteBuffer b = ByteBuffer.wrap(IndexRecords.encode(si));
                while (b.hasRemaining()) {
                    pos += ch.write(b, pos);
                }
            }
            written[0] = pos;
        });
        size = written[0];
        records = live.size();
        broken = null;
    }

    /** True when the log holds enough superseded records to be worth compacting. */
    synchronized boolean wantsCompaction(int live) {
        return records > 2L * live + SLACK;
    }
}
