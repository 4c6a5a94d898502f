package org.dicomsec.storage.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.dicomsec.data.DicomFile;
import org.dicomsec.storage.KillAtRandom;
import org.dicomsec.storage.store.FileSeal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain SCP killed (SIGKILL) at random points while it stores ({@link FolderCrashChild}), again
 * and again: after each kill the folder is opened again, and every instance answered as stored is
 * there whole (its seal verifies) in the version answered or a later one, every file under a final
 * name verifies, and no staged file in use or temporary file is left.
 */
class FolderScpCrashTest {

    private static final int KILLS = 10;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(40);

    @TempDir
    Path tmp;

    @Test
    void killedAtRandomPoints_losesNothingAnswered_showsNothingHalfWritten() throws Exception {
        Path dir = tmp.resolve("folder");
        Path err = tmp.resolve("child.err");
        Map<String, String> claims = new HashMap<>();
        KillAtRandom.Tally t = KillAtRandom.repeat(FolderCrashChild.class,
                kill -> List.of(dir.toString(), Integer.toString(kill)), err, KILLS, BUDGET_NANOS, 40, 5_000,
                line -> claim(claims, line), seed -> {
                    // a staged file in use or a temporary file: the kill landed inside a C-STORE
                    boolean unfinished = !FolderScpTest.stagedInUse(dir).isEmpty()
                            || !parts(dir).isEmpty();
                    check(dir, claims, seed);
                    return unfinished;
                });
        System.getLogger(FolderScpCrashTest.class.getName()).log(System.Logger.Level.INFO,
                "{0} kills, {1} left staged or temporary files, {2} answers checked (seed {3})",
                t.kills(), t.unfinished(), t.reported(), t.seed());
    }

    private static int claim(Map<String, String> claims, String line) {
        String[] f = line.split(" ");
        if (!f[0].equals("STORED")) {
            return 0;
        }
        claims.put(f[1], f[2]);
        return 1;
    }

    private static List<Path> parts(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    private static void check(Path dir, Map<String, String> claims, long seed) throws IOException {
        String ctx = " (seed " + seed + ")";
        FolderScp.open(dir, false).close(); // settles what the kill left
        assertEquals(List.of(), FolderScpTest.stagedInUse(dir), "staged files settled" + ctx);
        assertEquals(List.of(), parts(dir), "temporary files removed" + ctx);
        for (Map.Entry<String, String> c : claims.entrySet()) {
            Path f = dir.resolve(c.getKey() + ".dcm");
            assertTrue(Files.exists(f), "answered as stored, lost: " + c.getKey() + ctx);
            String patient = DicomFile.read(f).dataset().getString(0x00100010);
            String v2 = FolderCrashChild.patient(c.getKey(), 2);
            assertTrue(patient.equals(c.getValue()) || patient.equals(v2),
                    c.getKey() + ": " + patient + ", answered " + c.getValue() + ctx);
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".dcm")).toList()) {
                FileSeal seal = FileSeal.verify(f);
                assertNotNull(seal, "half-written under its final name: " + f + ctx);
                assertEquals(f.getFileName().toString(), seal.uid() + ".dcm", ctx);
            }
        }
    }
}
