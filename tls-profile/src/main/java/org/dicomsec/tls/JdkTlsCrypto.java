package org.dicomsec.tls;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.NoSuchPaddingException;

import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParametersHolder;
import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.TlsECDomain;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.dicomsec.data.LibraryLog;

/**
 * BouncyCastle's JCA TlsCrypto over the JDK's own providers (SunJCE's AES-GCM
 * runs on the CPU's AES-NI and CLMUL instructions through HotSpot intrinsics).
 * Where the JDK lacks an algorithm under the name BC asks for (RSASSA-PSS is
 * asked for as "SHA256withRSAandMGF1", which only bcprov knows), the lookup
 * falls back to bcprov's provider, which is not installed globally.
 */
final class JdkTlsCrypto extends JcaTlsCrypto {

    private static final System.Logger LOG = LibraryLog.logger(JdkTlsCrypto.class);

    JdkTlsCrypto(SecureRandom random) {
        super(new FallbackHelper(), random, new SecureRandom());
    }

    /**
     * An ECDHE domain of a named NIST curve, without a primality test of its prime. BC's domain
     * takes the curve from the JDK's parameters, as explicit values, and bcprov checks an
     * explicit prime by Miller-Rabin (once per process) unless its own table of that named curve
     * has been made; so that table's curve is made first: the same published constant, known to
     * bcprov without a test. In a fresh process the test cost about a sixth of a TLS
     * {@code dicomsec echo}'s CPU (JFR, JDK 17).
     */
    @Override
    public TlsECDomain createECDomain(TlsECConfig ecConfig) {
        String curve = NamedGroup.getCurveName(ecConfig.getNamedGroup());
        X9ECParametersHolder named = curve == null ? null : SECNamedCurves.getByNameLazy(curve);
        if (named != null) {
            named.getCurve();
        }
        return super.createECDomain(ecConfig);
    }

    /** AES-GCM records through {@link JdkGcmCipher}; any other AEAD cipher as BouncyCastle makes it. */
    @Override
    protected TlsAEADCipherImpl createAEADCipher(String cipherName, String algorithm, int keySize, boolean isEncrypting)
            throws GeneralSecurityException {
        if ("AES/GCM/NoPadding".equals(cipherName)) {
            return new JdkGcmCipher(getHelper().createCipher(cipherName), algorithm, keySize, isEncrypting);
        }
        return super.createAEADCipher(cipherName, algorithm, keySize, isEncrypting);
    }

    /** The bcprov JCA provider, made once (constructing it registers hundreds of algorithms). */
    private static final class Bc {
        static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();
    }

    /** Post-quantum signature names BC probes for its default signature_algorithms; no DICOM profile uses them. */
    private static final Pattern PQ_NAME = Pattern.compile("(ML-DSA|SLH-DSA|HASH-ML-DSA|FALCON|DILITHIUM).*",
            Pattern.CASE_INSENSITIVE);

    private static final class FallbackHelper extends DefaultJcaJceHelper {
        /**
         * The JDK's provider first. BC's RSASSA-PSS names are answered by {@link PssProvider}
         * over the JDK's "RSASSA-PSS", and the post-quantum names BC probes
         * are not looked up in bcprov: both would otherwise build the whole bcprov
         * provider on every first handshake (hundreds of milliseconds of a command's
         * start), and the latter would offer ML-DSA schemes no profile has.
         */
        @Override
        public Signature createSignature(String algorithm) throws NoSuchAlgorithmException {
            try {
                return super.createSignature(algorithm);
            } catch (NoSuchAlgorithmException e) {
                if (PssProvider.answers(algorithm)) {
                    return Signature.getInstance(algorithm, PssProvider.INSTANCE);
                }
                if (PQ_NAME.matcher(algorithm).matches()) {
                    throw e;
                }
                LOG.log(System.Logger.Level.DEBUG, "signature {0} from bcprov", algorithm);
                return Signature.getInstance(algorithm, Bc.PROVIDER);
            }
        }

        @Override
        public Cipher createCipher(String algorithm) throws NoSuchAlgorithmException, NoSuchPaddingException {
            try {
                return super.createCipher(algorithm);
            } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
                return Cipher.getInstance(algorithm, Bc.PROVIDER);
            }
        }

        @Override
        public Mac createMac(String algorithm) throws NoSuchAlgorithmException {
            try {
                return super.createMac(algorithm);
            } catch (NoSuchAlgorithmException e) {
                return Mac.getInstance(algorithm, Bc.PROVIDER);
            }
        }

        @Override
        public KeyAgreement createKeyAgreement(String algorithm) throws NoSuchAlgorithmException {
            try {
                return super.createKeyAgreement(algorithm);
            } catch (NoSuchAlgorithmException e) {
                return KeyAgreement.getInstance(algorithm, Bc.PROVIDER);
            }
        }

        @Override
        public KeyFactory createKeyFactory(String algorithm) throws NoSuchAlgorithmException {
            try {
                return super.createKeyFactory(algorithm);
            } catch (NoSuchAlgorithmException e) {
                return KeyFactory.getInstance(algorithm, Bc.PROVIDER);
            }
        }
    }
}
