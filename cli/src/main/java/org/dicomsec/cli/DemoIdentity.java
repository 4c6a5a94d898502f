package org.dicomsec.cli;

import java.security.cert.X509Certificate;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.SecurityDescription;

/** How the demo names a peer identity and a transport's security in one short phrase. */
final class DemoIdentity {

    private DemoIdentity() {
    }

    /** "CN=localhost" for an X.509 peer, "entity WORKSTATION" for ISCL, "unauthenticated" otherwise. */
    static String of(PeerIdentity p) {
        return switch (p.kind()) {
            case X509 -> {
                X509Certificate leaf = p.certificateChain().isEmpty() ? null : p.certificateChain().get(0);
                String dn = leaf != null ? leaf.getSubjectX500Principal().getName() : p.name();
                yield commonName(dn).map(cn -> "CN=" + cn).orElse(dn);
            }
            case ISCL_ENTITY -> "entity " + p.name();
            default -> "unauthenticated";
        };
    }

    /** "tls bcp195-nd TLSv1.3 TLS_AES_128_GCM_SHA256", "iscl ... DES-MAC+DES-CBC", "plain TCP". */
    static String security(SecurityDescription s) {
        if (!s.secure()) {
            return "plain TCP";
        }
        // ISCL names itself in its protocol ("ISCL 1.0 ..."); a TLS profile needs the word
        String profile = s.protocol().startsWith("ISCL") ? "" : "tls " + s.profile() + " ";
        String protocol = s.protocol().replaceFirst(" \\(.*\\)$", ""); // "ISCL 1.0 (dicomsec wire format)"
        return profile + protocol + " " + s.cipherSuite() + (s.privacy() ? "" : " (no privacy)");
    }

    /** The first CN of an RFC 2253 name, with its escapes undone. */
    static java.util.Optional<String> commonName(String dn) {
        int i = 0;
        while (i < dn.length()) {
            int end = next(dn, i);
            String rdn = dn.substring(i, end).strip();
            if (rdn.regionMatches(true, 0, "CN=", 0, 3)) {
                return java.util.Optional.of(unescape(rdn.substring(3)));
            }
            i = end + 1;
        }
        return java.util.Optional.empty();
    }

    /** Index of the next unescaped ',' or '+' from {@code from}, or the length. */
    private static int next(String dn, int from) {
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
}
