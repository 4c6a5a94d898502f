package org.dicomsec.tls;

import java.io.BufferedInputStream;
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
 * connection before BouncyCastle sees it ({@link Output#onWriteFailure}). The input
 * is read {@value #INPUT_BUFFER} bytes at a time; the output gathers the records of
 * one application message ({@link Output}).
 */
final class SocketStreams {

    /** Longest wait for the peer to go away after a refusal. */
    static final int DRAIN_MILLIS = 1000;
    /** Most bytes drained after a refusal. */
    static final int DRAIN_LIMIT = 256 * 1024;

    /**
     * Bytes read from the socket at once: BouncyCastle reads each record as its 5-byte header and
     * then its body, two reads of the socket per record without a buffer; with one, a read takes
     * what has arrived, often several records.
     */
    static final int INPUT_BUFFER = 32 * 1024;

    private SocketStreams() {
    }

    static Input input(Socket s) throws IOException {
        return new Input(s.getInputStream());
    }

    /**
     * The socket's input, buffered; keeps the first bytes the peer sent ({@link #firstByte()},
     * {@link #head()}), which name what a peer that does not speak TLS sent instead.
     */
    static final class Input extends BufferedInputStream {
        /** The peer's first bytes, up to 6 (a TLS record header is 5, an Upper Layer PDU header 6). */
        private final byte[] head = new byte[6];
        private int headLength;
        /** Bytes returned by the reads so far. */
        private long returned;

        Input(InputStream in) {
            super(in, INPUT_BUFFER);
        }

        /**
         * The first byte read from the peer, -1 before one arrived: in a handshake, a TLS record's
         * content type (20-24), or something else from a peer that does not speak TLS (a DICOM
         * Upper Layer PDU type, 1-7).
         */
        synchronized int firstByte() {
            return headLength > 0 ? head[0] & 0xFF : -1;
        }

        /** The peer's first bytes read so far (at most 6). */
        synchronized byte[] head() {
            return java.util.Arrays.copyOf(head, headLength);
        }

        @Override
        public synchronized int read() throws IOException {
            int b = super.read();
            if (b >= 0 && returned < head.length) {
                keep(new byte[] {(byte) b}, 0, 1);
            } else if (b >= 0) {
                returned++;
            }
            return b;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && returned < head.length) {
                keep(b, off, n);
            } else if (n > 0) {
                returned += n;
            }
            return n;
        }

        /**
         * Keeps, of the stream's first {@code head.length} bytes, those the read just returned
         * ({@code n} bytes from stream position {@link #returned}) and those already buffered after them.
         */
        private void keep(byte[] b, int off, int n) {
            long from = returned;
            returned += n;
            for (long p = Math.max(from, headLength); p < Math.min(returned, head.length); p++) {
                head[(int) p] = b[off + (int) (p - from)];
                headLength = (int) p + 1;
            }
            for (long p = Math.max(returned, headLength); p < head.length && p - returned < count - pos; p++) {
                head[(int) p] = buf[pos + (int) (p - returned)];
                headLength = (int) p + 1;
            }
        }

        @Override
        public void close() {
            // the socket is closed by its owner
        }
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
     *
     * <p>BouncyCastle writes and flushes each record on its own, one socket write per
     * 16 KiB record. From {@link #hold()} to {@link #release(boolean)} (the application's
     * writes up to its flush, {@link TlsConnection#output()}) the holding thread's records
     * are gathered here and go to the socket {@link #HELD} bytes at a time, the rest on
     * release. A flush from any other thread (an alert, a reply to the peer's key update)
     * sends what is gathered at once, in order.
     */
    static final class Output extends FilterOutputStream {
        /** At most this many bytes are gathered before they go to the socket (four full records). */
        static final int HELD = 4 * (TlsConnection.MAX_RECORD_PAYLOAD + 256);

        private final Socket socket;
        private volatile Consumer<IOException> onWriteFailure;
        /** The thread whose flushes wait for {@link #release(boolean)}; null: every flush sends. Guarded by this. */
        private Thread holder;
        /** Made on the first {@link #hold()}: a connection that sends no application data has none. */
        private byte[] held;
        private int count;

        private Output(Socket socket) throws IOException {
            super(socket.getOutputStream());
            this.socket = socket;
        }

        /** Installs the listener (after the handshake: handshake failures are reported as they are). */
        void onWriteFailure(Consumer<IOException> listener) {
            this.onWriteFailure = listener;
        }

        /** The calling thread's records are gathered until it calls {@link #release(boolean)}. */
        synchronized void hold() {
            if (held == null) {
                held = new byte[HELD];
            }
            holder = Thread.currentThread();
        }

        /**
         * Ends {@link #hold()}: with {@code send}, what was gathered goes to the socket now;
         * without (the write failed), it goes with the next flush or write, if any.
         */
        synchronized void release(boolean send) throws IOException {
            holder = null;
            if (send) {
                send();
                flushSocket();
            }
        }

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (holder == null && count == 0) {
                writeSocket(b, off, len);
                return;
            }
            if (len > held.length - count) {
                send();
            }
            if (len >= held.length) {
                writeSocket(b, off, len);
            } else {
                System.arraycopy(b, off, held, count, len);
                count += len;
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            if (holder == Thread.currentThread()) {
                return; // the holder's record: sent with the others, at the latest on release
            }
            send();
            flushSocket();
        }

        /** Under the lock: what is gathered, to the socket. */
        private void send() throws IOException {
            if (count > 0) {
                int n = count;
                count = 0;
                writeSocket(held, 0, n);
            }
        }

        private void writeSocket(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failed(e);
                throw e;
            }
        }

        private void flushSocket() throws IOException {
            try {
                out.flush();
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
        public synchronized void close() throws IOException {
            holder = null;
            if (!socket.isClosed() && !socket.isOutputShutdown()) {
                try {
                    send();
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
