package org.dicomsec.storage.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.dicomsec.data.UID;
import org.dicomsec.ul.DicomFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link ReceivedFileWriter}: the file is a PS3.10 file whose data set is the received bytes,
 * whatever the sizes (empty, below, at and across the 1 MiB blocks) and however the stream
 * cuts its reads, with the disk thread and without; a failing network stream and a failing
 * disk each end the write with their own IOException.
 */
class ReceivedFileWriterTest {

    static final String SOP_CLASS = UID.SecondaryCaptureImageStorage;
    static final String INSTANCE = "1.2.826.0.1.3680043.2.1125.99.1";

    @TempDir
    Path tmp;

    /** Runs each disk task on a new thread and counts them. */
    static final class CountingExecutor implements Executor {
        final AtomicInteger tasks = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        /** Tasks whose work has begun (after the delay, if any). */
        final AtomicInteger begun = new AtomicInteger();
        /**
         * When set, tasks submitted by a disk task (the forces) wait for it, at most 200 ms,
         * before their work begins: a writer that awaits its forces waits out the 200 ms; one
         * that does not returns while the force is still held.
         */
        volatile java.util.concurrent.CountDownLatch holdForces;
        /** Which tasks (numbered from 1) run on an interrupted thread, whose FileChannel calls close the channel. */
        volatile java.util.function.IntPredicate interrupted = n -> false;

        @Override
        public void execute(Runnable r) {
            boolean interrupt = interrupted.test(tasks.incrementAndGet());
            running.incrementAndGet();
            boolean fromDiskTask = Thread.currentThread().getName().equals("test-disk");
            Thread t = new Thread(() -> {
                try {
                    if (interrupt) {
                        Thread.currentThread().interrupt();
                    } else if (fromDiskTask && holdForces != null) {
                        try {
                            holdForces.await(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    begun.incrementAndGet();
                    r.run();
                } finally {
                    running.decrementAndGet();
                }
            }, "test-disk");
            t.setDaemon(true);
            t.start();
        }
    }

    /** A stream that returns at most {@code chunk} bytes per read, as PDVs do. */
    static InputStream chunked(byte[] data, int chunk) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    static byte[] data(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private void checkRoundTrip(byte[] data, int chunk, Executor disk) throws IOException {
        Path f = Files.createTempFile(tmp, "rx", ".dcm");
        long n = ReceivedFileWriter.write(f, SOP_CLASS, INSTANCE, UID.ExplicitVRLittleEndian, chunked(data, chunk), disk);
        assertEquals(data.length, n);
        DicomFiles.Info info = DicomFiles.inspect(f);
        assertEquals(SOP_CLASS, info.sopClassUid());
        assertEquals(INSTANCE, info.sopInstanceUid());
        assertEquals(UID.ExplicitVRLittleEndian, info.transferSyntaxUid());
        byte[] file = Files.readAllBytes(f);
        assertEquals(info.dataSetOffset() + data.length, file.length, "nothing before or after the data set");
        assertArrayEquals(data, Arrays.copyOfRange(file, (int) info.dataSetOffset(), file.length));
    }

    @Test
    void writeNewCreatesTheFileOwnerOnlyAndNeverOverwritesOne() throws IOException {
        Path f = tmp.resolve("new.part");
        byte[] data = data(70_000, 7);
        long n = ReceivedFileWriter.writeNew(f, SOP_CLASS, INSTANCE, UID.ExplicitVRLittleEndian,
                new ByteArrayInputStream(data), null);
        assertEquals(data.length, n);
        DicomFiles.Info info = DicomFiles.inspect(f);
        assertEquals(INSTANCE, info.sopInstanceUid());
        byte[] file = Files.readAllBytes(f);
        assertArrayEquals(data, Arrays.copyOfRange(file, (int) info.dataSetOffset(), file.length));
        if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(f)));
        }
        // a second reception under the same name fails at the open and leaves the first file as it was
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> ReceivedFileWriter.writeNew(f, SOP_CLASS,
                INSTANCE, UID.ExplicitVRLittleEndian, new ByteArrayInputStream(new byte[10]), null));
        assertArrayEquals(file, Files.readAllBytes(f));
    }

    @Test
    void blockBoundariesWithTheDiskThread() throws IOException {
        int b = ReceivedFileWriter.BLOCK;
        CountingExecutor disk = new CountingExecutor();
        for (int size : new int[] {0, 1, b - 1, b, b + 1, 2 * b, 3 * b + 12_345}) {
            checkRoundTrip(data(size, size), 16_378, disk);
        }
        // one disk task per block or part of one, none for a data set that fits in the first block
        // after the preamble and meta information (the receiving thread writes it): 0+0+2+2+2+3+4
        assertEquals(13, disk.tasks.get());
    }

