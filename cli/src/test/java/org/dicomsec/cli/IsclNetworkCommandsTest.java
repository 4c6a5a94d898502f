package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.dicomsec.data.UID;
import org.dicomsec.ul.DicomFiles;
import org.dicomsec.ul.net.DicomServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dicomsec echo|store|scp --iscl ...} end to end over loopback ISCL (PS3.15 B.2),
 * with keyrings made by {@code dicomsec keys iscl}; a byte flipped in the middle of a
 * C-STORE ends the association with A-P-ABORT, provider reason 0x80, and nothing stored.
 */
class IsclNetworkCommandsTest {

    @TempDir
    static Path keys;
    static Path scuRing;
    static Path scpRing;
    static Path strangerRing;
    static Path pw;

    @TempDir
    Path tmp;

    @BeforeAll
    static void keyrings() throws Exception {
        pw = keys.resolve("pw");
        Files.writeString(pw, "iscl demo password\n");
        scpRing = keys.resolve("archive.keyring");
        scuRing = keys.resolve("modality.keyring");
        strangerRing = keys.resolve("stranger.keyring");
        ok("keys", "iscl", "init", "--kdf-iterations", "10000", "--password-file", pw.toString(), scpRing.toString());
        ok("keys", "iscl", "add", "--password-file", pw.toString(), "--local", "ARCHIVE", "--remote", "MODALITY",
                "--online-storage", "--export-peer", scuRing.toString(), "--peer-password-file", pw.toString(),
                "--kdf-iterations", "10000", scpRing.toString());
        // a keyring that names the same pair with another key: authentication must fail
        ok("keys", "iscl", "init", "--kdf-iterations", "10000", "--password-file", pw.toString(),
                strangerRing.toString());
        ok("keys", "iscl", "add", "--password-file", pw.toString(), "--local", "MODALITY", "--remote", "ARCHIVE",
                strangerRing.toString());
    }

