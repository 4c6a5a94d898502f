package org.dicomsec.iscl.keys;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import org.dicomsec.iscl.IsclError;
import org.dicomsec.iscl.IsclException;
import org.dicomsec.iscl.crypto.DesKey;
import org.dicomsec.iscl.crypto.RandomBytes;

/**
 * A key card in software over an {@link IsclKeyring}: it does what a smart
 * card would do inside (docs/iscl-wire-format.md section 6), with random
 * numbers from a secure generator.
 */
public final class SoftwareKeyCard implements KeyCard {

    private final IsclKeyring keyring;
    private final RandomBytes random;

    public SoftwareKeyCard(IsclKeyring keyring) {
        this(keyring, RandomBytes.secure());
    }

    /** With a given random source: tests and published transcripts only. */
    public SoftwareKeyCard(IsclKeyring keyring, RandomBytes random) {
        this.keyring = keyring;
        this.random = random;
    }

    @Override
    public boolean hasKey(String localEntity, String remoteEntity) {
        return keyring.entry(localEntity, remoteEntity).isPresent();
    }

    @Override
    public KeyCardSession open(String localEntity, String remoteEntity, Role role) throws IsclException {
        Map<String, String> flags = keyring.entry(localEntity, remoteEntity).map(KeyringEntry::flags).orElse(null);
        DesKey key = keyring.key(localEntity, remoteEntity);
        if (key == null || flags == null) {
            throw new IsclException(IsclError.UNKNOWN_ENTITY, "no key for local entity " + localEntity
                    + " and remote entity " + remoteEntity);
        }
        return new Session(key, localEntity, remoteEntity, role, flags);
    }

    private final class Session implements KeyCardSession {
        private final DesKey key;
        private final String local;
        private final String remote;
        private final Role role;
        private final Map<String, String> flags;
        private byte[] own;       // R_A for A, R_B for B
        private byte[] peer;      // R_B for A, R_A for B
        private byte[] ownHalf;   // KS_A for A, KS_B for B
        private byte[] peerHalf;
        private boolean internalDone;
        private boolean externalDone;

        Session(DesKey key, String local, String remote, Role role, Map<String, String> flags) {
            this.key = key;
            this.local = local;
            this.remote = remote;
            this.role = role;
            this.flags = flags;
        }

        @Override
        public Map<String, String> attributes() {
            return flags;
        }

        @Override
        public byte[] getChallenge() {
            own = new byte[Tokens.RANDOM_LENGTH];
            random.nextBytes(own);
            return own.clone();
        }

        @Override
        public byte[] internalAuthenticate(byte[] peerChallenge, byte[] transcriptHash) throws IsclException {
            if (own == null || internalDone || peerChallenge.length != Tokens.RANDOM_LENGTH
                    || (role == Role.RESPONDER && (!externalDone || !MessageDigest.isEqual(peerChallenge, peer)))) {
                throw new IsclException(IsclError.KEY_CARD_ERROR, "INTERNAL AUTHENTICATE out of sequence");
            }
            peer = peerChallenge.clone();
            ownHalf = new byte[Tokens.KEY_HALF_LENGTH];
            random.nextBytes(ownHalf);
            internalDone = true;
            int type = role == Role.INITIATOR ? Tokens.TYPE_AB : Tokens.TYPE_BA;
            // 9798-2 5.2.2: TokenAB = e_K(R_A || R_B || B* || Text2), TokenBA = e_K(R_B || R_A || Text4)
            return Tokens.seal(key, new Tokens.Contents(own, peer, remote, type, ownHalf, transcriptHash));
        }

        @Override
        public byte[] externalAuthenticate(byte[] token, byte[] transcriptHash) throws IsclException {
            if (own == null || externalDone || (role == Role.INITIATOR && !internalDone)) {
                throw new IsclException(IsclError.KEY_CARD_ERROR, "EXTERNAL AUTHENTICATE out of sequence");
            }
            Tokens.Contents c = Tokens.open(key, token);
            boolean ok;
            if (role == Role.RESPONDER) {
                ok = MessageDigest.isEqual(c.second(), own) && !MessageDigest.isEqual(c.first(), own)
                        && c.type() == Tokens.TYPE_AB;
            } else {
                ok = MessageDigest.isEqual(c.first(), peer) && MessageDigest.isEqual(c.second(), own)
                        && c.type() == Tokens.TYPE_BA;
            }
            ok &= c.identifier().equals(local) & MessageDigest.isEqual(c.transcriptHash(), transcriptHash);
            if (!ok) {
                throw Tokens.failed("token check");
            }
            if (role == Role.RESPONDER) {
                peer = c.first();
            }
            peerHalf = c.keyHalf();
            externalDone = true;
            return c.first().clone();
        }

        @Override
        public SessionKeys sessionKeys(byte[] transcriptHash3) throws IsclException {
            if (!internalDone || !externalDone) {
                throw new IsclException(IsclError.KEY_CARD_ERROR, "session keys before both authentications");
            }
            return role == Role.INITIATOR
                    ? SessionKeyDerivation.derive(ownHalf, peerHalf, own, peer, transcriptHash3)
                    : SessionKeyDerivation.derive(peerHalf, ownHalf, peer, own, transcriptHash3);
        }

        @Override
        public void close() {
            key.destroy();
            for (byte[] b : new byte[][] {own, peer, ownHalf, peerHalf}) {
                if (b != null) {
                    Arrays.fill(b, (byte) 0);
                }
            }
        }
    }
}
