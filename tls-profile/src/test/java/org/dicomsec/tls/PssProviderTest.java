package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.dicomsec.tls.demo.DemoPki;

/**
 * {@link PssProvider}: BouncyCastle's RSASSA-PSS names give signatures that the
 * JDK's own RSASSA-PSS verifies with the parameters RFC 8446 4.2.3 fixes
 * (MGF1 with the same hash, salt as long as the hash), and the other way round.
 */
class PssProviderTest {

    private static final KeyPair KEYS = keys();
    private static final byte[] MESSAGE = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    private static KeyPair keys() {
        try {
            return DemoPki.rsaKeyPair();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Signature jdk(int bits) throws Exception {
        String hash = "SHA-" + bits;
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), bits / 8, 1));
        return s;
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 384, 512})
    void bcNameSignsWhatTheJdkVerifiesAndBack(int bits) throws Exception {
        String name = "SHA" + bits + "WITHRSAANDMGF1";
        assertTrue(PssProvider.answers(name));
        assertTrue(PssProvider.answers(name.toLowerCase()), "JCA names are case-insensitive");

        Signature signer = Signature.getInstance(name, PssProvider.INSTANCE);
        signer.initSign(KEYS.getPrivate());
        signer.update(MESSAGE);
        byte[] sig = signer.sign();
        Signature verifier = jdk(bits);
        verifier.initVerify(KEYS.getPublic());
        verifier.update(MESSAGE);
        assertTrue(verifier.verify(sig));

        Signature jdkSigner = jdk(bits);
        jdkSigner.initSign(KEYS.getPrivate());
        jdkSigner.update(MESSAGE);
        byte[] sig2 = jdkSigner.sign();
        Signature ours = Signature.getInstance(name, PssProvider.INSTANCE);
        ours.initVerify(KEYS.getPublic());
        ours.update(MESSAGE);
        assertTrue(ours.verify(sig2));

        ours.initVerify(KEYS.getPublic());
        byte[] altered = MESSAGE.clone();
        altered[0] ^= 1;
        ours.update(altered);
        assertFalse(ours.verify(sig2), "a changed message does not verify");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA1WITHRSAANDMGF1", "SHA256WITHRSA", "ML-DSA"})
    void otherNamesAreNotAnswered(String name) {
        assertFalse(PssProvider.answers(name));
    }
}
