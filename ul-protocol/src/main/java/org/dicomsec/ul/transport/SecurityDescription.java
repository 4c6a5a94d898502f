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

    @Override
    public String toString() {
        return secure ? profile + " " + protocol + " " + cipherSuite + (privacy ? "" : " (no privacy)") : "plain TCP";
    }
}
