package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;

import org.dicomsec.tls.KeyMaterial;
import org.dicomsec.tls.KeyStores;
import org.dicomsec.tls.PemFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dicomsec keys}: dispatch, help, {@code keys init} with generated and given passwords, overwrite refusal. */
class KeysCommandTest {

    @TempDir
    Path tmp;

    private static String perms(Path f) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
    }

    @Test
    void initWritesTheDemoPkiWithAGeneratedPasswordKeptOwnerOnly() throws Exception {
        Path dir = tmp.resolve("pki");
        CliRun r = CliRun.of("keys", "init", dir.toString());
        assertEquals(0, r.status(), r.toString());
        for (String f : org.dicomsec.tls.demo.DemoPki.FILES) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
            assertTrue(r.out().contains(dir.resolve(f).toString()), f + " listed:\n" + r.out());
        }
        Path pwFile = dir.resolve("password.txt");
        for (String secret : List.of("password.txt", "ca.key", "server.key", "client.key", "server.p12", "client.p12")) {
            assertEquals("rw-------", perms(dir.resolve(secret)), secret);
        }
        String pw = Files.readString(pwFile).strip();
        assertEquals(32, pw.length(), "24 random bytes in base64url");
        assertFalse(r.out().contains(pw), "the password is never printed");
        assertFalse(r.err().contains(pw));
        assertTrue(r.out().contains("generated, stored in " + pwFile + " (mode 0600)"), r.out());

        // the files are what they say: the PKCS#12 opens with the stored password, the chains lead to the CA
        X509Certificate ca = PemFiles.readCertificates(dir.resolve("ca.pem")).get(0);
        KeyMaterial server = KeyStores.fromPkcs12(dir.resolve("server.p12"), pw.toCharArray());
        KeyMaterial client = KeyStores.fromPem(dir.resolve("client.key"), dir.resolve("client.pem"));
        server.certificate().verify(ca.getPublicKey());
        client.certificate().verify(ca.getPublicKey());
        // node certificates: serverAuth and clientAuth (a Storage Commitment SCP reports as TLS client)
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), server.certificate().getExtendedKeyUsage());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), client.certificate().getExtendedKeyUsage());
        assertEquals(List.of(ca), KeyStores.trustAnchorsFromPkcs12(dir.resolve("truststore.p12"), pw.toCharArray()));
        // the fingerprints --allow-peer takes, computed here independently of PeerPolicy
        for (X509Certificate c : List.of(server.certificate(), client.certificate())) {
            String sha256 = java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
            assertTrue(r.out().contains("SHA-256 " + sha256), "fingerprint listed:\n" + r.out());
        }
    }

    @Test
    void refusesToOverwriteWithoutForce() throws Exception {
        Path dir = tmp.resolve("pki");
        assertEquals(0, CliRun.of("keys", "init", "-q", dir.toString()).status());
        byte[] caBefore = Files.readAllBytes(dir.resolve("ca.pem"));
        byte[] pwBefore = Files.readAllBytes(dir.resolve("password.txt"));

        CliRun again = CliRun.of("keys", "init", dir.toString());
        assertEquals(1, again.status(), again.toString());
        assertTrue(again.err().contains("refusing to overwrite (give --force"), again.err());
        assertTrue(again.err().contains("ca.pem"), again.err());
        assertArrayEquals(caBefore, Files.readAllBytes(dir.resolve("ca.pem")));
        assertArrayEquals(pwBefore, Files.readAllBytes(dir.resolve("password.txt")));

        CliRun forced = CliRun.of("keys", "init", "--force", dir.toString());
        assertEquals(0, forced.status(), forced.toString());
        assertFalse(java.util.Arrays.equals(caBefore, Files.readAllBytes(dir.resolve("ca.pem"))), "a new CA");
        assertTrue(forced.out().contains("replacing the earlier files"), forced.out());
    }

    @Test
    void givenPasswordProtectsThePkcs12AndWritesNoPasswordFile() throws Exception {
        Path dir = tmp.resolve("pki");
        Path pw = tmp.resolve("pw");
        Files.writeString(pw, "correct horse\n");
        CliRun r = CliRun.of("keys", "init", "--password-file", pw.toString(), dir.toString());
        assertEquals(0, r.status(), r.toString());
        assertFalse(Files.exists(dir.resolve("password.txt")));
        assertFalse(r.out().contains("correct horse"));
        assertTrue(r.out().contains("PKCS#12 password: the one given"), r.out());
        KeyStores.fromPkcs12(dir.resolve("client.p12"), "correct horse".toCharArray());
        assertThrows(IOException.class, () -> KeyStores.fromPkcs12(dir.resolve("client.p12"), "wrong".toCharArray()));
    }

    @Test
    void passwordInClearIsWarnedAbout() {
        CliRun r = CliRun.of("keys", "init", "--password", "pw-in-clear", tmp.resolve("pki").toString());
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.err().contains("warning: --password shows the password"), r.err());
        assertFalse(r.out().contains("pw-in-clear"));
    }

    @Test
    void helpAndDispatch() {
        CliRun help = CliRun.of("keys", "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("usage: dicomsec keys SUBCOMMAND"), help.out());
        assertTrue(help.out().lines().anyMatch(l -> l.startsWith("  init ")), help.out());

        CliRun none = CliRun.of("keys");
        assertEquals(2, none.status());
        assertTrue(none.err().contains("usage: dicomsec keys"), none.err());

        CliRun unknown = CliRun.of("keys", "mint");
        assertEquals(2, unknown.status());
        assertEquals("dicomsec keys: unknown subcommand 'mint'; known: init, iscl (see dicomsec keys --help)",
                unknown.err().strip());

        CliRun initHelp = CliRun.of("keys", "init", "--help");
        assertEquals(0, initHelp.status());
        assertTrue(initHelp.out().startsWith("usage: dicomsec keys init [options] DIR"), initHelp.out());
        assertTrue(initHelp.out().contains("--force"), initHelp.out());

        CliRun missing = CliRun.of("keys", "init");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("missing DIR"), missing.err());

        CliRun top = CliRun.of("--help");
        assertTrue(top.out().lines().anyMatch(l -> l.startsWith("  keys ")), top.out());
    }

    @Test
    void aFileInsteadOfADirectoryIsBadInput() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        CliRun r = CliRun.of("keys", "init", file.toString());
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("is not a directory"), r.err());
    }
}
