package org.dicomsec.ul.transport;

import java.io.IOException;

/** An accepted TCP connection whose security handshake has not run yet. */
public interface PendingConnection {

    /**
     * Runs the handshake of the profile and returns the established connection;
     * an unauthenticated or untrusted peer is refused with an IOException and
     * the socket is closed.
     *
     * @param timeoutMillis timeout for the whole handshake; 0 means none
     */
    TransportConnection handshake(int timeoutMillis) throws IOException;

    /** Remote address as "host:port", for logs. */
    String remoteAddress();

    /** Closes the socket without a handshake. Never throws. */
    void abort();
}
