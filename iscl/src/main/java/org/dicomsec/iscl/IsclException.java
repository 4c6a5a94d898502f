package org.dicomsec.iscl;

import java.io.IOException;

/**
 * A failure of the ISCL handshake, key management or protocol, with its code
 * (docs/iscl-wire-format.md section 10). Messages never contain key material.
 */
public class IsclException extends IOException {
    private static final long serialVersionUID = 1L;

    private final IsclError error;
    private final int peerCode;

    public IsclException(IsclError error, String detail) {
        this(error, detail, null);
    }

    public IsclException(IsclError error, String detail, Throwable cause) {
        super("ISCL " + error.describe() + ": " + detail, cause);
        this.error = error;
        this.peerCode = -1;
    }

    /** The peer refused with a LINE-CONNECT-RJ or ERROR carrying {@code peerCode}. */
    public static IsclException fromPeer(String packet, int peerCode, String text) {
        return new IsclException(peerCode, packet + " from peer: " + IsclError.describe(peerCode)
                + (text.isEmpty() ? "" : " \"" + text + "\""));
    }

    private IsclException(int peerCode, String message) {
        super("ISCL " + IsclError.PEER_ERROR.describe() + ": " + message);
        this.error = IsclError.PEER_ERROR;
        this.peerCode = peerCode;
    }

    /** The local error code; PEER_ERROR when the peer refused. */
    public IsclError error() {
        return error;
    }

    /** The code the peer sent in LINE-CONNECT-RJ / ERROR, or -1. */
    public int peerCode() {
        return peerCode;
    }
}
