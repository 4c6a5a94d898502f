package org.dicomsec.storage.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.dicomsec.storage.store.SmallDisk;
import org.dicomsec.ul.transport.PeerIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileAuditTrail} on a disk that fills up in the middle of a line: the line is not left
 * half written (no half message glued to the next one), and the trail goes on whole once there
 * is room again.
 */
class WholeLineTest {

    @TempDir
    Path dir;

    private final AuditEvents events = new AuditEvents("STORE_B", "127.0.0.1", "store-b", Clock.systemUTC());

    private AuditMessage message(int i) {
        return events.associationRefused(new AuditEvents.Peer("PEER" + i, PeerIdentity.NONE, "127.0.0.1"),
                "reason " + i);
    }

    private static void assertWholeLines(Path p, int expected) throws IOException {
        String text = Files.readString(p, StandardCharsets.UTF_8);
        assertTrue(text.isEmpty() || text.endsWith("\n"), "ends with a whole line: " + text);
        List<String> lines = text.lines().toList();
        assertEquals(expected, lines.size(), text);
        for (String l : lines) {
            assertTrue(l.startsWith("<") && l.endsWith("</AuditMessage>"), "a whole message: " + l);
        }
    }

    @Test
    void diskFullMidLine_lineCutAway_nextLinesWhole() throws Exception {
        Path p = dir.resolve("audit.log");
        SmallDisk disk = new SmallDisk(p, Long.MAX_VALUE);
        FileAuditTrail trail = new FileAuditTrail(disk, () -> disk.file.force(false));
        trail.record(message(1));
        long one = Files.size(p);
        disk.capacity = one + 100; // the second line stops after 100 bytes
        assertThrows(IOException.class, () -> trail.record(message(2)));
        assertEquals(one, Files.size(p), "the torn line was cut away");
        assertWholeLines(p, 1);
        assertThrows(IOException.class, () -> trail.record(message(3)), "still full");
        disk.capacity = Long.MAX_VALUE;
        trail.record(message(4));
        assertWholeLines(p, 2);
        assertTrue(Files.readString(p).contains("PEER4") && !Files.readString(p).contains("PEER2"));
        trail.close();
    }

    @Test
    void cutFailsToo_nextRecordCutsFirst() throws Exception {
        Path p = dir.resolve("audit.log");
        SmallDisk disk = new SmallDisk(p, Long.MAX_VALUE);
        FileAuditTrail trail = new FileAuditTrail(disk, () -> disk.file.force(false));
        trail.record(message(1));
        disk.capacity = Files.size(p) + 50;
        disk.truncateFailures = 2; // the cut after the failure and the first retry fail
        assertThrows(IOException.class, () -> trail.record(message(2)));
        disk.capacity = Long.MAX_VALUE;
        assertThrows(IOException.class, () -> trail.record(message(3)), "cannot cut yet: nothing written");
        trail.record(message(4));
        assertWholeLines(p, 2);
        trail.close();
    }

    @Test
    void concurrentRecords_eachLineWholeAndThere() throws Exception {
        Path p = dir.resolve("audit.log");
        SmallDisk disk = new SmallDisk(p, Long.MAX_VALUE);
        java.util.concurrent.atomic.AtomicInteger forces = new java.util.concurrent.atomic.AtomicInteger();
        FileAuditTrail trail = new FileAuditTrail(disk, () -> {
            disk.file.force(false);
            forces.incrementAndGet();
        });
        int threads = 8;
        int each = 40;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        trail.record(message(base + i));
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertWholeLines(p, threads * each);
        String text = Files.readString(p);
        for (int i = 0; i < threads * each; i++) {
            assertTrue(text.contains("PEER" + i + "<") || text.contains("PEER" + i + "\""), "line " + i);
        }
        assertTrue(forces.get() >= 1);
        trail.close();
    }

    @Test
    void concurrentRecords_shareForces_noneReturnsBeforeAForceAfterItsLine() throws Exception {
        Path p = dir.resolve("audit.log");
        SmallDisk disk = new SmallDisk(p, Long.MAX_VALUE);
        int threads = 8;
        java.util.concurrent.atomic.AtomicInteger forces = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch firstForce = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch lines = new java.util.concurrent.CountDownLatch(threads);
        // what each force covered: the lines in the file when it started
        java.util.List<Long> covered = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        disk.lines = lines;
        FileAuditTrail trail = new FileAuditTrail(disk, () -> {
            covered.add(Files.readString(p).lines().count());
            if (forces.incrementAndGet() == 1) {
                firstForce.countDown();
                try {
                    release.await(); // the first force is slow: the others come meanwhile
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
            }
            disk.file.force(false);
        });
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            done.add(pool.submit(() -> {
                trail.record(message(0));
                return null;
            }));
            assertTrue(firstForce.await(30, java.util.concurrent.TimeUnit.SECONDS), "the first record's force began");
            for (int t = 1; t < threads; t++) {
                int i = t;
                done.add(pool.submit(() -> {
                    trail.record(message(i));
                    return null;
                }));
            }
            // the other lines are written while the first force runs, and none of their records returns
            assertTrue(lines.await(30, java.util.concurrent.TimeUnit.SECONDS),
                    "every line written while the first force runs");
            assertEquals(threads, Files.readString(p).lines().count());
            assertTrue(done.stream().noneMatch(java.util.concurrent.Future::isDone), "no record returned unforced");
            release.countDown();
            for (var f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // one force for the first line, one shared by the seven written while it ran
        assertEquals(2, forces.get());
        assertEquals(List.of(1L, (long) threads), covered);
        assertWholeLines(p, threads);
        trail.close();
    }

    @Test
    void newTrailIsOwnerOnly() throws Exception {
        Path p = dir.resolve("sub").resolve("audit.log");
        Files.createDirectories(p.getParent());
        try (FileAuditTrail t = new FileAuditTrail(p)) {
            t.record(message(1));
        }
        if (Files.getFileStore(p).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        }
        assertWholeLines(p, 1);
    }

    @Test
    void devFull_nothingWritten() throws Exception {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full),
                "no /dev/full on this system (SmallDisk covers the case)");
        try (FileAuditTrail t = new FileAuditTrail(full)) {
            assertThrows(IOException.class, () -> t.record(message(1)));
        }
    }

    @Test
    void createMakesTheMissingFoldersAndAppendsToAnExistingTrail() throws IOException {
        Path log = dir.resolve("a/b/audit.log");
        try (FileAuditTrail trail = FileAuditTrail.create(log)) {
            trail.record(message(1));
        }
        try (FileAuditTrail trail = FileAuditTrail.create(log)) {
            trail.record(message(2));
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("PEER1") && lines.get(1).contains("PEER2"), lines.toString());
        IOException e = assertThrows(IOException.class, () -> new FileAuditTrail(dir.resolve("c/audit.log")),
                "the constructor needs the folder");
        assertTrue(e instanceof java.nio.file.NoSuchFileException, e.toString());
    }
}
