package org.dicomsec.iscl.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.dicomsec.iscl.IsclError;
import org.dicomsec.iscl.IsclException;
import org.dicomsec.iscl.TestVectors;
import org.dicomsec.iscl.crypto.DesKey;
import org.dicomsec.iscl.crypto.RandomBytes;
import org.junit.jupiter.api.Test;

/** 9798-2 tokens and the key card sequence, without sockets. */
class TokensTest {

    private static final byte[] K = TestVectors.hex("0123456789ABCDEF");

    private static IsclKeyring ring(String local, String remote, byte[] key) {
        IsclKeyring r = IsclKeyring.create();
        r.put(local, remote, DesKey.longTerm(key), Map.of("profile.online-storage", "true"));
        return r;
    }

    @Test
    void everyBitOfATokenIsProtected() throws Exception {
        byte[] th = new byte[16];
        Tokens.Contents c = new Tokens.Contents(TestVectors.hex("1111111111111111"), TestVectors.hex("2222222222222222"),
                "BOB", Tokens.TYPE_AB, new byte[16], th);
        byte[] token = Tokens.seal(DesKey.of(K), c);
        assertEquals(64, token.length); // |P| = 50 + 3 = 53 -> padded 56, + 8 MAC
        Tokens.Contents back = Tokens.open(DesKey.of(K), token);
        assertArrayEquals(c.first(), back.first());
        assertEquals("BOB", back.identifier());
        for (int i = 0; i < token.length * 8; i++) {
            byte[] t = token.clone();
            t[i / 8] ^= (byte) (1 << (i % 8));
            IsclException e = assertThrows(IsclException.class, () -> Tokens.open(DesKey.of(K), t), "bit " + i);
            assertEquals(IsclError.AUTHENTICATION_FAILED, e.error());
        }
        assertThrows(IsclException.class, () -> Tokens.open(DesKey.of(TestVectors.hex("FEDCBA9876543210")), token));
        assertThrows(IsclException.class, () -> Tokens.open(DesKey.of(K), java.util.Arrays.copyOf(token, 56)));
    }

    @Test
    void fullCardSequenceAgreesOnSessionKeys() throws Exception {
        KeyCardSession a = new SoftwareKeyCard(ring("ALICE", "BOB", K)).open("ALICE", "BOB", Role.INITIATOR);
        KeyCardSession b = new SoftwareKeyCard(ring("BOB", "ALICE", K)).open("BOB", "ALICE", Role.RESPONDER);
        byte[] th1 = new byte[16];
        byte[] th2 = TestVectors.hex("0102030405060708090a0b0c0d0e0f10");
        byte[] rA = a.getChallenge();
        byte[] rB = b.getChallenge();
        byte[] tokenAB = a.internalAuthenticate(rB, th1);
        assertArrayEquals(rA, b.externalAuthenticate(tokenAB, th1));
        byte[] tokenBA = b.internalAuthenticate(rA, th2);
        assertArrayEquals(rB, a.externalAuthenticate(tokenBA, th2));
        SessionKeys ka = a.sessionKeys(th2);
        SessionKeys kb = b.sessionKeys(th2);
        assertEquals(ka.aToB().mac().checkValue(), kb.aToB().mac().checkValue());
        assertEquals(ka.bToA().enc().checkValue(), kb.bToA().enc().checkValue());
        assertArrayEquals(ka.aToB().random(), kb.aToB().random());
        // per direction and per purpose: all four keys differ
        assertEquals(4, java.util.Set.of(ka.aToB().enc().checkValue(), ka.aToB().mac().checkValue(),
                ka.bToA().enc().checkValue(), ka.bToA().mac().checkValue()).size());
        assertEquals(Map.of("profile.online-storage", "true"), a.attributes());
    }

    @Test
    void reflectedTokenAbIsRefusedByTheInitiator() throws Exception {
        KeyCardSession a = new SoftwareKeyCard(ring("ALICE", "BOB", K)).open("ALICE", "BOB", Role.INITIATOR);
        byte[] th = new byte[16];
        a.getChallenge();
        byte[] tokenAB = a.internalAuthenticate(TestVectors.hex("3333333333333333"), th);
        IsclException e = assertThrows(IsclException.class, () -> a.externalAuthenticate(tokenAB, th));
        assertEquals(IsclError.AUTHENTICATION_FAILED, e.error());
    }

    @Test
    void tokenForAnotherEntityOrTranscriptIsRefused() throws Exception {
        // a token made by ALICE for CAROL (same key) is refused by BOB: identifier B* differs
        IsclKeyring shared = IsclKeyring.create();
        shared.put("ALICE", "CAROL", DesKey.longTerm(K), Map.of());
        KeyCardSession a = new SoftwareKeyCard(shared).open("ALICE", "CAROL", Role.INITIATOR);
        KeyCardSession b = new SoftwareKeyCard(ring("BOB", "ALICE", K)).open("BOB", "ALICE", Role.RESPONDER);
        a.getChallenge();
        byte[] rB = b.getChallenge();
        byte[] th = new byte[16];
        byte[] token = a.internalAuthenticate(rB, th);
        assertThrows(IsclException.class, () -> b.externalAuthenticate(token, th));

        KeyCardSession b2 = new SoftwareKeyCard(ring("BOB", "ALICE", K)).open("BOB", "ALICE", Role.RESPONDER);
        KeyCardSession a2 = new SoftwareKeyCard(ring("ALICE", "BOB", K)).open("ALICE", "BOB", Role.INITIATOR);
        a2.getChallenge();
        byte[] token2 = a2.internalAuthenticate(b2.getChallenge(), th);
        byte[] otherTranscript = new byte[16];
        otherTranscript[0] = 1;
        assertThrows(IsclException.class, () -> b2.externalAuthenticate(token2, otherTranscript));
    }

    @Test
    void unknownPairAndOutOfSequenceCommands() throws Exception {
        SoftwareKeyCard card = new SoftwareKeyCard(ring("ALICE", "BOB", K), RandomBytes.secure());
        IsclException e = assertThrows(IsclException.class, () -> card.open("ALICE", "MALLORY", Role.INITIATOR));
        assertEquals(IsclError.UNKNOWN_ENTITY, e.error());
        KeyCardSession s = card.open("ALICE", "BOB", Role.INITIATOR);
        assertEquals(IsclError.KEY_CARD_ERROR,
                assertThrows(IsclException.class, () -> s.internalAuthenticate(new byte[8], new byte[16])).error());
        assertEquals(IsclError.KEY_CARD_ERROR,
                assertThrows(IsclException.class, () -> s.sessionKeys(new byte[16])).error());
    }
}
