package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.dicomsec.tls.demo.DemoPki;

/** PEM and PKCS#12 key management: the formats openssl writes, and clean errors for the rest. */
class PemFilesTest {

    private final TestPki t = TestPki.get();

    @TempDir
    Path tmp;

    @Test
    void pkcs8KeyAndCertificateAsWrittenByDemoPki() throws Exception {
        KeyMaterial km = KeyStores.fromPem(t.dir.resolve("server.key"), t.dir.resolve("server.pem"));
        assertArrayEquals(t.pki.server().privateKey().getEncoded(), km.privateKey().getEncoded());
        assertEquals(t.pki.server().certificate(), km.certificate());
        assertTrue(Files.readString(t.dir.resolve("server.key")).startsWith("-----BEGIN PRIVATE KEY-----\n"));
    }

    @Test
    void pkcs1RsaKeyIsConvertedToPkcs8() throws Exception {
        PrivateKey key = t.pki.client().privateKey();
        // the PKCS#1 RSAPrivateKey inside the PKCS#8 structure, as `openssl rsa -traditional` writes it
        byte[] pkcs1 = PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        Path f = tmp.resolve("client-pkcs1.key");
        Files.writeString(f, "Bag Attributes\n    friendlyName: client\n" + PemFiles.encode("RSA PRIVATE KEY", pkcs1));
        PrivateKey read = PemFiles.readPrivateKey(f);
        assertEquals("RSA", read.getAlgorithm());
        assertArrayEquals(key.getEncoded(), read.getEncoded());
    }

    @Test
    void linesEndingInCrlfOrCrReadAsWithLf() throws Exception {
        String lf = Files.readString(t.dir.resolve("server.key"));
        byte[] expected = t.pki.server().privateKey().getEncoded();
        for (String eol : List.of("\r\n", "\r", "\n\n")) {
            Path f = tmp.resolve("eol.key");
            Files.writeString(f, lf.replace("\n", eol) + "trailing text without a newline");
            assertArrayEquals(expected, PemFiles.readPrivateKey(f).getEncoded(), "lines ending in " + eol.length());
        }
        // a key of an algorithm other than RSA, RSASSA-PSS and EC (DSA): refused, its identifier named
        Path f = tmp.resolve("dsa.key");
        Files.writeString(f, PemFiles.encode("PRIVATE KEY", new PrivateKeyInfo(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(new org.bouncycastle.asn1.ASN1ObjectIdentifier(
                        "1.2.840.10040.4.1")), new org.bouncycastle.asn1.ASN1Integer(7)).getEncoded()));
        IOException e = assertThrows(IOException.class, () -> PemFiles.readPrivateKey(f));
        assertTrue(e.getMessage().contains("unsupported private key algorithm 1.2.840.10040.4.1"), e.getMessage());
    }

