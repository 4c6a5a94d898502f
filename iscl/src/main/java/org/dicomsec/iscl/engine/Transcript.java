package org.dicomsec.iscl.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.dicomsec.iscl.IsclError;
import org.dicomsec.iscl.IsclException;
import org.dicomsec.iscl.crypto.Md5Des;
import org.dicomsec.iscl.wire.LineReject;
import org.dicomsec.iscl.wire.Packet;
import org.dicomsec.iscl.wire.PacketType;

/**
 * The handshake packets in wire order, for the transcript hashes TH1..TH3
 * (docs/iscl-wire-format.md section 6.2), with the reads and writes that feed it.
 */
final class Transcript {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final InputStream in;
    private final OutputStream out;
    private final HandshakeClock clock;

    Transcript(InputStream in, OutputStream out, HandshakeClock clock) {
        this.in = in;
        this.out = out;
        this.clock = clock;
    }

    void send(Packet p) throws IOException {
        bytes.writeBytes(p.writeTo(out));
    }

    /**
     * Reads the next packet, which must be of type {@code expected}; a
     * LINE-CONNECT-RJ or ERROR becomes the peer's refusal.
     */
    Packet expect(int expected) throws IOException {
        clock.beforeRead();
        Packet p = Packet.read(in);
        if (p.type() == PacketType.ERROR || p.type() == PacketType.LINE_CONNECT_RJ) {
            LineReject rj = LineReject.decode(p.type(), p.body());
            throw IsclException.fromPeer(PacketType.name(p.type()), rj.code(), rj.text());
        }
        if (p.type() != expected) {
            throw new IsclException(IsclError.PROTOCOL_ERROR, "expected " + PacketType.name(expected)
                    + ", received " + PacketType.name(p.type()));
        }
        if (p.flags() != 0) {
            throw new IsclException(IsclError.PROTOCOL_ERROR, PacketType.name(p.type()) + ": flags "
                    + p.flags() + " at offset 1 must be 0 in the handshake");
        }
        bytes.writeBytes(p.encode());
        return p;
    }

    /** MD5 of everything so far. */
    byte[] hash() {
        return Md5Des.md5().digest(bytes.toByteArray());
    }

    /** Sends LINE-CONNECT-RJ or ERROR for a local failure, best effort (the connection closes anyway). */
    void refuse(int type, IsclError err) {
        if (err == IsclError.TIMEOUT || err == IsclError.PEER_ERROR || err.code() >= 0x0010) {
            return;
        }
        try {
            new LineReject(type, err.code(), err.name()).toPacket().writeTo(out);
        } catch (IOException ignored) {
            // the peer may be gone already; the local error is what is reported
        }
    }
}
