package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.TransportConnection;
import org.junit.jupiter.api.Test;
import org.dicomsec.tls.demo.DemoPki;

/**
 * Peers that must be refused during the handshake, before any application byte:
 * untrusted CA, expired or wrong-purpose certificate, missing client certificate,
 * wrong host name, plain bytes on the TLS port, downgrade attempts under bcp195-nd.
 */
class RefusalTest {

    private final TestPki t = TestPki.get();

    private TlsHandshakeException refusedClient(TlsConfig server, TlsConfig client, EchoServer[] holder) throws Exception {
        EchoServer s = new EchoServer(server);
        holder[0] = s;
        return assertThrows(TlsHandshakeException.class, () -> connectAndRead(client, s.port()));
    }

    /**
     * Connects and reads one byte. Under TLS 1.3 a client finishes its handshake
     * before the server has checked the client certificate (RFC 8446 4.4.2.4), so
     * the server's refusal reaches the client with its first read.
     */
    private static void connectAndRead(TlsConfig client, int port) throws IOException {
        try (TransportConnection c = TlsTransport.connector(client).connect(new InetSocketAddress("127.0.0.1", port), 10_000)) {
            c.output().write(1);
            c.output().flush();
            c.input().read();
        }
    }

    /** The server refuses the client with {@code alert}; the client hears it. */
    private void assertServerRefuses(TlsConfig client, short alert) throws Exception {
        EchoServer[] h = new EchoServer[1];
        try {
            TlsHandshakeException clientSide = refusedClient(t.server(TlsProfile.BCP195_ND).build(), client, h);
            IOException serverSide = h[0].nextFailure();
            TlsHandshakeException se = assertInstanceOf(TlsHandshakeException.class, serverSide);
            assertEquals(alert, se.alert(), se.getMessage());
            assertTrue(se.raisedLocally());
            assertEquals(alert, clientSide.alert(), clientSide.getMessage());
            assertFalse(clientSide.raisedLocally());
            assertTrue(h[0].established.isEmpty());
        } finally {
            if (h[0] != null) {
                h[0].close();
            }
        }
    }

    @Test
    void clientFromUntrustedCaIsRefused() throws Exception {
        assertServerRefuses(TlsConfig.builder().keyMaterial(t.untrusted.client()).trustAnchors(t.pki.ca().chain()).build(),
                AlertDescription.unknown_ca);
    }

    @Test
    void expiredClientCertificateIsRefused() throws Exception {
        assertServerRefuses(TlsConfig.builder().keyMaterial(t.expiredClient).trustAnchors(t.pki.ca().chain()).build(),
                AlertDescription.certificate_expired);
    }

    @Test
    void wrongKeyUsageIsRefused() throws Exception {
        assertServerRefuses(TlsConfig.builder().keyMaterial(t.wrongKeyUsageClient).trustAnchors(t.pki.ca().chain()).build(),
                AlertDescription.unsupported_certificate);
    }

