package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.dicomsec.data.UID;
import org.dicomsec.tls.demo.DemoPki;
import org.dicomsec.ul.DicomFiles;
import org.dicomsec.ul.net.DicomServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * dicomsec echo / store / scp over TLS against DCMTK 3.6.7 built with OpenSSL
 * (echoscu, storescu, storescp {@code +tls}), per TLS profile with DCMTK's own
 * profile option ({@code +py} bcp195-nd, {@code +px} bcp195, {@code +pz}
 * bcp195-ex, {@code +pa} aes); keys from {@code dicomsec keys init}; a
 * certificate from another CA is refused. (The Basic profile's 3DES suite is
 * not in Debian's OpenSSL; tls-profile tests it against the JDK.)
 */
@Tag("interop")
class TlsInteropTest {

    @TempDir
    static Path pki;
    @TempDir
    Path tmp;

    @BeforeAll
    static void keys() throws IOException {
        CliRun r = CliRun.of("keys", "init", "-q", pki.toString());
        assertEquals(0, r.status(), r.toString());
        DemoPki.generate("Other Demo CA").write(pki.resolve("other"), "other-pw".toCharArray());
    }

    private static String k(String name) {
        return pki.resolve(name).toString();
    }

    private static String tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        String msg = "DCMTK '" + name + "' not on PATH: TLS interop test SKIPPED (apt-get install dcmtk)";
        if ("true".equals(System.getenv("CI"))) {
            fail(msg.replace("SKIPPED", "FAILED because CI=true"));
        }
        System.err.println(msg);
        Assumptions.abort(msg);
        return null;
    }

    private record Run(int status, String output) {
    }

    private Run run(String... cmd) throws Exception {
        List<String> c = new ArrayList<>(List.of(cmd));
        c.set(0, tool(cmd[0]));
        Path log = Files.createTempFile(tmp, cmd[0], ".log");
        Process p = new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not end");
        }
        return new Run(p.exitValue(), String.join(" ", cmd) + "\n" + Files.readString(log, StandardCharsets.UTF_8));
    }

    private static DicomServer scp(Path dir, String profile, String trust) throws Exception {
        return ScpCommand.start(ScpCommand.OPTIONS.parse("--port", "0", "--dir", dir.toString(), "--aet", "ARCH", "-q",
                        "--tls", profile, "--p12", k("server.p12"), "--password-file", k("password.txt"), "--trust", trust),
                new PrintStream(PrintStream.nullOutputStream()));
    }

    /** DCMTK's TLS options for a client or server with the given key, trusting the CA file. */
    private static List<String> dcmtkTls(String profileFlag, String key, String cert, String ca) {
        return List.of("+tls", key, cert, "-pw", "+cf", ca, profileFlag);
    }

    @ParameterizedTest(name = "{0} / DCMTK {1}")
    @CsvSource({"bcp195-nd, +py", "bcp195, +px", "bcp195-ex, +pz", "aes, +pa"})
    void echoscuAndStorescuOverTlsIntoDicomsecScp(String profile, String flag) throws Exception {
        Path out = tmp.resolve("received");
        try (DicomServer s = scp(out, profile, k("ca.pem"))) {
            String port = String.valueOf(s.localPort());
            List<String> tls = dcmtkTls(flag, k("client.key"), k("client.pem"), k("ca.pem"));
            List<String> echo = new ArrayList<>(List.of("echoscu", "-aec", "ARCH"));
            echo.addAll(tls);
            echo.addAll(List.of("127.0.0.1", port));
            Run e = run(echo.toArray(String[]::new));
            assertEquals(0, e.status(), e.output());

            Path f = NetFiles.write(tmp.resolve("src"), "1.2.826.0.1.3680043.2.1125.7." + Math.abs(profile.hashCode()),
                    UID.ExplicitVRLittleEndian, 200_000);
            List<String> store = new ArrayList<>(List.of("storescu", "-xe", "-aec", "ARCH"));
            store.addAll(tls);
            store.addAll(List.of("127.0.0.1", port, f.toString()));
            Run r = run(store.toArray(String[]::new));
            assertEquals(0, r.status(), r.output());
            Path stored = out.resolve(DicomFiles.inspect(f).sopInstanceUid() + ".dcm");
            assertArrayEquals(NetFiles.dataSet(f), NetFiles.dataSet(stored));
        }
    }

    @Test
    void echoscuWithACertificateOfAnotherCaIsRefused() throws Exception {
        try (DicomServer s = scp(tmp.resolve("received"), "bcp195-nd", k("ca.pem"))) {
            String port = String.valueOf(s.localPort());
            Path other = pki.resolve("other");
            List<String> cmd = new ArrayList<>(List.of("echoscu", "-aec", "ARCH"));
            cmd.addAll(dcmtkTls("+py", other.resolve("client.key").toString(), other.resolve("client.pem").toString(),
                    k("ca.pem")));
            cmd.addAll(List.of("127.0.0.1", port));
            Run refused = run(cmd.toArray(String[]::new));
            assertNotEquals(0, refused.status(), refused.output());
            // the listener keeps serving: a trusted client still gets through
            List<String> ok = new ArrayList<>(List.of("echoscu", "-aec", "ARCH"));
            ok.addAll(dcmtkTls("+py", k("client.key"), k("client.pem"), k("ca.pem")));
            ok.addAll(List.of("127.0.0.1", port));
            Run accepted = run(ok.toArray(String[]::new));
            assertEquals(0, accepted.status(), accepted.output());
        }
    }

    private static int freePort() throws IOException {
        return Storescp.freePort();
    }

    private Process storescp(int port, Path out, String flag, String ca) throws Exception {
        return Storescp.start(tool("storescp"), out, tmp, port, storescpTlsOptions(flag, ca));
    }

    /** storescp +B over TLS ({@code flag}: its profile; trusting {@code ca}) on a free port, into tmp/storescp. */
    private Storescp.Running storescpTls(String flag, String ca) throws Exception {
        return Storescp.run(tool("storescp"), tmp.resolve("storescp"), tmp, storescpTlsOptions(flag, ca));
    }

    private List<String> storescpTlsOptions(String flag, String ca) {
        List<String> options = new ArrayList<>(List.of("+B"));
        options.addAll(dcmtkTls(flag, k("server.key"), k("server.pem"), ca));
        return options;
    }

    @ParameterizedTest(name = "{0} / DCMTK {1}")
    @CsvSource({"bcp195-nd, +py", "bcp195, +px", "bcp195-ex, +pz", "aes, +pa"})
    void dicomsecStoreOverTlsIntoStorescp(String profile, String flag) throws Exception {
        try (Storescp.Running scp = storescpTls(flag, k("ca.pem"))) {
            int port = scp.port();
            Path out = scp.out();
            List<String> tls = List.of("--tls", profile, "--key", k("client.key"), "--cert", k("client.pem"),
                    "--trust", k("ca.pem"));
            List<String> echo = new ArrayList<>(List.of("echo", "--aec", "STORESCP"));
            echo.addAll(tls);
            echo.add("127.0.0.1:" + port);
            CliRun e = CliRun.of(echo.toArray(String[]::new));
            assertEquals(0, e.status(), e.toString());
            assertTrue(e.out().contains(profile), e.toString());

            Path f = NetFiles.write(tmp.resolve("src"), "1.2.826.0.1.3680043.2.1125.8." + Math.abs(profile.hashCode()),
                    UID.ExplicitVRLittleEndian, 300_000);
            List<String> store = new ArrayList<>(List.of("store", "--aec", "STORESCP"));
            store.addAll(tls);
            store.addAll(List.of("127.0.0.1:" + port, f.toString()));
            CliRun r = CliRun.of(store.toArray(String[]::new));
            assertEquals(0, r.status(), r.toString());
            String uid = DicomFiles.inspect(f).sopInstanceUid();
            Path stored;
            try (var s = Files.list(out)) {
                stored = s.filter(x -> x.getFileName().toString().contains(uid)).findFirst().orElseThrow();
            }
            assertArrayEquals(NetFiles.dataSet(f), NetFiles.dataSet(stored));
        }
    }

    @Test
    void storescpTrustingAnotherCaRefusesDicomsecStore() throws Exception {
        try (Storescp.Running scp = storescpTls("+py", pki.resolve("other").resolve("ca.pem").toString())) {
            int port = scp.port();
            Path out = scp.out();
            Path f = NetFiles.write(tmp.resolve("src"), "1.2.826.0.1.3680043.2.1125.9.1", UID.ExplicitVRLittleEndian, 1000);
            CliRun r = CliRun.of("store", "--aec", "STORESCP", "--key", k("client.key"), "--cert", k("client.pem"),
                    "--trust", k("ca.pem"), "127.0.0.1:" + port, f.toString());
            // OpenSSL sends its alert and closes; whether the alert or a reset arrives first is the kernel's
            // choice, and under TLS 1.3 whether this side's handshake has ended by then is the scheduler's:
            // the refusal is reported within the handshake or with the first PDU, the same way
            assertEquals(1, r.status(), r.toString());
            String where = "127.0.0.1:" + port;
            assertTrue(r.err().startsWith("dicomsec store: cannot open a transport connection: TLS handshake to " + where
                    + " failed") || r.err().contains("TLS peer " + where + " refused this side"), r.toString());
            assertTrue(r.err().contains("likely cause: "), r.toString());
            assertEquals(1, r.err().split(Pattern.quote(where), -1).length - 1, "the peer named once: " + r);
            try (var s = Files.list(out)) {
                assertEquals(0, s.count(), "nothing stored");
            }
        }
    }
    @Test
    void tlsAtAPlainStorescpAndPlainAtATlsStorescpAreEachToldWhatIsLikelyWrong() throws Exception {
        // storescp resets the connection in both cases, without a byte of answer
        int plainPort = freePort();
        Path out = Files.createDirectories(tmp.resolve("storescp"));
        Process plain = Storescp.start(tool("storescp"), out, tmp, plainPort, List.of("+B"));
        int tlsPort = freePort();
        Process tls = storescp(tlsPort, out, "+py", k("ca.pem"));
        try {
            CliRun toPlain = CliRun.of("echo", "--key", k("client.key"), "--cert", k("client.pem"), "--trust",
                    k("ca.pem"), "127.0.0.1:" + plainPort);
            assertEquals(1, toPlain.status(), toPlain.toString());
            assertTrue(toPlain.err().contains("before it answered the ClientHello: is this port for plain TCP"),
                    toPlain.toString());
            CliRun toTls = CliRun.of("echo", "127.0.0.1:" + tlsPort);
            assertEquals(1, toTls.status(), toTls.toString());
            assertTrue(toTls.err().contains("the peer closed the transport connection without answering the"
                    + " A-ASSOCIATE-RQ"), toTls.toString());
            assertTrue(toTls.err().contains("does it expect TLS or ISCL on this port?"), toTls.toString());
        } finally {
            plain.destroy();
            tls.destroy();
            plain.waitFor();
            tls.waitFor();
        }
    }
    @Test
    void anOriginalIsNotSentToAStorescpThatTakesNoStorageCommitment_aCopyIs() throws Exception {
        // storescp stores, but cannot confirm the transfer of an original (PS3.15 A.1.1 rule d.4)
        try (Storescp.Running scp = storescpTls("+py", k("ca.pem"))) {
            int port = scp.port();
            Path out = scp.out();
            Path f = Files.createDirectories(tmp.resolve("src")).resolve("sc.dcm");
            org.dicomsec.data.DicomFile.of(OriginalCommandTest.image("1.2.826.0.1.3680043.2.1125.9.7"),
                    org.dicomsec.data.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(f);
            CliRun made = CliRun.of("original", f.toString(), "--cert-number", "EQ-1");
            assertEquals(0, made.status(), made.toString());
            java.security.cert.X509Certificate server;
            try (var in = Files.newInputStream(pki.resolve("server.pem"))) {
                server = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificate(in);
            }
            String serverFp = org.dicomsec.storage.PeerPolicy.fingerprint(server);
            List<String> common = List.of("--outbox", tmp.resolve("outbox").toString(), "--key", k("client.key"),
                    "--cert", k("client.pem"), "--trust", k("ca.pem"), "--allow-peer", serverFp);
            List<String> original = new ArrayList<>(List.of("store", "--commit"));
            original.addAll(common);
            original.addAll(List.of("127.0.0.1:" + port, f.toString()));
            CliRun r = CliRun.of(original.toArray(String[]::new));
            assertEquals(1, r.status(), r.toString());
            assertTrue(r.err().contains("accepted no Storage Commitment Push Model context (1.2.840.10008.1.20.1)"),
                    r.toString());
            assertTrue(r.err().contains("nothing was sent"), r.toString());
            try (var s = Files.list(out)) {
                assertEquals(0, s.count(), "nothing stored");
            }
            List<String> copy = new ArrayList<>(List.of("store", "--as", "copy"));
            copy.addAll(common);
            copy.addAll(List.of("127.0.0.1:" + port, f.toString()));
            CliRun c = CliRun.of(copy.toArray(String[]::new));
            assertEquals(0, c.status(), c.toString());
            try (var s = Files.list(out)) {
                assertEquals(1, s.count(), "the copy stored");
            }
        }
    }
}
