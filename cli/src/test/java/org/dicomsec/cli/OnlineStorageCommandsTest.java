package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * The Online Electronic Storage profile through the commands' own options:
 * {@code scp --profile online-storage} (parsed by the scp command's parser) and
 * {@code dicomsec store --commit} run through {@link Main}.
 */
class OnlineStorageCommandsTest {

    @TempDir
    Path dir;

    private static Path original(Path file, String uid) throws Exception {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tag.SOPInstanceUID, VR.UI, uid);
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.543.10");
        ds.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.543.10.1");
        ds.setBytes(Tag.PixelData, VR.OW, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        DicomFile.of(OriginalCreator.createOriginal(ds, Certification.now("EQ-7"), null),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(file);
        return file;
    }

    private static List<String> tls(Path pki, String who) {
        return List.of("--key", pki.resolve(who + ".key").toString(), "--cert", pki.resolve(who + ".pem").toString(),
                "--trust", pki.resolve("ca.pem").toString());
    }

    @Test
    void storeCommitThroughTheCommandsTurnsTheSendersCopyNs() throws Exception {
        Path pkiDir = dir.resolve("pki");
        DemoPki pki = DemoPki.create(pkiDir);
        List<String> scpArgs = new ArrayList<>(List.of("--profile", "online-storage", "--allow-peer",
                PeerPolicy.fingerprint(pki.client().certificate()), "--aet", "ARCHIVE", "--port", "0",
                "--dir", dir.resolve("archive").toString(), "-q"));
        scpArgs.addAll(tls(pkiDir, "server"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        String uid = "1.2.826.0.1.3680043.10.543.10.1.1";
        Path file = original(dir.resolve("or.dcm"), uid);
        try (OnlineStorageScp scp = OnlineStorageCli.startScp(ScpCommand.OPTIONS.parse(scpArgs.toArray(String[]::new)),
                quiet)) {
            List<String> store = new ArrayList<>(List.of("store", "--commit", "--after-commit", "ns",
                    "--allow-peer", PeerPolicy.fingerprint(pki.server().certificate()),
                    "--outbox", dir.resolve("outbox").toString(), "--aet", "MODALITY", "--aec", "ARCHIVE"));
            store.addAll(tls(pkiDir, "client"));
            store.add("localhost:" + scp.localPort());
            store.add(file.toString());
            CliRun r = CliRun.of(store.toArray(String[]::new));
            assertEquals(0, r.status(), r.toString());
        }
        assertEquals("NS", DicomFile.read(file).dataset().getString(Tag.SOPInstanceStatus),
                "rule d.5.b: the sender's copy is NS once the commitment is confirmed");
        InstanceStore archive = InstanceStore.open(dir.resolve("archive"));
        assertEquals("OR", archive.get(uid).orElseThrow().status().orElseThrow().name(),
                "the archive holds the original now");
    }

    @Test
    void profileOptionsWithoutTheProfileAreABadUsage() {
        CliRun r = CliRun.of("scp", "--allow-peer", "CN=x", "--dir", dir.resolve("d").toString());
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("--profile online-storage"), r.err());
    }
}
