package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.dicomsec.iscl.IsclError;
import org.dicomsec.iscl.IsclException;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ISCL options of {@link TransportOptions}: parsing, refusals, and real loopback
 * connections through the connector and acceptor they yield, with two keyrings made
 * by {@code dicomsec keys iscl}.
 */
class IsclTransportOptionsTest {

    static final String PW_SCU = "scu keyring password";
    static final String PW_SCP = "scp keyring password";

    @TempDir
    static Path dir;
    static Path scuRing;
    static Path scpRing;
    static Path pwScu;
    static Path pwScp;

    /** SCU's keyring: SCU -> SCP (online storage); SCP's keyring: SCP -> SCU, SCP -> OTHER; OTHER's keyring. */
    @BeforeAll
    static void keyrings() throws Exception {
        scuRing = dir.resolve("scu.keyring");
        scpRing = dir.resolve("scp.keyring");
        pwScu = dir.resolve("scu.pw");
        pwScp = dir.resolve("scp.pw");
        Files.writeString(pwScu, PW_SCU + "\n");
        Files.writeString(pwScp, PW_SCP + "\n");
        cli("keys", "iscl", "init", "--kdf-iterations", "10000", "--password-file", pwScp.toString(),
                scpRing.toString());
        cli("keys", "iscl", "add", "--password-file", pwScp.toString(), "--local", "SCP", "--remote", "SCU",
                "--online-storage", "--export-peer", scuRing.toString(), "--peer-password-file", pwScu.toString(),
                "--kdf-iterations", "10000", scpRing.toString());
        cli("keys", "iscl", "add", "--password-file", pwScp.toString(), "--local", "SCP", "--remote", "OTHER",
                "--export-peer", dir.resolve("other.keyring").toString(), "--peer-password-file", pwScu.toString(),
                "--kdf-iterations", "10000", scpRing.toString());
    }

