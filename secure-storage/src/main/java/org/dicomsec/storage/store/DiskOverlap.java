package org.dicomsec.storage.store;

import java.util.concurrent.Executor;

/**
 * Whether a receiver overlaps writing to disk with reading from the network: the disk threads of
 * {@link ReceivedFileWriter} (two 1 MiB blocks per C-STORE being written), or the receiving
 * thread writing 64 KiB at a time, as on a small device (docs/constrained-devices.md).
 */
public final class DiskOverlap {

    /**
     * Below this heap the receiving thread writes. The launcher's default heap (at most 256 MiB,
     * reported by the Serial GC as about 247 MiB) is below it on purpose: with the disk threads
     * on, the 400-instance study from a pipelining SCU grew the SCP to 306-349 MB RSS (JDK 17),
     * without them it stays near 100 MB.
     */
    public static final long MIN_HEAP = 256L << 20;

    private DiskOverlap() {
    }

    /**
     * The disk threads for {@code workers} associations received at once, at most two per worker
     * (a write and a force of the data set it receives), started when needed and named
     * {@code dicomsec-disk-N}; null (the receiving thread writes) when this JVM's heap is under
     * {@link #MIN_HEAP}.
     */
    public static Executor forWorkers(int workers) {
        return forWorkers(workers, Runtime.getRuntime().maxMemory());
    }

    /** {@link #forWorkers(int)} for a heap of {@code maxHeap} bytes. */
    static Executor forWorkers(int workers, long maxHeap) {
        return maxHeap >= MIN_HEAP ? ReceivedFileWriter.diskExecutor(2 * workers, "dicomsec-disk") : null;
    }
}
