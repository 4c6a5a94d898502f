package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

import org.bouncycastle.tls.TlsFatalAlert;
import org.junit.jupiter.api.Test;
import org.dicomsec.tls.demo.DemoPki;

/** The demo PKI: what it writes and that its certificates are fit for their TLS roles, and only for those. */
class DemoPkiTest {

    private final TestPki t = TestPki.get();

    @Test
    void writesPemAndPkcs12Files() throws Exception {
        assertEquals(List.of("ca.pem", "ca.key", "server.pem", "server.key", "server.p12", "client.pem", "client.key",
                "client.p12", "truststore.p12"), DemoPki.FILES);
        for (String f : DemoPki.FILES) {
            assertTrue(Files.size(t.dir.resolve(f)) > 0, f);
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(t.dir.resolve("server.key"))));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(t.dir.resolve("ca.key"))));
        }
    }

    @Test
    void caIsACaAndSignsTheLeaves() throws Exception {
        X509Certificate ca = t.pki.ca().certificate();
        assertTrue(ca.getBasicConstraints() >= 0);
        assertTrue(ca.getKeyUsage()[5], "keyCertSign");
        ca.verify(ca.getPublicKey());
        for (KeyMaterial leaf : List.of(t.pki.server(), t.pki.client())) {
            X509Certificate c = leaf.certificate();
            c.verify(ca.getPublicKey());
            assertEquals(-1, c.getBasicConstraints());
            assertEquals("SHA256withRSA", c.getSigAlgName());
            assertEquals(DemoPki.RSA_BITS, ((RSAPublicKey) c.getPublicKey()).getModulus().bitLength());
            assertTrue(c.getKeyUsage()[0] && c.getKeyUsage()[2], "digitalSignature and keyEncipherment");
            assertEquals(ca.getSubjectX500Principal(), c.getIssuerX500Principal());
            assertEquals(3, c.getVersion());
        }
    }

    @Test
    void rolesAndNames() throws Exception {
        PeerValidator v = new PeerValidator(t.pki.ca().chain(), List.of());
        assertDoesNotThrow(() -> v.validate(t.pki.server().chain(), PeerValidator.Role.SERVER, true, "localhost"));
        assertDoesNotThrow(() -> v.validate(t.pki.server().chain(), PeerValidator.Role.SERVER, false, "127.0.0.1"));
        assertDoesNotThrow(() -> v.validate(t.pki.server().chain(), PeerValidator.Role.SERVER, false, "::1"));
        assertDoesNotThrow(() -> v.validate(t.pki.client().chain(), PeerValidator.Role.CLIENT, false, null));
        // node certificates serve both roles (a Storage Commitment SCP reports as the TLS client)
        assertDoesNotThrow(() -> v.validate(t.pki.client().chain(), PeerValidator.Role.SERVER, false, null));
        assertDoesNotThrow(() -> v.validate(t.pki.server().chain(), PeerValidator.Role.CLIENT, false, null));
        // a single-purpose certificate is refused in the other role (RFC 5280 4.2.1.12)
        assertThrows(TlsFatalAlert.class, () -> v.validate(t.ecClient.chain(), PeerValidator.Role.SERVER, false, null));
        assertThrows(TlsFatalAlert.class, () -> v.validate(t.ecServer.chain(), PeerValidator.Role.CLIENT, false, null));
        assertThrows(TlsFatalAlert.class, () -> v.validate(t.pki.server().chain(), PeerValidator.Role.SERVER, false, "example.org"));
        // an EC leaf has no keyEncipherment: unfit for RSA key transport
        assertThrows(TlsFatalAlert.class, () -> v.validate(t.ecServer.chain(), PeerValidator.Role.SERVER, true, null));
        assertDoesNotThrow(() -> v.validate(t.ecServer.chain(), PeerValidator.Role.SERVER, false, null));
    }

    @Test
    void createWritesAFreshPkiThatLoadsBack(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        DemoPki pki = DemoPki.create(dir.resolve("keys"));
        KeyMaterial server = KeyStores.fromPkcs12(dir.resolve("keys/server.p12"), DemoPki.DEFAULT_PASSWORD.toCharArray());
        assertEquals(pki.server().certificate(), server.certificate());
        assertEquals(pki.ca().chain(), PemFiles.readCertificates(dir.resolve("keys/ca.pem")));
        assertFalse(pki.ca().certificate().equals(t.pki.ca().certificate()), "each PKI has its own CA");
        for (KeyMaterial node : List.of(pki.server(), pki.client())) {
            assertEquals(List.of(CertificateSpec.EKU_SERVER_AUTH, CertificateSpec.EKU_CLIENT_AUTH),
                    node.certificate().getExtendedKeyUsage(), "a node certificate is TLS server and client");
        }
    }
}
