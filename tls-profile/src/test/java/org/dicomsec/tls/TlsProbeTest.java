package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * The library probe against a dicomsec TLS server on loopback: versions,
 * profiles, the client certificate demand with and without an own key, the
 * server's certificate; the CLI's scan tests cover the report around it.
 */
class TlsProbeTest {

    private final TestPki t = TestPki.get();

    @Test
    void bcp195NdServer_tls13Accepted_basicRefused_certificateRequired() throws Exception {
        try (EchoServer server = new EchoServer(t.server(TlsProfile.byName("bcp195-nd")).build())) {
            TlsProbe.Report r = TlsProbe.to(new InetSocketAddress("127.0.0.1", server.port())).timeoutMillis(5000).run();
            assertTrue(r.spokeTls());
            assertEquals("TLSv1.3", r.versions().get(0).version());
            assertTrue(r.versions().get(0).accepted(), r.versions().toString());
            assertFalse(r.versions().get(3).accepted(), "TLSv1 refused: " + r.versions());
            assertTrue(r.profiles().get("bcp195-nd").startsWith("yes"), r.profiles().toString());
            assertEquals("no", r.profiles().get("basic"), r.profiles().toString());
            assertTrue(r.clientCertificate().startsWith("required"), r.clientCertificate());
            CertificateReport cert = r.certificate(Instant.now());
            assertNotNull(cert);
            assertEquals(t.pki.server().certificate().getSubjectX500Principal().getName(), cert.subject());
            assertTrue(r.handshakes() >= 2 && r.handshakes() <= 20, "handshakes " + r.handshakes());
        }
    }

    @Test
    void ownKeyPresented_throughCredentials() throws Exception {
        try (EchoServer server = new EchoServer(t.server(TlsProfile.byName("bcp195-nd")).build())) {
            TlsProbe.Report r = TlsProbe.to(new InetSocketAddress("127.0.0.1", server.port())).timeoutMillis(5000)
                    .clientKey(t.pki.client()).run();
            assertEquals("requested (own certificate presented)", r.clientCertificate());
            assertTrue(r.suites().stream().anyMatch(s -> s.accepted() && s.detail().equals("handshake complete")),
                    r.suites().toString());
        }
    }

    @Test
    void aProbeRunsOnce_andTheTimeoutIsChecked() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> TlsProbe.to(new InetSocketAddress("127.0.0.1", 1)).timeoutMillis(0));
        TlsProbe p = TlsProbe.to(new InetSocketAddress("127.0.0.1", 1)).timeoutMillis(200);
        TlsProbe.Report r = p.run();
        assertFalse(r.spokeTls());
        assertEquals("unknown", r.clientCertificate());
        assertThrows(IllegalStateException.class, p::run);
    }
}
