package org.dicomsec.tls;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A man in the middle on loopback for one connection: relays TLS records both
 * ways and, once armed, flips one byte in the payload of the next
 * application_data record (content type 23) going from client to server.
 */
final class TamperRelay implements AutoCloseable {

    private static final int CONTENT_APPLICATION_DATA = 23;

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicBoolean cut = new AtomicBoolean();
    final AtomicBoolean tampered = new AtomicBoolean();
    /** Counted down when each direction has ended (EOF or reset). */
    final CountDownLatch directionsEnded = new CountDownLatch(2);
    private volatile Socket client;
    private volatile Socket server;

    TamperRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::run, "tamper-relay");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    void arm() {
        armed.set(true);
    }

    /** Instead of flipping a byte: forward half of the next client record, then drop both connections. */
    void armCut() {
        cut.set(true);
        armed.set(true);
    }

    private void run() {
        try {
            client = listener.accept();
            server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            Thread up = new Thread(() -> pumpRecords(client, server), "relay-c2s");
            Thread down = new Thread(() -> pumpBytes(server, client), "relay-s2c");
            up.setDaemon(true);
            down.setDaemon(true);
            up.start();
            down.start();
        } catch (IOException e) {
            directionsEnded.countDown();
            directionsEnded.countDown();
        }
    }

    /** Client to server, record by record (RFC 8446 5.1: type, version, 2-byte length, fragment). */
    private void pumpRecords(Socket from, Socket to) {
        try {
            DataInputStream in = new DataInputStream(from.getInputStream());
            OutputStream out = to.getOutputStream();
            byte[] header = new byte[5];
            while (true) {
                in.readFully(header);
                int len = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
                byte[] fragment = new byte[len];
                in.readFully(fragment);
                if (header[0] == CONTENT_APPLICATION_DATA && len > 0 && armed.get() && tampered.compareAndSet(false, true)) {
                    if (cut.get()) {
                        out.write(header);
                        out.write(fragment, 0, len / 2);
                        out.flush();
                        closeBoth();
                        return;
                    }
                    fragment[len / 2] ^= 0x01;
                }
                out.write(header);
                out.write(fragment);
                out.flush();
            }
        } catch (EOFException e) {
            shutdownOutput(to);
        } catch (IOException e) {
            closeBoth();
        } finally {
            directionsEnded.countDown();
        }
    }

    private void pumpBytes(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            shutdownOutput(to);
        } catch (IOException e) {
            closeBoth();
        } finally {
            directionsEnded.countDown();
        }
    }

    private static void shutdownOutput(Socket s) {
        try {
            s.shutdownOutput();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private void closeBoth() {
        for (Socket s : new Socket[] {client, server}) {
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        closeBoth();
    }
}
