package org.dicomsec.tls;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link TlsProbe} reports of a server's certificate (not validated: shown):
 * subject, issuer, expiry and days left, key type and size, signature
 * algorithm, and the findings against BCP 195 (RFC 9325 4.1 / RFC 7525 4.3:
 * RSA keys of at least 2048 bits, EC of at least 256; SHA-1 signatures are
 * deprecated) and against the calendar (expired, or expiring within
 * {@link #EXPIRY_WARNING_DAYS} days).
 *
 * @param subject  leaf subject DN (RFC 2253)
 * @param issuer   leaf issuer DN
 * @param notAfter end of validity
 * @param daysLeft whole days from now to notAfter (negative: expired)
 * @param keyType  "RSA", "EC", ...
 * @param keyBits  RSA modulus or EC field size; 0 when unknown
 * @param signatureAlgorithm as the JDK names it ("SHA256withRSA")
 * @param chain    subjects of the chain as sent, leaf first
 * @param findings what falls short
 */
public record CertificateReport(String subject, String issuer, Instant notAfter, long daysLeft, String keyType, int keyBits,
                       String signatureAlgorithm, List<String> chain, List<String> findings) {

    /** A certificate expiring within this many days is a finding. */
    public static final int EXPIRY_WARNING_DAYS = 30;

    /** Copies the lists. */
    public CertificateReport {
        chain = List.copyOf(chain);
        findings = List.copyOf(findings);
    }

    /**
     * The report of {@code chain} (leaf first, not empty) judged at {@code now}.
     *
     * @throws IllegalArgumentException when the chain is empty
     */
    public static CertificateReport of(List<X509Certificate> chain, Instant now) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain");
        }
        X509Certificate leaf = chain.get(0);
        PublicKey k = leaf.getPublicKey();
        String type = k.getAlgorithm();
        int bits = 0;
        if (k instanceof RSAPublicKey r) {
            bits = r.getModulus().bitLength();
        } else if (k instanceof ECPublicKey e) {
            bits = e.getParams().getCurve().getField().getFieldSize();
        }
        Instant notAfter = leaf.getNotAfter().toInstant();
        long days = Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86_400L);
        List<String> findings = new ArrayList<>();
        if (now.isAfter(notAfter)) {
            findings.add("certificate expired on " + notAfter);
        } else if (days < EXPIRY_WARNING_DAYS) {
            findings.add("certificate expires in " + days + " days (" + notAfter + ")");
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            findings.add("certificate not valid before " + leaf.getNotBefore().toInstant());
        }
        if (type.equals("RSA") && bits < 2048) {
            findings.add("RSA key of " + bits + " bits: BCP 195 requires at least 2048");
        } else if (type.equals("EC") && bits > 0 && bits < 256) {
            findings.add("EC key of " + bits + " bits: BCP 195 requires at least 256");
        }
        String sig = leaf.getSigAlgName();
        String upper = sig.toUpperCase(Locale.ROOT);
        if (upper.contains("SHA1") || upper.contains("MD5")) {
            findings.add("certificate signed with " + sig + " (deprecated hash)");
        }
        List<String> subjects = new ArrayList<>();
        for (X509Certificate c : chain) {
            subjects.add(c.getSubjectX500Principal().getName());
        }
        return new CertificateReport(leaf.getSubjectX500Principal().getName(), leaf.getIssuerX500Principal().getName(),
                notAfter, days, type, bits, sig, subjects, findings);
    }

    /**
     * The report as a JSON object's members (for {@code org.dicomsec.data.json.JsonWriter}), named
     * as the components, {@code notAfter} as ISO-8601 text.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", subject);
        m.put("issuer", issuer);
        m.put("notAfter", notAfter.toString());
        m.put("daysLeft", daysLeft);
        m.put("keyType", keyType);
        m.put("keyBits", keyBits);
        m.put("signatureAlgorithm", signatureAlgorithm);
        m.put("chain", chain);
        m.put("findings", findings);
        return m;
    }

    /** Two lines of a table: the certificate ({@link #describe()}) and the subjects of its chain. */
    public List<String> lines() {
        return List.of(String.format("%-19s %s", "certificate:", describe()),
                String.format("%-19s %s", "chain:", String.join(" <- ", chain)));
    }

    /** One line: subject, issuer, expiry, key and signature algorithm. */
    public String describe() {
        return subject + ", issued by " + issuer + ", not after " + notAfter + " (" + daysLeft + " days left), "
                + keyType + (keyBits > 0 ? " " + keyBits : "") + ", " + signatureAlgorithm;
    }
}
