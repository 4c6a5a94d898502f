package org.dicomsec.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Matches a host name or IP literal against a certificate's subjectAltName
 * (RFC 6125 6.4: dNSName, with a wildcard only as the whole leftmost label;
 * RFC 5280 4.2.1.6: iPAddress compared as octets). The subject CN is not used.
 */
final class HostNames {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private HostNames() {
    }

    static boolean matches(X509Certificate cert, String host) {
        Collection<List<?>> sans;
        try {
            sans = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (sans == null) {
            return false;
        }
        boolean ipLiteral = isIpLiteral(host);
        for (List<?> san : sans) {
            int type = (Integer) san.get(0);
            String value = String.valueOf(san.get(1));
            if (ipLiteral && type == SAN_IP && sameAddress(host, value)) {
                return true;
            }
            if (!ipLiteral && type == SAN_DNS && dnsMatches(value, host)) {
                return true;
            }
        }
        return false;
    }

    static String describe(X509Certificate cert) {
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            List<String> out = new ArrayList<>();
            if (sans != null) {
                for (List<?> san : sans) {
                    out.add(String.valueOf(san.get(1)));
                }
            }
            return out.toString();
        } catch (CertificateParsingException e) {
            return "(unreadable)";
        }
    }

    static boolean dnsMatches(String pattern, String host) {
        String p = stripDot(pattern.toLowerCase(Locale.ROOT));
        String h = stripDot(host.toLowerCase(Locale.ROOT));
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            // the wildcard stands for exactly one non-empty label
            return dot > 0 && h.substring(dot + 1).equals(p.substring(2)) && p.substring(2).contains(".");
        }
        return p.equals(h);
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static boolean sameAddress(String a, String b) {
        try {
            // literals only: getByName does no lookup for an IP literal
            return InetAddress.getByName(strip(a)).equals(InetAddress.getByName(strip(b)));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String strip(String s) {
        return s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    }
}
