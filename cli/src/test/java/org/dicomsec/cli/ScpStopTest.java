package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.dicomsec.data.UID;
import org.dicomsec.tls.demo.DemoPki;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.transport.PlainTcp;
import org.dicomsec.ul.transport.TransportConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dicomsec scp} stopped (Ctrl-C, a TERM) in the middle of a C-STORE: it says at once that
 * the association has a grace period before it is aborted (the wait is not a hang), aborts it once
 * the grace is over (one line says so: the server's close and the serving thread both abort it,
 * and the second finds it over), stores nothing of the cut data set, and ends with the signal's
 * status. The grace is {@code --stop-grace}'s: 3 s, and none.
 */
class ScpStopTest {
    @TempDir
    Path dir;

    @Test
    void aTermWithAnAssociationOpenSaysWhyItWaitsThenAbortsItOnce() throws Exception {
        stopDuringAStore(3, "dicomsec scp: stopping: 1 association in progress has up to 3 s to end, then it is "
                + "aborted (what was not yet answered is not stored)", false);
    }

    @Test
    void withNoGraceTheAssociationIsAbortedAtOnce() throws Exception {
        stopDuringAStore(0, "dicomsec scp: stopping: 1 association in progress is aborted (--stop-grace 0; what was"
                + " not yet answered is not stored)", false);
    }

    /**
     * Over TLS, BouncyCastle's loggers start java.util.logging before the stop, and its own shutdown
     * hook, running beside the SCP's, once took the handlers away: the abort's line was lost.
     */
    @Test
    void overTlsTheAbortIsLoggedToo() throws Exception {
        stopDuringAStore(1, "dicomsec scp: stopping: 1 association in progress has up to 1 s to end, then it is "
                + "aborted (what was not yet answered is not stored)", true);
    }

    /**
     * Stops an SCP started with {@code --stop-grace grace} during a C-STORE (over TLS bcp195-nd when
     * {@code tls}), and checks what it says and does.
     */
    private void stopDuringAStore(int grace, String notice, boolean tls) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "scp", "--port", "0", "--stop-grace", Integer.toString(grace),
                "--dir", dir.resolve("in").toString()));
        TransportConnector connector = PlainTcp.connector();
        if (tls) {
            Path pki = dir.resolve("pki");
            DemoPki.create(pki);
            command.addAll(List.of("--tls", "bcp195-nd", "--key", pki.resolve("server.key").toString(), "--cert",
                    pki.resolve("server.pem").toString(), "--trust", pki.resolve("ca.pem").toString()));
            OptionParser client = TransportOptions.declare(new OptionParser("test", "the test's side"));
            connector = TransportOptions.from(client.parse("--tls", "bcp195-nd", "--key",
                    pki.resolve("client.key").toString(), "--cert", pki.resolve("client.pem").toString(), "--trust",
                    pki.resolve("ca.pem").toString()), System.err).connector();
        }
        Process scp = new ProcessBuilder(command).start();
        // its standard error, line by line: the notice is awaited, the whole is checked once it ended
        StringBuffer err = new StringBuffer();
        CountDownLatch noticed = new CountDownLatch(1);
        Thread errReader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(scp.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    err.append(line).append('\n');
                    if (line.equals(notice)) {
                        noticed.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        }, "scp-stderr");
        errReader.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(scp.getInputStream(), StandardCharsets.UTF_8));
            int port = ListeningPort.read(out);
            assertTrue(port > 0, "the SCP announced its port");
            Association a = Association.request(connector,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    AssociationRequest.builder("ANY-SCP", "HOLDER").presentationContext(
                            UID.SecondaryCaptureImageStorage, UID.ExplicitVRLittleEndian)
                            .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build());
            // answered by the SCP's serving thread: the association is one of those it serves
            assertTrue(a.cecho().status().isSuccess(), "the association is up");
            // a C-STORE whose data set keeps coming, about 1.6 MB/s, as a study from storescu would: the
            // SCP is in the middle of it when it stops, and reads on after its A-ABORT (Sta13)
            CountDownLatch sent = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(1);
            InputStream dataSet = new InputStream() {
                private long given;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (given >= 100_000) {
                        sent.countDown();
                        try {
                            if (done.await(10, TimeUnit.MILLISECONDS)) { // 16 KiB per 10 ms until the test is done
                                return -1;
                            }
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
            // its C-STORE under way (its data set never ends): stop the SCP now
            assertTrue(sent.await(30, TimeUnit.SECONDS), "100 KB went out; the store: " + storeFailed.get());

            long t0 = System.nanoTime();
            // SIGTERM, as Ctrl-C's SIGINT: the JVM runs its shutdown hooks. (Through its handle: Process.destroy
            // would also close this side of its pipes, and the notice could not be read.)
            scp.toHandle().destroy();
            assertTrue(noticed.await(5, TimeUnit.SECONDS), "said at once: " + err);
            if (grace > 0) {
                assertTrue(scp.isAlive(), "and waits for the association");
            }
            assertTrue(scp.waitFor(30, TimeUnit.SECONDS), "the SCP ends after the grace");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(millis >= grace * 1000L - 100, "not before the grace: " + millis + " ms");
            // without a grace it ends well before the default's 10 s (the aborts get a second to go out)
            assertTrue(millis < grace * 1000L + 8000, "not long after the grace: " + millis + " ms");
            assertEquals(143, scp.exitValue());
            done.countDown();
            store.join(30_000);
            assertTrue(storeFailed.get() instanceof java.io.IOException, "the held C-STORE failed: " + storeFailed.get());
            errReader.join(10_000);
            String log = err.toString();
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
