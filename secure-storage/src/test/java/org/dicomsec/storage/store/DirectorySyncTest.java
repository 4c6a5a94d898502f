package org.dicomsec.storage.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySyncTest {
    @TempDir
    Path dir;

    @Test
    void oneInstancePerDirectory() {
        assertSame(DirectorySync.of(dir), DirectorySync.of(dir.resolve("x").resolve("..")));
        assertEquals(dir.toAbsolutePath().normalize(), DirectorySync.of(dir).directory());
    }

    @Test
    void aMissingDirectoryFailsTheThreadThatForcesItAndTheNextCallTriesAgain() throws IOException {
        Path gone = dir.resolve("not-yet");
        DirectorySync s = DirectorySync.of(gone);
        assertThrows(NoSuchFileException.class, s::force);
        Files.createDirectory(gone);
        s.force(); // a failed force covers nobody: this one runs and succeeds
    }

    @Test
    void concurrentWritersAllReturnAndEachFileIsThere() throws Exception {
        DirectorySync s = DirectorySync.of(dir);
        int n = 32;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Path>> done = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                int k = i;
                done.add(pool.submit(() -> {
                    start.await();
                    Path tmp = Files.writeString(dir.resolve("f" + k + ".tmp"), "x" + k);
                    Path target = Files.move(tmp, dir.resolve("f" + k));
                    s.force();
                    return target;
                }));
            }
            start.countDown();
            for (int i = 0; i < n; i++) {
                Path p = done.get(i).get(30, TimeUnit.SECONDS);
                assertEquals("x" + i, Files.readString(p));
            }
        } finally {
            pool.shutdownNow();
        }
        try (var list = Files.list(dir)) {
            assertEquals(n, list.filter(p -> !p.getFileName().toString().endsWith(".tmp")).count());
        }
        assertTrue(Files.isDirectory(dir));
    }
}
