package org.dicomsec.ul.transport;

/**
 * What protects a transport connection.
 *
 * @param secure       true for a Secure Transport Connection (PS3.15 3.10): peer
 *                     authenticated and data integrity checked
 * @param profile      the profile name: "plain", a TLS profile ("basic", "aes",
 *                     "bcp195", "bcp195-nd", "bcp195-ex") or "iscl"
 * @param protocol     the negotiated protocol version ("TLSv1.2", "ISCL 1.00", "TCP")
 * @param cipherSuite  the negotiated suite or mechanisms ("TLS_AES_128_GCM_SHA256",
 *                     "DES-MAC+DES-CBC"), "none" on plain TCP
 * @param privacy      true when the data are encrypted
 */
public record SecurityDescription(boolean secure, String profile, String protocol, String cipherSuite,
                                  boolean privacy) {

    /** Plain TCP: no authentication, no integrity, no privacy. */
    public static final SecurityDescription PLAIN = new SecurityDescription(false, "plain", "TCP", "none", false);

    /**
     * The security in a short phrase: "tls bcp195-nd TLSv1.3 TLS_AES_128_GCM_SHA256",
     * "ISCL 1.1 DES-MAC+DES-CBC", "plain TCP"; "(no privacy)" when data go in clear.
     */
    public String summary() {
        if (!secure) {
            return "plain TCP";
        }
        // ISCL names itself in its protocol ("ISCL 1.1 ..."); a TLS profile needs the word
        String p = protocol.startsWith("ISCL") ? "" : "tls " + profile + " ";
        return p + protocol.replaceFirst(" \\(.*\\)$", "") + " " + cipherSuite + (privacy ? "" : " (no privacy)");
    }

    @Override
    public String toString() {
        return secure ? profile + " " + protocol + " " + cipherSuite + (privacy ? "" : " (no privacy)") : "plain TCP";
    }
}