    @Test
    void sec1EcKeyIsConvertedToPkcs8() throws Exception {
        PrivateKey key = t.ecClient.privateKey();
        // SEC 1 with its curve, as `openssl ecparam -genkey` writes it (RFC 5915)
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, ((java.security.interfaces.ECPrivateKey) key).getS(),
                info.getPrivateKeyAlgorithm().getParameters()).getEncoded();
        Path f = tmp.resolve("ec.key");
        Files.writeString(f, PemFiles.encode("EC PRIVATE KEY", sec1));
        PrivateKey read = PemFiles.readPrivateKey(f);
        assertEquals("EC", read.getAlgorithm());
        assertEquals(((java.security.interfaces.ECPrivateKey) key).getS(), ((java.security.interfaces.ECPrivateKey) read).getS());
    }

    @Test
    void encryptedKeysAreRefusedWithAHint() throws Exception {
        Path f = tmp.resolve("enc.key");
        Files.writeString(f, "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n"
                + "-----END RSA PRIVATE KEY-----\n");
        IOException e = assertThrows(IOException.class, () -> PemFiles.readPrivateKey(f));
        assertTrue(e.getMessage().contains("encrypted PEM private keys are not supported"), e.getMessage());
        Files.writeString(f, PemFiles.encode("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0x00}));
        assertThrows(IOException.class, () -> PemFiles.readPrivateKey(f));
    }

    @Test
    void malformedPemNamesWhatAndWhere() throws Exception {
        Path f = tmp.resolve("bad.pem");
        Files.writeString(f, "junk\n-----BEGIN CERTIFICATE-----\nMIIB\n");
        IOException e = assertThrows(IOException.class, () -> PemFiles.readCertificates(f));
        assertTrue(e.getMessage().contains("'CERTIFICATE' at offset 5 has no END line"), e.getMessage());
        Files.writeString(f, "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n");
        e = assertThrows(IOException.class, () -> PemFiles.readCertificates(f));
        assertTrue(e.getMessage().contains("bad base64"), e.getMessage());
        Files.writeString(f, "no pem here");
        e = assertThrows(IOException.class, () -> PemFiles.readCertificates(f));
        assertTrue(e.getMessage().contains("no PEM CERTIFICATE block"), e.getMessage());
    }

    @Test
    void bundleKeepsOrderAndChainMustMatchKey() throws Exception {
        Path bundle = tmp.resolve("bundle.pem");
        PemFiles.writeCertificates(bundle, List.of(t.pki.ca().certificate(), t.untrusted.ca().certificate()));
        List<X509Certificate> read = PemFiles.readCertificates(bundle);
        assertEquals(List.of(t.pki.ca().certificate(), t.untrusted.ca().certificate()), read);
        IOException e = assertThrows(IOException.class,
                () -> KeyStores.fromPem(t.dir.resolve("client.key"), t.dir.resolve("ca.pem")));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void pkcs12KeyStoreAndTrustStore() throws Exception {
        KeyMaterial km = KeyStores.fromPkcs12(t.dir.resolve("client.p12"), TestPki.PASSWORD);
        assertEquals(t.pki.client().certificate(), km.certificate());
        assertEquals(2, km.chain().size());
        assertArrayEquals(t.pki.client().privateKey().getEncoded(), km.privateKey().getEncoded());
        assertEquals(t.pki.ca().chain(), KeyStores.trustAnchors(t.dir.resolve("truststore.p12"), TestPki.PASSWORD));
        assertEquals(t.pki.ca().chain(), KeyStores.trustAnchors(t.dir.resolve("ca.pem"), null));
        IOException e = assertThrows(IOException.class,
                () -> KeyStores.fromPkcs12(t.dir.resolve("client.p12"), "wrong".toCharArray()));
        assertTrue(e.getMessage().contains("client.p12"), e.getMessage());
        assertThrows(IOException.class, () -> KeyStores.trustAnchorsFromPkcs12(t.dir.resolve("client.p12"), TestPki.PASSWORD));
    }

    @Test
    void configFromFilesAsACommandLineGivesThem() throws Exception {
        TlsConfig pem = TlsConfig.builder().keyFiles(t.dir.resolve("client.key"), t.dir.resolve("client.pem"), null)
                .trust(t.dir.resolve("ca.pem"), null).build();
        TlsConfig p12 = TlsConfig.builder().keyFiles(t.dir.resolve("client.p12"), null, TestPki.PASSWORD)
                .trust(t.dir.resolve("truststore.p12"), TestPki.PASSWORD).build();
        assertEquals(pem.keyMaterial().certificate(), p12.keyMaterial().certificate());
        assertEquals(pem.trustAnchors(), p12.trustAnchors());
        assertThrows(IOException.class, () -> TlsConfig.builder().keyFiles(t.dir.resolve("client.key"), null, null));
    }

    @Test
    void keyMaterialNeverPrintsTheKey() {
        String s = t.pki.client().toString();
        assertTrue(s.contains("RSA key"));
        assertTrue(!s.contains("modulus") && !s.contains("private exponent"), s);
    }

    @Property(tries = 300)
    void anyTextParsesOrFailsCleanly(@ForAll @StringLength(max = 300) String junk) {
        String text = junk.contains("BEGIN") ? junk : "-----BEGIN X-----\n" + junk + "\n-----END X-----\n" + junk;
        try {
            List<PemFiles.Block> blocks = PemFiles.parse(text, "property");
            assertTrue(blocks.size() <= 1 + text.length() / 20);
        } catch (IOException e) {
            assertTrue(e.getMessage().startsWith("property: "), e.getMessage());
        }
    }

    @Test
    void oversizedFileIsRefusedBeforeReading() throws Exception {
        Path f = tmp.resolve("huge.pem");
        try (var ch = Files.newByteChannel(f, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.position(PemFiles.MAX_FILE_SIZE + 1);
            ch.write(java.nio.ByteBuffer.wrap("x".getBytes(StandardCharsets.US_ASCII)));
        }
        IOException e = assertThrows(IOException.class, () -> PemFiles.readCertificates(f));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }
}
