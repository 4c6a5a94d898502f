package org.dicomsec.tls;

import java.security.SecureRandom;

import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Which implementation of BouncyCastle's {@link TlsCrypto} runs the handshake
 * and record crypto. Both implement the same interface; the difference is speed:
 * {@link #JCA} uses the JDK's providers, whose AES-GCM runs on the CPU's AES and
 * carry-less multiply instructions (HotSpot intrinsics), {@link #BC} the pure-Java
 * lightweight engines of bcprov. {@link #DEFAULT} is the faster one as measured
 * on loopback (see tls-profile/PROFILES.md).
 */
public enum TlsCryptoChoice {
    /** BouncyCastle's TLS crypto over the JCA/JCE providers installed in the JVM. */
    JCA,
    /** BouncyCastle's lightweight (pure Java) crypto. */
    BC;

    /** The measured faster choice. */
    public static final TlsCryptoChoice DEFAULT = JCA;

    /** A new TlsCrypto of this kind drawing from {@code random}. */
    public TlsCrypto create(SecureRandom random) {
        return switch (this) {
            case JCA -> new JdkTlsCrypto(random);
            case BC -> new BcTlsCrypto(random);
        };
    }
}
