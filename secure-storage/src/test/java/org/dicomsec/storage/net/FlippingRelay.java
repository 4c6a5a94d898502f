package org.dicomsec.storage.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP relay on loopback between a client and a server that flips one bit of
 * the byte at {@code flipAt} (counted from the first byte the client sends),
 * once: an attacker or a faulty network element altering data in transit.
 */
final class FlippingRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final AtomicBoolean flipped = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Socket client;
    private volatile Socket server;

    FlippingRelay(int targetPort, long flipAt, ExecutorService exec) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        exec.execute(() -> {
            try {
                client = listener.accept();
                server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                exec.execute(() -> pump(server, client, -1));
                pump(client, server, flipAt);
            } catch (IOException e) {
                // the test sees the outcome at its ends
            } finally {
                done.countDown();
            }
        });
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    /** True once the byte was altered. */
    boolean flipped() {
        return flipped.get();
    }

    private void pump(Socket from, Socket to, long flipAt) {
        byte[] buf = new byte[8192];
        long pos = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                if (flipAt >= pos && flipAt < pos + n && flipped.compareAndSet(false, true)) {
                    buf[(int) (flipAt - pos)] ^= 0x10;
                }
                pos += n;
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket s) {
        try {
            if (s != null) {
                s.close();
            }
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        close(client);
        close(server);
    }
}
