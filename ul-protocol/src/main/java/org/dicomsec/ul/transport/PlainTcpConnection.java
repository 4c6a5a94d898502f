package org.dicomsec.ul.transport;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** A plain TCP transport connection (ports 104 / 11112): no authentication, no integrity. */
public final class PlainTcpConnection implements TransportConnection {

    /** Output buffer size: see {@link #output()}. */
    static final int OUTPUT_BUFFER = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    PlainTcpConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), OUTPUT_BUFFER);
    }

    @Override
    public InputStream input() {
        return in;
    }

    /**
     * Buffered by {@value #OUTPUT_BUFFER} bytes: PDUs smaller than that (4 KiB, 16 KiB) leave
     * in one socket write per buffer instead of one each; a PDU as large as the buffer or larger
     * goes straight from the Upper Layer's buffer to the socket. The Upper Layer flushes after the
     * last fragment of each message and after every other PDU.
     */
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
