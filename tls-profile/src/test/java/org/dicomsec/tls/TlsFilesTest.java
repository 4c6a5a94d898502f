package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TlsFiles} on the demo PKI's real files: what each file gives the builder, and each refusal by name. */
class TlsFilesTest {

    private final TestPki t = TestPki.get();

    private Path f(String name) {
        return t.dir.resolve(name);
    }

    private static TlsFiles pem(Path key, Path certificate, Path... trust) {
        return new TlsFiles(key, certificate, null, List.of(trust), List.of());
    }

    private static TlsFiles.FileRefused refused(TlsFiles files, char[] password) {
        return assertThrows(TlsFiles.FileRefused.class, () -> files.applyTo(TlsConfig.builder(), password));
    }

    @Test
    void pemKeyChainAndTrustBundleGoIntoTheBuilder() throws Exception {
        TlsConfig.Builder b = TlsConfig.builder();
        String line = pem(f("client.key"), f("client.pem"), f("ca.pem")).applyTo(b, null);
        TlsConfig c = b.build();
        assertEquals(t.pki.client().certificate(), c.keyMaterial().certificate());
        assertEquals(List.of(t.pki.ca().certificate()), c.trustAnchors());
        assertEquals("own key " + f("client.key") + " " + f("client.pem") + ", trust 1 CA(s) from " + f("ca.pem"), line);
    }

    @Test
    void pkcs12KeyAndTrustStoreTakeThePasswordAndTheLineNeverShowsIt(@TempDir Path dir) throws Exception {
        String password = "Pw-7kq2x";
        t.pki.write(dir, password.toCharArray());
        TlsConfig.Builder b = TlsConfig.builder();
        String line = new TlsFiles(null, null, dir.resolve("server.p12"), List.of(dir.resolve("truststore.p12"),
                dir.resolve("ca.pem")), List.of()).applyTo(b, password.toCharArray());
        TlsConfig c = b.build();
        assertEquals(t.pki.server().certificate(), c.keyMaterial().certificate());
        assertEquals(2, c.keyMaterial().chain().size());
        assertEquals(List.of(t.pki.ca().certificate(), t.pki.ca().certificate()), c.trustAnchors());
        assertEquals("own key " + dir.resolve("server.p12") + ", trust 2 CA(s) from " + dir.resolve("truststore.p12")
                + ", " + dir.resolve("ca.pem"), line);
        assertFalse(line.contains(password), line);
    }

    @Test
    void noOwnKeyAndNoTrustIsALineToo() throws Exception {
        TlsConfig.Builder b = TlsConfig.builder();
        assertEquals("no own certificate", new TlsFiles(null, null, null, List.of(), List.of()).applyTo(b, null));
        TlsConfig c = b.peerCertificateRequired(false).build();
        assertNull(c.keyMaterial());
        assertTrue(c.trustAnchors().isEmpty());
    }

    @Test
    void crlFilesAreReadAndNamed(@TempDir Path dir) throws Exception {
        Path crl = dir.resolve("ca.crl");
        Files.writeString(crl, PemFiles.encode("X509 CRL", CertificateIssuer.crl(t.pki.ca().certificate(),
                t.pki.ca().privateKey(), List.of(BigInteger.TEN), Duration.ofDays(1)).getEncoded()));
        TlsConfig.Builder b = TlsConfig.builder();
        String line = new TlsFiles(null, null, null, List.of(f("ca.pem")), List.of(crl)).applyTo(b, null);
        assertEquals(1, b.build().crls().size());
        assertTrue(line.endsWith(", CRLs " + crl), line);
    }

    @Test
    void aMissingFileIsRefusedByPartAndNameBeforeAnythingIsRead(@TempDir Path dir) {
        Path nope = dir.resolve("nope.key");
        TlsFiles.FileRefused key = refused(pem(nope, f("client.pem"), f("ca.pem")), null);
        assertEquals(TlsFiles.Part.KEY, key.part());
        assertEquals(nope, key.file());
        assertEquals(TlsFiles.Problem.NO_SUCH_FILE, key.problem());
        assertEquals("own private key " + nope + ": no such file", key.getMessage());
        TlsFiles.FileRefused cert = refused(pem(f("client.key"), dir.resolve("nope.pem"), f("ca.pem")), null);
        assertEquals(TlsFiles.Part.CERTIFICATE, cert.part());
        TlsFiles.FileRefused crl = refused(new TlsFiles(null, null, null, List.of(f("ca.pem")),
                List.of(dir.resolve("nope.crl"))), null);
        assertEquals(TlsFiles.Part.CRL, crl.part());
        assertEquals("CRL file " + dir.resolve("nope.crl") + ": no such file", crl.getMessage());
    }

