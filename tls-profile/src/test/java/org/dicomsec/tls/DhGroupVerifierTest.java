package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.tls.crypto.DHGroup;
import org.bouncycastle.tls.crypto.DHStandardGroups;
import org.junit.jupiter.api.Test;

/** {@link DhGroupVerifier}: published groups, a server's own safe-prime group, and what is refused. */
class DhGroupVerifierTest {

    private final DhGroupVerifier verifier = new DhGroupVerifier();

    /** The OpenSSL-generated group of src/test/resources/vectors/dh2048-openssl.pem (PKCS#3 DHParameter). */
    private static DHGroup opensslGroup() throws IOException {
        try (InputStream in = DhGroupVerifierTest.class.getResourceAsStream("/vectors/dh2048-openssl.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            ASN1Sequence seq = ASN1Sequence.getInstance(Base64.getDecoder().decode(b64));
            BigInteger p = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
            BigInteger g = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
            return new DHGroup(p, null, g, 0);
        }
    }

    @Test
    void publishedGroupsAreAccepted() {
        assertTrue(verifier.accept(DHStandardGroups.rfc7919_ffdhe2048));
        assertTrue(verifier.accept(DHStandardGroups.rfc3526_2048));
    }

    @Test
    void aServersOwnSafePrimeGroupIsAccepted() throws IOException {
        DHGroup g = opensslGroup();
        assertEquals(2048, g.getP().bitLength());
        assertTrue(verifier.accept(g));
    }

    @Test
    void badGeneratorsAreRefused() throws IOException {
        BigInteger p = opensslGroup().getP();
        assertFalse(verifier.accept(new DHGroup(p, null, BigInteger.ONE, 0)));
        assertFalse(verifier.accept(new DHGroup(p, null, p.subtract(BigInteger.ONE), 0)));
        assertFalse(verifier.accept(new DHGroup(p, null, p, 0)));
    }

    @Test
    void aPrimeThatIsNotSafeIsRefused() {
        BigInteger p = BigInteger.probablePrime(2048, new Random(4711));
        assertFalse(p.shiftRight(1).isProbablePrime(50), "this seed gives a prime whose (p-1)/2 is composite");
        assertFalse(verifier.accept(new DHGroup(p, null, BigInteger.TWO, 0)));
    }

    @Test
    void aCompositeModulusIsRefused() throws IOException {
        BigInteger p = opensslGroup().getP().add(BigInteger.TWO);
        assertFalse(p.isProbablePrime(50));
        assertFalse(verifier.accept(new DHGroup(p, null, BigInteger.TWO, 0)));
    }

    @Test
    void groupsBelow2048BitsAreRefusedEvenWhenPublished() {
        assertFalse(verifier.accept(DHStandardGroups.rfc2409_1024));
        assertFalse(verifier.accept(DHStandardGroups.rfc3526_1536));
    }
}
