package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFileWriter;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.FileMetaInformation;
import org.dicomsec.data.Tag;
import org.dicomsec.data.UID;
import org.dicomsec.data.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, constrained devices: {@code dicomsec scp} in a JVM with a 32 MiB heap
 * receives a 2 GiB + 4 KiB instance over TLS (bcp195-nd, mutual authentication)
 * and stores it intact. The SCP runs in its own process with
 * {@code -XX:+ExitOnOutOfMemoryError}, so a heap overflow ends it and fails the
 * test. {@code -Ddicomsec.smallHeap.bytes=N} makes the pixel value smaller.
 */
class TlsSmallHeapScpIT {

    private static final long PIXEL_BYTES = Long.getLong("dicomsec.smallHeap.bytes", (1L << 31) + 4096);
    private static final String UID_ = "2.25.202611242200";

    @TempDir
    Path dir;

    /** Writes the instance by streaming through the codec; returns the CRC-32 of the pixel value. */
    private long writeInstance(Path file) throws IOException {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, UID_);
        ds.setString(0x00100010, VR.PN, "Big^Instance");
        CRC32 crc = new CRC32();
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            DicomWriter w = DicomFileWriter.open(out, FileMetaInformation.createFor(ds, UID.ExplicitVRLittleEndian));
            w.writeDataset(ds);
            w.writeHeader(Tag.PixelData, VR.OW, PIXEL_BYTES);
            byte[] b = new byte[1 << 20];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (i * 31 + 7);
            }
            for (long left = PIXEL_BYTES; left > 0; ) {
                int n = (int) Math.min(b.length, left);
                w.writeValue(b, 0, n);
                crc.update(b, 0, n);
                left -= n;
            }
            w.finish();
        }
        return crc.getValue();
    }

    /** CRC-32 of the last {@code n} bytes of a file (the pixel value: it ends the data set). */
    private static long tailCrc(Path file, long n) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(Files.size(file) - n);
            byte[] b = new byte[1 << 20];
            for (int r; (r = in.read(b)) > 0; ) {
                crc.update(b, 0, r);
            }
        }
        return crc.getValue();
    }

    @Test
    void scpWithA32MiBHeapStoresA2GiBInstanceOverTls() throws Exception {
        Path pki = dir.resolve("pki");
        assertEquals(0, CliRun.of("keys", "init", pki.toString()).status());
        Path big = dir.resolve("big.dcm");
        long crc = writeInstance(big);
        Path in = dir.resolve("in");

        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process scp = new ProcessBuilder(List.of(javaBin, "-Xmx32m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "scp",
                "--tls", "bcp195-nd", "--key", pki.resolve("server.key").toString(),
                "--cert", pki.resolve("server.pem").toString(), "--trust", pki.resolve("ca.pem").toString(),
                "--port", "0", "--dir", in.toString()))
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(scp.getInputStream(), StandardCharsets.UTF_8));
            int port = ListeningPort.read(out);
            assertTrue(port > 0, "the SCP announced its port");
            Thread drain = new Thread(() -> {
                try {
                    out.transferTo(java.io.Writer.nullWriter());
                } catch (IOException e) {
                    // the process ended
                }
            }, "scp-output");
            drain.setDaemon(true);
            drain.start();

            List<String> tls = List.of("--key", pki.resolve("client.key").toString(),
                    "--cert", pki.resolve("client.pem").toString(), "--trust", pki.resolve("ca.pem").toString());
            String target = "localhost:" + port;
            String[] store = java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("store", "-q", "--max-pdu", "65530"),
                    java.util.stream.Stream.concat(tls.stream(), java.util.stream.Stream.of(target, big.toString())))
                    .toArray(String[]::new);
            CliRun sent = CliRun.of(store);
            assertEquals(0, sent.status(), "store over TLS: " + sent);

            assertTrue(scp.isAlive(), "the 32 MiB SCP is still running (no OutOfMemoryError exit)");
            String[] echo = java.util.stream.Stream.concat(java.util.stream.Stream.of("echo", "-q"),
                    java.util.stream.Stream.concat(tls.stream(), java.util.stream.Stream.of(target)))
                    .toArray(String[]::new);
            assertEquals(0, CliRun.of(echo).status(), "and still answers over TLS");

            Path stored = in.resolve(UID_ + ".dcm");
            assertTrue(Files.exists(stored), "stored as " + stored);
            assertEquals(crc, tailCrc(stored, PIXEL_BYTES), "pixel value arrives intact");
        } finally {
            scp.destroy();
            if (!scp.waitFor(10, TimeUnit.SECONDS)) {
                scp.destroyForcibly();
            }
        }
    }
}
