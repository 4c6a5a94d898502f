package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.dicomsec.tls.CertificateIssuer;
import org.dicomsec.tls.demo.DemoPki;
import org.dicomsec.tls.TlsHandshakeException;
import org.dicomsec.tls.TlsProfile;
import org.dicomsec.ul.transport.SecurityDescription;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TransportOptions}: each option combination, and real loopback connections through what it yields. */
class TransportOptionsTest {

    private static final String PW = "s3cret-Pw";

    @TempDir
    static Path dir;
    static DemoPki pki;
    static Path pwFile;

    @BeforeAll
    static void pki() throws IOException {
        pki = DemoPki.generate();
        pki.write(dir, PW.toCharArray());
        pwFile = dir.resolve("pw.txt");
        Files.writeString(pwFile, PW + "\n");
    }

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private static String f(String name) {
        return dir.resolve(name).toString();
    }

    private TransportOptions parse(Map<String, String> env, String... args) throws Exception {
        OptionParser p = TransportOptions.declare(new OptionParser("test", "transport options under test"))
                .remainingPositionals("ARGS", "what a command takes besides", false);
        return TransportOptions.from(p.parse(args), err, env::get);
    }

    private TransportOptions parse(String... args) throws Exception {
        return parse(Map.of(), args);
    }

    @Test
    void noOptionIsPlainTcpOnPort11112() throws Exception {
        TransportOptions t = parse();
        assertFalse(t.isTls());
        assertNull(t.tlsConfig());
        assertEquals(11112, t.port(-1));
        assertEquals(104, t.port(104));
        assertEquals("plain TCP (no TLS)", t.describe());
        assertEquals("", err());
    }

    @Test
    void anyTlsOptionTurnsOnTheDefaultProfileOnPort2762() throws Exception {
        TransportOptions t = parse("--trust", f("ca.pem"));
        assertTrue(t.isTls());
        assertEquals(TlsProfile.BCP195_ND, t.tlsConfig().profile());
        assertEquals(2762, t.port(-1));
        assertNull(t.tlsConfig().keyMaterial());
        assertEquals(List.of(pki.ca().certificate()), t.tlsConfig().trustAnchors());
        assertTrue(t.tlsConfig().peerCertificateRequired());
        assertFalse(t.tlsConfig().verifyHostName());
        assertTrue(t.describe().startsWith("TLS bcp195-nd, no own certificate, trust 1 CA(s) from "), t.describe());
    }

    @Test
    void pemKeyAndCertificateWithNamedProfile() throws Exception {
        TransportOptions t = parse("--tls", "bcp195-ex", "--key", f("client.key"), "--cert", f("client.pem"),
                "--trust", f("ca.pem"), "--verify-host");
        assertEquals(TlsProfile.BCP195_EX, t.tlsConfig().profile());
        assertEquals(pki.client().certificate(), t.tlsConfig().keyMaterial().certificate());
        assertTrue(t.tlsConfig().verifyHostName());
        assertTrue(t.describe().contains("host name checked"), t.describe());
        assertEquals("", err());
    }

    @Test
    void weakProfileIsWarnedAbout() throws Exception {
        TransportOptions t = parse("--tls", "AES", "--trust", f("ca.pem"));
        assertEquals(TlsProfile.AES, t.tlsConfig().profile());
        assertTrue(err().contains("warning: TLS profile 'aes'"), err());
    }

    @Test
    void unknownProfileAndMissingProfileNameAreUsageErrors() {
        UsageException e = assertThrows(UsageException.class, () -> parse("--tls", "tls13", "--trust", f("ca.pem")));
        assertTrue(e.getMessage().contains("bcp195-nd"), e.getMessage());
        UsageException m = assertThrows(UsageException.class, () -> parse("--tls", "--p12", f("server.p12")));
        assertTrue(m.getMessage().startsWith("--tls needs a profile name"), m.getMessage());
    }

    @Test
    void pkcs12WithPasswordFile() throws Exception {
        TransportOptions t = parse("--p12", f("server.p12"), "--password-file", pwFile.toString(), "--trust", f("ca.pem"));
        assertEquals(pki.server().certificate(), t.tlsConfig().keyMaterial().certificate());
        assertEquals(2, t.tlsConfig().keyMaterial().chain().size());
        assertFalse(t.describe().contains(PW));
        assertEquals("", err());
    }

    @Test
    void pkcs12WithPasswordFromTheEnvironment() throws Exception {
        TransportOptions t = parse(Map.of("DICOMSEC_PW", PW), "--p12", f("client.p12"), "--password-env", "DICOMSEC_PW",
                "--trust", f("ca.pem"));
        assertEquals(pki.client().certificate(), t.tlsConfig().keyMaterial().certificate());
        UsageException e = assertThrows(UsageException.class, () -> parse(Map.of(), "--p12", f("client.p12"),
                "--password-env", "DICOMSEC_PW", "--trust", f("ca.pem")));
        assertTrue(e.getMessage().contains("DICOMSEC_PW is not set"), e.getMessage());
    }

