package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dicomsec.data.UID;
import org.dicomsec.tls.demo.DemoPki;
import org.dicomsec.ul.net.DicomServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dicomsec echo|store|scp} over the secure transports, end to end through
 * the command line: TLS with the demo PKI (files as {@code keys init} writes
 * them) and ISCL with keyrings made by {@code keys iscl}.
 */
class SecureNetworkCommandsTest {

    @TempDir
    static Path dir;
    static Path pki;
    static Path otherPki;
    static Path scuRing;
    static Path scpRing;
    static Path pw;

    @BeforeAll
    static void keys() throws Exception {
        pki = dir.resolve("pki");
        otherPki = dir.resolve("other-pki");
        assertEquals(0, CliRun.of("keys", "init", pki.toString()).status());
        DemoPki.generate("Unrelated Demo CA").write(otherPki, DemoPki.DEFAULT_PASSWORD.toCharArray());
        pw = dir.resolve("pw");
        Files.writeString(pw, "keyring password\n");
        scuRing = dir.resolve("scu.keyring");
        scpRing = dir.resolve("scp.keyring");
        cli("keys", "iscl", "init", "--kdf-iterations", "10000", "--password-file", pw.toString(), scpRing.toString());
        cli("keys", "iscl", "add", "--password-file", pw.toString(), "--local", "ARCH", "--remote", "TESTER",
                "--export-peer", scuRing.toString(), "--peer-password-file", pw.toString(),
                "--kdf-iterations", "10000", scpRing.toString());
    }

    private static void cli(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.status(), r.toString());
    }

    private static List<String> tls(Path pkiDir, String who) {
        return List.of("--tls", "bcp195-nd", "--key", pkiDir.resolve(who + ".key").toString(),
                "--cert", pkiDir.resolve(who + ".pem").toString(), "--trust", pkiDir.resolve("ca.pem").toString());
    }

    private static List<String> iscl(Path ring, String entity) {
        return List.of("--iscl", "--keyring", ring.toString(), "--entity", entity, "--password-file", pw.toString());
    }

    private static DicomServer scp(Path in, List<String> transport) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--dir", in.toString(), "--aet", "ARCH",
                "--timeout", "10", "-q"));
        args.addAll(transport);
        return ScpCommand.start(ScpCommand.OPTIONS.parse(args.toArray(String[]::new)),
                new PrintStream(new ByteArrayOutputStream()));
    }

    private static CliRun run(List<String> head, List<String> transport, String... tail) {
        List<String> args = new ArrayList<>(head);
        args.addAll(transport);
        args.addAll(List.of(tail));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void echoAndStoreOverTlsWithMutualAuthentication() throws Exception {
        Path in = dir.resolve("tls-in");
        Path file = NetFiles.write(dir.resolve("tls-out"), "1.2.826.0.1.3680043.2.1125.7.1",
                UID.ExplicitVRLittleEndian, 64 * 1024);
        try (DicomServer s = scp(in, tls(pki, "server"))) {
            String target = "localhost:" + s.localPort();
            CliRun echo = run(List.of("echo", "--aet", "TESTER", "--aec", "ARCH"), tls(pki, "client"), target);
            assertEquals(0, echo.status(), echo.toString());
            assertTrue(echo.out().contains("TLS"), "the echo names the TLS transport: " + echo);
            assertTrue(echo.out().contains("bcp195-nd"), "and the profile: " + echo);
            // without --max-pdu both sides announce the TLS default (whole records per PDU), not 16384
            assertTrue(echo.out().contains("maximum PDU length: ours 65530, peer's 65530"), echo.toString());

            CliRun store = run(List.of("store", "--aet", "TESTER", "--aec", "ARCH", "-q"), tls(pki, "client"),
                    target, file.toString());
            assertEquals(0, store.status(), store.toString());
        }
        Path received = in.resolve("1.2.826.0.1.3680043.2.1125.7.1.dcm");
        assertTrue(Files.exists(received), "stored over TLS");
        assertArrayEquals(NetFiles.dataSet(file), NetFiles.dataSet(received), "data set arrives byte-identical");
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefusedAndNothingIsStored() throws Exception {
        Path in = dir.resolve("tls-refused");
        Path file = NetFiles.write(dir.resolve("tls-refused-out"), "1.2.826.0.1.3680043.2.1125.7.2",
                UID.ExplicitVRLittleEndian, 1024);
        try (DicomServer s = scp(in, tls(pki, "server"))) {
            List<String> wrongClient = List.of("--tls", "bcp195-nd",
                    "--key", otherPki.resolve("client.key").toString(),
                    "--cert", otherPki.resolve("client.pem").toString(),
                    "--trust", pki.resolve("ca.pem").toString());
            CliRun store = run(List.of("store", "--aet", "TESTER", "--aec", "ARCH", "-q"), wrongClient,
                    "localhost:" + s.localPort(), file.toString());
            assertFalse(store.status() == 0, "an untrusted client must not store: " + store);
        }
        assertFalse(Files.exists(in.resolve("1.2.826.0.1.3680043.2.1125.7.2.dcm")), "nothing stored");
    }

    @Test
    void plainClientOnTheTlsPortIsRefusedAndTheServerKeepsServing() throws Exception {
        try (DicomServer s = scp(dir.resolve("tls-plain"), tls(pki, "server"))) {
            String target = "localhost:" + s.localPort();
            CliRun plain = CliRun.of("echo", "--aec", "ARCH", "--timeout", "5", target);
            assertFalse(plain.status() == 0, "plain DICOM on a TLS port must fail: " + plain);
            CliRun echo = run(List.of("echo", "--aet", "TESTER", "--aec", "ARCH"), tls(pki, "client"), target);
            assertEquals(0, echo.status(), "the listener still serves TLS clients: " + echo);
        }
    }

    @Test
    void echoAndStoreOverIscl() throws Exception {
        Path in = dir.resolve("iscl-in");
        Path file = NetFiles.write(dir.resolve("iscl-out"), "1.2.826.0.1.3680043.2.1125.7.3",
                UID.ImplicitVRLittleEndian, 48 * 1024);
        try (DicomServer s = scp(in, iscl(scpRing, "ARCH"))) {
            String target = "localhost:" + s.localPort();
            CliRun echo = run(List.of("echo", "--aet", "TESTER", "--aec", "ARCH"), iscl(scuRing, "TESTER"), target);
            assertEquals(0, echo.status(), echo.toString());
            assertTrue(echo.out().toLowerCase().contains("iscl"), "the echo names the ISCL transport: " + echo);

            CliRun store = run(List.of("store", "--aet", "TESTER", "--aec", "ARCH", "-q"),
                    iscl(scuRing, "TESTER"), target, file.toString());
            assertEquals(0, store.status(), store.toString());
        }
        Path received = in.resolve("1.2.826.0.1.3680043.2.1125.7.3.dcm");
        assertArrayEquals(NetFiles.dataSet(file), NetFiles.dataSet(received), "data set arrives byte-identical");
    }
}
