package org.dicomsec.storage.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The disk threads a receiver gets for its heap. */
class DiskOverlapTest {

    @Test
    void underTheMinimumHeapTheReceivingThreadWrites() {
        assertNull(DiskOverlap.forWorkers(8, DiskOverlap.MIN_HEAP - 1));
        assertNull(DiskOverlap.forWorkers(8, 64L << 20));
    }

    @Test
    void fromTheMinimumHeapTwoDaemonDiskThreadsPerWorker() throws Exception {
        Executor disk = DiskOverlap.forWorkers(3, DiskOverlap.MIN_HEAP);
        assertNotNull(disk);
        assertEquals(6, ((ThreadPoolExecutor) disk).getMaximumPoolSize());
        Thread t = CompletableFuture.supplyAsync(Thread::currentThread, disk).get(10, TimeUnit.SECONDS);
        assertTrue(t.isDaemon());
        assertTrue(t.getName().startsWith("dicomsec-disk-"), t.getName());
    }
}
