package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsUtils;
import org.dicomsec.data.UID;
import org.dicomsec.tls.demo.DemoPki;
import org.dicomsec.tls.PemFiles;
import org.dicomsec.tls.TlsConfig;
import org.dicomsec.tls.TlsProfile;
import org.dicomsec.tls.TlsTransport;
import org.dicomsec.ul.pdu.AAssociateAc;
import org.dicomsec.ul.pdu.AAssociateRj;
import org.dicomsec.ul.pdu.AAssociateRq;
import org.dicomsec.ul.pdu.AReleaseRp;
import org.dicomsec.ul.pdu.AReleaseRq;
import org.dicomsec.ul.pdu.Pdu;
import org.dicomsec.ul.pdu.PduDecoder;
import org.dicomsec.ul.pdu.PduEncoder;
import org.dicomsec.ul.pdu.PduReader;
import org.dicomsec.ul.transport.PlainTcp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** dicomsec scan against in-process TLS, plain DICOM and ISCL acceptors on loopback. */
class ScanCommandTest {

    static DemoPki pki;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makePki() throws IOException {
        pki = DemoPki.generate();
    }

    static TlsConfig serverConfig(TlsProfile profile, boolean requireClientCert) {
        TlsConfig.Builder b = TlsConfig.builder().profile(profile).keyMaterial(pki.server());
        if (requireClientCert) {
            b.trustAnchors(List.of(pki.ca().certificate()));
        } else {
            b.peerCertificateRequired(false);
        }
        return b.build();
    }

