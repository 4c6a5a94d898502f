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
import org.dicomsec.ul.pdu.PduType;

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
        Packet p;
        if (expected != PacketType.LINE_CONNECT_AC) {
            p = Packet.read(in);
        } else {
            // the initiator's first answer: a peer of another transport on this port says so here
            try {
                p = Packet.read(in);
            } catch (IsclException e) {
                if (e.error() == IsclError.TIMEOUT || e.getCause() instanceof java.io.EOFException) {
                    throw new IsclException(e.error(), e.getMessage().replaceFirst("^ISCL [^:]*: ", "")
                            + NO_ISCL_ANSWER, e);
                }
                throw e;
            } catch (java.net.SocketException e) {
                throw new IsclException(IsclError.PROTOCOL_ERROR, e.getMessage() + NO_ISCL_ANSWER, e);
            }
            String pdu = upperLayerPdu(p);
            if (pdu != null) {
                throw new IsclException(IsclError.PROTOCOL_ERROR, "the peer answered LINE-CONNECT-RQ with an " + pdu
                        + " PDU: a DICOM acceptor without ISCL (is this port for plain TCP?)");
            }
        }
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

    private static final String NO_ISCL_ANSWER = ", with no ISCL answer to LINE-CONNECT-RQ: does the peer expect plain"
            + " TCP or TLS on this port?";

    /**
     * The Upper Layer PDU a DICOM acceptor without ISCL answers a LINE-CONNECT-RQ with (read as an
     * A-ASSOCIATE-RQ that it cannot parse): "A-ABORT" (type 07H, PS3.8 9.3.8) or "A-ASSOCIATE-RJ"
     * (type 03H, a body of 4 bytes: reserved 00H, result 1 or 2, source, reason); else null.
     */
    static String upperLayerPdu(Packet p) {
        byte[] b = p.body();
        if (p.type() == PduType.A_ABORT && b.length == 4 && b[0] == 0 && b[1] == 0) {
            return "A-ABORT";
        }
        // (a LINE-CONNECT-RJ of 4 bytes would end in a printable character of its text, PS3.8 reasons are 1-7)
        if (p.type() == PduType.A_ASSOCIATE_RJ && b.length == 4 && b[0] == 0 && (b[1] == 1 || b[1] == 2)
                && b[2] >= 1 && b[2] <= 3 && b[3] >= 0 && b[3] < 0x20) {
            return "A-ASSOCIATE-RJ";
        }
        return null;
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
