package org.dicomsec.tls;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * Validates a peer's certificate chain during the handshake, so an untrusted,
 * expired, revoked or wrong-purpose certificate is refused with the TLS alert
 * RFC 5246 7.4.2 / RFC 8446 6.2 name before any application byte passes:
 * PKIX path validation by the JDK (RFC 5280 6.1), then the leaf's key usage and
 * extended key usage for its TLS role (RFC 5280 4.2.1.3, 4.2.1.12), then
 * optionally the host name (RFC 6125).
 */
final class PeerValidator {

    /** The TLS role the peer's certificate must be fit for. */
    enum Role {
        SERVER("1.3.6.1.5.5.7.3.1", "serverAuth"),
        CLIENT("1.3.6.1.5.5.7.3.2", "clientAuth");

        final String ekuOid;
        final String ekuName;

        Role(String ekuOid, String ekuName) {
            this.ekuOid = ekuOid;
            this.ekuName = ekuName;
        }
    }

    private static final String ANY_EKU = "2.5.29.37.0";
    // KeyUsage bit positions in X509Certificate.getKeyUsage()
    private static final int KU_DIGITAL_SIGNATURE = 0;
    private static final int KU_KEY_ENCIPHERMENT = 2;

    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> anchorCerts;
    private final List<X509CRL> crls;

    PeerValidator(List<X509Certificate> anchorCerts, List<X509CRL> crls) {
        this.anchorCerts = List.copyOf(anchorCerts);
        this.crls = List.copyOf(crls);
        Set<TrustAnchor> a = new HashSet<>();
        for (X509Certificate c : anchorCerts) {
            a.add(new TrustAnchor(c, null));
        }
        this.anchors = a;
    }

    boolean hasAnchors() {
        return !anchors.isEmpty();
    }

    /**
     * Validates {@code chain} (leaf first) for {@code role}.
     *
     * @param rsaKeyTransport true when the negotiated suite uses RSA key transport
     *                        (the server key must then allow keyEncipherment)
     * @param hostName        host to match against the SAN, or null for no check
     * @throws TlsFatalAlert  bad_certificate, unknown_ca, certificate_expired,
     *                        certificate_revoked or unsupported_certificate
     */
    void validate(List<X509Certificate> chain, Role role, boolean rsaKeyTransport, String hostName) throws TlsFatalAlert {
        if (chain.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.certificate_required, "peer sent no certificate");
        }
        X509Certificate leaf = chain.get(0);
        String who = "peer certificate '" + leaf.getSubjectX500Principal().getName() + "'";
        try {
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            CertPath path = PemFiles.x509Factory().generateCertPath(pathWithoutAnchors(chain));
            PKIXParameters params = new PKIXParameters(anchors);
            if (crls.isEmpty()) {
                params.setRevocationEnabled(false);
            } else {
                params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
                PKIXRevocationChecker rc = (PKIXRevocationChecker) validator.getRevocationChecker();
                // CRLs given by the user only: no OCSP, no fetching from distribution points
                rc.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK));
                params.addCertPathChecker(rc);
                params.setRevocationEnabled(false);
            }
            validator.validate(path, params);
        } catch (CertPathValidatorException e) {
            throw new TlsFatalAlert(alertFor(e), who + " rejected: " + reasonText(e), e);
        } catch (InvalidAlgorithmParameterException e) {
            throw new TlsFatalAlert(AlertDescription.unknown_ca, who + ": no trust anchors configured", e);
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, who + ": " + e.getMessage(), e);
        }
        checkPurpose(leaf, role, rsaKeyTransport, who);
        if (hostName != null && !HostNames.matches(leaf, hostName)) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate,
                    who + " does not name host '" + hostName + "' in its subjectAltName " + HostNames.describe(leaf));
        }
    }

    /** Key usage and extended key usage of the leaf for its TLS role. */
    static void checkPurpose(X509Certificate leaf, Role role, boolean rsaKeyTransport, String who) throws TlsFatalAlert {
        boolean[] ku = leaf.getKeyUsage();
        if (ku != null) {
            int needed = rsaKeyTransport ? KU_KEY_ENCIPHERMENT : KU_DIGITAL_SIGNATURE;
            if (ku.length <= needed || !ku[needed]) {
                throw new TlsFatalAlert(AlertDescription.unsupported_certificate, who + " has a key usage without "
                        + (rsaKeyTransport ? "keyEncipherment (needed for RSA key exchange)" : "digitalSignature"));
            }
        }
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            if (eku != null && !eku.contains(role.ekuOid) && !eku.contains(ANY_EKU)) {
                throw new TlsFatalAlert(AlertDescription.unsupported_certificate,
                        who + " has an extended key usage without " + role.ekuName + ": " + eku);
            }
        } catch (CertificateParsingException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, who + ": unreadable extended key usage", e);
        }
    }

    /** The chain up to, not including, the first certificate that is itself a trust anchor. */
    private List<X509Certificate> pathWithoutAnchors(List<X509Certificate> chain) {
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate c : chain) {
            if (!path.isEmpty() && anchorCerts.contains(c)) {
                break;
            }
            path.add(c);
        }
        return path;
    }

    private static short alertFor(CertPathValidatorException e) {
        CertPathValidatorException.Reason r = e.getReason();
        if (r == BasicReason.EXPIRED || r == BasicReason.NOT_YET_VALID) {
            return AlertDescription.certificate_expired;
        }
        if (r == BasicReason.REVOKED) {
            return AlertDescription.certificate_revoked;
        }
        if (r == PKIXReason.NO_TRUST_ANCHOR) {
            return AlertDescription.unknown_ca;
        }
        if (r == BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            return AlertDescription.certificate_unknown;
        }
        if (r == PKIXReason.INVALID_KEY_USAGE) {
            return AlertDescription.unsupported_certificate;
        }
        return AlertDescription.bad_certificate;
    }

    private static String reasonText(CertPathValidatorException e) {
        CertPathValidatorException.Reason r = e.getReason();
        String reason = r == BasicReason.EXPIRED ? "expired"
                : r == BasicReason.NOT_YET_VALID ? "not yet valid"
                : r == BasicReason.REVOKED ? "revoked"
                : r == PKIXReason.NO_TRUST_ANCHOR ? "not issued by a trusted CA"
                : String.valueOf(r);
        return reason + " (" + e.getMessage() + ")";
    }
}
