package org.dicomsec.tls;

import java.io.IOException;

/**
 * A TLS handshake that failed: the peer was refused (untrusted, expired or
 * wrong-purpose certificate, no certificate, no common version or suite) or
 * refused us, or the bytes were not TLS. The socket is closed; no application
 * byte has passed.
 */
public class TlsHandshakeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final short alert;
    private final boolean raisedLocally;

    /**
     * @param alert         the TLS AlertDescription code, or -1 when none was exchanged
     * @param raisedLocally true when this side refused the peer
     */
    public TlsHandshakeException(String message, short alert, boolean raisedLocally, Throwable cause) {
        super(message, cause);
        this.alert = alert;
        this.raisedLocally = raisedLocally;
    }

    /** The AlertDescription code (RFC 8446 6, RFC 5246 7.2), -1 when none. */
    public short alert() {
        return alert;
    }

    /** True when this side raised the alert, false when the peer sent it. */
    public boolean raisedLocally() {
        return raisedLocally;
    }
}
