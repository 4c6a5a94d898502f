package org.dicomsec.iscl;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import org.dicomsec.iscl.engine.HandshakeResult;
import org.dicomsec.iscl.engine.RecordInputStream;
import org.dicomsec.iscl.engine.RecordOutputStream;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.SecurityDescription;
import org.dicomsec.ul.transport.Sockets;
import org.dicomsec.ul.transport.TransportConnection;

/**
 * An established ISCL connection (PS3.15 B.2): records of
 * docs/iscl-wire-format.md section 8 over a TCP socket. An integrity failure
 * surfaces from {@link #input()} reads as {@link IsclIntegrityException} (a
 * TransportIntegrityException) after the socket has been reset.
 */
public final class IsclConnection implements TransportConnection {

    private final Socket socket;
    private final HandshakeResult hs;
    private final RecordInputStream in;
    private final InputStream input;
    private final RecordOutputStream out;
    private final PeerIdentity peer;
    private final SecurityDescription security;
    private volatile boolean closing;

    IsclConnection(Socket socket, BufferedInputStream socketIn, HandshakeResult hs) throws IOException {
        this(socket, socketIn, hs, false);
    }

    /**
     * @param aeTitleCheck an acceptor's check of the calling AE title of the first A-ASSOCIATE-RQ
     *                     against the keyring entry's {@link IsclConfig#AE_TITLES_FLAG}
     */
    IsclConnection(Socket socket, BufferedInputStream socketIn, HandshakeResult hs, boolean aeTitleCheck)
            throws IOException {
        this.socket = socket;
        this.hs = hs;
        String remote = Sockets.remote(socket);
        this.in = new RecordInputStream(socketIn, hs, () -> Sockets.abort(socket), remote, () -> closing);
        this.out = new RecordOutputStream(socket.getOutputStream(), hs, () -> Sockets.abort(socket), remote,
                () -> closing || in.disconnectReceived());
        this.peer = new PeerIdentity(PeerIdentity.Kind.ISCL_ENTITY, hs.peerEntity(), List.of(), hs.attributes());
        String suite = hs.integrity().label() + (hs.privacy() == PrivacyMechanism.NONE ? "" : "+" + hs.privacy().label());
        this.security = new SecurityDescription(true, "iscl", "ISCL " + Iscl.WIRE_VERSION + " (dicomsec wire format)",
                suite, hs.privacy() != PrivacyMechanism.NONE);
        this.input = aeTitleCheck ? new CallingAeTitleGate(in, out, hs.peerEntity(), hs.attributes(), this::close)
                : in;
    }

    @Override
    public InputStream input() {
        return input;
    }

    /** Buffered into records of at most {@link #recordPayloadSize()} bytes; flush() sends. */
    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public PeerIdentity peer() {
        return peer;
    }

    @Override
    public SecurityDescription security() {
        return security;
    }

    /** The negotiated maximum packet size P. */
    @Override
    public int recordPayloadSize() {
        return hs.packetSize();
    }

    /** The local entity name this side authenticated as. */
    public String localEntity() {
        return hs.localEntity();
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
        closing = true;
        if (out.endedAtLimit()) {
            // section 8.8: DISCONNECT with reason VOLUME_LIMIT is queued; a plain close (FIN) lets it
            // arrive, where a reset would discard it
            try {
                socket.close();
            } catch (IOException e) {
                Sockets.abort(socket);
            }
        } else {
            Sockets.abort(socket);
        }
        hs.keys().destroy();
    }

    /** Sends DISCONNECT after any buffered data, then closes the socket. */
    @Override
    public void close() throws IOException {
        closing = true;
        try {
            if (!socket.isClosed()) {
                out.close();
            }
        } finally {
            socket.close();
            hs.keys().destroy();
        }
    }

    @Override
    public String toString() {
        return "IsclConnection[" + peer + " at " + remoteAddress() + ", " + security + "]";
    }
}
