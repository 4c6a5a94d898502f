package org.dicomsec.ul.transport;

import java.io.IOException;
import java.net.InetAddress;

/** The plain TCP transport: connector and acceptor. */
public final class PlainTcp {

    /** The conventional unsecured DICOM port (PS3.8 annex G lists 104; 11112 is the registered alternative). */
    public static final int DEFAULT_PORT = 11112;

    private PlainTcp() {
    }

    public static TransportConnector connector() {
        return (remote, timeout) -> new PlainTcpConnection(Sockets.connect(remote, timeout));
    }

    /**
     * Binds a listener on {@code bindAddress:port} (port 0: any free port).
     *
     * @param bindAddress null for all interfaces
     */
    public static TransportAcceptor acceptor(InetAddress bindAddress, int port) throws IOException {
        return SocketAcceptor.bind(bindAddress, port, (socket, timeoutMillis) -> new PlainTcpConnection(socket));
    }
}
