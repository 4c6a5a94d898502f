package org.dicomsec.iscl.keys;

import java.util.Map;
import org.dicomsec.iscl.IsclException;

/**
 * One ISO/IEC 9798-2 three pass exchange on a key card, shaped like the
 * ISO/IEC 7816-4 commands named by the ISCL documentation (GET CHALLENGE,
 * INTERNAL AUTHENTICATE, EXTERNAL AUTHENTICATE). The long-term key never
 * leaves the card; the card keeps the random numbers and key halves of the
 * exchange and releases only the derived session keys.
 *
 * <p>Initiator A: {@code getChallenge()} (R_A, kept inside TokenAB),
 * {@code internalAuthenticate(R_B, TH1)} = TokenAB,
 * {@code externalAuthenticate(TokenBA, TH2)}, {@code sessionKeys(TH3)}.
 * <br>Responder B: {@code getChallenge()} = R_B (sent),
 * {@code externalAuthenticate(TokenAB, TH1)} returns R_A,
 * {@code internalAuthenticate(R_A, TH2)} = TokenBA, {@code sessionKeys(TH3)}.
 * Token layout: docs/iscl-wire-format.md section 6.
 */
public interface KeyCardSession extends AutoCloseable {

    /** Flags of the pair's key entry (e.g. "profile.online-storage" = "true"), for the peer identity. */
    Map<String, String> attributes();

    /** GET CHALLENGE: a fresh 8-byte random number, remembered by the card. */
    byte[] getChallenge() throws IsclException;

    /**
     * INTERNAL AUTHENTICATE: the token answering the peer's challenge, enciphered
     * under the long-term key, with the transcript hash as text.
     */
    byte[] internalAuthenticate(byte[] peerChallenge, byte[] transcriptHash) throws IsclException;

    /**
     * EXTERNAL AUTHENTICATE: checks the peer's token against the card's challenge,
     * its own entity name and the transcript hash.
     *
     * @return the peer's random number found in the token
     * @throws IsclException AUTHENTICATION_FAILED, whatever check failed
     */
    byte[] externalAuthenticate(byte[] token, byte[] transcriptHash) throws IsclException;

    /** The session keys of section 6.3, after both tokens have been exchanged and checked. */
    SessionKeys sessionKeys(byte[] transcriptHash3) throws IsclException;

    /** Wipes the exchange's secrets. */
    @Override
    void close();
}
