package org.dicomsec.tls;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;

import org.dicomsec.ul.transport.Sockets;

/**
 * The socket streams as handed to BouncyCastle's protocol: closing them does not
 * close the socket (closing the input does nothing, closing the output half-closes
 * it), so this module decides how the socket ends. After a refused handshake the
 * alert must reach the peer: {@link #closeAfterAlert(Socket)} half-closes and
 * drains what the peer still sends, so the kernel does not answer with a reset
 * that would overtake the alert.
 */
final class SocketStreams {

    /** Longest wait for the peer to go away after a refusal. */
    static final int DRAIN_MILLIS = 1000;
    /** Most bytes drained after a refusal. */
    static final int DRAIN_LIMIT = 256 * 1024;

    private SocketStreams() {
    }

    static InputStream input(Socket s) throws IOException {
        return new FilterInputStream(s.getInputStream()) {
            @Override
            public void close() {
                // the socket is closed by its owner
            }
        };
    }

    static OutputStream output(Socket s) throws IOException {
        return new FilterOutputStream(s.getOutputStream()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (!s.isClosed() && !s.isOutputShutdown()) {
                    try {
                        out.flush();
                        s.shutdownOutput();
                    } catch (SocketException ignored) {
                        // already reset by the peer
                    }
                }
            }
        };
    }

    /** Half-closes, drains for up to {@link #DRAIN_MILLIS}, then closes. Never throws. */
    static void closeAfterAlert(Socket s) {
        closeAfterAlert(s, DRAIN_MILLIS);
    }

    /** Half-closes, drains (bounded in time and bytes), then closes. Never throws. */
    static void closeAfterAlert(Socket s, int drainMillis) {
        try {
            if (!s.isClosed()) {
                if (!s.isOutputShutdown()) {
                    s.shutdownOutput();
                }
                s.setSoTimeout(drainMillis);
                InputStream in = s.getInputStream();
                byte[] buf = new byte[4096];
                long deadline = System.nanoTime() + drainMillis * 1_000_000L;
                int total = 0;
                int n;
                while (total < DRAIN_LIMIT && System.nanoTime() < deadline && (n = in.read(buf)) >= 0) {
                    total += n;
                }
            }
        } catch (IOException ignored) {
            // timeout or reset: closing anyway
        }
        Sockets.abort(s);
    }
}
