package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.dicomsec.data.UID;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.net.DicomServer;
import org.dicomsec.ul.transport.PlainTcp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dicomsec store} ended by a signal (Ctrl-C, a TERM) during a study: before the JVM ends it
 * names the file left without a response and prints what was stored, as after an abort.
 */
class StoreInterruptedTest {
    @TempDir
    Path tmp;

    @Test
    void aTermDuringAStudySaysWhatWasStoredAndWhatWasNot() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            files.add(NetFiles.write(src, "1.2.826.0.1.3680043.2.1125.6." + i, UID.ExplicitVRLittleEndian, 2000));
        }
        files.sort(null);
        AtomicInteger received = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DicomServer server = DicomServer.builder(PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0))
                .policy(AcceptorPolicy.builder().anyAbstractSyntax(UID.ExplicitVRLittleEndian).build())
                .handlers(DimseHandlers.builder().cstore((a, pc, rq, in) -> {
                    in.readAllBytes();
                    if (received.incrementAndGet() == 3) {
                        third.countDown();
                        try {
                            release.await(60, TimeUnit.SECONDS); // the third is not answered in time
                        } catch (InterruptedException stop) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return Status.OK;
                }).build()).build();
        server.start();
        Process p = null;
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path out = tmp.resolve("out.txt");
            Path err = tmp.resolve("err.txt");
            p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "store",
                    "127.0.0.1:" + server.localPort(), src.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(third.await(60, TimeUnit.SECONDS), "the third C-STORE arrived");
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "TERM ends the command");
            String o = Files.readString(out, StandardCharsets.UTF_8);
            String e = Files.readString(err, StandardCharsets.UTF_8);
            String run = "status " + p.exitValue() + "\n--- stdout\n" + o + "--- stderr\n" + e;
            assertEquals(143, p.exitValue(), run);
            assertTrue(o.startsWith("stored 2 of 5 files"), run);
            assertTrue(o.contains("; 1 failed, 2 not sent, 0 skipped"), run);
            assertTrue(e.contains("failed " + files.get(2) + ": no response, interrupted"), run);
            assertTrue(e.endsWith("dicomsec store: interrupted" + System.lineSeparator()), run);
        } finally {
            release.countDown();
            if (p != null) {
                p.destroyForcibly();
            }
            server.close(Duration.ofSeconds(3));
        }
    }
}
