package org.dicomsec.tls.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import org.dicomsec.tls.CertificateIssuer;
import org.dicomsec.tls.CertificateSpec;
import org.dicomsec.tls.KeyMaterial;
import org.dicomsec.tls.KeyStores;
import org.dicomsec.tls.PemFiles;

/**
 * A demo / test PKI made without any external tool: a CA and two node
 * certificates, "server" and "client" (RSA, SHA-256, key usage for TLS, SAN
 * localhost, 127.0.0.1 and ::1). Both carry the extended key usages serverAuth
 * and clientAuth (RFC 5280 4.2.1.12): a DICOM node accepts associations and
 * requests them (a Storage Commitment SCP that reports on a new association
 * is the TLS client of that connection, PS3.4 J.3.3), and peers such as
 * OpenSSL-based toolkits refuse a client certificate without clientAuth.
 * {@link #create(Path)} writes it as the files `openssl`, DCMTK and Orthanc read:
 *
 * <pre>
 * ca.pem  ca.key                  the CA certificate and key (PKCS#8)
 * server.pem server.key server.p12 a node (EKU serverAuth, clientAuth)
 * client.pem client.key client.p12 another node (EKU serverAuth, clientAuth)
 * truststore.p12                  the CA as a PKCS#12 trust store
 * </pre>
 * This package is for demos and tests: production code of the TLS profiles
 * ({@code org.dicomsec.tls}) does not depend on it.
 * PKCS#12 files are protected by {@link #DEFAULT_PASSWORD} unless another is
 * given. Not for production: anyone with the directory can impersonate the nodes.
 *
 * @param ca     the CA key and self-signed certificate
 * @param server server key and chain (leaf, CA)
 * @param client client key and chain (leaf, CA)
 */
public record DemoPki(KeyMaterial ca, KeyMaterial server, KeyMaterial client) {

    /** Password of the demo PKCS#12 files (they protect demo keys only). */
    public static final String DEFAULT_PASSWORD = "dicomsec";

    /** The extended key usages of a node certificate: TLS server and TLS client (RFC 5280 4.2.1.12). */
    static final String[] NODE_PURPOSES = {CertificateSpec.EKU_SERVER_AUTH, CertificateSpec.EKU_CLIENT_AUTH};

    /** The names of the files {@link #write} writes into its folder, in the order of the class comment. */
    public static final List<String> FILES = List.of("ca.pem", "ca.key", "server.pem", "server.key", "server.p12",
            "client.pem", "client.key", "client.p12", "truststore.p12");

    /** RSA modulus size of the demo keys. */
    public static final int RSA_BITS = 2048;

    /** Makes the PKI in memory with RSA keys. */
    public static DemoPki generate() throws IOException {
        return generate("dicomsec Demo CA");
    }

    /** Makes a PKI in memory whose CA has the common name {@code caName} (tests use a second, untrusted one). */
    public static DemoPki generate(String caName) throws IOException {
        KeyPair caKeys = rsaKeyPair();
        X509Certificate caCert = selfSignedCa(caName, caKeys);
        KeyMaterial ca = new KeyMaterial(caKeys.getPrivate(), List.of(caCert));
        KeyMaterial server = issue(ca, "CN=localhost,OU=" + caName + " server,O=dicomsec demo", rsaKeyPair(),
                NODE_PURPOSES);
        KeyMaterial client = issue(ca, "CN=dicomsec client,OU=" + caName + " client,O=dicomsec demo", rsaKeyPair(),
                NODE_PURPOSES);
        return new DemoPki(ca, server, client);
    }

    /** Makes the PKI and writes it into {@code dir} (created if absent) with {@link #DEFAULT_PASSWORD}. */
    public static DemoPki create(Path dir) throws IOException {
        return create(dir, DEFAULT_PASSWORD.toCharArray());
    }

    /** Makes the PKI and writes it into {@code dir}; PKCS#12 files protected by {@code password}. */
    public static DemoPki create(Path dir, char[] password) throws IOException {
        DemoPki pki = generate();
        pki.write(dir, password);
        return pki;
    }

    /** Writes the files listed in the class comment ({@link #FILES}). */
    public void write(Path dir, char[] password) throws IOException {
        Files.createDirectories(dir);
        PemFiles.writeCertificates(dir.resolve("ca.pem"), ca.chain());
        PemFiles.writePrivateKey(dir.resolve("ca.key"), ca.privateKey());
        writeEntity(dir, "server", server, password);
        writeEntity(dir, "client", client, password);
        KeyStores.writeTrustStore(dir.resolve("truststore.p12"), ca.chain(), password);
    }

    /**
     * Issues a further end entity under this CA with {@code spec} (for tests:
     * expired, wrong key usage ...). The spec's subject key must be {@code keys}' public key.
     */
    public KeyMaterial issue(CertificateSpec spec, KeyPair keys) throws IOException {
        return new KeyMaterial(keys.getPrivate(),
                List.of(CertificateIssuer.issue(spec, ca.certificate(), ca.privateKey()), ca.certificate()));
    }

    /** A fresh RSA key pair of {@link #RSA_BITS}. */
    public static KeyPair rsaKeyPair() throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(RSA_BITS);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate an RSA key: " + e.getMessage(), e);
        }
    }

    /** A fresh EC key pair on P-256. */
    public static KeyPair ecKeyPair() throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate an EC key: " + e.getMessage(), e);
        }
    }

    private static void writeEntity(Path dir, String name, KeyMaterial km, char[] password) throws IOException {
        PemFiles.writeCertificates(dir.resolve(name + ".pem"), List.of(km.certificate()));
        PemFiles.writePrivateKey(dir.resolve(name + ".key"), km.privateKey());
        KeyStores.writePkcs12(dir.resolve(name + ".p12"), name, km, password);
    }

    private static KeyMaterial issue(KeyMaterial ca, String dn, KeyPair keys, String... ekus) throws IOException {
        CertificateSpec spec = CertificateSpec.endEntity(dn, keys.getPublic(), Duration.ofDays(2 * 365), ekus);
        return new KeyMaterial(keys.getPrivate(),
                List.of(CertificateIssuer.issue(spec, ca.certificate(), ca.privateKey()), ca.certificate()));
    }

    private static X509Certificate selfSignedCa(String cn, KeyPair keys) throws IOException {
        CertificateSpec spec = CertificateSpec.ca("CN=" + cn + ",O=dicomsec demo", keys.getPublic(), Duration.ofDays(10 * 365));
        return CertificateIssuer.selfSigned(spec, keys.getPrivate());
    }

    @Override
    public String toString() {
        return "DemoPki[" + ca.certificate().getSubjectX500Principal().getName() + "]";
    }
}