    @Test
    void serverOnlyCertificateUsedAsClientIsRefusedForItsEkuAndTheClientSaysWhy() throws Exception {
        KeyPair k = DemoPki.rsaKeyPair();
        KeyMaterial serverOnly = t.pki.issue(CertificateSpec.endEntity("CN=server only,O=dicomsec test", k.getPublic(),
                Duration.ofDays(1), CertificateSpec.EKU_SERVER_AUTH), k);
        assertServerRefuses(TlsConfig.builder().keyMaterial(serverOnly).trustAnchors(t.pki.ca().chain()).build(),
                AlertDescription.unsupported_certificate);
        EchoServer[] h = new EchoServer[1];
        try {
            TlsHandshakeException e = refusedClient(t.server(TlsProfile.BCP195_ND).build(),
                    TlsConfig.builder().keyMaterial(serverOnly).trustAnchors(t.pki.ca().chain()).build(), h);
            // one line: which certificate, the peer's alert, the likely cause
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().contains("CN=server only"), e.getMessage());
            assertTrue(e.getMessage().contains("unsupported_certificate(43)"), e.getMessage());
            assertTrue(e.getMessage().contains("lacks the clientAuth purpose"), e.getMessage());
        } finally {
            h[0].close();
        }
    }

    @Test
    void theExplanationNamesTheCauseWhenNoAlertCouldBeRead() {
        // OpenSSL peers reset the connection after their alert: only the broken pipe is left
        String line = CertificateRefusal.explain(t.ecServer.certificate(), true, (short) -1, "Broken pipe");
        assertTrue(line.contains("closed the connection (Broken pipe)"), line);
        assertTrue(line.contains("extended key usage serverAuth)"), line);
        assertTrue(line.contains("lacks the clientAuth purpose"), line);
        String trusted = CertificateRefusal.explain(t.pki.client().certificate(), true, AlertDescription.unknown_ca, null);
        assertTrue(trusted.contains("unknown_ca(48)") && trusted.contains("does not trust the issuer"), trusted);
    }

    @Test
    void clientWithoutCertificateIsRefused() throws Exception {
        assertServerRefuses(TlsConfig.builder().trustAnchors(t.pki.ca().chain()).build(),
                AlertDescription.certificate_required);
    }

    @Test
    void clientRefusesUntrustedServer() throws Exception {
        EchoServer[] h = new EchoServer[1];
        try {
            TlsConfig server = TlsConfig.builder().keyMaterial(t.untrusted.server()).trustAnchors(t.pki.ca().chain()).build();
            TlsHandshakeException e = refusedClient(server, t.client(TlsProfile.BCP195_ND).build(), h);
            assertEquals(AlertDescription.unknown_ca, e.alert());
            assertTrue(e.raisedLocally());
            assertTrue(e.getMessage().contains("not issued by a trusted CA"), e.getMessage());
        } finally {
            h[0].close();
        }
    }

    @Test
    void hostNameMismatchIsRefusedOnlyWhenChecked() throws Exception {
        KeyPair k = DemoPki.rsaKeyPair();
        KeyMaterial otherName = t.pki.issue(CertificateSpec.endEntity("CN=other.example", k.getPublic(), Duration.ofDays(1),
                CertificateSpec.EKU_SERVER_AUTH).withNames(List.of("other.example"), List.of()), k);
        TlsConfig server = TlsConfig.builder().keyMaterial(otherName).trustAnchors(t.pki.ca().chain()).build();
        EchoServer[] h = new EchoServer[1];
        try {
            TlsHandshakeException e = refusedClient(server, t.client(TlsProfile.BCP195_ND).verifyHostName(true).build(), h);
            assertEquals(AlertDescription.bad_certificate, e.alert());
            assertTrue(e.getMessage().contains("does not name host '127.0.0.1'"), e.getMessage());
            try (TransportConnection c = TlsTransport.connector(t.client(TlsProfile.BCP195_ND).build())
                    .connect(new InetSocketAddress("127.0.0.1", h[0].port()), 10_000)) {
                assertEquals("CN=other.example", c.peer().name());
            }
        } finally {
            h[0].close();
        }
    }

    @Test
    void plainBytesOnTheTlsPortAreRefusedAndTheServerKeepsServing() throws Exception {
        try (EchoServer s = new EchoServer(t.server(TlsProfile.BCP195_ND).build())) {
            try (Socket plain = new Socket("127.0.0.1", s.port())) {
                plain.setSoTimeout(10_000);
                // the start of an A-ASSOCIATE-RQ PDU (PS3.8 9.3.2): type 01H, reserved, length
                plain.getOutputStream().write(new byte[] {0x01, 0x00, 0x00, 0x00, 0x00, (byte) 0xCD, 0x00, 0x01, 0x00, 0x00});
                plain.getOutputStream().flush();
                InputStream in = plain.getInputStream();
                int first = readOrEnd(in);
                // either a TLS alert record (content type 21) or the connection closed
                assertTrue(first == -1 || first == 21, "got " + first);
            }
            IOException failure = s.nextFailure();
            assertInstanceOf(TlsHandshakeException.class, failure);
            assertTrue(failure.getMessage().startsWith("TLS handshake from"), failure.getMessage());
            try (TransportConnection c = TlsTransport.connector(t.client(TlsProfile.BCP195_ND).build())
                    .connect(new InetSocketAddress("127.0.0.1", s.port()), 10_000)) {
                LoopbackProfilesTest.echo(c, 1000);
            }
        }
    }

    @Test
    void truncatedHandshakeIsRefusedAndTheServerKeepsServing() throws Exception {
        try (EchoServer s = new EchoServer(t.server(TlsProfile.BCP195_ND).build())) {
            try (Socket raw = new Socket("127.0.0.1", s.port())) {
                // a handshake record header announcing 512 bytes (RFC 8446 5.1), then 4 bytes of a ClientHello, then gone
                raw.getOutputStream().write(new byte[] {22, 3, 1, 0x02, 0x00, 1, 0, 0x01, (byte) 0xFC});
                raw.getOutputStream().flush();
            }
            TlsHandshakeException e = assertInstanceOf(TlsHandshakeException.class, s.nextFailure());
            assertTrue(e.getMessage().startsWith("TLS handshake from"), e.getMessage());
            try (TransportConnection c = TlsTransport.connector(t.client(TlsProfile.BCP195_ND).build())
                    .connect(new InetSocketAddress("127.0.0.1", s.port()), 10_000)) {
                LoopbackProfilesTest.echo(c, 100);
            }
        }
    }

    @Test
    void handshakeTimeoutEndsASilentClient() throws Exception {
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            // a "server" that accepts and never answers: the client's handshake must end at its timeout
            long start = System.nanoTime();
            TlsHandshakeException e = assertThrows(TlsHandshakeException.class, () -> TlsTransport
                    .connector(t.client(TlsProfile.BCP195_ND).build())
                    .connect(new InetSocketAddress("127.0.0.1", ss.getLocalPort()), 1500));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 1000 && millis < 8000, millis + " ms: " + e.getMessage());
        }
    }

    private static int readOrEnd(InputStream in) {
        try {
            return in.read();
        } catch (IOException e) {
            return -1; // reset by the server: also a refusal
        }
    }

    @Test
    void nonDowngradingRefusesTls10And11() throws Exception {
        assertDowngradeRefused(ProtocolVersion.TLSv11.downTo(ProtocolVersion.TLSv10),
                new int[] {CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA},
                AlertDescription.protocol_version);
    }

    @Test
    void nonDowngradingRefusesCbcOnlyOffer() throws Exception {
        assertDowngradeRefused(ProtocolVersion.TLSv12.only(),
                new int[] {CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
                    CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA},
                AlertDescription.handshake_failure);
    }

    @Test
    void nonDowngradingRefusesTheAesProfile() throws Exception {
        assertServerRefuses(t.client(TlsProfile.AES).build(), AlertDescription.handshake_failure);
    }

    /** A BC client that offers only {@code versions} and {@code suites} against a bcp195-nd server. */
    private void assertDowngradeRefused(ProtocolVersion[] versions, int[] suites, short alert) throws Exception {
        try (EchoServer s = new EchoServer(t.server(TlsProfile.BCP195_ND).build());
             Socket socket = new Socket("127.0.0.1", s.port())) {
            socket.setSoTimeout(10_000);
            TlsClientProtocol p = new TlsClientProtocol(socket.getInputStream(), socket.getOutputStream());
            DefaultTlsClient old = new DefaultTlsClient(new BcTlsCrypto(new SecureRandom())) {
                @Override
                protected ProtocolVersion[] getSupportedVersions() {
                    return versions;
                }

                @Override
                protected int[] getSupportedCipherSuites() {
                    return suites;
                }

                @Override
                public TlsAuthentication getAuthentication() {
                    return new TlsAuthentication() {
                        @Override
                        public void notifyServerCertificate(TlsServerCertificate c) {
                            // the test is about the server's refusal
                        }

                        @Override
                        public TlsCredentials getClientCredentials(CertificateRequest r) {
                            return null;
                        }
                    };
                }
            };
            TlsFatalAlertReceived e = assertThrows(TlsFatalAlertReceived.class, () -> p.connect(old));
            assertEquals(alert, e.getAlertDescription());
            TlsHandshakeException se = assertInstanceOf(TlsHandshakeException.class, s.nextFailure());
            assertEquals(alert, se.alert());
            assertTrue(s.established.isEmpty());
        }
    }

    @Test
    void optionalPeerCertificateAcceptsAnUnauthenticatedClient() throws Exception {
        try (EchoServer s = new EchoServer(t.server(TlsProfile.BCP195_ND).peerCertificateRequired(false).build())) {
            try (TransportConnection c = TlsTransport.connector(TlsConfig.builder().trustAnchors(t.pki.ca().chain()).build())
                    .connect(new InetSocketAddress("127.0.0.1", s.port()), 10_000)) {
                LoopbackProfilesTest.echo(c, 100);
                TransportConnection sc = s.nextConnection();
                assertNotNull(sc);
                assertEquals(PeerIdentity.NONE, sc.peer());
                assertFalse(sc.security().secure());
                assertTrue(c.security().secure(), "the client did authenticate the server");
            }
        }
    }

    @Test
    void requiredPeerCertificateNeedsTrustAnchors() {
        assertThrows(IllegalStateException.class, () -> TlsConfig.builder().keyMaterial(t.pki.server()).build());
    }
}
