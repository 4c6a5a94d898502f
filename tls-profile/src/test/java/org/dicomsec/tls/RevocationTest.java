package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.List;

import org.bouncycastle.tls.AlertDescription;
import org.dicomsec.ul.transport.TransportConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Optional CRLs: revocation is checked when CRLs are configured, and a revoked peer is refused in the handshake. */
class RevocationTest {

    private final TestPki t = TestPki.get();

    private X509CRL crl(BigInteger... revoked) throws IOException {
        return CertificateIssuer.crl(t.pki.ca().certificate(), t.pki.ca().privateKey(), List.of(revoked), Duration.ofDays(1));
    }

    @Test
    void revokedClientIsRefused(@TempDir Path dir) throws Exception {
        X509CRL crl = crl(t.pki.client().certificate().getSerialNumber());
        assertTrue(crl.isRevoked(t.pki.client().certificate()));
        // through a PEM file, as a user would give it
        Path crlFile = dir.resolve("ca.crl.pem");
        java.nio.file.Files.writeString(crlFile, PemFiles.encode("X509 CRL", crl.getEncoded()));
        try (EchoServer s = new EchoServer(t.server(TlsProfile.BCP195_ND).crlPem(crlFile).build())) {
            IOException e = assertThrows(IOException.class, () -> {
                try (TransportConnection c = TlsTransport.connector(t.client(TlsProfile.BCP195_ND).build())
                        .connect(new InetSocketAddress("127.0.0.1", s.port()), 10_000)) {
                    c.output().write(1);
                    c.output().flush();
                    c.input().read();
                }
            });
            assertEquals(AlertDescription.certificate_revoked, assertInstanceOf(TlsHandshakeException.class, e).alert());
            TlsHandshakeException se = assertInstanceOf(TlsHandshakeException.class, s.nextFailure());
            assertEquals(AlertDescription.certificate_revoked, se.alert());
            assertTrue(se.getMessage().contains("revoked"), se.getMessage());
        }
    }

    @Test
    void clientNotOnTheCrlIsAccepted() throws Exception {
        X509CRL crl = crl(BigInteger.valueOf(12345));
        try (EchoServer s = new EchoServer(t.server(TlsProfile.BCP195_ND).crls(List.of(crl)).build());
             TransportConnection c = TlsTransport.connector(t.client(TlsProfile.BCP195_ND).crls(List.of(crl)).build())
                     .connect(new InetSocketAddress("127.0.0.1", s.port()), 10_000)) {
            LoopbackProfilesTest.echo(c, 500);
        }
    }
}
