package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.VR;
import org.dicomsec.storage.Certification;
import org.dicomsec.storage.OriginalCreator;
import org.dicomsec.storage.PeerPolicy;
import org.dicomsec.storage.net.OnlineStorageScp;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.tls.demo.DemoPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code store --commit} of a study in a JVM whose heap is smaller than the study: the originals
 * are read one at a time as they are sent, not held together until the commitment (a 400-instance
 * CT study once took the command to 326 MB). 40 originals of 1 MiB each go from a child JVM with
 * a 24 MiB heap that ends on an OutOfMemoryError, over TLS, to {@code scp --profile
 * online-storage} in this JVM; all are committed and made NS.
 */
class CommitStudySmallHeapTest {

    private static final int INSTANCES = 40;
    private static final int PIXEL_BYTES = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void aStudyLargerThanTheHeapIsSentAndCommitted() throws Exception {
        Path pki = dir.resolve("pki");
        DemoPki demo = DemoPki.create(pki);
        Path study = Files.createDirectories(dir.resolve("study"));
        String studyUid = "1.2.826.0.1.3680043.10.543.14";
        byte[] px = new byte[PIXEL_BYTES];
        for (int i = 1; i <= INSTANCES; i++) {
            Dataset ds = new Dataset();
            ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
            ds.setString(Tag.SOPInstanceUID, VR.UI, studyUid + ".1." + i);
            ds.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
            ds.setString(Tag.SeriesInstanceUID, VR.UI, studyUid + ".1");
            ds.setString(Tag.PatientID, VR.LO, "HEAP");
            ThreadLocalRandom.current().nextBytes(px);
            ds.setBytes(Tag.PixelData, VR.OW, px.clone());
            DicomFile.of(OriginalCreator.createOriginal(ds, Certification.now("EQ"), null),
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(study.resolve("IM" + i + ".dcm"));
        }
        String[] serverTls = {"--tls", "bcp195-nd", "--key", pki.resolve("server.key").toString(), "--cert",
            pki.resolve("server.pem").toString(), "--trust", pki.resolve("ca.pem").toString()};
        List<String> scpArgs = new ArrayList<>(List.of(serverTls));
        scpArgs.addAll(List.of("--profile", "online-storage", "--allow-peer",
                PeerPolicy.fingerprint(demo.client().certificate()), "--aet", "ARCHIVE", "--port", "0",
                "--dir", dir.resolve("archive").toString()));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int port;
        try (OnlineStorageScp scp = OnlineStorageCli.startScp(ScpCommand.OPTIONS.parse(scpArgs.toArray(new String[0])),
                quiet)) {
            port = scp.localPort();
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx24m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "store", "--commit", "--aec", "ARCHIVE", "--allow-peer",
                    PeerPolicy.fingerprint(demo.server().certificate()), "--outbox", dir.resolve("outbox").toString(),
                    "--tls", "bcp195-nd", "--key", pki.resolve("client.key").toString(), "--cert",
                    pki.resolve("client.pem").toString(), "--trust", pki.resolve("ca.pem").toString(),
                    "127.0.0.1:" + port, study.toString()));
            Path out = dir.resolve("store.out");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "store ended");
            String said = Files.readString(out);
            assertEquals(0, p.exitValue(), said);
            for (int i = 1; i <= INSTANCES; i++) {
                Path f = study.resolve("IM" + i + ".dcm");
                assertTrue(said.contains("committed " + f + ": now NS"), said);
                assertEquals("NS", DicomFile.read(f).dataset().getString(Tag.SOPInstanceStatus));
            }
        }
        InstanceStore archive = InstanceStore.open(dir.resolve("archive"));
        for (int i = 1; i <= INSTANCES; i++) {
            assertEquals("OR", archive.get(studyUid + ".1." + i).orElseThrow().status().orElseThrow().name());
        }
    }
}
