package org.dicomsec.ul.transport;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A listener on a preferred port when that port is free, else on any free port:
 * for a demonstration or a test that would rather listen where a peer looks
 * first (2762 for TLS, 2761 for ISCL, PS3.15 B.1, B.2) yet must also run beside
 * a service that already has that port. A server that must be found at its port
 * binds it with the transport's acceptor directly and fails when it is taken.
 */
public final class PreferredPort {

    private PreferredPort() {
    }

    /**
     * {@code acceptors.open(bindAddress, preferred)}, or, when that port is in use (a
     * {@link BindException}), {@code acceptors.open(bindAddress, 0)}. The port bound is the
     * acceptor's {@link TransportAcceptor#localPort()}; any other failure is thrown as it is.
     *
     * @param bindAddress null for all interfaces
     * @param preferred   1..65535
     */
    public static TransportAcceptor bind(InetAddress bindAddress, int preferred, Transport.AcceptorFactory acceptors)
            throws IOException {
        Objects.requireNonNull(acceptors, "acceptors");
        if (preferred < 1 || preferred > 65535) {
            throw new IllegalArgumentException("not a port to prefer: " + preferred);
        }
        try {
            return acceptors.open(bindAddress, preferred);
        } catch (BindException taken) {
            return acceptors.open(bindAddress, 0);
        }
    }
}
