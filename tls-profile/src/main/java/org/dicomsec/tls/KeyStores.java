package org.dicomsec.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Key management (PS3.15 B.1: "the Conformance Statement shall also indicate
 * what mechanisms the implementation supports for Key Management"): an
 * entity's key and chain from PKCS#12 or PEM, trust anchors from a PEM bundle
 * or a PKCS#12 trust store.
 */
public final class KeyStores {

    private KeyStores() {
    }

    /** Key and chain from PEM files: the key (PKCS#8 or PKCS#1/SEC 1) and the chain, leaf first. */
    public static KeyMaterial fromPem(Path keyFile, Path certificateFile) throws IOException {
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        List<X509Certificate> chain = PemFiles.readCertificates(certificateFile);
        try {
            return new KeyMaterial(key, chain);
        } catch (IllegalArgumentException e) {
            throw new IOException(keyFile + " / " + certificateFile + ": " + e.getMessage(), e);
        }
    }

    /** The first private key entry of a PKCS#12 file and its chain. */
    public static KeyMaterial fromPkcs12(Path file, char[] password) throws IOException {
        KeyStore ks = loadPkcs12(file, password);
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    Key key = ks.getKey(alias, password);
                    Certificate[] chain = ks.getCertificateChain(alias);
                    if (key instanceof PrivateKey pk && chain != null && chain.length > 0) {
                        List<X509Certificate> certs = new ArrayList<>();
                        for (Certificate c : chain) {
                            certs.add((X509Certificate) c);
                        }
                        return new KeyMaterial(pk, certs);
                    }
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + ": cannot read the private key entry: " + e.getMessage(), e);
        }
        throw new IOException(file + ": no private key entry with a certificate chain");
    }

    /**
     * Trust anchors from a file: a PKCS#12 trust store (by extension .p12 / .pfx,
     * needs {@code password}) or a PEM bundle of CA certificates.
     */
    public static List<X509Certificate> trustAnchors(Path file, char[] password) throws IOException {
        return isPkcs12(file) ? trustAnchorsFromPkcs12(file, password) : PemFiles.readCertificates(file);
    }

    /** The trusted certificate entries of a PKCS#12 trust store; at least one. */
    public static List<X509Certificate> trustAnchorsFromPkcs12(Path file, char[] password) throws IOException {
        KeyStore ks = loadPkcs12(file, password);
        List<X509Certificate> anchors = new ArrayList<>();
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isCertificateEntry(alias) && ks.getCertificate(alias) instanceof X509Certificate c) {
                    anchors.add(c);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        if (anchors.isEmpty()) {
            throw new IOException(file + ": no trusted certificate entry in the PKCS#12 trust store");
        }
        return anchors;
    }

    /** Writes key and chain as a PKCS#12 file protected by {@code password}. */
    public static void writePkcs12(Path file, String alias, KeyMaterial km, char[] password) throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(alias, km.privateKey(), password, km.chain().toArray(new Certificate[0]));
            store(ks, file, password);
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": cannot write PKCS#12: " + e.getMessage(), e);
        }
    }

    /** Writes CA certificates as trusted entries of a PKCS#12 trust store. */
    public static void writeTrustStore(Path file, List<X509Certificate> anchors, char[] password) throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : anchors) {
                ks.setCertificateEntry("ca" + (i++), c);
            }
            store(ks, file, password);
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": cannot write PKCS#12 trust store: " + e.getMessage(), e);
        }
    }

    /** True when the file name ends in .p12 or .pfx. */
    public static boolean isPkcs12(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".p12") || n.endsWith(".pfx");
    }

    private static void store(KeyStore ks, Path file, char[] password) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ks.store(bytes, password);
        KeyFiles.writeOwnerOnly(file, bytes.toByteArray());
    }

    private static KeyStore loadPkcs12(Path file, char[] password) throws IOException {
        long size = Files.size(file);
        if (size > PemFiles.MAX_FILE_SIZE) {
            throw new IOException(file + ": " + size + " bytes, larger than the " + PemFiles.MAX_FILE_SIZE
                    + " allowed for a PKCS#12 file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return ks;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": cannot open PKCS#12: " + e.getMessage(), e);
        } catch (IOException e) {
            // the JDK reports a wrong password as an IOException with an UnrecoverableKeyException cause
            throw new IOException(file + ": cannot open PKCS#12 (wrong password or not PKCS#12): " + e.getMessage(), e);
        }
    }
}
