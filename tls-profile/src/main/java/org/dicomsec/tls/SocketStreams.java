package org.dicomsec.tls;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.Consumer;

import org.dicomsec.ul.transport.Sockets;

/**
 * The socket streams as handed to BouncyCastle's protocol: closing them does not
 * close the socket (closing the input does nothing, closing the output half-closes
 * it), so this module decides how the socket ends. After a refused handshake the
 * alert must reach the peer: {@link #closeAfterAlert(Socket)} half-closes and
 * drains what the peer still sends, so the kernel does not answer with a reset
 * that would overtake the alert. A write that fails is reported to the
 * connection before BouncyCastle sees it ({@link Output#onWriteFailure}).
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

    static Output output(Socket s) throws IOException {
        return new Output(s);
    }

    /**
     * The socket's output as BouncyCastle's record layer writes it. A write that
     * fails tells the listener installed with {@link #onWriteFailure} before the
     * exception reaches BouncyCastle (which then marks the connection failed and
     * reads nothing more): {@link TlsConnection} uses it to read the peer's last
     * records, e.g. a fatal alert that explains the reset.
     */
    static final class Output extends FilterOutputStream {
        private final Socket socket;
        private volatile Consumer<IOException> onWriteFailure;

        private Output(Socket socket) throws IOException {
            super(socket.getOutputStream());
            this.socket = socket;
        }

        /** Installs the listener (after the handshake: handshake failures are reported as they are). */
        void onWriteFailure(Consumer<IOException> listener) {
            this.onWriteFailure = listener;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                failed(e);
                throw e;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failed(e);
                throw e;
            }
        }

        private void failed(IOException e) {
            Consumer<IOException> listener = onWriteFailure;
            if (listener != null) {
                listener.accept(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (!socket.isClosed() && !socket.isOutputShutdown()) {
                try {
                    out.flush();
                    socket.shutdownOutput();
                } catch (SocketException ignored) {
                    // already reset by the peer
                }
            }
        }
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
