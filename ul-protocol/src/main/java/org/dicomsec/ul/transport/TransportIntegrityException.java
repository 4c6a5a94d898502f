package org.dicomsec.ul.transport;

import java.io.IOException;

/**
 * A secure transport found that data failed its integrity check (a TLS
 * bad_record_mac or decryption failure, an ISCL MAC mismatch, a replayed or
 * reordered record). PS3.15 B.1 and B.2: the connection is dropped and the
 * Upper Layer of each side issues an A-P-ABORT indication with the
 * implementation-specific provider reason {@link #PROVIDER_REASON}, documented
 * in docs/conformance-statement.md.
 */
public class TransportIntegrityException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * The A-P-ABORT provider reason reported for an integrity failure. PS3.8
     * table 9-26 uses 0-6 for reasons sent on the wire; an integrity failure is
     * never sent (the connection is dropped), so dicomsec reports the
     * implementation-specific value 0x80 locally.
     */
    public static final int PROVIDER_REASON = 0x80;

    private final String transport;

    /**
     * @param transport "tls" or "iscl"
     * @param detail    what failed, e.g. "bad_record_mac (TLS alert 20) from 127.0.0.1:2762"
     */
    public TransportIntegrityException(String transport, String detail, Throwable cause) {
        super(transport + " integrity check failed: " + detail, cause);
        this.transport = transport;
    }

    public String transport() {
        return transport;
    }
}
