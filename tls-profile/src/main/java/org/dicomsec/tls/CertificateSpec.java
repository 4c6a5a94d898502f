package org.dicomsec.tls;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a certificate issued by {@link CertificateIssuer} says: subject,
 * validity, CA flag, key usage bits, extended key usages and subject
 * alternative names (RFC 5280 4.1, 4.2.1.3, 4.2.1.6, 4.2.1.9, 4.2.1.12).
 *
 * @param subjectDn           RFC 4514 string, e.g. "CN=localhost,O=dicomsec demo"
 * @param publicKey           the subject's key (RSA or EC)
 * @param notBefore           start of validity
 * @param notAfter            end of validity
 * @param ca                  basicConstraints cA
 * @param keyUsage            OR of the KU_ constants; 0 leaves the extension out
 * @param extendedKeyUsage    EKU OIDs ({@link #EKU_SERVER_AUTH}, {@link #EKU_CLIENT_AUTH}); empty leaves it out
 * @param dnsNames            dNSName SANs
 * @param ipAddresses         iPAddress SANs (literal IPv4/IPv6)
 */
public record CertificateSpec(String subjectDn, PublicKey publicKey, Instant notBefore, Instant notAfter, boolean ca,
                              int keyUsage, List<String> extendedKeyUsage, List<String> dnsNames,
                              List<String> ipAddresses) {

    // RFC 5280 4.2.1.3 KeyUsage bits, in the DER BIT STRING order bcprov's KeyUsage uses
    public static final int KU_DIGITAL_SIGNATURE = 1 << 7;
    public static final int KU_NON_REPUDIATION = 1 << 6;
    public static final int KU_KEY_ENCIPHERMENT = 1 << 5;
    public static final int KU_DATA_ENCIPHERMENT = 1 << 4;
    public static final int KU_KEY_AGREEMENT = 1 << 3;
    public static final int KU_KEY_CERT_SIGN = 1 << 2;
    public static final int KU_CRL_SIGN = 1 << 1;

    /** id-kp-serverAuth (RFC 5280 4.2.1.12). */
    public static final String EKU_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    /** id-kp-clientAuth. */
    public static final String EKU_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    /** id-kp-emailProtection (used by tests for a wrong purpose). */
    public static final String EKU_EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";

    public CertificateSpec {
        extendedKeyUsage = List.copyOf(extendedKeyUsage);
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
    }

    /** A CA: keyCertSign and cRLSign, valid from an hour ago for {@code validity}. */
    public static CertificateSpec ca(String dn, PublicKey key, Duration validity) {
        Instant from = Instant.now().minus(Duration.ofHours(1));
        return new CertificateSpec(dn, key, from, from.plus(validity), true, KU_KEY_CERT_SIGN | KU_CRL_SIGN,
                List.of(), List.of(), List.of());
    }

    /**
     * A TLS end entity: digitalSignature (ECDHE, TLS 1.3, CertificateVerify) and,
     * for RSA, keyEncipherment (RSA key exchange of the Basic and AES profiles),
     * with the given EKUs and SANs localhost, 127.0.0.1, ::1.
     */
    public static CertificateSpec endEntity(String dn, PublicKey key, Duration validity, String... ekus) {
        Instant from = Instant.now().minus(Duration.ofHours(1));
        int ku = KU_DIGITAL_SIGNATURE | (key.getAlgorithm().equals("RSA") ? KU_KEY_ENCIPHERMENT : 0);
        return new CertificateSpec(dn, key, from, from.plus(validity), false, ku, List.of(ekus),
                List.of("localhost"), List.of("127.0.0.1", "::1"));
    }

    public CertificateSpec withValidity(Instant from, Instant to) {
        return new CertificateSpec(subjectDn, publicKey, from, to, ca, keyUsage, extendedKeyUsage, dnsNames, ipAddresses);
    }

    public CertificateSpec withKeyUsage(int bits, String... ekus) {
        return new CertificateSpec(subjectDn, publicKey, notBefore, notAfter, ca, bits, List.of(ekus), dnsNames, ipAddresses);
    }

    public CertificateSpec withNames(List<String> dns, List<String> ips) {
        return new CertificateSpec(subjectDn, publicKey, notBefore, notAfter, ca, keyUsage, extendedKeyUsage, dns, ips);
    }
}
