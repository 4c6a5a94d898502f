package org.dicomsec.ul.transport;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /**
     * The identity in a short phrase: "CN=localhost" for an X.509 peer (the first CN of the leaf's
     * subject, else the whole DN), "entity WORKSTATION" for ISCL, "unauthenticated" otherwise.
     */
    public String shortName() {
        return switch (kind) {
            case X509 -> {
                String dn = certificateChain.isEmpty() ? name
                        : certificateChain.get(0).getSubjectX500Principal().getName();
                yield commonName(dn).map(cn -> "CN=" + cn).orElse(dn);
            }
            case ISCL_ENTITY -> "entity " + name;
            default -> "unauthenticated";
        };
    }

    /** The first CN of an RFC 2253 name, with its escapes undone. */
    public static Optional<String> commonName(String dn) {
        int i = 0;
        while (i < dn.length()) {
            int end = nextRdn(dn, i);
            String rdn = dn.substring(i, end).strip();
            if (rdn.regionMatches(true, 0, "CN=", 0, 3)) {
                return Optional.of(unescape(rdn.substring(3)));
            }
            i = end + 1;
        }
        return Optional.empty();
    }

    /** Index of the next unescaped ',' or '+' from {@code from}, or the length. */
    private static int nextRdn(String dn, int from) {
        for (int i = from; i < dn.length(); i++) {
            char c = dn.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ',' || c == '+') {
                return i;
            }
        }
        return dn.length();
    }

    private static String unescape(String v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                c = v.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return kind == Kind.NONE ? "unauthenticated" : kind + " " + name;
    }
}
