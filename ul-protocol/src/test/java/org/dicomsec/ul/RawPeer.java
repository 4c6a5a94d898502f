package org.dicomsec.ul;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

import org.dicomsec.data.UID;
import org.dicomsec.ul.pdu.Pdu;
import org.dicomsec.ul.pdu.PduEncoder;

/** A hand-driven peer on a raw socket: sends bytes as given, reads whole PDUs as bytes. */
final class RawPeer implements AutoCloseable {
    final Socket socket;
    final DataInputStream in;
    final OutputStream out;

    RawPeer(Socket s) throws IOException {
        this.socket = s;
        s.setSoTimeout(10_000);
        this.in = new DataInputStream(s.getInputStream());
        this.out = s.getOutputStream();
    }

    static RawPeer connect(InetSocketAddress a) throws IOException {
        Socket s = new Socket();
        s.connect(a, 5000);
        return new RawPeer(s);
    }

    void send(byte[] b) throws IOException {
        out.write(b);
        out.flush();
    }

    void send(Pdu p) throws IOException {
        send(PduEncoder.toBytes(p));
    }

    /** Reads one PDU (header and body) as bytes. */
    byte[] readPdu() throws IOException {
        byte[] h = new byte[6];
        in.readFully(h);
        long len = ((h[2] & 0xFFL) << 24) | ((h[3] & 0xFF) << 16) | ((h[4] & 0xFF) << 8) | (h[5] & 0xFF);
        if (len > 1 << 24) {
            throw new IOException("PDU too long for a test: " + len);
        }
        byte[] all = new byte[6 + (int) len];
        System.arraycopy(h, 0, all, 0, 6);
        in.readFully(all, 6, (int) len);
        return all;
    }

    /** True if the peer closed the connection (EOF or reset) before {@code millis}. */
    boolean closedWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** Associates as a requestor with one Verification and one Secondary Capture context; returns the AC bytes. */
    byte[] associate() throws IOException {
        send(AssociationRequest.builder("STORE_SCP", "RAW").presentationContext(UID.Verification,
                UID.ImplicitVRLittleEndian).presentationContext(UID.SecondaryCaptureImageStorage,
                UID.ImplicitVRLittleEndian).build().toPdu());
        byte[] ac = readPdu();
        if (ac[0] != 2) {
            throw new IOException("expected an A-ASSOCIATE-AC, got type " + ac[0]);
        }
        return ac;
    }

    /** A P-DATA-TF with one PDV. */
    static byte[] pdata(int pcid, int mch, byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int pdvLen = data.length + 2;
        int pduLen = pdvLen + 4;
        b.write(4);
        b.write(0);
        be32(b, pduLen);
        be32(b, pdvLen);
        b.write(pcid);
        b.write(mch);
        b.writeBytes(data);
        return b.toByteArray();
    }

    static void be32(ByteArrayOutputStream b, long v) {
        b.write((int) (v >>> 24));
        b.write((int) (v >>> 16));
        b.write((int) (v >>> 8));
        b.write((int) v);
    }

    static byte[] abort(int source, int reason) {
        return new byte[] {7, 0, 0, 0, 0, 4, 0, 0, (byte) source, (byte) reason};
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static byte[] readAll(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (EOFException e) {
            return new byte[0];
        }
    }
}
