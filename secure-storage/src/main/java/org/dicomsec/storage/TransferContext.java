package org.dicomsec.storage;

import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.SecurityDescription;

/**
 * The facts about one transfer that rules d, e and f of PS3.15 A.1.1 depend on.
 *
 * @param secureTransport       a Secure Transport Connection (PS3.15 3.10): d.1, e.1
 * @param mutuallyAuthenticated both AEs authenticated each other: d.2, e.2
 * @param peerConforms          the authentication confirmed the peer supports the profile: d.2, e.2
 * @param peer                  who the peer is, for messages and the audit trail
 */
public record TransferContext(boolean secureTransport, boolean mutuallyAuthenticated, boolean peerConforms,
                              String peer) {

    /**
     * The context of a transport connection. Mutual authentication is taken
     * from the transport: a connection whose {@link SecurityDescription#secure()}
     * is true has authenticated the peer, and the secure transports of this
     * project authenticate both ends (TLS with a required client certificate,
     * ISCL's three-pass ISO/IEC 9798-2 exchange) or fail the connection.
     */
    public static TransferContext of(SecurityDescription security, PeerIdentity peer, PeerPolicy policy) {
        boolean secure = security.secure();
        boolean mutual = secure && peer.isAuthenticated();
        return new TransferContext(secure, mutual, mutual && policy.supportsProfile(peer), peer.toString());
    }

    /** A context with no security at all (plain TCP, unauthenticated peer). */
    public static TransferContext unsecured(String peer) {
        return new TransferContext(false, false, false, peer);
    }

    /** All of d.1 and d.2 (equally e.1 and e.2) hold. */
    public boolean qualifies() {
        return secureTransport && mutuallyAuthenticated && peerConforms;
    }

    /** Why {@link #qualifies()} is false ("" when it is true). */
    public String shortfall() {
        if (!secureTransport) {
            return "not a Secure Transport Connection";
        }
        if (!mutuallyAuthenticated) {
            return "the AEs did not authenticate each other";
        }
        if (!peerConforms) {
            return "peer " + peer + " is not confirmed to support the Online Electronic Storage profile";
        }
        return "";
    }
}
