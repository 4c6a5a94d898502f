package org.dicomsec.ul.transport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** A plain TCP transport connection (ports 104 / 11112): no authentication, no integrity. */
public final class PlainTcpConnection implements TransportConnection {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    PlainTcpConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
    }

    @Override
    public InputStream input() {
        return in;
    }

    /** Unbuffered: the Upper Layer writes whole PDUs from its own buffer. */
    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public PeerIdentity peer() {
        return PeerIdentity.NONE;
    }

    @Override
    public SecurityDescription security() {
        return SecurityDescription.PLAIN;
    }

    @Override
    public int recordPayloadSize() {
        return 0;
    }

    @Override
    public void setReadTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public String remoteAddress() {
        return Sockets.remote(socket);
    }

    @Override
    public String localAddress() {
        return Sockets.local(socket);
    }

    @Override
    public void abort() {
        Sockets.abort(socket);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
