package org.dicomsec.iscl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dicomsec.iscl.wire.Packet;
import org.dicomsec.ul.transport.Sockets;

/**
 * A loopback TCP proxy between an ISCL initiator and responder that parses the
 * initiator's packets and applies one fault to the record with a given index
 * (0 = first record after the handshake). When either side drops, it drops
 * the other: the "dropped connection on both sides".
 */
final class FaultRelay implements AutoCloseable {

    enum Fault { NONE, FLIP, REPLAY, REORDER, DROP, TRUNCATE, OVERSIZE }

    private final ServerSocket listener;
    private final ExecutorService exec = Executors.newFixedThreadPool(3);
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private volatile Socket client;
    private volatile Socket server;

    FaultRelay(int targetPort, Fault fault, int index) throws IOException {
        this(targetPort, fault, index, true);
    }

    /** @param fromInitiator true: the fault hits the initiator's records; false: the responder's */
    FaultRelay(int targetPort, Fault fault, int index, boolean fromInitiator) throws IOException {
        listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        exec.submit(() -> {
            try {
                client = listener.accept();
                server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                if (fromInitiator) {
                    exec.submit(() -> pump(server.getInputStream(), client.getOutputStream()));
                    forward(client.getInputStream(), server.getOutputStream(), fault, index);
                } else {
                    exec.submit(() -> pump(client.getInputStream(), server.getOutputStream()));
                    forward(server.getInputStream(), client.getOutputStream(), fault, index);
                }
            } catch (IOException e) {
                // a side dropped
            } finally {
                dropBoth();
            }
            return null;
        });
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The faulted direction's bytes as forwarded. */
    byte[] captured() {
        synchronized (captured) {
            return captured.toByteArray();
        }
    }

    private Void pump(InputStream in, OutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // a side dropped
        } finally {
            dropBoth();
        }
        return null;
    }

    private void forward(InputStream in, OutputStream out, Fault fault, int index) throws IOException {
        int record = -1; // counts DATA / DISCONNECT records
        byte[] held = null;
        while (true) {
            byte[] header = in.readNBytes(Packet.HEADER);
            if (header.length < Packet.HEADER) {
                return;
            }
            byte[] body = in.readNBytes(Packet.getInt(header, 2));
            byte[] packet = new byte[header.length + body.length];
            System.arraycopy(header, 0, packet, 0, header.length);
            System.arraycopy(body, 0, packet, header.length, body.length);
            boolean isRecord = (header[0] & 0xFF) >= 0x20 && (header[0] & 0xFF) <= 0x21;
            if (isRecord) {
                record++;
            }
            if (!isRecord || record != index) {
                send(out, packet);
                if (held != null) {
                    send(out, held);
                    held = null;
                }
                continue;
            }
            switch (fault) {
                case NONE -> send(out, packet);
                case FLIP -> {
                    packet[Packet.HEADER + body.length / 2] ^= 0x01;
                    send(out, packet);
                }
                case REPLAY -> {
                    send(out, packet);
                    send(out, packet);
                }
                case REORDER -> held = packet;
                case DROP -> { }
                case TRUNCATE -> {
                    return;
                }
                case OVERSIZE -> {
                    Packet.putInt(packet, 2, 0x7FFFFFF0);
                    send(out, packet);
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private void send(OutputStream out, byte[] b) throws IOException {
        synchronized (captured) {
            captured.writeBytes(b);
        }
        out.write(b);
        out.flush();
    }

    private void dropBoth() {
        Socket c = client;
        Socket s = server;
        if (c != null) {
            closeQuietly(c);
        }
        if (s != null) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            Sockets.abort(s);
        }
    }

    @Override
    public void close() throws IOException {
        dropBoth();
        listener.close();
        exec.shutdownNow();
    }
}