    static void ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.status(), r.toString());
    }

    private static String[] with(String[] a, String... b) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(b));
        return l.toArray(String[]::new);
    }

    static String[] scuIscl(Path ring, String... more) {
        return with(new String[] {"--iscl", "--keyring", ring.toString(), "--entity", "MODALITY", "--peer-entity",
            "ARCHIVE", "--password-file", pw.toString()}, more);
    }

    DicomServer scp(Path dir, String... more) throws Exception {
        String[] args = with(new String[] {"--port", "0", "--dir", dir.toString(), "--aet", "ARCH", "--timeout", "5",
            "-q", "--iscl", "--keyring", scpRing.toString(), "--entity", "ARCHIVE", "--password-file", pw.toString()},
                more);
        return ScpCommand.start(ScpCommand.OPTIONS.parse(args), new PrintStream(new ByteArrayOutputStream()));
    }

    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            // the SCP's staging folder (empty files made for the next instances) is not an instance
            return s.filter(p -> !p.getFileName().toString().equals(org.dicomsec.storage.folder.FolderScp.STAGING))
                    .sorted().toList();
        }
    }

    @Test
    void echoAndStoreOverIsclWithPrivacy() throws Exception {
        Path src = tmp.resolve("src");
        Path f = NetFiles.write(src, "1.2.826.0.1.3680043.2.1125.9.1", UID.ExplicitVRLittleEndian, 2_000_000);
        Path out = tmp.resolve("received");
        try (DicomServer s = scp(out, "--privacy")) {
            CliRun echo = CliRun.of(with(new String[] {"echo", "--aec", "ARCH"},
                    scuIscl(scuRing, "--privacy", "127.0.0.1:" + s.localPort())));
            assertEquals(0, echo.status(), echo.toString());
            assertTrue(echo.out().contains("transport: iscl ISCL 1.1 (dicomsec wire format) DES-MAC+DES-CBC"),
                    echo.toString());
            assertTrue(echo.out().contains("C-ECHO: 0x0000 Success"), echo.toString());

            CliRun store = CliRun.of(with(new String[] {"store", "--aec", "ARCH", "--max-pdu", "65536"},
                    scuIscl(scuRing, "--privacy", "--integrity", "md5-des", "--md5-order", "2",
                            "127.0.0.1:" + s.localPort(), src.toString())));
            assertEquals(0, store.status(), store.toString());
            assertTrue(store.out().contains("stored 1 of 1 files"), store.toString());
        }
        Path stored = out.resolve("1.2.826.0.1.3680043.2.1125.9.1.dcm");
        assertEquals(List.of(stored), list(out));
        assertArrayEquals(NetFiles.dataSet(f), NetFiles.dataSet(stored));
        assertEquals(DicomFiles.inspect(f).sopClassUid(), DicomFiles.inspect(stored).sopClassUid());
    }

    /**
     * A study larger than the ISCL volume limit (bytes under one set of session keys) goes over
     * several associations, each with new keys, instead of ending in A-P-ABORT at the limit.
     */
    @Test
    void studyAboveTheVolumeLimitGoesOverSeveralAssociations() throws Exception {
        Path src = tmp.resolve("study");
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            files.add(NetFiles.write(src, "1.2.826.0.1.3680043.2.1125.9.2." + i, UID.ExplicitVRLittleEndian, 300_000));
        }
        Path out = tmp.resolve("received-study");
        try (DicomServer s = scp(out)) {
            CliRun store = CliRun.of(with(new String[] {"store", "--aec", "ARCH"},
                    scuIscl(scuRing, "--iscl-volume-limit", "1M", "127.0.0.1:" + s.localPort(), src.toString())));
            assertEquals(0, store.status(), store.toString());
            assertTrue(store.out().contains("stored 6 of 6 files"), store.toString());
        }
        assertEquals(6, list(out).size(), list(out).toString());
        for (Path f : files) {
            assertArrayEquals(NetFiles.dataSet(f), NetFiles.dataSet(out.resolve(f.getFileName())));
        }
    }

    @Test
    void peerWithAnotherKeyFailsAuthenticationAndAPlainClientIsNotServed() throws Exception {
        try (DicomServer s = scp(tmp.resolve("received"))) {
            CliRun r = CliRun.of(with(new String[] {"echo", "--aec", "ARCH"},
                    scuIscl(strangerRing, "127.0.0.1:" + s.localPort())));
            assertEquals(1, r.status(), r.toString());
            assertTrue(r.err().contains("AUTHENTICATION_FAILED"), r.toString());
            CliRun plain = CliRun.of("echo", "--aec", "ARCH", "--timeout", "3", "127.0.0.1:" + s.localPort());
            assertEquals(1, plain.status(), plain.toString());
        }
    }

    /**
     * A TCP relay that flips one bit of the byte at {@code offset} of the client's stream
     * (ISCL records: a body, header or tag byte; any of them fails the record checks).
     */
    static final class FlipRelay implements AutoCloseable {
        final ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        final ExecutorService exec = Executors.newFixedThreadPool(3);
        volatile Socket client;
        volatile Socket server;

        FlipRelay(int target, long offset) throws IOException {
            exec.submit(() -> {
                try {
                    client = listener.accept();
                    server = new Socket(InetAddress.getLoopbackAddress(), target);
                    exec.submit(() -> pump(server.getInputStream(), client.getOutputStream(), -1));
                    pump(client.getInputStream(), server.getOutputStream(), offset);
                } catch (IOException e) {
                    drop();
                }
                return null;
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        Void pump(InputStream in, OutputStream out, long flipAt) {
            try {
                byte[] buf = new byte[8192];
                long pos = 0;
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (flipAt >= pos && flipAt < pos + n) {
                        buf[(int) (flipAt - pos)] ^= 0x01;
                    }
                    pos += n;
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // a side dropped
            } finally {
                drop();
            }
            return null;
        }

        void drop() {
            for (Socket s : new Socket[] {client, server}) {
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            drop();
            listener.close();
            exec.shutdownNow();
        }
    }

    @Test
    void byteFlippedInTheMiddleOfACStoreIsAnAPAbortWithReason0x80AndNothingIsStored() throws Exception {
        Path src = tmp.resolve("src");
        NetFiles.write(src, "1.2.826.0.1.3680043.2.1125.9.2", UID.ExplicitVRLittleEndian, 4_000_000);
        Path out = tmp.resolve("received");
        try (DicomServer s = scp(out);
             FlipRelay relay = new FlipRelay(s.localPort(), 2_000_000)) {
            CliRun store = CliRun.of(with(new String[] {"store", "--aec", "ARCH"},
                    scuIscl(scuRing, "127.0.0.1:" + relay.port(), src.toString())));
            assertEquals(1, store.status(), store.toString());
            assertTrue(store.err().contains("A_P_ABORT reason 128 transport integrity failure"), store.toString());
        }
        assertEquals(List.of(), list(out), "nothing kept, not even a temporary file");
    }
    @Test
    void plainAndTlsRequestorsAtAnIsclPortAreToldWhatIsLikelyWrong() throws Exception {
        Path pki = tmp.resolve("pki");
        assertEquals(0, CliRun.of("keys", "init", "-q", pki.toString()).status());
        try (DicomServer s = scp(tmp.resolve("received"))) {
            CliRun plain = CliRun.of("echo", "--aec", "ARCH", "127.0.0.1:" + s.localPort());
            assertEquals(1, plain.status(), plain.toString());
            assertTrue(plain.err().contains("the answer to the A-ASSOCIATE-RQ is not DICOM: does the peer expect TLS or"
                    + " ISCL on this port?"), plain.toString());
            CliRun tls = CliRun.of("echo", "--aec", "ARCH", "--key", pki.resolve("client.key").toString(), "--cert",
                    pki.resolve("client.pem").toString(), "--trust", pki.resolve("ca.pem").toString(),
                    "127.0.0.1:" + s.localPort());
            assertEquals(1, tls.status(), tls.toString());
            assertTrue(tls.err().contains("its answer begins as an ISCL LINE-CONNECT-RJ"), tls.toString());
            assertTrue(tls.err().contains("is this port for ISCL?"), tls.toString());
        }
    }
}
