package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.dicomsec.data.UID;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.transport.PlainTcp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dicomsec scp} stopped (Ctrl-C, a TERM) in the middle of a C-STORE: it says at once that
 * the association has a grace period before it is aborted (the wait is not a hang), aborts it once
 * the grace is over (one line says so: the server's close and the serving thread both abort it,
 * and the second finds it over), stores nothing of the cut data set, and ends with the signal's
 * status.
 */
class ScpStopTest {
    @TempDir
    Path dir;

    @Test
    void aTermWithAnAssociationOpenSaysWhyItWaitsThenAbortsItOnce() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = dir.resolve("err.txt");
        Process scp = new ProcessBuilder(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "scp", "--port", "0", "--dir", dir.resolve("in").toString()))
                .redirectError(err.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(scp.getInputStream(), StandardCharsets.UTF_8));
            int port = ListeningPort.read(out);
            assertTrue(port > 0, "the SCP announced its port");
            Association a = Association.request(PlainTcp.connector(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    AssociationRequest.builder("ANY-SCP", "HOLDER").presentationContext(
                            UID.SecondaryCaptureImageStorage, UID.ExplicitVRLittleEndian).build());
            // a C-STORE whose data set keeps coming, about 1.6 MB/s, as a study from storescu would: the
            // SCP is in the middle of it when it stops, and reads on after its A-ABORT (Sta13)
            CountDownLatch sent = new CountDownLatch(1);
            AtomicBoolean more = new AtomicBoolean(true);
            InputStream dataSet = new InputStream() {
                private long given;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (!more.get()) {
                        return -1;
                    }
                    if (given >= 100_000) {
                        sent.countDown();
                        try {
                            Thread.sleep(10);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return -1;
                        }
                    }
                    int n = Math.min(len, 16_384);
                    Arrays.fill(b, off, off + n, (byte) 0x20);
                    given += n;
                    return n;
                }
            };
            AtomicReference<Throwable> storeFailed = new AtomicReference<>();
            Thread store = new Thread(() -> {
                try {
                    a.cstore(UID.SecondaryCaptureImageStorage, "1.2.826.0.1.3680043.2.1125.7.1",
                            UID.ExplicitVRLittleEndian, dataSet);
                } catch (Throwable t) {
                    storeFailed.set(t);
                }
            }, "held-store");
            store.start();
            assertTrue(sent.await(30, TimeUnit.SECONDS), "100 KB went out; the store: " + storeFailed.get());
            Thread.sleep(300); // and reached the SCP

            long t0 = System.nanoTime();
            scp.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the JVM runs its shutdown hooks
            String notice = "dicomsec scp: stopping: 1 association in progress has up to 10 s to end, then it is "
                    + "aborted (what was not yet answered is not stored)";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!Files.readString(err).contains(notice) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(Files.readString(err).contains(notice), "said at once: " + Files.readString(err));
            assertTrue(scp.isAlive(), "and waits for the association");
            assertTrue(scp.waitFor(30, TimeUnit.SECONDS), "the SCP ends after the grace");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
            assertTrue(seconds >= 9, "not before the grace: " + seconds + " s");
            assertEquals(143, scp.exitValue());
            more.set(false);
            store.join(30_000);
            assertTrue(storeFailed.get() instanceof java.io.IOException, "the held C-STORE failed: " + storeFailed.get());
            String log = Files.readString(err);
            try (var stored = Files.list(dir.resolve("in"))) {
                assertEquals(List.of(), stored.filter(f -> f.getFileName().toString().endsWith(".dcm")).toList(),
                        "nothing of the cut data set is stored");
            }
            assertEquals(1, log.split(Pattern.quote(notice), -1).length - 1, log);
            assertEquals(1, log.split("aborting: abort requested by the local user", -1).length - 1,
                    "the abort said once: " + log);
            assertTrue(Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d WARNING: 127\\.0\\.0\\.1:" + port
                    + " <- .*HOLDER->ANY-SCP: aborting: abort requested by the local user "
                    + "\\[org\\.dicomsec\\.ul\\.UpperLayer localAbort\\]$").matcher(log).find(),
                    "a log message is one line, as the command's own, naming its source (not the rate limiter): "
                    + log);
        } finally {
            scp.destroyForcibly();
            scp.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
