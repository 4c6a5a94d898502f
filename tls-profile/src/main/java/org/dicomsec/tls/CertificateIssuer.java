package org.dicomsec.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V2TBSCertListGenerator;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Issues X.509 v3 certificates (RFC 5280) with bcprov's ASN.1 classes and a JCA
 * {@link Signature}: SHA256withRSA for RSA issuers, SHA256withECDSA for EC ones.
 * For demo and test PKIs; a production site uses its own CA.
 */
public final class CertificateIssuer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateIssuer() {
    }

    /** A self-signed certificate (a root CA). */
    public static X509Certificate selfSigned(CertificateSpec spec, PrivateKey key) throws IOException {
        return issue(spec, null, key);
    }

    /**
     * Issues {@code spec} signed by {@code issuerKey}; {@code issuer} null makes
     * it self-signed (its subject and key identifier are used as the issuer's).
     */
    public static X509Certificate issue(CertificateSpec spec, X509Certificate issuer, PrivateKey issuerKey)
            throws IOException {
        try {
            AlgorithmIdentifier sigAlg;
            String jcaSigAlg;
            if (issuerKey.getAlgorithm().equals("RSA")) {
                sigAlg = new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
                jcaSigAlg = "SHA256withRSA";
            } else if (issuerKey.getAlgorithm().equals("EC")) {
                sigAlg = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
                jcaSigAlg = "SHA256withECDSA";
            } else {
                throw new GeneralSecurityException("unsupported issuer key " + issuerKey.getAlgorithm());
            }
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(spec.publicKey().getEncoded());
            X500Name subject = new X500Name(spec.subjectDn());
            byte[] ski = keyIdentifier(spki);
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            byte[] aki = issuer == null ? ski
                    : keyIdentifier(SubjectPublicKeyInfo.getInstance(issuer.getPublicKey().getEncoded()));

            V3TBSCertificateGenerator tbsGen = new V3TBSCertificateGenerator();
            // RFC 5280 4.1.2.2: positive, at most 20 octets; 64 random bits are unique enough here
            tbsGen.setSerialNumber(new ASN1Integer(new BigInteger(64, RANDOM).setBit(63)));
            tbsGen.setSignature(sigAlg);
            tbsGen.setIssuer(issuerName);
            tbsGen.setStartDate(new Time(Date.from(spec.notBefore())));
            tbsGen.setEndDate(new Time(Date.from(spec.notAfter())));
            tbsGen.setSubject(subject);
            tbsGen.setSubjectPublicKeyInfo(spki);
            tbsGen.setExtensions(extensions(spec, ski, aki));
            TBSCertificate tbs = tbsGen.generateTBSCertificate();

            Signature signer = Signature.getInstance(jcaSigAlg);
            signer.initSign(issuerKey);
            signer.update(tbs.getEncoded(ASN1Encoding.DER));
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(tbs);
            v.add(sigAlg);
            v.add(new DERBitString(signer.sign()));
            byte[] der = new DERSequence(v).getEncoded(ASN1Encoding.DER);
            return PemFiles.certificate(der, "issued certificate " + spec.subjectDn());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot issue certificate for " + spec.subjectDn() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A CRL (RFC 5280 5) issued by {@code ca} listing {@code revokedSerials}
     * (reason keyCompromise), valid from an hour ago for {@code validity}.
     */
    public static X509CRL crl(X509Certificate ca, PrivateKey caKey, List<BigInteger> revokedSerials, Duration validity)
            throws IOException {
        try {
            AlgorithmIdentifier sigAlg = caKey.getAlgorithm().equals("RSA")
                    ? new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE)
                    : new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
            Instant now = Instant.now().minus(Duration.ofHours(1));
            V2TBSCertListGenerator g = new V2TBSCertListGenerator();
            g.setSignature(sigAlg);
            g.setIssuer(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()));
            g.setThisUpdate(new Time(Date.from(now)));
            g.setNextUpdate(new Time(Date.from(now.plus(validity))));
            for (BigInteger serial : revokedSerials) {
                g.addCRLEntry(new ASN1Integer(serial), new Time(Date.from(now)), CRLReason.keyCompromise);
            }
            TBSCertList tbs = g.generateTBSCertList();
            Signature signer = Signature.getInstance(caKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA");
            signer.initSign(caKey);
            signer.update(tbs.getEncoded(ASN1Encoding.DER));
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(tbs);
            v.add(sigAlg);
            v.add(new DERBitString(signer.sign()));
            byte[] der = new DERSequence(v).getEncoded(ASN1Encoding.DER);
            return (X509CRL) PemFiles.x509Factory().generateCRL(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot issue CRL: " + e.getMessage(), e);
        }
    }

    private static org.bouncycastle.asn1.x509.Extensions extensions(CertificateSpec spec, byte[] ski, byte[] aki)
            throws IOException {
        ExtensionsGenerator ext = new ExtensionsGenerator();
        ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(spec.ca()));
        if (spec.keyUsage() != 0) {
            ext.addExtension(Extension.keyUsage, true, new KeyUsage(spec.keyUsage()));
        }
        if (!spec.extendedKeyUsage().isEmpty()) {
            KeyPurposeId[] ids = spec.extendedKeyUsage().stream()
                    .map(o -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(o))).toArray(KeyPurposeId[]::new);
            ext.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ids));
        }
        List<GeneralName> names = new ArrayList<>();
        for (String dns : spec.dnsNames()) {
            names.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (String ip : spec.ipAddresses()) {
            // literal addresses only: getByName does no lookup for them
            names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(InetAddress.getByName(ip).getAddress())));
        }
        if (!names.isEmpty()) {
            ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
        }
        ext.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(ski));
        if (!spec.ca() || aki != ski) {
            ext.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(aki));
        }
        return ext.generate();
    }

    /** RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits. */
    private static byte[] keyIdentifier(SubjectPublicKeyInfo spki) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-1").digest(spki.getPublicKeyData().getBytes());
    }
}