    @Test
    void passwordInClearIsAcceptedWithAWarning() throws Exception {
        TransportOptions t = parse("--p12", f("client.p12"), "--password", PW, "--trust", f("ca.pem"));
        assertEquals(pki.client().certificate(), t.tlsConfig().keyMaterial().certificate());
        assertTrue(err().startsWith("warning: --password shows the password"), err());
        assertFalse(err().contains(PW));
    }

    @Test
    void keyGivenAsPkcs12IsTakenAsP12() throws Exception {
        TransportOptions t = parse("--key", f("server.p12"), "--password-file", pwFile.toString(), "--trust", f("ca.pem"));
        assertEquals(pki.server().certificate(), t.tlsConfig().keyMaterial().certificate());
    }

    @Test
    void pkcs12TrustStore() throws Exception {
        TransportOptions t = parse("--trust", f("truststore.p12"), "--password-file", pwFile.toString());
        assertEquals(List.of(pki.ca().certificate()), t.tlsConfig().trustAnchors());
        UsageException e = assertThrows(UsageException.class, () -> parse("--trust", f("truststore.p12")));
        assertTrue(e.getMessage().contains("needs its password"), e.getMessage());
    }

    @Test
    void contradictoryOrIncompleteCombinationsAreUsageErrors() {
        assertThrows(UsageException.class, () -> parse("--p12", f("server.p12"), "--key", f("server.key"),
                "--password-file", pwFile.toString(), "--trust", f("ca.pem")));
        UsageException alone = assertThrows(UsageException.class, () -> parse("--key", f("server.key"), "--trust", f("ca.pem")));
        assertTrue(alone.getMessage().contains("--key and --cert go together"), alone.getMessage());
        assertThrows(UsageException.class, () -> parse("--cert", f("server.pem"), "--trust", f("ca.pem")));
        UsageException noPw = assertThrows(UsageException.class, () -> parse("--p12", f("server.p12"), "--trust", f("ca.pem")));
        assertTrue(noPw.getMessage().contains("--password-file"), noPw.getMessage());
        UsageException two = assertThrows(UsageException.class, () -> parse("--p12", f("server.p12"), "--password", PW,
                "--password-file", pwFile.toString(), "--trust", f("ca.pem")));
        assertTrue(two.getMessage().contains("one of"), two.getMessage());
        UsageException plainPw = assertThrows(UsageException.class, () -> parse("--password-file", pwFile.toString()));
        assertTrue(plainPw.getMessage().contains("only used with"), plainPw.getMessage());
        UsageException noTrust = assertThrows(UsageException.class,
                () -> parse("--key", f("server.key"), "--cert", f("server.pem")));
        assertTrue(noTrust.getMessage().contains("--trust") && noTrust.getMessage().contains("--no-peer-cert-check"),
                noTrust.getMessage());
    }

    @Test
    void noPeerCertCheckIsExplicitAndSaidOnStderr() throws Exception {
        TransportOptions t = parse("--tls", "bcp195", "--no-peer-cert-check");
        assertFalse(t.tlsConfig().peerCertificateRequired());
        assertTrue(t.tlsConfig().trustAnchors().isEmpty());
        assertTrue(err().contains("warning: --no-peer-cert-check"), err());
        assertTrue(t.describe().contains("PEER CERTIFICATE NOT CHECKED"), t.describe());
    }

    @Test
    void unreadableFilesEndWithStatus2() throws Exception {
        CommandException missing = assertThrows(CommandException.class,
                () -> parse("--key", f("nope.key"), "--cert", f("client.pem"), "--trust", f("ca.pem")));
        assertEquals(2, missing.status());
        assertTrue(missing.getMessage().contains("nope.key"), missing.getMessage());
        CommandException wrongPw = assertThrows(CommandException.class,
                () -> parse("--p12", f("server.p12"), "--password", "wrong", "--trust", f("ca.pem")));
        assertEquals(2, wrongPw.status());
        CommandException noPwFile = assertThrows(CommandException.class,
                () -> parse("--p12", f("server.p12"), "--password-file", f("absent.txt"), "--trust", f("ca.pem")));
        assertTrue(noPwFile.getMessage().contains("absent.txt"), noPwFile.getMessage());
        Path empty = dir.resolve("empty-pw.txt");
        Files.writeString(empty, "\nsecond line");
        assertThrows(UsageException.class,
                () -> parse("--p12", f("server.p12"), "--password-file", empty.toString(), "--trust", f("ca.pem")));
    }

