package org.dicomsec.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import org.dicomsec.tls.demo.DemoPki;

/**
 * The certificates the tests share, made once per test JVM: the demo PKI written
 * to a temporary directory, a second (untrusted) PKI, and faulty client
 * certificates (expired, wrong key usage, server-only EKU) from the trusted CA.
 */
final class TestPki {

    static final char[] PASSWORD = DemoPki.DEFAULT_PASSWORD.toCharArray();

    final DemoPki pki;
    final DemoPki untrusted;
    final Path dir;
    final KeyMaterial expiredClient;
    final KeyMaterial wrongKeyUsageClient;
    final KeyMaterial ecClient;
    final KeyMaterial ecServer;

    private static TestPki instance;

    static synchronized TestPki get() {
        if (instance == null) {
            try {
                instance = new TestPki();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private TestPki() throws IOException {
        dir = Files.createTempDirectory("dicomsec-tls-pki");
        dir.toFile().deleteOnExit();
        pki = DemoPki.generate();
        pki.write(dir, PASSWORD);
        for (String f : DemoPki.FILES) {
            dir.resolve(f).toFile().deleteOnExit();
        }
        untrusted = DemoPki.generate("Untrusted Demo CA");

        KeyPair k1 = DemoPki.rsaKeyPair();
        Instant longAgo = Instant.now().minus(Duration.ofDays(400));
        expiredClient = pki.issue(CertificateSpec.endEntity("CN=expired client,O=dicomsec test", k1.getPublic(),
                        Duration.ofDays(30), CertificateSpec.EKU_CLIENT_AUTH)
                .withValidity(longAgo, longAgo.plus(Duration.ofDays(30))), k1);

        KeyPair k2 = DemoPki.rsaKeyPair();
        wrongKeyUsageClient = pki.issue(CertificateSpec.endEntity("CN=wrong usage client,O=dicomsec test", k2.getPublic(),
                        Duration.ofDays(30), CertificateSpec.EKU_CLIENT_AUTH)
                .withKeyUsage(CertificateSpec.KU_DATA_ENCIPHERMENT, CertificateSpec.EKU_EMAIL_PROTECTION), k2);

        KeyPair k3 = DemoPki.ecKeyPair();
        ecClient = pki.issue(CertificateSpec.endEntity("CN=ec client,O=dicomsec test", k3.getPublic(),
                Duration.ofDays(30), CertificateSpec.EKU_CLIENT_AUTH), k3);
        KeyPair k4 = DemoPki.ecKeyPair();
        ecServer = pki.issue(CertificateSpec.endEntity("CN=localhost,OU=ec server,O=dicomsec test", k4.getPublic(),
                Duration.ofDays(30), CertificateSpec.EKU_SERVER_AUTH), k4);
    }

    TlsConfig.Builder server(TlsProfile profile) {
        return TlsConfig.builder().profile(profile).keyMaterial(pki.server()).trustAnchors(pki.ca().chain());
    }

    TlsConfig.Builder client(TlsProfile profile) {
        return TlsConfig.builder().profile(profile).keyMaterial(pki.client()).trustAnchors(pki.ca().chain());
    }
}
