package org.dicomsec.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Reads and writes the PEM files `openssl` uses (RFC 7468): certificates,
 * CRLs, and unencrypted private keys as PKCS#8 ("PRIVATE KEY"), PKCS#1
 * ("RSA PRIVATE KEY", as `openssl genrsa -traditional` writes) or SEC 1
 * ("EC PRIVATE KEY"). PKCS#1 and SEC 1 keys are rewrapped as PKCS#8 with
 * bcprov's ASN.1 classes so the JDK's KeyFactory can read them.
 */
public final class PemFiles {

    /** Largest PEM file read; a key store or CA bundle is far smaller. */
    static final long MAX_FILE_SIZE = 8L * 1024 * 1024;

    private PemFiles() {
    }

    /** One PEM block: its label ("CERTIFICATE") and decoded contents. */
    record Block(String label, byte[] der, boolean encrypted) {
    }

    /** All certificates of a PEM file (a chain or a CA bundle), in file order; at least one. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<X509Certificate> certs = new ArrayList<>();
        for (Block b : blocks(file)) {
            if (b.label.equals("CERTIFICATE") || b.label.equals("TRUSTED CERTIFICATE")
                    || b.label.equals("X509 CERTIFICATE")) {
                certs.add(certificate(b.der, file));
            }
        }
        if (certs.isEmpty()) {
            throw new IOException(file + ": no PEM CERTIFICATE block");
        }
        return certs;
    }

    /** All CRLs ("X509 CRL") of a PEM file; at least one. */
    public static List<X509CRL> readCrls(Path file) throws IOException {
        List<X509CRL> crls = new ArrayList<>();
        for (Block b : blocks(file)) {
            if (b.label.equals("X509 CRL")) {
                try {
                    crls.add((X509CRL) x509Factory().generateCRL(new ByteArrayInputStream(b.der)));
                } catch (GeneralSecurityException e) {
                    throw new IOException(file + ": unreadable X509 CRL: " + e.getMessage(), e);
                }
            }
        }
        if (crls.isEmpty()) {
            throw new IOException(file + ": no PEM X509 CRL block");
        }
        return crls;
    }

    /**
     * The first private key of a PEM file: PKCS#8 "PRIVATE KEY", PKCS#1
     * "RSA PRIVATE KEY" or SEC 1 "EC PRIVATE KEY". Encrypted keys are refused
     * with a message saying how to decrypt them.
     */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        for (Block b : blocks(file)) {
            if (b.encrypted || b.label.equals("ENCRYPTED PRIVATE KEY")) {
                throw new IOException(file + ": encrypted PEM private keys are not supported;"
                        + " write it unencrypted with 'openssl pkey -in KEY -out KEY.pem' or use a PKCS#12 file");
            }
            try {
                switch (b.label) {
                    case "PRIVATE KEY":
                        return pkcs8(b.der);
                    case "RSA PRIVATE KEY": {
                        // PKCS#1 RSAPrivateKey (RFC 8017 A.1.2) -> PKCS#8 PrivateKeyInfo (RFC 5208)
                        RSAPrivateKey rsa = RSAPrivateKey.getInstance(ASN1Primitive.fromByteArray(b.der));
                        PrivateKeyInfo info = new PrivateKeyInfo(
                                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), rsa);
                        return pkcs8(info.getEncoded());
                    }
                    case "EC PRIVATE KEY": {
                        // SEC 1 ECPrivateKey (RFC 5915) carries its curve; PKCS#8 wants it in the algorithm
                        ECPrivateKey ec = ECPrivateKey.getInstance(ASN1Primitive.fromByteArray(b.der));
                        if (ec.getParametersObject() == null) {
                            throw new IOException(file + ": EC PRIVATE KEY without curve parameters");
                        }
                        PrivateKeyInfo info = new PrivateKeyInfo(
                                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, ec.getParametersObject()), ec);
                        return pkcs8(info.getEncoded());
                    }
                    default:
                        break;
                }
            } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
                throw new IOException(file + ": unreadable " + b.label + ": " + e.getMessage(), e);
            }
        }
        throw new IOException(file + ": no PEM private key block (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    /** Writes certificates as PEM, in list order. */
    public static void writeCertificates(Path file, List<X509Certificate> certs) throws IOException {
        StringBuilder sb = new StringBuilder();
        try {
            for (X509Certificate c : certs) {
                sb.append(encode("CERTIFICATE", c.getEncoded()));
            }
        } catch (CertificateException e) {
            throw new IOException("cannot encode certificate: " + e.getMessage(), e);
        }
        Files.writeString(file, sb.toString(), StandardCharsets.US_ASCII);
    }

    /** Writes a private key as unencrypted PKCS#8 "PRIVATE KEY", readable by the owner only where the file system allows. */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        KeyFiles.writeOwnerOnly(file, encode("PRIVATE KEY", key.getEncoded()).getBytes(StandardCharsets.US_ASCII));
    }

    /** RFC 7468 encoding: base64 in lines of 64 characters. */
    static String encode(String label, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
    }

    static List<Block> blocks(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_SIZE) {
            throw new IOException(file + ": " + size + " bytes, larger than the " + MAX_FILE_SIZE + " allowed for a PEM file");
        }
        return parse(Files.readString(file, StandardCharsets.ISO_8859_1), file.toString());
    }

    /** Splits PEM text into its blocks; text outside blocks (openssl's "Bag Attributes") is ignored. */
    static List<Block> parse(String text, String source) throws IOException {
        List<Block> out = new ArrayList<>();
        int pos = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", pos);
            if (begin < 0) {
                return out;
            }
            int labelEnd = text.indexOf("-----", begin + 11);
            if (labelEnd < 0) {
                throw new IOException(source + ": malformed PEM header at offset " + begin);
            }
            String label = text.substring(begin + 11, labelEnd);
            String endMarker = "-----END " + label + "-----";
            int end = text.indexOf(endMarker, labelEnd + 5);
            if (end < 0) {
                throw new IOException(source + ": PEM block '" + label + "' at offset " + begin + " has no END line");
            }
            String body = text.substring(labelEnd + 5, end);
            boolean encrypted = false;
            StringBuilder b64 = new StringBuilder(body.length());
            for (String line : body.split("\r?\n|\r")) {
                String l = line.trim();
                if (l.contains(":")) {
                    // RFC 1421 headers (Proc-Type: 4,ENCRYPTED / DEK-Info) of an encrypted legacy key
                    encrypted |= l.startsWith("Proc-Type:") && l.contains("ENCRYPTED");
                    continue;
                }
                b64.append(l);
            }
            try {
                out.add(new Block(label, Base64.getDecoder().decode(b64.toString()), encrypted));
            } catch (IllegalArgumentException e) {
                throw new IOException(source + ": bad base64 in PEM block '" + label + "' at offset " + begin, e);
            }
            pos = end + endMarker.length();
        }
    }

    static X509Certificate certificate(byte[] der, Object source) throws IOException {
        try {
            return (X509Certificate) x509Factory().generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IOException(source + ": unreadable certificate: " + e.getMessage(), e);
        }
    }

    static CertificateFactory x509Factory() throws CertificateException {
        return CertificateFactory.getInstance("X.509");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException, IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
        String oid = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
        String alg;
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption.getId())) {
            alg = "RSA";
        } else if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey.getId())) {
            alg = "EC";
        } else if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS.getId())) {
            alg = "RSASSA-PSS";
        } else {
            throw new GeneralSecurityException("unsupported private key algorithm " + oid);
        }
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
