package org.dicomsec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.UID;
import org.dicomsec.data.VR;
import org.dicomsec.iscl.Iscl;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.iscl.keys.SoftwareKeyCard;
import org.dicomsec.storage.PeerPolicy;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.net.OnlineStorageScp;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.tls.demo.DemoPki;
import org.dicomsec.tls.TlsConfig;
import org.dicomsec.tls.TlsTransport;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.net.DicomServer;
import org.dicomsec.ul.transport.PlainTcp;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every example's {@code main} against peers on loopback (ephemeral
 * ports, temporary folders) and checks what it printed and what arrived.
 */
class ExamplesTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final char[] PASSWORD = "example password".toCharArray();
    private static DemoPki pki;
    private static Path pkiDir;

    @TempDir
    Path tmp;

    private final PrintStream stdout = System.out;
    private final InputStream stdin = System.in;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeAll
    static void pki(@TempDir Path dir) throws Exception {
        pkiDir = dir;
        pki = DemoPki.generate();
        pki.write(dir, PASSWORD);
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.setIn(stdin);
    }

    private String run(ThrowingMain main, String... args) throws Exception {
        printed.reset();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            main.run(args);
        } finally {
            System.setOut(stdout);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    interface ThrowingMain {
        void run(String[] args) throws Exception;
    }

    private Path ctFile() throws Exception {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, UID.randomUID());
        ds.setString(Tag.StudyInstanceUID, VR.UI, UID.randomUID());
        ds.setString(Tag.SeriesInstanceUID, VR.UI, UID.randomUID());
        ds.setString(Tag.Modality, VR.CS, "CT");
        ds.setString(Tag.PatientName, VR.PN, "EXAMPLE^PATIENT");
        ds.setBytes(Tag.PixelData, VR.OW, new byte[4096]);
        Path f = tmp.resolve("ct.dcm");
        DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(f);
        return f;
    }

    private TlsConfig serverTls() throws Exception {
        return TlsConfig.builder().keyPem(pkiDir.resolve("server.key"), pkiDir.resolve("server.pem"))
                .trust(pkiDir.resolve("ca.pem"), null).build();
    }

    /** A Verification and Storage SCP on {@code acceptor} that hands each stored SOP Instance UID over. */
    private static DicomServer server(TransportAcceptor acceptor, AtomicReference<String> stored, CountDownLatch done) {
        AcceptorPolicy policy = AcceptorPolicy.builder().abstractSyntax(UID.Verification, UID.ImplicitVRLittleEndian)
                .anyAbstractSyntax(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian).build();
        DimseHandlers handlers = DimseHandlers.builder().cstore((a, pc, rq, in) -> {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            stored.set(rq.affectedSopInstanceUid());
            done.countDown();
            return Status.OK;
        }).build();
        DicomServer s = new DicomServer(acceptor, policy, handlers, AssociationSettings.DEFAULT, 2);
        s.start();
        return s;
    }

    @Test
    void storeFileOverTls() throws Exception {
        Path file = ctFile();
        AtomicReference<String> stored = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        try (DicomServer s = server(TlsTransport.acceptor(serverTls(), LOOPBACK, 0), stored, done)) {
            String out = run(StoreFileOverTls::main, "127.0.0.1", Integer.toString(s.localPort()), file.toString(),
                    pkiDir.resolve("client.key").toString(), pkiDir.resolve("client.pem").toString(),
                    pkiDir.resolve("ca.pem").toString());
            assertTrue(out.contains("bcp195-nd"), out);
            assertTrue(out.contains(": 0x0000"), out);
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(DicomFile.read(file).dataset().getString(Tag.SOPInstanceUID), stored.get());
        }
    }

    @Test
    void scpWithHandler_writesWhatArrives_andMainStopsOnEnter() throws Exception {
        Path file = ctFile();
        Path folder = Files.createDirectory(tmp.resolve("received"));
        String uid = DicomFile.read(file).dataset().getString(Tag.SOPInstanceUID);
        try (DicomServer s = ScpWithHandler.start(0, folder)) {
            AssociationRequest rq = AssociationRequest.builder("ANY-SCP", "TEST")
                    .presentationContext(UID.CTImageStorage, UID.ExplicitVRLittleEndian).build();
            try (Association a = Association.request(PlainTcp.connector(), new InetSocketAddress(LOOPBACK,
                    s.localPort()), rq)) {
                assertTrue(a.cstore(file).status().isSuccess());
                a.release();
            }
        }
        assertTrue(Files.size(folder.resolve(uid + ".ds")) > 4096);
        System.setIn(new ByteArrayInputStream("\n".getBytes(StandardCharsets.US_ASCII)));
        String out = run(ScpWithHandler::main, "0", folder.toString());
        assertTrue(out.startsWith("listening on port "), out);
    }

    @Test
    void onlineStorage_scuTransfersAnOriginal_scpCommits() throws Exception {
        Path file = ctFile();
        Path scpFolder = tmp.resolve("archive");
        Path scuFolder = tmp.resolve("modality");
        String clientSha = PeerPolicy.fingerprint(pki.client().certificate());
        String serverSha = PeerPolicy.fingerprint(pki.server().certificate());
        try (OnlineStorageScp scp = OnlineStorageScpExample.start(0, scpFolder, pkiDir.resolve("server.key"),
                pkiDir.resolve("server.pem"), pkiDir.resolve("ca.pem"), clientSha)) {
            String out = run(OnlineStorageScuExample::main, "127.0.0.1", Integer.toString(scp.localPort()),
                    scuFolder.toString(), pkiDir.resolve("client.key").toString(), pkiDir.resolve("client.pem").toString(),
                    pkiDir.resolve("ca.pem").toString(), serverSha, file.toString());
            assertTrue(out.contains("committed: true"), out);
        }
        InstanceStore archive = InstanceStore.open(scpFolder.resolve("store"));
        assertEquals(1, archive.list().size());
        assertTrue(archive.holdsAsOriginal(archive.list().get(0).sopInstanceUid()));
        assertEquals(java.util.Optional.of(SopInstanceStatus.OR), archive.list().get(0).status());
        System.setIn(new ByteArrayInputStream("\n".getBytes(StandardCharsets.US_ASCII)));
        String out = run(OnlineStorageScpExample::main, "0", tmp.resolve("second").toString(),
                pkiDir.resolve("server.key").toString(), pkiDir.resolve("server.pem").toString(),
                pkiDir.resolve("ca.pem").toString(), clientSha);
        assertTrue(out.startsWith("ARCHIVE listening on port "), out);
    }

    @Test
    void isclEcho() throws Exception {
        IsclKeyring scu = IsclKeyring.create();
        IsclKeyring scp = IsclKeyring.create();
        scu.putGenerated("MODALITY", "ARCHIVE", Map.of());
        scu.mirrorInto(scp, "MODALITY", "ARCHIVE", Map.of());
        Path ring = tmp.resolve("modality.keyring");
        scu.save(ring, PASSWORD);
        Path pw = Files.writeString(tmp.resolve("password"), new String(PASSWORD) + "\n");
        IsclConfig server = IsclConfig.builder(new SoftwareKeyCard(scp), "ARCHIVE").build();
        try (DicomServer s = server(Iscl.acceptor(server, LOOPBACK, 0), new AtomicReference<>(), new CountDownLatch(1))) {
            String out = run(IsclEcho::main, "127.0.0.1", Integer.toString(s.localPort()), ring.toString(),
                    pw.toString(), "MODALITY", "ARCHIVE");
            assertTrue(out.contains("peer ARCHIVE"), out);
            assertTrue(out.contains("C-ECHO: 0x0000"), out);
        }
    }

    @Test
    void probeTls() throws Exception {
        try (DicomServer s = server(TlsTransport.acceptor(serverTls(), LOOPBACK, 0), new AtomicReference<>(),
                new CountDownLatch(1))) {
            String out = run(ProbeTls::main, "127.0.0.1", Integer.toString(s.localPort()));
            assertTrue(out.contains("TLSv1.3: accepted"), out);
            assertTrue(out.contains("client certificate: required"), out);
            assertTrue(out.contains("certificate: " + pki.server().certificate().getSubjectX500Principal().getName()), out);
            assertTrue(List.of(out.split("\n")).stream().anyMatch(l -> l.startsWith("TLSv1: ")), out);
        }
    }

    @Test
    void echoFromConfig() throws Exception {
        try (DicomServer s = server(org.dicomsec.ul.transport.PlainTcp.acceptor(LOOPBACK, 0), new AtomicReference<>(),
                new CountDownLatch(1))) {
            String out = run(EchoFromConfig::main, "127.0.0.1", Integer.toString(s.localPort()));
            assertTrue(out.startsWith("plain (plain TCP") && out.contains("C-ECHO: 0x0000"), out);
        }
        try (DicomServer s = server(TlsTransport.acceptor(serverTls(), LOOPBACK, 0), new AtomicReference<>(),
                new CountDownLatch(1))) {
            String out = run(EchoFromConfig::main, "127.0.0.1", Integer.toString(s.localPort()),
                    pkiDir.resolve("ca.pem").toString(), pkiDir.resolve("client.key").toString(),
                    pkiDir.resolve("client.pem").toString());
            assertTrue(out.startsWith("tls (TLS bcp195-nd") && out.contains("C-ECHO: 0x0000"), out);
        }
    }
}