    @Test
    void hundredsOfInstances_theSameTwoBlocks_noHandOffForOneBlock() throws IOException {
        // the writer reads the network straight into its blocks: the arrays it reads into are its blocks
        java.util.Set<byte[]> arrays = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        CountingExecutor disk = new CountingExecutor();
        Path f = Files.createTempFile(tmp, "rx", ".dcm");
        byte[] half = data(512 * 1024, 7); // a study of 0.5 MiB instances
        for (int i = 0; i < 200; i++) {
            ReceivedFileWriter.write(f, SOP_CLASS, INSTANCE, UID.ExplicitVRLittleEndian,
                    new ByteArrayInputStream(half) {
                        @Override
                        public synchronized int read(byte[] b, int off, int len) {
                            arrays.add(b);
                            return super.read(b, off, len);
                        }
                    }, disk);
        }
        assertEquals(1, arrays.size(), "one block for 200 instances that fit in it");
        assertEquals(0, disk.tasks.get(), "an instance that fits one block is not handed to a disk thread");
        byte[] big = data(3 * ReceivedFileWriter.BLOCK + 5, 8);
        for (int i = 0; i < 5; i++) {
            ReceivedFileWriter.write(f, SOP_CLASS, INSTANCE, UID.ExplicitVRLittleEndian,
                    new ByteArrayInputStream(big) {
                        @Override
                        public synchronized int read(byte[] b, int off, int len) {
                            arrays.add(b);
                            return super.read(b, off, len);
                        }
                    }, disk);
        }
        assertEquals(2, arrays.size(), "the same two blocks for every larger instance");
        assertEquals(5 * 4, disk.tasks.get());
    }

    @Test
    void theFileIsOverwrittenFromItsStart() throws IOException {
        Path f = Files.createTempFile(tmp, "rx", ".dcm");
        Files.write(f, data(3 << 20, 1));
        byte[] d = data(1000, 2);
        ReceivedFileWriter.write(f, SOP_CLASS, INSTANCE, UID.ExplicitVRLittleEndian, new ByteArrayInputStream(d),
                new CountingExecutor());
        DicomFiles.Info info = DicomFiles.inspect(f);
        assertEquals(info.dataSetOffset() + d.length, Files.size(f), "the old, longer content is gone");
    }

