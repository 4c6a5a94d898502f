package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2 point 8: a file of 2 GiB of Pixel Data is written, read and transcoded
 * through the streaming API in a forked JVM limited to a 64 MiB heap
 * ({@link LargeFileTool}). The size can be lowered with
 * {@code -Ddicomsec.largeFile.bytes=N} on slow machines.
 */
class LargeFileIT {

    @TempDir
    Path tmp;

    @Test
    void twoGibibyteFileWithA64MiBHeap() throws IOException, InterruptedException {
        long size = Long.getLong("dicomsec.largeFile.bytes", (2L << 30) + 16);
        Path file = tmp.resolve("large.dcm");
        Path log = tmp.resolve("tool.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                LargeFileTool.class.getName(), file.toString(), Long.toString(size))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        List<String> out = Files.readAllLines(log, StandardCharsets.UTF_8);
        System.out.println(String.join("\n", out));
        assertTrue(done, "large file tool did not finish in 300 s");
        assertEquals(0, p.exitValue(), String.join("\n", out));
        assertTrue(out.stream().anyMatch(l -> l.startsWith("OK size=" + size)), String.join("\n", out));
        assertTrue(Files.size(file) > size, "file holds the pixel data");
    }
}
