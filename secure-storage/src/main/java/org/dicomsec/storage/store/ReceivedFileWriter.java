package org.dicomsec.storage.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.dicomsec.data.DicomFileWriter;
import org.dicomsec.data.FileMetaInformation;

/**
 * Writes a data set received by C-STORE as a PS3.10 file (preamble, "DICM", File Meta
 * Information, the data set bytes as received) and forces it to the disk before returning,
 * so that success is answered only for what is durable.
 *
 * <p>With a disk {@link Executor} the disk work overlaps the network: the caller's thread
 * reads the data set into one of two {@value #BLOCK}-byte blocks while a disk thread writes
 * the other; after each {@value #FORCE_EVERY} bytes written a force of what is written so far
 * starts as a task of its own (one at a time: while one runs, the next boundary starts none),
 * so the writes go on while the disk catches up and the final fsync waits only for the tail.
 * Up to two disk tasks per data set (a write and a force); memory: two blocks per receiving
 * thread, reused from one data set to the next; a data set that fits in one block is written by
 * the receiving thread itself (no hand-off). Without an executor everything runs in the caller's thread. Measured in
 * docs/benchmarks.md ("Upper Layer", the durable sink).
 */
public final class ReceivedFileWriter {

    /** Bytes read from the network before they are handed to the disk thread. */
    public static final int BLOCK = 1 << 20;
    /** A force of the file starts after each this many bytes written. */
    public static final long FORCE_EVERY = 32L << 20;

    /**
     * The two blocks of {@link #copyOverlapped} per receiving thread (a server's association
     * worker): allocated once, not per instance, which matters for studies of hundreds of small
     * instances.
     */
    private static final ThreadLocal<byte[][]> BLOCKS =
            ThreadLocal.withInitial(() -> new byte[][] {new byte[BLOCK], new byte[BLOCK]});
    /** The 64 KiB block of {@link #copy} per receiving thread. */
    private static final ThreadLocal<byte[]> SMALL = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    private ReceivedFileWriter() {
    }

