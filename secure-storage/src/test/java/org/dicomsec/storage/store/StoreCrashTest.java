package org.dicomsec.storage.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.dicomsec.storage.KillAtRandom;
import org.dicomsec.storage.SopInstanceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, item 8: a crash at any point loses nothing that was reported
 * stored and reports nothing that was not. A child JVM ({@link CrashChild})
 * works on the store and is killed (SIGKILL) at random points, again and
 * again; after each kill the store is reopened and checked against what the
 * child had reported.
 */
class StoreCrashTest {

    private static final int KILLS = 15;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(40);

    @TempDir
    Path tmp;

    @Test
    void killedAtRandomPoints_losesNothingReported_showsNothingHalfWritten() throws Exception {
        Path dir = tmp.resolve("store");
        Path err = tmp.resolve("child.err");
        Map<String, String> claims = new HashMap<>();
        // 0 lines: killed during its first operation
        KillAtRandom.Tally t = KillAtRandom.repeat(CrashChild.class, kill -> List.of(dir.toString()), err, KILLS,
                BUDGET_NANOS, 12, 20_000, line -> claim(claims, line), seed -> {
                    boolean unfinished = hasLeftovers(dir);
                    check(dir, claims, seed);
                    return unfinished;
                });
        System.getLogger(StoreCrashTest.class.getName()).log(System.Logger.Level.INFO,
                "{0} kills, {1} left unfinished files, {2} reports, {3} instances (seed {4})",
                t.kills(), t.unfinished(), t.reported(), InstanceStore.open(dir).list().size(), t.seed());
    }

    /**
     * True when a kill left a temporary file, a data file the index does not name, or a record cut
     * short: it landed inside an operation. Reads without opening the store (which would clean up).
     */
    private static boolean hasLeftovers(Path dir) throws IOException {
        Path instances = dir.resolve("instances");
        if (!Files.isDirectory(instances)) {
            return false;
        }
        List<String> data = InstanceStoreTest.listFiles(instances);
        List<String> index = InstanceStoreTest.listFiles(dir.resolve("index"));
        IndexLog.Replay r = IndexLog.replay(dir.resolve("index").resolve(IndexLog.NAME), instances);
        java.util.Set<String> named = new java.util.HashSet<>();
        r.last.values().stream().filter(java.util.Objects::nonNull)
                .forEach(si -> named.add(si.file().getFileName().toString()));
        return data.stream().anyMatch(f -> f.endsWith(".tmp")) || index.stream().anyMatch(f -> f.endsWith(".tmp"))
                || !named.containsAll(data) || r.length > r.end;
    }

    private static int claim(Map<String, String> claims, String line) {
        String[] f = line.split(" ");
        switch (f[0]) {
            case "STORED":
                claims.put(f[1], f[2].equals("copy") ? "COPY" : "OR");
                return 1;
            case "AO":
                claims.put(f[1], "AO");
                return 1;
            case "DELETED":
                claims.put(f[1], "DELETED");
                return 1;
            default:
                return 0;
        }
    }

    private static void check(Path dir, Map<String, String> claims, long seed) throws IOException {
        InstanceStore store = InstanceStore.open(dir);
        String ctx = " (seed " + seed + ")";
        assertEquals(List.of(), store.problems(), ctx);
        for (Map.Entry<String, String> c : claims.entrySet()) {
            String uid = c.getKey();
            Optional<StoredInstance> si = store.get(uid);
            switch (c.getValue()) {
                case "DELETED":
                    assertFalse(store.isDurablyStored(uid), "reported deleted: " + uid + ctx);
                    break;
                case "COPY":
                    // stored, and possibly deleted later without the report getting out: either is fine
                    if (si.isPresent()) {
                        assertTrue(store.verify(uid), uid + ctx);
                    }
                    break;
                case "AO":
                    assertTrue(store.isDurablyStored(uid), "reported AO, lost: " + uid + ctx);
                    assertEquals(Optional.of(SopInstanceStatus.AO), si.get().status(), uid + ctx);
                    assertTrue(store.verify(uid), "digest of " + uid + ctx);
                    break;
                default:
                    assertTrue(store.isDurablyStored(uid), "reported stored, lost: " + uid + ctx);
                    assertTrue(si.get().status().orElseThrow().isOriginal(), uid + ctx);
                    assertTrue(store.verify(uid), "digest of " + uid + ctx);
            }
        }
        // nothing half-written is visible: every entry verifies, every file is an entry's, no temp file left
        for (StoredInstance si : store.list()) {
            assertTrue(store.verify(si.sopInstanceUid()), si.sopInstanceUid() + ctx);
            assertEquals(si.sopInstanceUid(), store.read(si.sopInstanceUid()).dataset()
                    .getString(org.dicomsec.data.Tag.SOPInstanceUID));
        }
        List<String> files = InstanceStoreTest.listFiles(dir.resolve("instances"));
        assertEquals(store.list().size(), files.size(), "files " + files + ctx);
        assertTrue(files.stream().noneMatch(f -> f.endsWith(".tmp")), ctx);
        assertTrue(InstanceStoreTest.listFiles(dir.resolve("index")).stream().noneMatch(f -> f.endsWith(".tmp")), ctx);
    }
}
