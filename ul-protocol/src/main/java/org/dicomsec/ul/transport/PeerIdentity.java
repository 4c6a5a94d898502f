package org.dicomsec.ul.transport;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * The authenticated identity of the peer of a transport connection.
 *
 * @param kind             how the peer was authenticated
 * @param name             X.509 subject DN, ISCL entity name, or "" when none
 * @param certificateChain the peer's chain, leaf first (empty unless {@link Kind#X509})
 * @param attributes       further facts the transport vouches for, e.g. the
 *                         flags of an ISCL keyring entry ("profile.online-storage" = "true");
 *                         unmodifiable
 */
public record PeerIdentity(Kind kind, String name, List<X509Certificate> certificateChain,
                           Map<String, String> attributes) {

    /** How the peer was authenticated. */
    public enum Kind {
        /** Not authenticated (plain TCP, or a TLS peer that sent no certificate). */
        NONE,
        /** X.509 certificate chain validated by TLS. */
        X509,
        /** ISCL entity authenticated by ISO/IEC 9798-2 with a shared key. */
        ISCL_ENTITY
    }

    /** An unauthenticated peer. */
    public static final PeerIdentity NONE = new PeerIdentity(Kind.NONE, "", List.of(), Map.of());

    public PeerIdentity {
        certificateChain = List.copyOf(certificateChain);
        attributes = Map.copyOf(attributes);
    }

    public boolean isAuthenticated() {
        return kind != Kind.NONE;
    }

    @Override
    public String toString() {
        return kind == Kind.NONE ? "unauthenticated" : kind + " " + name;
    }
}
