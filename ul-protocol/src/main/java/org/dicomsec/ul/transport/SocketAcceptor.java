package org.dicomsec.ul.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The listener every transport shares: a bound server socket whose accepted
 * sockets become {@link PendingConnection}s, with the profile's handshake run
 * later in the thread that serves the connection.
 */
public final class SocketAcceptor {

    /** A transport's handshake on an accepted socket (it closes the socket when it fails). */
    @FunctionalInterface
    public interface Handshake {
        TransportConnection run(Socket socket, int timeoutMillis) throws IOException;
    }

    private SocketAcceptor() {
    }

    /**
     * Binds {@code bindAddress:port} (null: all interfaces; port 0: any free port)
     * and returns an acceptor whose connections complete with {@code handshake}.
     */
    public static TransportAcceptor bind(InetAddress bindAddress, int port, Handshake handshake) throws IOException {
        ServerSocket ss = new ServerSocket();
        try {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(bindAddress, port), 50);
        } catch (IOException e) {
            ss.close();
            throw e;
        }
        return new TransportAcceptor() {
            @Override
            public PendingConnection accept() throws IOException {
                Socket s = ss.accept();
                return new PendingConnection() {
                    @Override
                    public TransportConnection handshake(int timeoutMillis) throws IOException {
                        return handshake.run(s, timeoutMillis);
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
