package org.dicomsec.tls;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * A tiny JCA provider that answers BouncyCastle TLS's names for RSASSA-PSS
 * ("SHA256WITHRSAANDMGF1" ..., RFC 8446 4.2.3 rsa_pss_rsae_* / rsa_pss_pss_*)
 * with the JDK's own "RSASSA-PSS" signature. Without it the first TLS 1.3
 * handshake with an RSA certificate had to build bcprov's whole provider
 * (hundreds of algorithm registrations: 0.5 to 3 s of a command's start on the
 * measuring machine) for this one name. Services are made without reflection.
 */
final class PssProvider extends Provider {

    private static final long serialVersionUID = 1L;

    static final PssProvider INSTANCE = new PssProvider();

    private PssProvider() {
        super("dicomsec-PSS", "1.0", "BouncyCastle's RSASSA-PSS names over the JDK's RSASSA-PSS");
        for (String hash : new String[] {"SHA-256", "SHA-384", "SHA-512"}) {
            String name = hash.replace("-", "") + "WITHRSAANDMGF1";
            putService(new Service(this, "Signature", name, PssSignature.class.getName(), null, null) {
                @Override
                public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
                    return new PssSignature(hash);
                }
            });
        }
    }

    /** True when this provider answers {@code algorithm}. */
    static boolean answers(String algorithm) {
        return INSTANCE.getService("Signature", algorithm) != null;
    }

    /** RSASSA-PSS with MGF1 over the same hash and a salt as long as the hash, unless the caller sets other parameters. */
    static final class PssSignature extends SignatureSpi {
        private final Signature jdk;

        PssSignature(String hash) throws NoSuchAlgorithmException {
            jdk = Signature.getInstance("RSASSA-PSS");
            int saltLength = Integer.parseInt(hash.substring(4)) / 8;
            try {
                jdk.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1));
            } catch (InvalidAlgorithmParameterException e) {
                throw new NoSuchAlgorithmException("RSASSA-PSS with " + hash + ": " + e.getMessage(), e);
            }
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            jdk.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            jdk.initSign(privateKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey, SecureRandom random) throws InvalidKeyException {
            jdk.initSign(privateKey, random);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            jdk.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            jdk.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            return jdk.sign();
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            return jdk.verify(sigBytes);
        }

        @Override
        protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
            jdk.setParameter(params);
        }

        @Override
        protected java.security.AlgorithmParameters engineGetParameters() {
            return jdk.getParameters();
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("not supported: " + param);
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("not supported: " + param);
        }
    }
}
