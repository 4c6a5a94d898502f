package org.dicomsec.storage.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's index log on a real file: concurrent appends, compaction at run time and on open. */
class IndexLogTest {

    @TempDir
    Path dir;

    private static StoredInstance instance(Path instances, int n, long version) {
        String uid = "1.2.826.0.1.3680043.9." + n;
        return new StoredInstance(uid, "1.2.840.10008.5.1.4.1.1.2", instances.resolve(uid + ".v" + version + ".dcm"),
                Optional.empty(), Provenance.LOCAL, "cd".repeat(32), Instant.ofEpochSecond(1_800_000_000L), version,
                false, "");
    }

    @Test
    void concurrentAppendsAndForces_everyRecordWhole() throws Exception {
        Path file = dir.resolve(IndexLog.NAME);
        IndexLog log = IndexLog.open(file, IndexLog.replay(file, dir));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                all.add(CompletableFuture.runAsync(() -> {
                    try {
                        for (int i = 1; i <= 50; i++) {
                            log.write(IndexRecords.encode(instance(dir, thread, i)));
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdown();
        }
        IndexLog.Replay r = IndexLog.replay(file, dir);
        assertEquals(List.of(), r.problems);
        assertEquals(400, r.records);
        assertEquals(400, log.records());
        assertEquals(Files.size(file), r.end);
        for (int t = 0; t < 8; t++) {
            assertEquals(instance(dir, t, 50), r.last.get(instance(dir, t, 1).sopInstanceUid()), "thread " + t);
        }
    }

    @Test
    void rewrite_keepsOnlyTheCurrentRecords_andAppendsGoOnAfterIt() throws Exception {
        Path file = dir.resolve(IndexLog.NAME);
        IndexLog log = IndexLog.open(file, IndexLog.replay(file, dir));
        int n = 2 * 2 + IndexLog.SLACK + 1;
        for (int i = 1; i <= n; i++) {
            log.append(IndexRecords.encode(instance(dir, i % 2, i)));
        }
        log.force();
        assertTrue(log.wantsCompaction(2));
        long before = Files.size(file);
        log.rewrite(List.of(instance(dir, 0, n - 1), instance(dir, 1, n)));
        assertEquals(2, log.records());
        assertFalse(log.wantsCompaction(2));
        assertTrue(Files.size(file) < before / 1000, Files.size(file) + " bytes after, " + before + " before");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
        log.write(IndexRecords.encodeRemoval(instance(dir, 0, 1).sopInstanceUid()));
        IndexLog.Replay r = IndexLog.replay(file, dir);
        assertEquals(List.of(), r.problems);
        assertEquals(3, r.records);
        Map<String, StoredInstance> last = r.last;
        assertEquals(instance(dir, 1, n), last.get(instance(dir, 1, 1).sopInstanceUid()));
        assertTrue(last.containsKey(instance(dir, 0, 1).sopInstanceUid()));
        assertEquals(null, last.get(instance(dir, 0, 1).sopInstanceUid()), "removed");
    }

    @Test
    void aLogOfManySupersededRecords_compactedWhenTheStoreOpens() throws Exception {
        Path instances = Files.createDirectories(dir.resolve("instances"));
        Path index = Files.createDirectories(dir.resolve("index"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int n = 3 * 2 + IndexLog.SLACK + 10;
        for (int i = 1; i <= n; i++) {
            log.writeBytes(IndexRecords.encode(instance(instances, i % 3, i)));
        }
        for (int i = n - 2; i <= n; i++) {
            Files.write(instances.resolve(instance(instances, i % 3, i).file().getFileName()), new byte[] {1});
        }
        Files.write(index.resolve(IndexLog.NAME), log.toByteArray());

        InstanceStore store = InstanceStore.open(dir);
        assertEquals(3, store.list().size());
        assertEquals(List.of(), store.problems());
        IndexLog.Replay r = IndexLog.replay(index.resolve(IndexLog.NAME), instances);
        assertEquals(3, r.records);
        assertEquals(3, InstanceStore.open(dir).list().size());
    }

    @Test
    void aDiskFullDuringAnAppend_recordCutAway_nextAppendsWhole() throws Exception {
        Path file = dir.resolve(IndexLog.NAME);
        long[] room = {Long.MAX_VALUE};
        int[] truncateFailures = {0};
        IndexLog log = IndexLog.open(file, IndexLog.replay(file, dir), f -> {
            SmallDisk d = new SmallDisk(f, room[0]);
            d.truncateFailures = truncateFailures[0];
            truncateFailures[0] = 0;
            return d;
        });
        log.write(IndexRecords.encode(instance(dir, 1, 1)));
        long one = Files.size(file);
        room[0] = one + 100; // the next record stops after 100 bytes
        IOException full = assertThrows(IOException.class,
                () -> log.write(IndexRecords.encode(instance(dir, 2, 1))));
        assertTrue(full.getMessage().contains("No space left"), full.getMessage());
        assertEquals(one, Files.size(file), "the torn record was cut away");
        assertEquals(1, log.records());
        room[0] = Long.MAX_VALUE;
        log.write(IndexRecords.encode(instance(dir, 3, 1)));
        IndexLog.Replay r = IndexLog.replay(file, dir);
        assertEquals(List.of(), r.problems);
        assertEquals(2, r.records);
        assertEquals(Files.size(file), r.end);
        assertFalse(r.last.containsKey(instance(dir, 2, 1).sopInstanceUid()));

        // the cut fails too: the log takes no more records (its end is unknown), and says why
        room[0] = Files.size(file) + 50;
        truncateFailures[0] = 1;
        IOException cutFailed = assertThrows(IOException.class,
                () -> log.write(IndexRecords.encode(instance(dir, 4, 1))));
        assertEquals(1, cutFailed.getSuppressed().length);
        room[0] = Long.MAX_VALUE;
        IOException refused = assertThrows(IOException.class,
                () -> log.write(IndexRecords.encode(instance(dir, 5, 1))));
        assertTrue(refused.getMessage().contains("takes no records"), refused.getMessage());
        // what a reopen finds: the two whole records; the torn tail is cut off
        IndexLog.Replay after = IndexLog.replay(file, dir);
        assertEquals(List.of(), after.problems);
        assertEquals(2, after.records);
        assertTrue(after.length > after.end, "the torn tail is still there until the store opens");
    }
}
