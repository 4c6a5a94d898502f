package org.dicomsec.storage.net;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1EncodableVector;
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
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.dicomsec.tls.demo.DemoPki;
import org.dicomsec.tls.KeyMaterial;

/**
 * Node certificates for the network tests: issued by a {@link DemoPki} CA, both
 * TLS purposes (a node is server and client), SAN localhost / 127.0.0.1, and,
 * when asked, a certificatePolicies extension (RFC 5280 4.2.1.4) naming the
 * Online Electronic Storage policy OID the {@link org.dicomsec.storage.PeerPolicy} accepts.
 */
final class ProfileCertificates {

    /** The test's policy OID (1.3.6.1.4.1.99999 is unassigned: a test arc only). */
    static final String PROFILE_POLICY = "1.3.6.1.4.1.99999.15.1";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ProfileCertificates() {
    }

    /** A node's key and chain; {@code policyOid} null leaves the policy extension out. */
    static KeyMaterial node(DemoPki pki, String cn, String policyOid) throws IOException, GeneralSecurityException {
        KeyPair keys = DemoPki.rsaKeyPair();
        X509Certificate ca = pki.ca().certificate();
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        AlgorithmIdentifier sigAlg = new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption,
                DERNull.INSTANCE);
        V3TBSCertificateGenerator g = new V3TBSCertificateGenerator();
        g.setSerialNumber(new ASN1Integer(new BigInteger(64, RANDOM).setBit(63)));
        g.setSignature(sigAlg);
        g.setIssuer(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()));
        Instant from = Instant.now().minus(Duration.ofHours(1));
        g.setStartDate(new Time(Date.from(from)));
        g.setEndDate(new Time(Date.from(from.plus(Duration.ofDays(30)))));
        g.setSubject(new X500Name("CN=" + cn + ",O=dicomsec test"));
        g.setSubjectPublicKeyInfo(spki);
        ExtensionsGenerator ext = new ExtensionsGenerator();
        ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        ext.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
            KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, new DEROctetString(InetAddress.getByName("127.0.0.1").getAddress()))}));
        if (policyOid != null) {
            ext.addExtension(Extension.certificatePolicies, false,
                    new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(policyOid))));
        }
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        ext.addExtension(Extension.subjectKeyIdentifier, false,
                new SubjectKeyIdentifier(sha1.digest(spki.getPublicKeyData().getBytes())));
        ext.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(sha1.digest(
                SubjectPublicKeyInfo.getInstance(ca.getPublicKey().getEncoded()).getPublicKeyData().getBytes())));
        g.setExtensions(ext.generate());
        TBSCertificate tbs = g.generateTBSCertificate();
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(pki.ca().privateKey());
        s.update(tbs.getEncoded(ASN1Encoding.DER));
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(tbs);
        v.add(sigAlg);
        v.add(new DERBitString(s.sign()));
        byte[] der = new DERSequence(v).getEncoded(ASN1Encoding.DER);
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        return new KeyMaterial(keys.getPrivate(), List.of(cert, ca));
    }
}
