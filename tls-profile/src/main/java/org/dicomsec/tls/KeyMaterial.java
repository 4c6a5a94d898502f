package org.dicomsec.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
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
        PublicKey pub = chain.get(0).getPublicKey();
        if (!sameFamily(keyAlg, pub.getAlgorithm()) || !samePair(privateKey, pub)) {
            throw new IllegalArgumentException("private key (" + keyAlg + ") does not match the certificate's key ("
                    + pub.getAlgorithm() + ") of " + chain.get(0).getSubjectX500Principal().getName());
        }
    }

    /** RSA: same modulus; EC: a signature made with the private key verifies with the certificate's key. */
    private static boolean samePair(PrivateKey priv, PublicKey pub) {
        if (priv instanceof RSAPrivateKey r && pub instanceof RSAPublicKey p) {
            return r.getModulus().equals(p.getModulus());
        }
        try {
            byte[] challenge = "dicomsec key pair check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(priv);
            s.update(challenge);
            byte[] sig = s.sign();
            s.initVerify(pub);
            s.update(challenge);
            return s.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
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