    static ScanTestServer tlsServer(TlsProfile profile, boolean requireClientCert) throws IOException {
        return new ScanTestServer(TlsTransport.acceptor(serverConfig(profile, requireClientCert),
                InetAddress.getLoopbackAddress(), 0), ScanTestServer::drain);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(CliRun r) {
        return (Map<String, Object>) MiniJson.parse(r.out());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    /** The (version, suite) pairs the scan reports as accepted. */
    static Set<String> acceptedPairs(Map<String, Object> report) {
        Set<String> s = new HashSet<>();
        for (Object o : list(map(report.get("tls")).get("suites"))) {
            Map<String, Object> r = map(o);
            if (Boolean.TRUE.equals(r.get("accepted"))) {
                s.add(r.get("version") + " " + r.get("suite"));
            }
        }
        return s;
    }

    /** What a server of {@code profile} with an RSA key can negotiate: the profile's pairs minus ECDSA suites. */
    static Set<String> expectedPairs(TlsProfile profile) {
        Set<String> s = new HashSet<>();
        ProtocolVersion[] versions = profile.protocolVersions();
        int[] suites = profile.cipherSuites();
        for (int v = 0; v < versions.length; v++) {
            for (int i = 0; i < suites.length; i++) {
                if (TlsUtils.isValidVersionForCipherSuite(suites[i], versions[v])
                        && TlsUtils.getKeyExchangeAlgorithm(suites[i]) != KeyExchangeAlgorithm.ECDHE_ECDSA) {
                    s.add(profile.protocolNames().get(v) + " " + profile.cipherSuiteNames().get(i));
                }
            }
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(TlsProfile.class)
    void reportsExactlyWhatEachProfileAccepts(TlsProfile profile) throws Exception {
        try (ScanTestServer server = tlsServer(profile, false)) {
            CliRun r = CliRun.of("scan", "--json", "--tls-only", "--timeout", "5000", server.address());
            assertEquals(0, r.status(), r.toString());
            Map<String, Object> report = json(r);
            Map<String, Object> tls = map(report.get("tls"));
            assertEquals(true, tls.get("speaksTls"), r.out());
            assertEquals(expectedPairs(profile), acceptedPairs(report), r.out());
            assertEquals(true, map(map(tls.get("profiles")).get(profile.profileName())).get("accepted"), r.out());
            assertEquals("optional", tls.get("clientCertificate"), r.out());
            Map<String, Object> cert = map(tls.get("certificate"));
            assertEquals(pki.server().certificate().getSubjectX500Principal().getName(), cert.get("subject"));
            assertEquals("RSA", cert.get("keyType"));
            assertEquals(2048, ((Number) cert.get("keyBits")).intValue());
            assertTrue(((Number) cert.get("daysLeft")).intValue() > 700, r.out());
            // at most one handshake per version plus one per further suite
            assertTrue(((Number) tls.get("handshakes")).intValue() <= 20, r.out());
            List<Object> findings = list(report.get("findings"));
            boolean legacy = profile.protocolNames().contains("TLSv1");
            assertEquals(legacy, findings.stream().anyMatch(f -> f.toString().startsWith("TLSv1 accepted")), r.out());
            boolean rsaTransport = expectedPairs(profile).stream().anyMatch(p -> p.contains("TLS_RSA_WITH"));
            assertEquals(rsaTransport, findings.stream().anyMatch(f -> f.toString().contains("no forward secrecy")),
                    r.out());
            assertEquals(findings.isEmpty(), report.get("meetsBcp195"));
            assertEquals(profile == TlsProfile.BCP195_ND || profile == TlsProfile.BCP195_EX, findings.isEmpty(), r.out());
        }
    }

    @Test
    void tableNamesVersionsSuitesAndFindings() throws Exception {
        try (ScanTestServer server = tlsServer(TlsProfile.BASIC, false)) {
            CliRun r = CliRun.of("scan", "--tls-only", server.address());
            assertEquals(0, r.status(), r.toString());
            assertTrue(r.out().contains("TLSv1    TLS_RSA_WITH_3DES_EDE_CBC_SHA"), r.out());
            assertTrue(r.out().contains("TLSv1.3  (every suite of the profiles)              no"), r.out());
            assertTrue(r.out().contains("! TLSv1.1 accepted"), r.out());
            assertTrue(r.out().contains("Sweet32"), r.out());
            assertTrue(r.out().contains("not probed (--tls-only)"), r.out());
        }
    }

    @Test
    void clientCertificateRequiredIsReportedAndPresentedOnRequest() throws Exception {
        try (ScanTestServer server = tlsServer(TlsProfile.BCP195_ND, true)) {
            CliRun r = CliRun.of("scan", "--json", "--tls-only", server.address());
            assertEquals(0, r.status(), r.toString());
            Map<String, Object> tls = map(json(r).get("tls"));
            assertEquals("required", tls.get("clientCertificate"), r.out());
            // the suites are still seen as accepted: the server answered with a ServerHello
            assertEquals(expectedPairs(TlsProfile.BCP195_ND), acceptedPairs(json(r)), r.out());
            assertTrue(server.handshakesFailed.get() > 0);

            Path key = tmp.resolve("client.key");
            Path cert = tmp.resolve("client.pem");
            PemFiles.writePrivateKey(key, pki.client().privateKey());
            PemFiles.writeCertificates(cert, pki.client().chain());
            int okBefore = server.handshakesOk.get();
            CliRun withCert = CliRun.of("scan", "--json", "--tls-only", "--key", key.toString(), "--cert",
                    cert.toString(), server.address());
            assertEquals(0, withCert.status(), withCert.toString());
            Map<String, Object> t2 = map(json(withCert).get("tls"));
            assertEquals("requested", t2.get("clientCertificate"), withCert.out());
            int completed = 0;
            for (Object o : list(t2.get("suites"))) {
                completed += "handshake complete".equals(map(o).get("detail")) ? 1 : 0;
            }
            assertEquals(expectedPairs(TlsProfile.BCP195_ND).size(), completed, withCert.out());
            assertTrue(server.handshakesOk.get() - okBefore >= completed);
        }
    }

    /** A plain DICOM acceptor answering with a real A-ASSOCIATE-AC built with the PDU package. */
    @Test
    void plainProbeReadsTheAssociateAcAndReleases() throws Exception {
        AtomicInteger released = new AtomicInteger();
        try (ScanTestServer server = new ScanTestServer(PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0), c -> {
            c.setReadTimeout(5000);
            PduReader reader = new PduReader(c.input(), new PduDecoder());
            Pdu pdu = reader.read(); // a TLS ClientHello fails here: what a DICOM server does with it
            AAssociateRq rq = (AAssociateRq) pdu;
            AAssociateAc ac = AAssociateAc.builder(rq)
                    .accept(rq.presentationContexts().get(0).id(), UID.ImplicitVRLittleEndian)
                    .maximumLength(32_768).implementation("1.2.3.4.5", "SCANTEST_1").build();
            new PduEncoder().write(ac, c.output());
            c.output().flush();
            if (reader.read() instanceof AReleaseRq) {
                new PduEncoder().write(AReleaseRp.INSTANCE, c.output());
                c.output().flush();
                released.incrementAndGet();
            }
        })) {
            CliRun r = CliRun.of("scan", "--json", "--aec", "SCANTEST", server.address());
            assertEquals(0, r.status(), r.toString());
            Map<String, Object> report = json(r);
            Map<String, Object> plain = map(report.get("plain"));
            assertEquals("accepted", plain.get("outcome"), r.out());
            assertEquals("1.2.3.4.5", plain.get("implementationClassUid"));
            assertEquals("SCANTEST_1", plain.get("implementationVersionName"));
            assertEquals(32_768, ((Number) plain.get("maxPduLength")).intValue());
            assertTrue(plain.get("verification").toString().contains(UID.ImplicitVRLittleEndian), r.out());
            assertEquals(1, released.get());
            assertEquals(false, map(report.get("tls")).get("speaksTls"), r.out());
            assertTrue(list(report.get("findings")).stream().anyMatch(f -> f.toString().startsWith("plain DICOM accepted")));

            CliRun table = CliRun.of("scan", "--plain-only", server.address());
            assertEquals(0, table.status(), table.toString());
            assertTrue(table.out().contains("impl. name   SCANTEST_1"), table.out());
            assertTrue(table.out().contains("max PDU      32768"), table.out());
        }
    }

    @Test
    void plainProbeReportsARejection() throws Exception {
        try (ScanTestServer server = new ScanTestServer(PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0), c -> {
            c.setReadTimeout(5000);
            new PduReader(c.input(), new PduDecoder()).read();
            new PduEncoder().write(new AAssociateRj(AAssociateRj.RESULT_REJECTED_PERMANENT,
                    AAssociateRj.SOURCE_SERVICE_USER, AAssociateRj.REASON_CALLED_AE_TITLE_NOT_RECOGNIZED), c.output());
            c.output().flush();
        })) {
            CliRun r = CliRun.of("scan", "--plain-only", "--json", server.address());
            assertEquals(0, r.status(), r.toString());
            Map<String, Object> plain = map(json(r).get("plain"));
            assertEquals("rejected", plain.get("outcome"), r.out());
            assertTrue(plain.get("detail").toString().contains("called-AE-title-not-recognized")
                    || plain.get("detail").toString().toLowerCase().contains("called"), r.out());
        }
    }

    @Test
    void plainProbeAgainstDicomsecScp() throws Exception {
        try (var scp = ScpCommand.start(ScpCommand.OPTIONS.parse("--port", "0", "--dir", tmp.resolve("in").toString(),
                "--aet", "ARCH", "-q"), new java.io.PrintStream(java.io.PrintStream.nullOutputStream()))) {
            CliRun r = CliRun.of("scan", "--json", "--plain-only", "--aec", "ARCH", "127.0.0.1:" + scp.localPort());
            assertEquals(0, r.status(), r.toString());
            Map<String, Object> plain = map(json(r).get("plain"));
            assertEquals("accepted", plain.get("outcome"), r.out());
            assertEquals(UID.ImplementationClassUID, plain.get("implementationClassUid"));
        }
    }

    @Test
    void tlsProbesOfAPlainPortSayNotTls() throws Exception {
        try (var scp = ScpCommand.start(ScpCommand.OPTIONS.parse("--port", "0", "--dir", tmp.resolve("in").toString(),
                "--aet", "ARCH", "-q"), new java.io.PrintStream(java.io.PrintStream.nullOutputStream()))) {
            CliRun r = CliRun.of("scan", "--json", "--tls-only", "127.0.0.1:" + scp.localPort());
            Map<String, Object> tls = map(json(r).get("tls"));
            List<Object> versions = list(tls.get("versions"));
            assertFalse(versions.isEmpty(), r.out());
            for (Object o : versions) {
                String detail = map(o).get("detail").toString();
                assertTrue(detail.startsWith("not TLS") && !detail.contains("internal_error"), r.out());
            }
        }
    }

    @Test
    void dicomsecScpOverTls() throws Exception {
        Path dir = tmp.resolve("pki");
        DemoPki.create(dir);
        Path pw = tmp.resolve("p12.txt");
        Files.writeString(pw, DemoPki.DEFAULT_PASSWORD + "\n");
        try (var scp = ScpCommand.start(ScpCommand.OPTIONS.parse("--port", "0", "--dir", tmp.resolve("in").toString(),
                "--aet", "ARCH", "-q", "--tls", "bcp195-nd", "--p12", dir.resolve("server.p12").toString(),
                "--password-file", pw.toString(), "--trust", dir.resolve("ca.pem").toString()),
                new java.io.PrintStream(java.io.PrintStream.nullOutputStream()))) {
            CliRun r = CliRun.of("scan", "--json", "--aec", "ARCH", "127.0.0.1:" + scp.localPort());
            assertEquals(0, r.status(), r.toString());
            Map<String, Object> report = json(r);
            assertEquals("not DICOM", map(report.get("plain")).get("outcome"), r.out());
            Map<String, Object> tls = map(report.get("tls"));
            assertEquals(expectedPairs(TlsProfile.BCP195_ND), acceptedPairs(report), r.out());
            assertEquals("required", tls.get("clientCertificate"), r.out());
            assertTrue(map(tls.get("certificate")).get("subject").toString().endsWith("CN=localhost"), r.out());
            assertEquals(true, report.get("meetsBcp195"), r.out());
        }
    }

    @Test
    void tlsPortIsNotPlainDicom() throws Exception {
        try (ScanTestServer server = tlsServer(TlsProfile.BCP195_ND, false)) {
            CliRun r = CliRun.of("scan", "--json", "--plain-only", server.address());
            assertEquals(1, r.status(), r.toString()); // nothing answered in DICOM, and TLS was not probed
            assertEquals("not DICOM", map(json(r).get("plain")).get("outcome"), r.out());
            assertTrue(r.err().contains("nothing answered"), r.err());
        }
    }

    @Test
    void isclCombinationsAcceptedAndRefused() throws Exception {
        org.dicomsec.iscl.keys.IsclKeyring mine = org.dicomsec.iscl.keys.IsclKeyring.create();
        org.dicomsec.iscl.keys.IsclKeyring theirs = org.dicomsec.iscl.keys.IsclKeyring.create();
        mine.putGenerated("SCANNER", "ARCHIVE", Map.of());
        assertTrue(mine.mirrorInto(theirs, "SCANNER", "ARCHIVE", Map.of()));
        Path ring = tmp.resolve("scanner.keyring");
        Path pw = tmp.resolve("pw.txt");
        Files.writeString(pw, "correct horse battery\n");
        mine.save(ring, "correct horse battery".toCharArray(), org.dicomsec.iscl.keys.IsclKeyring.MIN_KDF_ITERATIONS);
        var card = new org.dicomsec.iscl.keys.SoftwareKeyCard(theirs);
        // the responder allows only DES-CBC privacy: the two "none" combinations are refused
        var config = org.dicomsec.iscl.IsclConfig.builder(card, "ARCHIVE")
                .privacy(org.dicomsec.iscl.PrivacyMechanism.DES_CBC).build();
        try (ScanTestServer server = new ScanTestServer(org.dicomsec.iscl.Iscl.acceptor(config,
                InetAddress.getLoopbackAddress(), 0), ScanTestServer::drain)) {
            CliRun r = CliRun.of("scan", "--json", "--plain-only", "--iscl", "--keyring", ring.toString(),
                    "--password-file", pw.toString(), "--entity", "SCANNER", "--peer-entity", "ARCHIVE", server.address());
            assertEquals(0, r.status(), r.toString());
            Map<String, Object> iscl = map(json(r).get("iscl"));
            assertEquals(true, iscl.get("accepted"), r.out());
            List<Object> combos = list(iscl.get("combinations"));
            assertEquals(4, combos.size(), r.out());
            for (Object o : combos) {
                Map<String, Object> c = map(o);
                assertEquals(c.get("privacy").equals("DES-CBC"), c.get("accepted"), r.out());
            }
            CliRun wrongPeer = CliRun.of("scan", "--plain-only", "--iscl", "--keyring", ring.toString(),
                    "--password-file", pw.toString(), "--entity", "SCANNER", "--peer-entity", "OTHER", server.address());
            assertTrue(wrongPeer.out().contains("no "), wrongPeer.out());
            assertFalse(wrongPeer.out().contains(" yes "), wrongPeer.out());
        }
    }

    /** A node that accepts and never says anything: bounded by the timeouts, reported, exit 1. */
    @Test
    void silentNodeStaysShort() throws Exception {
        try (ScanTestServer server = new ScanTestServer(PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0),
                ScanTestServer::drain)) {
            long start = System.nanoTime();
            CliRun r = CliRun.of("scan", "--json", "--timeout", "300", server.address());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(1, r.status(), r.toString());
            Map<String, Object> report = json(r);
            assertEquals("no answer", map(report.get("plain")).get("outcome"), r.out());
            List<Object> versions = list(map(report.get("tls")).get("versions"));
            assertEquals(4, versions.size());
            assertTrue(map(versions.get(3)).get("detail").toString().startsWith("not probed"), r.out());
            // one plain probe and two TLS probes of 300 ms each, not four
            assertEquals(2, ((Number) map(report.get("tls")).get("handshakes")).intValue(), r.out());
            assertTrue(millis < 5000, millis + " ms");
        }
    }

    @Test
    void nothingListeningIsExitOne() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        CliRun r = CliRun.of("scan", "--timeout", "500", "127.0.0.1:" + port);
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.out().contains("unreachable"), r.out());
        assertTrue(r.err().contains("nothing answered"), r.err());
    }

    @Test
    void badUsageIsExitTwo() {
        assertEquals(2, CliRun.of("scan").status());
        assertEquals(2, CliRun.of("scan", "--tls-only", "--plain-only", "127.0.0.1:104").status());
        assertEquals(2, CliRun.of("scan", "127.0.0.1").status());
        assertEquals(2, CliRun.of("scan", "--timeout", "x", "127.0.0.1:104").status());
        assertEquals(2, CliRun.of("scan", "--iscl", "127.0.0.1:104").status());
        assertEquals(2, CliRun.of("scan", "--key", "k.pem", "127.0.0.1:104").status());
        CliRun help = CliRun.of("scan", "--help");
        assertEquals(0, help.status());
        assertNotNull(help.out());
        assertTrue(help.out().contains("--tls-only"), help.out());
    }
}
