package org.dicomsec.tls;

import java.lang.System.Logger.Level;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bouncycastle.tls.DefaultTlsDHGroupVerifier;
import org.bouncycastle.tls.crypto.DHGroup;
import org.dicomsec.data.LibraryLog;

/**
 * Which finite-field groups a client accepts from a TLS 1.2 server for DHE
 * (TLS_DHE_RSA_WITH_AES_*_GCM_*, RFC 7525 4.2). BouncyCastle's default accepts
 * only the published groups (RFC 3526, RFC 7919 ...); servers on OpenSSL often
 * send their own prime (DCMTK's {@code storescp +tls} under the Extended BCP 195
 * profile does, and offers no ECDHE suite for an RSA certificate), which the
 * default refuses with insufficient_security. This verifier also accepts a
 * group of at least {@value #MINIMUM_PRIME_BITS} bits whose modulus is a safe
 * prime ({@code p} and {@code (p-1)/2} both prime, so that no small subgroup
 * exists, RFC 7919 section 1 / NIST SP 800-56A 5.5.2) and whose generator lies
 * in {@code [2, p-2]}. A few validated primes are remembered, since the test
 * takes tens of milliseconds and a server sends the same group each time.
 */
final class DhGroupVerifier extends DefaultTlsDHGroupVerifier {

    private static final System.Logger LOG = LibraryLog.logger(DhGroupVerifier.class);

    /** RFC 7525 4.1 / BCP 195: DH groups of at least 2048 bits. */
    static final int MINIMUM_PRIME_BITS = 2048;
    /** Largest modulus tested (a server cannot make the client test an arbitrarily large number). */
    static final int MAXIMUM_PRIME_BITS = 8192;
    /** Miller-Rabin certainty: error probability below 2^-100. */
    private static final int CERTAINTY = 100;
    private static final int REMEMBERED = 8;

    private static final Map<BigInteger, Boolean> SAFE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<BigInteger, Boolean> e) {
            return size() > REMEMBERED;
        }
    };

    DhGroupVerifier() {
        super(MINIMUM_PRIME_BITS);
    }

    @Override
    protected boolean checkGroup(DHGroup group) {
        if (super.checkGroup(group)) {
            return true;
        }
        BigInteger p = group.getP();
        BigInteger g = group.getG();
        if (p.bitLength() > MAXIMUM_PRIME_BITS || p.signum() <= 0 || !p.testBit(0)) {
            return false;
        }
        if (g.compareTo(BigInteger.TWO) < 0 || g.compareTo(p.subtract(BigInteger.TWO)) > 0) {
            return false;
        }
        boolean safe = isSafePrime(p);
        LOG.log(safe ? Level.DEBUG : Level.WARNING, "server DH group of {0} bits, not a published one: {1}",
                p.bitLength(), safe ? "accepted (safe prime)" : "refused (not a safe prime)");
        return safe;
    }

    /** True when {@code p} and {@code (p-1)/2} are (probable) primes. */
    static boolean isSafePrime(BigInteger p) {
        synchronized (SAFE) {
            Boolean known = SAFE.get(p);
            if (known != null) {
                return known;
            }
        }
        boolean safe = p.isProbablePrime(CERTAINTY) && p.shiftRight(1).isProbablePrime(CERTAINTY);
        synchronized (SAFE) {
            SAFE.put(p, safe);
        }
        return safe;
    }
}
