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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A man in the middle on loopback for one connection that flips one byte in
 * the payload of the n-th application_data record (RFC 8446 5.1 / RFC 5246
 * 6.2.1: content type 23) going from client to server, counting from 0, so that
 * a test can hit a record in the middle of a long transfer without timing. In
 * TLS 1.3 the client's encrypted handshake messages are type 23 too: pick an
 * index well past the first few. With {@link #ARMED} as the index it flips the
 * first application_data record after {@link #arm()} instead; after
 * {@link #armCut()} it forwards half of that record and drops both connections
 * (a peer that vanishes mid-record).
 *
 * <p>Keeps TCP's order like a real path: an EOF is passed on as a half-close;
 * when the server resets (a write to it fails), what the server sent before is
 * passed on to the client first (its fatal alert, its FIN), then the client
 * side is closed. A relay that closed the client at once would drop the alert
 * that a direct connection delivers.
 */
final class CountingFlipRelay implements AutoCloseable {

    private static final int CONTENT_APPLICATION_DATA = 23;
    /** The flip index meaning "the first application_data record once armed". */
    static final int ARMED = -1;

    private final ServerSocket listener;
    private final int targetPort;
    private final int flipIndex;
    /** Application data records seen from the client. */
    final AtomicInteger records = new AtomicInteger();
    /** Counted down once the byte has been flipped and the record passed on. */
    final CountDownLatch flipped = new CountDownLatch(1);
    /** True once a record has been altered (flipped or cut). */
    final AtomicBoolean tampered = new AtomicBoolean();
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicBoolean cut = new AtomicBoolean();
    /** Counted down when each direction has ended (EOF or reset). */
    final CountDownLatch directionsEnded = new CountDownLatch(2);
    private final CountDownLatch serverToClientEnded = new CountDownLatch(1);
    private volatile Socket client;
    private volatile Socket server;

    CountingFlipRelay(int targetPort, int flipIndex) throws IOException {
        this.targetPort = targetPort;
        this.flipIndex = flipIndex;
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::run, "flip-relay");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** With {@link #ARMED}: flip a byte of the next application_data record from the client. */
    void arm() {
        armed.set(true);
    }

    /** With {@link #ARMED}: forward half of the next application_data record, then drop both connections. */
    void armCut() {
        cut.set(true);
        armed.set(true);
    }

    private void run() {
        try {
            client = listener.accept();
            server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            Thread up = new Thread(() -> pumpRecords(client, server), "flip-relay-c2s");
            Thread down = new Thread(() -> pumpBytes(server, client), "flip-relay-s2c");
            up.setDaemon(true);
            down.setDaemon(true);
            up.start();
            down.start();
        } catch (IOException e) {
            directionsEnded.countDown();
            directionsEnded.countDown();
        }
    }

    private void pumpRecords(Socket from, Socket to) {
        try {
            DataInputStream in = new DataInputStream(from.getInputStream());
            OutputStream out = to.getOutputStream();
            byte[] header = new byte[5];
            byte[] fragment = new byte[1 << 16];
            while (true) {
                in.readFully(header);
                int len = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
                in.readFully(fragment, 0, len);
                boolean data = header[0] == CONTENT_APPLICATION_DATA && len > 0;
                int index = data ? records.getAndIncrement() : -2;
                boolean flip = data && (flipIndex == ARMED ? armed.get() : index == flipIndex)
                        && tampered.compareAndSet(false, true);
                if (flip && cut.get()) {
                    out.write(header);
                    out.write(fragment, 0, len / 2);
                    out.flush();
                    closeBoth();
                    return;
                }
                if (flip) {
                    fragment[len / 2] ^= 0x01;
                }
                out.write(header);
                out.write(fragment, 0, len);
                out.flush();
                if (flip) {
                    flipped.countDown();
                }
            }
        } catch (EOFException e) {
            shutdownOutput(to);
        } catch (IOException e) {
            // the server reset: first pass on what it sent before (bounded wait), then drop the client
            try {
                serverToClientEnded.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
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
            serverToClientEnded.countDown();
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
