package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * PS3.7 / issue 3: a C-STORE data set is streamed, never held whole: an instance over 2 GiB
 * passes between requestor and acceptor in a JVM whose heap is 64 MiB.
 */
class LargeInstanceTest {

    @Test
    void overTwoGibPassesWithA64MibHeap() throws Exception {
        long size = (2L << 30) + 4099;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                BigTransferMain.class.getName(), Long.toString(size)).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("received " + size), out);
    }
}