    @Property(tries = 25)
    void anySizeAndReadSizeGivesTheSameBytes(@ForAll @IntRange(min = 0, max = 3 << 20) int size,
                                             @ForAll @IntRange(min = 1, max = 200_000) int chunk,
                                             @ForAll boolean diskThread) throws IOException {
        tmp = Files.createTempDirectory("rxprop");
        try {
            checkRoundTrip(data(size, size * 31L + chunk), chunk, diskThread ? new CountingExecutor() : null);
        } finally {
            try (var s = Files.list(tmp)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(tmp);
        }
    }

    @Test
    void aNetworkFailureEndsTheWriteWithThatFailureAfterTheDiskThreadStopped() throws IOException {
        byte[] d = data(5 << 20, 3);
        IOException network = new IOException("association aborted (test)");
        InputStream failing = new InputStream() {
            int pos;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= (3 << 20) + 777) {
                    throw network;
                }
                int n = Math.min(len, 65_530);
                System.arraycopy(d, pos, b, off, n);
                pos += n;
                return n;
            }
        };
        Path f = Files.createTempFile(tmp, "rx", ".dcm");
        CountingExecutor disk = new CountingExecutor();
        IOException e = assertThrows(IOException.class,
                () -> ReceivedFileWriter.write(f, SOP_CLASS, INSTANCE, UID.ExplicitVRLittleEndian, failing, disk));
        assertEquals(network, e);
        assertEquals(3, disk.tasks.get(), "the three full blocks read before the failure went to the disk thread");
        // the disk thread had finished before write returned: the file holds exactly those blocks, the
        // first beginning with the preamble and meta information
        assertEquals(3L * ReceivedFileWriter.BLOCK, Files.size(f), "3 blocks");
        long meta = DicomFiles.inspect(f).dataSetOffset();
        assertTrue(meta > 132 && meta < 1024, "preamble + meta information: " + meta);
        byte[] file = Files.readAllBytes(f);
        assertArrayEquals(Arrays.copyOfRange(d, 0, file.length - (int) meta), Arrays.copyOfRange(file, (int) meta,
                file.length), "the data set's first bytes after the meta information");
    }

    @Test
    void aFailingDiskThreadEndsTheWriteWithItsError() throws IOException {
        // an interrupted thread's FileChannel write closes the channel (ClosedByInterruptException)
        CountingExecutor interrupted = new CountingExecutor();
        interrupted.interrupted = n -> true;
        Path f = Files.createTempFile(tmp, "rx", ".dcm");
        IOException e = assertThrows(IOException.class, () -> ReceivedFileWriter.write(f, SOP_CLASS, INSTANCE,
                UID.ExplicitVRLittleEndian, new ByteArrayInputStream(data(3 << 20, 5)), interrupted));
        assertTrue(e instanceof java.nio.channels.ClosedByInterruptException, e.toString());
    }

    @Test
    void aDiskFailureEndsTheWriteWithTheDiskError() throws IOException {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "/dev/full (Linux) answers every write with ENOSPC");
        IOException e = assertThrows(IOException.class, () -> ReceivedFileWriter.write(full, SOP_CLASS, INSTANCE,
                UID.ExplicitVRLittleEndian, new ByteArrayInputStream(data(3 << 20, 4)), new CountingExecutor()));
        assertTrue(String.valueOf(e.getMessage()).contains("No space left"), e.toString());
    }

    /**
     * Every disk task's thread ends: the writer awaited each task's future before returning (the
     * task's work is done when its future completes); the test's thread wrapper counts down just
     * after that, so it is given a moment. A task that never ends fails here.
     */
    static void assertIdle(AtomicInteger running) {
        long end = System.nanoTime() + 5_000_000_000L;
        while (running.get() != 0 && System.nanoTime() < end) {
            Thread.onSpinWait();
            Thread.yield();
        }
        assertEquals(0, running.get(), "disk tasks still running 5 s after write returned");
    }

    /** {@code n} bytes of a fixed pattern, without an array of that size. */
    static InputStream pattern(long n, int chunk) {
        return new InputStream() {
            long pos;

            @Override
            public int read() {
                return pos < n ? patternByte(pos++) : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= n) {
                    return -1;
                }
                int k = (int) Math.min(Math.min(len, chunk), n - pos);
                for (int i = 0; i < k; i++) {
                    b[off + i] = (byte) patternByte(pos++);
                }
                return k;
            }
        };
    }

    static int patternByte(long i) {
        return (int) ((i * 2_654_435_761L) >>> 13) & 0xff;
    }

    @Test
    void forcesRunBesideTheWritesAndAllDiskTasksHaveEndedWhenTheWriteReturns() throws IOException {
        long size = 2 * ReceivedFileWriter.FORCE_EVERY + (5 << 20) + 3;
        int blocks = (int) ((size + ReceivedFileWriter.BLOCK - 1) / ReceivedFileWriter.BLOCK);
        Path f = Files.createTempFile(tmp, "rx", ".dcm");
        CountingExecutor disk = new CountingExecutor();
        disk.holdForces = new java.util.concurrent.CountDownLatch(1); // released only after the check below
        long n = ReceivedFileWriter.write(f, SOP_CLASS, INSTANCE, UID.ExplicitVRLittleEndian, pattern(size, 65_530),
                disk);
        assertEquals(size, n);
        assertEquals(disk.tasks.get(), disk.begun.get(), "write returned before a disk task had begun its work");
        disk.holdForces.countDown();
        assertIdle(disk.running);
        int forces = disk.tasks.get() - blocks;
        // one force may start at each 32 MiB boundary (two here); none while the previous one runs
        assertTrue(forces >= 1 && forces <= 2, "forces started: " + forces);
        long offset = DicomFiles.inspect(f).dataSetOffset();
        assertEquals(offset + size, Files.size(f));
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
            in.skipNBytes(offset);
            for (long i = 0; i < size; i++) {
                int got = in.read();
                if (got != patternByte(i)) {
                    fail("data set byte " + i + ": " + got + ", expected " + patternByte(i));
                }
            }
            assertEquals(-1, in.read());
        }
    }

    @Test
    void aFailedForceEndsTheWriteWithItsError() throws IOException {
        // the first force is the 33rd task (started by the write of block 32); interrupted, it closes the channel
        int firstForce = (int) (ReceivedFileWriter.FORCE_EVERY / ReceivedFileWriter.BLOCK) + 1;
        CountingExecutor failingForce = new CountingExecutor();
        failingForce.interrupted = n -> n == firstForce;
        Path f = Files.createTempFile(tmp, "rx", ".dcm");
        IOException e = assertThrows(IOException.class, () -> ReceivedFileWriter.write(f, SOP_CLASS, INSTANCE,
                UID.ExplicitVRLittleEndian, pattern(ReceivedFileWriter.FORCE_EVERY + (8 << 20), 65_530), failingForce));
        assertTrue(e instanceof java.nio.channels.ClosedChannelException, e.toString());
        assertTrue(failingForce.tasks.get() >= firstForce, "the force ran: " + failingForce.tasks.get() + " tasks");
        assertIdle(failingForce.running);
    }
}