    private static void cli(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.status(), r.toString());
    }

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private TransportOptions parse(String... args) throws Exception {
        OptionParser p = TransportOptions.declare(new OptionParser("test", "transport options under test"));
        return TransportOptions.from(p.parse(args), err, Map.<String, String>of()::get);
    }

    private TransportOptions scu(String... more) throws Exception {
        return parse(concat(new String[] {"--iscl", "--keyring", scuRing.toString(), "--entity", "SCU",
            "--password-file", pwScu.toString()}, more));
    }

    private TransportOptions scp(String... more) throws Exception {
        return parse(concat(new String[] {"--iscl", "--keyring", scpRing.toString(), "--entity", "SCP",
            "--password-file", pwScp.toString()}, more));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void isclOptionsGivePort2761AndADescriptionWithoutSecrets() throws Exception {
        TransportOptions t = scu();
        assertTrue(t.isIscl());
        assertFalse(t.isTls());
        assertNull(t.tlsConfig());
        assertEquals(2761, t.port(-1));
        assertEquals(104, t.port(104));
        assertEquals("SCP", t.isclOptions().calledEntity(), "the single peer of SCU in its keyring");
        assertEquals("ISCL entity SCU, any peer entity of the keyring, keyring " + scuRing
                + ", integrity DES-MAC or MD5+DES, privacy DES-CBC if the initiator offers it, MD5 order 1", t.describe());
        assertFalse(t.describe().contains(PW_SCU));
        assertEquals("", errBytes.toString(StandardCharsets.UTF_8));

        TransportOptions p = scu("--peer-entity", "SCP", "--privacy", "--integrity", "md5-des", "--md5-order", "2");
        assertEquals("ISCL entity SCU, peer entity SCP, keyring " + scuRing
                + ", integrity MD5+DES, privacy DES-CBC required, MD5 order 2", p.describe());
    }

    @Test
    void incompleteOrContradictoryIsclOptionsAreUsageErrors() {
        assertUsage("ISCL needs --keyring FILE and --entity NAME", "--iscl", "--entity", "SCU");
        assertUsage("ISCL needs --keyring FILE and --entity NAME", "--privacy");
        assertUsage("choose TLS or ISCL", "--iscl", "--keyring", scuRing.toString(), "--entity", "SCU",
                "--password-file", pwScu.toString(), "--tls", "bcp195");
        assertUsage("--integrity: des-mac or md5-des, not 'sha1'", "--iscl", "--keyring", scuRing.toString(),
                "--entity", "SCU", "--password-file", pwScu.toString(), "--integrity", "sha1");
        assertUsage("--md5-order: 1 (encrypt the random number, then hash) or 2", "--iscl", "--keyring",
                scuRing.toString(), "--entity", "SCU", "--password-file", pwScu.toString(), "--md5-order", "3");
        assertUsage("has no entry for entity NOBODY", "--iscl", "--keyring", scuRing.toString(), "--entity",
                "NOBODY", "--password-file", pwScu.toString());
        assertUsage("has no key for SCU -> OTHER (its peers of SCU: SCP)", "--iscl", "--keyring",
                scuRing.toString(), "--entity", "SCU", "--peer-entity", "OTHER", "--password-file", pwScu.toString());
        assertUsage("--entity: \"\" is not an ISCL entity name", "--iscl", "--keyring", scuRing.toString(),
                "--entity", "", "--password-file", pwScu.toString());
        assertUsage("no password for keyring " + scuRing + ": give --password-file FILE or --password-env VAR",
                "--iscl", "--keyring", scuRing.toString(), "--entity", "SCU");
        CommandException wrong = assertThrows(CommandException.class, () -> parse("--iscl", "--keyring",
                scuRing.toString(), "--entity", "SCU", "--password-file", pwScp.toString()));
        assertEquals(2, wrong.status());
        assertTrue(wrong.getMessage().contains("wrong password or damaged file"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains(PW_SCP));
    }

    private void assertUsage(String expected, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** Accepts one connection, echoes what it reads until the peer's DISCONNECT, returns the connection. */
    private static CompletableFuture<TransportConnection> echoOnce(TransportAcceptor acceptor) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                TransportConnection c = acceptor.accept().handshake(10_000);
                try (c) {
                    byte[] buf = new byte[4096];
                    int n;
                    while ((n = c.input().read(buf)) > 0) {
                        c.output().write(buf, 0, n);
                        c.output().flush();
                    }
                }
                return c;
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    @Test
    void roundTripWithPrivacyAndMd5DesThroughTheProducedConnectorAndAcceptor() throws Exception {
        TransportOptions server = scp("--privacy");
        TransportOptions client = scu("--peer-entity", "SCP", "--privacy", "--integrity", "md5-des",
                "--md5-order", "2");
        try (TransportAcceptor acceptor = server.acceptor(InetAddress.getLoopbackAddress(), 0)) {
            CompletableFuture<TransportConnection> served = echoOnce(acceptor);
            byte[] hello = new byte[100_000];
            for (int i = 0; i < hello.length; i++) {
                hello[i] = (byte) (i * 7);
            }
            try (TransportConnection c = client.connector()
                    .connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), acceptor.localPort()), 10_000)) {
                c.output().write(hello);
                c.output().flush();
                byte[] echo = new byte[hello.length];
                new DataInputStream(c.input()).readFully(echo);
                assertArrayEquals(hello, echo);
                assertTrue(c.security().secure());
                assertTrue(c.security().privacy());
                assertEquals("MD5+DES+DES-CBC", c.security().cipherSuite());
                assertEquals(new PeerIdentity(PeerIdentity.Kind.ISCL_ENTITY, "SCP", java.util.List.of(),
                        Map.of("profile.online-storage", "true")), c.peer());
            }
            TransportConnection sc = served.get(20, TimeUnit.SECONDS);
            assertEquals("SCU", sc.peer().name());
            assertEquals(Map.of("profile.online-storage", "true"), sc.peer().attributes());
        }
    }

    @Test
    void defaultsNegotiateDesMacWithoutPrivacy() throws Exception {
        try (TransportAcceptor acceptor = scp().acceptor(InetAddress.getLoopbackAddress(), 0)) {
            CompletableFuture<TransportConnection> served = echoOnce(acceptor);
            try (TransportConnection c = scu().connector()
                    .connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), acceptor.localPort()), 10_000)) {
                c.output().write(new byte[] {1, 2, 3});
                c.output().flush();
                byte[] echo = new byte[3];
                new DataInputStream(c.input()).readFully(echo);
                assertArrayEquals(new byte[] {1, 2, 3}, echo);
                assertEquals("DES-MAC", c.security().cipherSuite());
                assertFalse(c.security().privacy());
            }
            served.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void listenerRequiringPrivacyRefusesAClientWithoutIt() throws Exception {
        try (TransportAcceptor acceptor = scp("--privacy").acceptor(InetAddress.getLoopbackAddress(), 0)) {
            CompletableFuture<TransportConnection> served = echoOnce(acceptor);
            IsclException e = assertThrows(IsclException.class, () -> scu().connector()
                    .connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), acceptor.localPort()), 10_000));
            assertEquals(IsclError.PEER_ERROR, e.error());
            assertEquals(IsclError.NO_ACCEPTABLE_MECHANISM.code(), e.peerCode());
            Exception se = assertThrows(Exception.class, () -> served.get(20, TimeUnit.SECONDS));
            assertTrue(se.getCause() instanceof IsclException x && x.error() == IsclError.NO_ACCEPTABLE_MECHANISM,
                    String.valueOf(se.getCause()));
        }
    }

    @Test
    void listenerWithPeerEntityRefusesAnyOtherEntityOfItsKeyring() throws Exception {
        try (TransportAcceptor acceptor = scp("--peer-entity", "SCU").acceptor(InetAddress.getLoopbackAddress(), 0)) {
            CompletableFuture<TransportConnection> served = echoOnce(acceptor);
            TransportOptions other = parse("--iscl", "--keyring", dir.resolve("other.keyring").toString(), "--entity",
                    "OTHER", "--password-file", pwScu.toString());
            IsclException e = assertThrows(IsclException.class, () -> other.connector()
                    .connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), acceptor.localPort()), 10_000));
            // answered like a wrong key (docs/iscl-wire-format.md 6.4); the listener's own error says why
            assertEquals(IsclError.AUTHENTICATION_FAILED.code(), e.peerCode(), e.getMessage());
            Exception se = assertThrows(Exception.class, () -> served.get(20, TimeUnit.SECONDS));
            assertTrue(se.getCause() instanceof IsclException x && x.error() == IsclError.UNKNOWN_ENTITY
                    && x.getMessage().contains("calling entity \"OTHER\""), String.valueOf(se.getCause()));
        }
    }

    @Test
    void initiatorWithSeveralPeersNeedsPeerEntity() throws Exception {
        TransportOptions t = scp();
        assertNull(t.isclOptions().calledEntity());
        IsclException e = assertThrows(IsclException.class, () -> t.connector()
                .connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9), 1_000));
        assertTrue(e.getMessage().contains("--peer-entity NAME is needed: keyring " + scpRing
                + " has 2 peers for entity SCP (OTHER, SCU)"), e.getMessage());
    }
}
