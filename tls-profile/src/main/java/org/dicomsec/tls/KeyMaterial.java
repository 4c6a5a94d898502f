package org.dicomsec.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An entity's own private key and certificate chain (leaf first), as used for
 * TLS peer entity authentication (PS3.15 B.1, table B.1-1: RSA based
 * certificates; ECDSA keys are accepted too).
 *
 * @param privateKey the leaf's private key (RSA or EC)
 * @param chain      leaf first, then intermediates; the root may be left out
 */
public record KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {

    public KeyMaterial {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain is empty");
        }
        String keyAlg = privateKey.getAlgorithm();
        String certAlg = chain.get(0).getPublicKey().getAlgorithm();
        if (!sameFamily(keyAlg, certAlg)) {
            throw new IllegalArgumentException("private key (" + keyAlg + ") does not match the certificate's key ("
                    + certAlg + ") of " + chain.get(0).getSubjectX500Principal().getName());
        }
    }

    private static boolean sameFamily(String a, String b) {
        return a.equalsIgnoreCase(b) || (isEc(a) && isEc(b));
    }

    private static boolean isEc(String alg) {
        return alg.equalsIgnoreCase("EC") || alg.equalsIgnoreCase("ECDSA");
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** True for an RSA key. */
    public boolean isRsa() {
        return privateKey.getAlgorithm().equalsIgnoreCase("RSA");
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "KeyMaterial[" + privateKey.getAlgorithm() + " key, " + certificate().getSubjectX500Principal().getName()
                + ", chain of " + chain.size() + "]";
    }
}
