package org.dicomsec.storage;

import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.SecurityDescription;

/** Peer identities and transports for the tests, from the certificates in vectors/. */
final class Peers {

    static final String TEST_POLICY = "1.3.6.1.4.1.99999.15.1";
    static final SecurityDescription TLS = new SecurityDescription(true, "bcp195", "TLSv1.2",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", true);
    static final SecurityDescription ISCL = new SecurityDescription(true, "iscl", "ISCL 1.00", "DES-MAC", false);

    private Peers() {
    }

    static X509Certificate cert(String name) {
        try (InputStream in = Peers.class.getResourceAsStream("/vectors/" + name)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (Exception e) {
            throw new IllegalStateException(name, e);
        }
    }

    static PeerIdentity x509(String certFile) {
        X509Certificate c = cert(certFile);
        return new PeerIdentity(PeerIdentity.Kind.X509, c.getSubjectX500Principal().getName(), List.of(c), Map.of());
    }

    static PeerIdentity iscl(String name, boolean flag) {
        return new PeerIdentity(PeerIdentity.Kind.ISCL_ENTITY, name, List.of(),
                flag ? Map.of(PeerPolicy.ISCL_PROFILE_ATTRIBUTE, "true") : Map.of());
    }

    static PeerPolicy policy() {
        return PeerPolicy.builder().certificatePolicy(TEST_POLICY).build();
    }

    /** A conforming peer on TLS with mutual authentication. */
    static TransferContext conforming() {
        return TransferContext.of(TLS, x509("cert-with-policy.pem"), policy());
    }
}
