package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.dicomsec.ul.AssociationSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profile through the command options: an SCP as {@code scp --profile online-storage}
 * starts it, files sent as {@code store --commit} / {@code --as copy}, over loopback TLS with
 * DemoPki certificates on each side's allow-list.
 */
class OnlineStorageCliTest {

    @TempDir
    Path dir;
    final List<AutoCloseable> closeMe = new ArrayList<>();
    final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeMe) {
            c.close();
        }
    }

    private static Path original(Path file, String uid) throws Exception {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tag.SOPInstanceUID, VR.UI, uid);
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.543.9");
        ds.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.543.9.1");
        ds.setBytes(Tag.PixelData, VR.OW, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        DicomFile.of(OriginalCreator.createOriginal(ds, Certification.now("EQ"), null),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(file);
        return file;
    }

    private String[] tls(Path pki, String who, String... more) {
        List<String> a = new ArrayList<>(List.of("--tls", "bcp195", "--key", pki.resolve(who + ".key").toString(),
                "--cert", pki.resolve(who + ".pem").toString(), "--trust", pki.resolve("ca.pem").toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @Test
    void scpProfileOnlineStorage_storeCommit_andCopy() throws Exception {
        Path pkiDir = dir.resolve("pki");
        DemoPki pki = DemoPki.create(pkiDir);
        String clientFp = PeerPolicy.fingerprint(pki.client().certificate());
        String serverFp = PeerPolicy.fingerprint(pki.server().certificate());

        // the options of the scp command
        OptionParser scpParser = ScpCommand.OPTIONS;
        ParsedOptions so = scpParser.parse(tls(pkiDir, "server", "--profile", "online-storage", "--allow-peer",
                clientFp, "--aet", "ARCHIVE", "--port", "0", "--dir", dir.resolve("archive").toString()));
        OnlineStorageScp scp = OnlineStorageCli.startScp(so, out);
        closeMe.add(scp);
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("Online Electronic Storage SCP ARCHIVE"),
                outBytes.toString(StandardCharsets.UTF_8));
        assertThrows(UsageException.class, () -> OnlineStorageCli.startScp(scpParser.parse(new String[] {
            "--profile", "other", "--port", "0", "--dir", dir.resolve("x").toString()}), out));
        InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), scp.localPort());
        OptionParser storeParser = OnlineStorageCli.declareStore(TransportOptions.declare(new OptionParser("store",
                "test")));

        // the original: sent, committed, the local file becomes NS (d.5.b)
        String uid = "1.2.826.0.1.3680043.10.543.9.1.1";
        Path file = original(dir.resolve("or.dcm"), uid);
        ParsedOptions o = storeParser.parse(tls(pkiDir, "client", "--commit", "--after-commit", "ns",
                "--allow-peer", serverFp, "--outbox", dir.resolve("outbox").toString()));
        int status = OnlineStorageCli.store(o, at, "MODALITY", "ARCHIVE", AssociationSettings.DEFAULT,
                TransportOptions.from(o, err), List.of(file), out, err);
        assertEquals(0, status, outBytes + "\n" + errBytes);
        assertEquals("NS", DicomFile.read(file).dataset().getString(Tag.SOPInstanceStatus));
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("committed " + file + ": now NS"), outBytes.toString());

        // an authorized original sent as a copy: goes out as AC (e.3), the file stays AO
        String uid2 = "1.2.826.0.1.3680043.10.543.9.1.2";
        Path ao = original(dir.resolve("ao.dcm"), uid2);
        assertEquals(0, CliRun.of("authorize", ao.toString(), "--by", "Dr. X", "--cert-number", "N-1").status());
        ParsedOptions c = storeParser.parse(tls(pkiDir, "client", "--as", "copy", "--allow-peer", serverFp));
        assertEquals(0, OnlineStorageCli.store(c, at, "MODALITY", "ARCHIVE", AssociationSettings.DEFAULT,
                TransportOptions.from(c, err), List.of(ao), out, err), errBytes.toString());
        assertEquals("AO", DicomFile.read(ao).dataset().getString(Tag.SOPInstanceStatus));

        // a peer not on the allow-list gets no original: refused, exit 1, the file unchanged
        Path third = original(dir.resolve("third.dcm"), "1.2.826.0.1.3680043.10.543.9.1.3");
        ParsedOptions strict = storeParser.parse(tls(pkiDir, "client", "--commit",
                "--outbox", dir.resolve("outbox").toString()));
        CommandException e = assertThrows(CommandException.class, () -> OnlineStorageCli.store(strict, at, "MODALITY",
                "ARCHIVE", AssociationSettings.DEFAULT, TransportOptions.from(strict, err),
                List.of(third), out, err));
        assertEquals(1, e.status());
        assertTrue(e.getMessage().contains("not confirmed to support"), e.getMessage());
        assertEquals("OR", DicomFile.read(third).dataset().getString(Tag.SOPInstanceStatus));

        scp.close();
        InstanceStore archive = InstanceStore.open(dir.resolve("archive"));
        assertEquals("OR", archive.get(uid).orElseThrow().status().orElseThrow().name(), "the archive holds it now");
        assertEquals("AC", archive.get(uid2).orElseThrow().status().orElseThrow().name());
        assertTrue(Files.readString(dir.resolve("archive").resolve("audit.log")).contains("110122"));
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return ss.getLocalPort();
        }
    }

    @Test
    void storeCommitListen_resultOnANewAssociation_andOutboxListResumeDiscard() throws Exception {
        Path pkiDir = dir.resolve("pki");
        DemoPki pki = DemoPki.create(pkiDir);
        String clientFp = PeerPolicy.fingerprint(pki.client().certificate());
        String serverFp = PeerPolicy.fingerprint(pki.server().certificate());
        int listen = freePort();
        OptionParser scpParser = ScpCommand.OPTIONS;
        // the archive reports to MODALITY on a new association (its node certificate has clientAuth)
        OnlineStorageScp scp = OnlineStorageCli.startScp(scpParser.parse(tls(pkiDir, "server", "--profile",
                "online-storage", "--allow-peer", clientFp, "--aet", "ARCHIVE", "--port", "0", "--dir",
                dir.resolve("archive").toString(), "--remote-ae", "MODALITY@127.0.0.1:" + listen)), out);
        closeMe.add(scp);
        InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), scp.localPort());
        OptionParser storeParser = OnlineStorageCli.declareStore(TransportOptions.declare(new OptionParser("store",
                "test")));
        Path outboxDir = dir.resolve("outbox");

        Path file = original(dir.resolve("listen.dcm"), "1.2.826.0.1.3680043.10.543.9.2.1");
        ParsedOptions o = storeParser.parse(tls(pkiDir, "client", "--commit", "--after-commit", "ns",
                "--allow-peer", serverFp, "--outbox", outboxDir.toString(), "--listen", "127.0.0.1:" + listen,
                "--commit-timeout", "20"));
        assertEquals(0, OnlineStorageCli.store(o, at, "MODALITY", "ARCHIVE", AssociationSettings.DEFAULT,
                TransportOptions.from(o, err), List.of(file), out, err), outBytes + "\n" + errBytes);
        assertEquals("NS", DicomFile.read(file).dataset().getString(Tag.SOPInstanceStatus));

        // no listener and a result the archive cannot deliver in time: the file waits in the outbox
        Path late = original(dir.resolve("late.dcm"), "1.2.826.0.1.3680043.10.543.9.2.2");
        ParsedOptions lo = storeParser.parse(tls(pkiDir, "client", "--commit", "--allow-peer", serverFp,
                "--outbox", outboxDir.toString(), "--listen", "127.0.0.1:" + freePort(), "--commit-timeout", "1"));
        assertEquals(1, OnlineStorageCli.store(lo, at, "MODALITY", "ARCHIVE", AssociationSettings.DEFAULT,
                TransportOptions.from(lo, err), List.of(late), out, err));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("wait in the outbox"), errBytes.toString());
        assertEquals("OR", DicomFile.read(late).dataset().getString(Tag.SOPInstanceStatus));
        CliRun list = CliRun.of("outbox", "list", "--outbox", outboxDir.toString());
        assertEquals(0, list.status(), list.toString());
        assertTrue(list.out().contains(late.toAbsolutePath().toString()), list.out());

        // resume: commitment requested again, the result on the same association, d.5 on the file
        List<String> resume = new ArrayList<>(List.of("outbox", "resume", "--outbox", outboxDir.toString(),
                "--allow-peer", serverFp, "--after-commit", "ns"));
        resume.addAll(List.of(tls(pkiDir, "client")));
        resume.add("127.0.0.1:" + scp.localPort());
        CliRun r = CliRun.of(resume.toArray(new String[0]));
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("committed " + late.toAbsolutePath()), r.out());
        assertEquals("NS", DicomFile.read(late).dataset().getString(Tag.SOPInstanceStatus));
        assertTrue(CliRun.of("outbox", "list", "--outbox", outboxDir.toString()).out().contains("no open transaction"));

        // discard: unknown transaction is exit 1
        assertEquals(1, CliRun.of("outbox", "discard", "--outbox", outboxDir.toString(), "2.25.1").status());
        assertEquals(2, CliRun.of("outbox", "frobnicate", "--outbox", outboxDir.toString()).status());
    }
}