    /**
     * Disk threads for {@link #write} (and the other disk and store tasks of a server): at most
     * {@code threads}, daemon, an idle one reused before a new one starts, each ended after 30 s
     * without work, so an idle server holds none and nothing needs shutting down. A task that
     * finds all of them busy runs in the thread that submits it. So a server runs as many threads
     * as it has tasks at once, not {@code threads} (each with its own reused buffers) after the
     * first {@code threads} tasks.
     */
    public static Executor diskExecutor(int threads, String namePrefix) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(0, threads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, namePrefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /**
     * Writes {@code file} (which must exist; it is overwritten from its start) and forces it.
     *
     * @param disk the executor of the disk thread, or null to write in the caller's thread
     * @return the number of data set bytes written
     */
    public static long write(Path file, String sopClass, String sopInstance, String transferSyntax,
                             InputStream dataSet, Executor disk) throws IOException {
        return write(file, sopClass, sopInstance, transferSyntax, dataSet, disk, true);
    }

    /**
     * As {@link #write(Path, String, String, String, InputStream, Executor)}, with the final force
     * left to the caller when {@code force} is false: {@link InstanceStore#commitReceived} forces
     * the file together with its index record, so the two reach the device in one journal commit
     * instead of two in a row.
     */
    public static long write(Path file, String sopClass, String sopInstance, String transferSyntax,
                             InputStream dataSet, Executor disk, boolean force) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            return write(ch, sopClass, sopInstance, transferSyntax, dataSet, disk, force);
        }
    }

    /**
     * As {@link #write(Path, String, String, String, InputStream, Executor)}, into a file this call
     * creates (0600, {@link OwnerOnly}): one open instead of a creation and an open, per instance.
     *
     * @throws java.nio.file.FileAlreadyExistsException {@code file} exists
     */
    public static long writeNew(Path file, String sopClass, String sopInstance, String transferSyntax,
                                InputStream dataSet, Executor disk) throws IOException {
        try (FileChannel ch = OwnerOnly.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            return write(ch, sopClass, sopInstance, transferSyntax, dataSet, disk, true);
        }
    }

    /**
     * As {@link #write(Path, String, String, String, InputStream, Executor, boolean)}, into {@code ch}
     * (an empty file open for writing, written from its position, left open): a caller that forces
     * and reads the file back through the same channel opens it once.
     */
    public static long write(FileChannel ch, String sopClass, String sopInstance, String transferSyntax,
                             InputStream dataSet, Executor disk, boolean force) throws IOException {
        byte[] head = head(sopClass, sopInstance, transferSyntax);
        long n = disk == null ? copy(head, dataSet, ch, null) : copyOverlapped(head, dataSet, ch, disk, null);
        if (force) {
            ch.force(true);
        }
        return n;
    }

    /**
     * As {@link #write(Path, String, String, String, InputStream, Executor)}, into {@code ch} (an
     * empty file, written from its start), with a {@link FileSeal} in the preamble: the file's
     * length, the CRC-32C of its bytes after the preamble, {@code sequence} and the SOP Instance
     * UID. The seal is written after the rest and forced with it, so a file a crash cut off does
     * not match its seal.
     *
     * @return the seal written and the number of data set bytes
     */
    public static Sealed writeSealed(FileChannel ch, String sopClass, String sopInstance, String transferSyntax,
                                     InputStream dataSet, Executor disk, long sequence) throws IOException {
        return writeSealed(ch, sopClass, sopInstance, transferSyntax, dataSet, disk, sequence, true);
    }

    /**
     * As {@link #writeSealed(FileChannel, String, String, String, InputStream, Executor, long)};
     * with {@code force} false the file is written but not forced: the caller forces it (on another
     * thread, once the data set is read) before it counts as stored.
     */
    public static Sealed writeSealed(FileChannel ch, String sopClass, String sopInstance, String transferSyntax,
                                     InputStream dataSet, Executor disk, long sequence, boolean force)
            throws IOException {
        byte[] head = head(sopClass, sopInstance, transferSyntax);
        FileSeal.Tail tail = new FileSeal.Tail();
        long n = disk == null ? copy(head, dataSet, ch, tail) : copyOverlapped(head, dataSet, ch, disk, tail);
        FileSeal seal = new FileSeal(tail.written(), tail.crc(), sequence, sopInstance);
        ByteBuffer p = ByteBuffer.wrap(seal.preamble());
        for (long at = 0; p.hasRemaining(); ) {
            at += ch.write(p, at);
        }
        if (force) {
            ch.force(true);
        }
        return new Sealed(seal, n);
    }

    /** What {@link #writeSealed} wrote: the seal, and the number of data set bytes. */
    public record Sealed(FileSeal seal, long dataSetBytes) {
    }

    /**
     * The preamble, "DICM" and the File Meta Information: written with the first block of the data
     * set, not by a write of their own.
     */
    private static byte[] head(String sopClass, String sopInstance, String transferSyntax) throws IOException {
        ByteArrayOutputStream os = new ByteArrayOutputStream(512);
        DicomFileWriter.writeHead(os, FileMetaInformation.create(sopClass, sopInstance, transferSyntax));
        return os.toByteArray();
    }

    /**
     * Copies {@code head} to the start of {@code block} when it takes at most half of it (else writes
     * it at once); the offset in {@code block} at which the data set's bytes begin.
     */
    private static int start(byte[] head, byte[] block, FileChannel ch, FileSeal.Tail tail) throws IOException {
        if (head.length > block.length / 2) {
            writeFully(ch, head, head.length, tail);
            return 0;
        }
        System.arraycopy(head, 0, block, 0, head.length);
        return head.length;
    }

    /**
     * One thread: 64 KiB blocks straight to the channel, the block the thread's own. Each block
     * is filled before it is written: a stream that returns one element or one PDV per read
     * (a decoding stream does) costs one write per 64 KiB, not one per element.
     */
    private static long copy(byte[] head, InputStream in, FileChannel ch, FileSeal.Tail tail) throws IOException {
        byte[] block = SMALL.get();
        int from = start(head, block, ch, tail);
        long n = 0;
        while (true) {
            int r = fill(in, block, from);
            if (r > 0) {
                writeFully(ch, block, r, tail);
                n += r - from;
            }
            if (r < block.length) {
                return n;
            }
            from = 0;
        }
    }

    /**
     * Two blocks (the calling thread's own pair, reused from one data set to the next): this
     * thread fills one while the disk thread writes the other; forces run as tasks of their own,
     * at most one at a time, and the last one is awaited before returning. A data set that fits
     * in the first block is written by this thread: no hand-off for a small instance.
     */
    private static long copyOverlapped(byte[] head, InputStream in, FileChannel ch, Executor disk,
                                       FileSeal.Tail tail) throws IOException {
        byte[][] blocks = BLOCKS.get();
        int from = start(head, blocks[0], ch, tail);
        int filled = fill(in, blocks[0], from);
        if (filled < blocks[0].length) {
            writeFully(ch, blocks[0], filled, tail);
            return filled - from;
        }
        long[] written = {0};
        // the running or last force; only the write tasks (one at a time) replace it
        AtomicReference<CompletableFuture<Void>> forcing = new AtomicReference<>();
        CompletableFuture<Void> pending = null;
        long n = 0;
        int i = 0;
        boolean settled = false;
        try {
            while (true) {
                byte[] b = blocks[i];
                if (filled > 0) {
                    await(pending); // the other block's write: a disk error ends the copy here
                    pending = null;
                    int len = filled;
                    pending = CompletableFuture.runAsync(() -> {
                        try {
                            long before = written[0];
                            writeFully(ch, b, len, tail); // one write task at a time, in file order
                            written[0] = before + len;
                            CompletableFuture<Void> last = forcing.get();
                            if (before / FORCE_EVERY != written[0] / FORCE_EVERY && (last == null || last.isDone())) {
                                await(last); // a failed force ends the copy
                                forcing.set(CompletableFuture.runAsync(() -> {
                                    try {
                                        ch.force(false);
                                    } catch (IOException e) {
                                        throw new UncheckedIOException(e);
                                    }
                                }, disk));
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, disk);
                    n += filled - from;
                    from = 0;
                    i ^= 1;
                }
                if (filled < b.length) {
                    break;
                }
                filled = fill(in, blocks[i], 0); // the block whose write was awaited above
            }
            await(pending);
            pending = null;
            CompletableFuture<Void> f = forcing.getAndSet(null);
            await(f);
            settled = true;
            return n;
        } finally {
            // the read failed (e.g. the association was aborted): let the disk tasks end before the channel closes
            quietly(pending);
            quietly(forcing.get());
            if (!settled && (pending != null && !pending.isDone())) {
                // interrupted before a disk task ended: it may still read its block, so the pair is not reused
                BLOCKS.remove();
            }
        }
    }

    /**
     * Reads from offset {@code got} until {@code b} is full or the stream ends; the number of bytes
     * in {@code b} (those before {@code got} included).
     */
    private static int fill(InputStream in, byte[] b, int got) throws IOException {
        while (got < b.length) {
            int r = in.read(b, got, b.length - got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        return got;
    }

    private static void quietly(CompletableFuture<Void> f) {
        try {
            await(f);
        } catch (IOException ignored) {
            // the first failure is the one reported
        }
    }

    private static void await(CompletableFuture<Void> f) throws IOException {
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException ie = new InterruptedIOException("interrupted while the data set was written");
            ie.initCause(e);
            throw ie;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IOException("writing the data set failed: " + c, c);
        }
    }

    private static void writeFully(FileChannel ch, byte[] b, int len, FileSeal.Tail tail) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b, 0, len);
        while (bb.hasRemaining()) {
            ch.write(bb);
        }
        if (tail != null) {
            tail.wrote(b, len);
        }
    }
}