    @Test
    void aFolderIsRefusedAsOne(@TempDir Path dir) {
        TlsFiles.FileRefused e = refused(pem(f("client.key"), f("client.pem"), dir), null);
        assertEquals(TlsFiles.Part.TRUST, e.part());
        assertEquals(TlsFiles.Problem.DIRECTORY, e.problem());
        assertEquals("trust anchors " + dir + ": is a directory, not a file", e.getMessage());
    }

    @Test
    void aFileThatCannotBeReadIsRefusedAsOne(@TempDir Path dir) throws IOException {
        Path key = Files.copy(f("client.key"), dir.resolve("client.key"));
        Files.getFileAttributeView(key, PosixFileAttributeView.class).setPermissions(Set.of());
        Assumptions.assumeFalse(Files.isReadable(key), "running as root: every file is readable, nothing to test");
        TlsFiles.FileRefused e = refused(pem(key, f("client.pem"), f("ca.pem")), null);
        assertEquals(TlsFiles.Problem.NOT_READABLE, e.problem());
        assertEquals("own private key " + key + ": cannot read the file: permission denied", e.getMessage());
    }

    @Test
    void pkcs12FilesWithoutAPasswordAreRefusedBeforeTheyAreRead() {
        TlsFiles.FileRefused own = refused(new TlsFiles(null, null, f("server.p12"), List.of(f("ca.pem")), List.of()),
                null);
        assertEquals(TlsFiles.Part.PKCS12, own.part());
        assertEquals(TlsFiles.Problem.PASSWORD_NEEDED, own.problem());
        assertEquals("own PKCS#12 file " + f("server.p12") + ": needs its password", own.getMessage());
        TlsFiles.FileRefused store = refused(pem(f("client.key"), f("client.pem"), f("truststore.p12")), null);
        assertEquals(TlsFiles.Part.TRUST, store.part());
        assertEquals(TlsFiles.Problem.PASSWORD_NEEDED, store.problem());
    }

    @Test
    void contentThatCannotBeReadIsAnIoErrorNamingTheFile() {
        IOException wrongPassword = assertThrows(IOException.class, () -> new TlsFiles(null, null, f("server.p12"),
                List.of(), List.of()).applyTo(TlsConfig.builder(), "wrong".toCharArray()));
        assertFalse(wrongPassword instanceof TlsFiles.FileRefused);
        assertTrue(wrongPassword.getMessage().contains(f("server.p12").toString()), wrongPassword.getMessage());
        IOException notPem = assertThrows(IOException.class,
                () -> pem(f("client.key"), f("client.pem"), f("ca.key")).applyTo(TlsConfig.builder(), null));
        assertFalse(notPem instanceof TlsFiles.FileRefused);
        assertTrue(notPem.getMessage().contains(f("ca.key").toString()), notPem.getMessage());
    }

    @Test
    void theOwnKeyIsAPemPairOrOnePkcs12FileAndTheListsAreCopies() {
        assertThrows(IllegalArgumentException.class, () -> pem(f("client.key"), null));
        assertThrows(IllegalArgumentException.class, () -> pem(null, f("client.pem")));
        assertThrows(IllegalArgumentException.class,
                () -> new TlsFiles(f("client.key"), f("client.pem"), f("client.p12"), List.of(), List.of()));
        List<Path> trust = new ArrayList<>(List.of(f("ca.pem")));
        TlsFiles files = new TlsFiles(null, null, null, trust, List.of());
        trust.add(f("truststore.p12"));
        assertEquals(List.of(f("ca.pem")), files.trust());
        assertThrows(UnsupportedOperationException.class, () -> files.crls().add(f("ca.pem")));
    }
}