    @Test
    void crlFilesAreRead() throws Exception {
        Path crl = dir.resolve("ca.crl");
        byte[] der = CertificateIssuer.crl(pki.ca().certificate(), pki.ca().privateKey(), List.of(BigInteger.TEN),
                Duration.ofDays(1)).getEncoded();
        Files.writeString(crl, "-----BEGIN X509 CRL-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END X509 CRL-----\n");
        TransportOptions t = parse("--trust", f("ca.pem"), "--crl", crl.toString());
        assertEquals(1, t.tlsConfig().crls().size());
        assertTrue(t.describe().contains("CRLs"), t.describe());
    }

    @Test
    void listenerWithoutOwnCertificateIsRefused() throws Exception {
        TransportOptions t = parse("--trust", f("ca.pem"));
        UsageException e = assertThrows(UsageException.class, () -> t.acceptor(InetAddress.getLoopbackAddress(), 0));
        assertTrue(e.getMessage().contains("--p12"), e.getMessage());
    }

    /** Accepts one connection, echoes what it reads back, and returns the connection's security. */
    private static CompletableFuture<TransportConnection> echoOnce(TransportAcceptor acceptor) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                TransportConnection c = acceptor.accept().handshake(10_000);
                try (c) {
                    InputStream in = c.input();
                    OutputStream out = c.output();
                    byte[] buf = new byte[4096];
                    int n = in.read(buf);
                    out.write(buf, 0, n);
                    out.flush();
                    in.read();
                }
                return c;
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    @Test
    void tlsRoundTripThroughTheProducedConnectorAndAcceptor() throws Exception {
        TransportOptions server = parse("--tls", "bcp195-nd", "--p12", f("server.p12"), "--password-file",
                pwFile.toString(), "--trust", f("ca.pem"));
        TransportOptions client = parse("--key", f("client.key"), "--cert", f("client.pem"), "--trust",
                f("truststore.p12"), "--password-file", pwFile.toString(), "--verify-host");
        try (TransportAcceptor acceptor = server.acceptor(InetAddress.getLoopbackAddress(), 0)) {
            CompletableFuture<TransportConnection> served = echoOnce(acceptor);
            byte[] hello = "A-ASSOCIATE-RQ stand-in".getBytes(StandardCharsets.US_ASCII);
            try (TransportConnection c = client.connector()
                    .connect(new InetSocketAddress("localhost", acceptor.localPort()), 10_000)) {
                c.output().write(hello);
                c.output().flush();
                byte[] echo = new byte[hello.length];
                new DataInputStream(c.input()).readFully(echo);
                assertArrayEquals(hello, echo);
                SecurityDescription s = c.security();
                assertTrue(s.secure());
                assertEquals("bcp195-nd", s.profile());
                assertEquals(pki.server().certificate().getSubjectX500Principal().getName(), c.peer().name());
            }
            TransportConnection sc = served.get(20, TimeUnit.SECONDS);
            assertEquals(pki.client().certificate().getSubjectX500Principal().getName(), sc.peer().name());
        }
    }

    @Test
    void plainRoundTripThroughTheProducedConnectorAndAcceptor() throws Exception {
        TransportOptions plain = parse();
        try (TransportAcceptor acceptor = plain.acceptor(InetAddress.getLoopbackAddress(), 0)) {
            CompletableFuture<TransportConnection> served = echoOnce(acceptor);
            try (TransportConnection c = plain.connector()
                    .connect(new InetSocketAddress("127.0.0.1", acceptor.localPort()), 10_000)) {
                c.output().write(new byte[] {1, 2, 3});
                c.output().flush();
                byte[] echo = new byte[3];
                new DataInputStream(c.input()).readFully(echo);
                assertArrayEquals(new byte[] {1, 2, 3}, echo);
                assertFalse(c.security().secure());
            }
            served.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void serverOfAnotherCaIsRefusedBeforeAnyByte() throws Exception {
        Path other = dir.resolve("other");
        DemoPki.generate("Other Demo CA").write(other, PW.toCharArray());
        TransportOptions server = parse("--key", other.resolve("server.key").toString(), "--cert",
                other.resolve("server.pem").toString(), "--trust", other.resolve("ca.pem").toString());
        TransportOptions client = parse("--key", f("client.key"), "--cert", f("client.pem"), "--trust", f("ca.pem"));
        try (TransportAcceptor acceptor = server.acceptor(InetAddress.getLoopbackAddress(), 0)) {
            CompletableFuture<TransportConnection> served = echoOnce(acceptor);
            IOException e = assertThrows(IOException.class, () -> client.connector()
                    .connect(new InetSocketAddress("127.0.0.1", acceptor.localPort()), 10_000).close());
            assertInstanceOf(TlsHandshakeException.class, e);
            assertTrue(e.getMessage().contains("unknown_ca"), e.getMessage());
            Exception se = assertThrows(Exception.class, () -> served.get(20, TimeUnit.SECONDS));
            assertInstanceOf(IOException.class, se.getCause().getCause());
        }
    }
}
