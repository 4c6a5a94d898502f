package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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

            Map<String, Object> json = r.toJson();
            assertEquals(List.of("speaksTls", "handshakes", "versions", "suites", "profiles", "clientCertificate",
                    "clientCertificateDetail"), List.copyOf(json.keySet()));
            assertEquals(true, json.get("speaksTls"));
            assertEquals("required", json.get("clientCertificate"));
            assertEquals(r.versions().size(), ((List<?>) json.get("versions")).size());
            assertEquals(Map.of("accepted", false, "detail", "no"), ((Map<?, ?>) json.get("profiles")).get("basic"));
            Map<String, Object> c = cert.toJson();
            assertEquals(cert.subject(), c.get("subject"));
            assertEquals(cert.notAfter().toString(), c.get("notAfter"));
            assertEquals(cert.keyBits(), c.get("keyBits"));
            assertEquals(cert.chain(), c.get("chain"));

            List<String> lines = r.lines();
            assertEquals(String.format("%-8s %-42s %-9s %s", "version", "suite", "accepted", "BCP 195 / detail"),
                    lines.get(0));
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("TLSv1.3  TLS_") && l.contains(" yes ")),
                    String.join("\n", lines));
            assertTrue(lines.contains(String.format("%-8s %-42s %-9s %s", "TLSv1", "(every suite of the profiles)", "no",
                    r.versions().get(3).detail())), String.join("\n", lines));
            assertTrue(lines.get(lines.size() - 2).startsWith("profiles:           basic no; "), lines.toString());
            assertEquals("client certificate: " + r.clientCertificate(), lines.get(lines.size() - 1));
            assertEquals(List.of("certificate:        " + cert.describe(),
                    "chain:              " + String.join(" <- ", cert.chain())), cert.lines());
        }
    }

    @Test
    void rowsAsJson_versionRowWithoutSuite_suiteRowWithItsBcp195Verdict() {
        assertEquals(Map.of("version", "TLSv1", "accepted", false, "detail", "protocol_version alert"),
                new TlsProbe.Row("TLSv1", null, false, "protocol_version alert", "").toJson());
        Map<String, Object> ok = new TlsProbe.Row("TLSv1.3", "TLS_AES_128_GCM_SHA256", true, "handshake complete", "ok")
                .toJson();
        assertEquals(List.of("version", "suite", "accepted", "bcp195", "detail"), List.copyOf(ok.keySet()));
        assertEquals(true, ok.get("bcp195"));
        assertEquals("handshake complete", ok.get("detail"));
        Map<String, Object> weak = new TlsProbe.Row("TLSv1.2", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", true,
                "handshake complete", "below BCP 195: 3DES").toJson();
        assertEquals(false, weak.get("bcp195"));
        assertEquals("below BCP 195: 3DES; handshake complete", weak.get("detail"));
        Map<String, Object> refused = new TlsProbe.Row("TLSv1.2", "TLS_RSA_WITH_AES_128_CBC_SHA", false,
                "handshake_failure alert", "").toJson();
        assertTrue(refused.containsKey("bcp195"));
        assertNull(refused.get("bcp195"));
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
        assertEquals("unknown", r.toJson().get("clientCertificate"));
        assertTrue(r.lines().contains("the node does not speak TLS on this port"), r.lines().toString());
        assertThrows(IllegalStateException.class, p::run);
    }
}
