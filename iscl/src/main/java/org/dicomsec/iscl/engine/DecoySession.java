package org.dicomsec.iscl.engine;

import java.util.Map;
import org.dicomsec.iscl.IsclError;
import org.dicomsec.iscl.IsclException;
import org.dicomsec.iscl.crypto.DesKey;
import org.dicomsec.iscl.crypto.RandomBytes;
import org.dicomsec.iscl.keys.KeyCardSession;
import org.dicomsec.iscl.keys.SessionKeys;
import org.dicomsec.iscl.keys.Tokens;

/**
 * What the responder runs for an entity pair it has no key for
 * (docs/iscl-wire-format.md section 6.4): the same packets as for a known pair
 * (LINE-CONNECT-AC, LINE-CHECK, AUTH-CHALLENGE with a fresh R_B), TokenAB
 * deciphered and checked under a random key of its own, as a real check would
 * cost, and then the same ERROR AUTHENTICATION_FAILED. The local exception
 * says UNKNOWN_ENTITY, with the reason, for the log.
 */
final class DecoySession implements KeyCardSession {

    private final String why;
    private final RandomBytes random = RandomBytes.secure();
    private final DesKey key = DesKey.generate(random);

    DecoySession(String why) {
        this.why = why;
    }

    @Override
    public Map<String, String> attributes() {
        return Map.of();
    }

    @Override
    public byte[] getChallenge() {
        byte[] r = new byte[Tokens.RANDOM_LENGTH];
        random.nextBytes(r);
        return r;
    }

    @Override
    public byte[] internalAuthenticate(byte[] peerChallenge, byte[] transcriptHash) throws IsclException {
        throw unknown();
    }

    @Override
    public byte[] externalAuthenticate(byte[] token, byte[] transcriptHash) throws IsclException {
        try {
            Tokens.open(key, token); // the work a real check does; its result cannot be a success that counts
        } catch (IsclException ignored) {
            // expected: a token under another key fails its MAC
        }
        throw unknown();
    }

    @Override
    public SessionKeys sessionKeys(byte[] transcriptHash3) throws IsclException {
        throw unknown();
    }

    private IsclException unknown() {
        return new IsclException(IsclError.UNKNOWN_ENTITY, why + " (answered as AUTHENTICATION_FAILED, like a wrong"
                + " key, so that pairs cannot be probed before authentication)");
    }

    @Override
    public void close() {
        key.destroy();
    }
}
