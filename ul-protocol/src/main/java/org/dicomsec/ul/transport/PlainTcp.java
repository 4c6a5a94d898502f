package org.dicomsec.ul.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

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
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new InetSocketAddress(bindAddress, port), 50);
        return new TransportAcceptor() {
            @Override
            public PendingConnection accept() throws IOException {
                Socket s = ss.accept();
                return new PendingConnection() {
                    @Override
                    public TransportConnection handshake(int timeoutMillis) throws IOException {
                        return new PlainTcpConnection(s);
                    }

                    @Override
                    public String remoteAddress() {
                        return Sockets.remote(s);
                    }

                    @Override
                    public void abort() {
                        Sockets.abort(s);
                    }
                };
            }

            @Override
            public int localPort() {
                return ss.getLocalPort();
            }

            @Override
            public void close() throws IOException {
                ss.close();
            }
        };
    }
}
