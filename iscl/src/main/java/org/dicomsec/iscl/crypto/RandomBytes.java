package org.dicomsec.iscl.crypto;

import java.security.SecureRandom;

/** A source of random bytes; {@link #secure()} in production, fixed values in test vectors. */
@FunctionalInterface
public interface RandomBytes {

    /** Fills {@code out} with random bytes. */
    void nextBytes(byte[] out);

    /** The JDK's default cryptographically secure generator. */
    static RandomBytes secure() {
        SecureRandom r = new SecureRandom();
        return r::nextBytes;
    }
}
