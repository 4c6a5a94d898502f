package org.dicomsec.ul.net;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An attacker for demonstrations and tests ({@code dicomsec demo}, step tamper): a
 * TCP relay on loopback between a sender and one listener that reads the sender's
 * bytes record by record, as the secure transport frames them ({@link Framing}:
 * the TLS module gives RFC 8446 5.1's 5-byte header, the ISCL module
 * docs/iscl-wire-format.md 8.1's 6-byte one) and alters one byte in the middle of
 * the first data record that starts after {@code flipAfter} bytes of data records,
 * once. The listener's integrity check must catch it (PS3.15 B.1, B.2). Serves
 * one connection.
 */
public final class TamperRelay implements AutoCloseable {

    /**
     * How the records of a transport are framed: a fixed header holding the record type in its
     * first byte and a big-endian body length.
     *
     * @param header       header bytes
     * @param dataType     the type byte of records that carry application data
     * @param lengthOffset where the body length starts in the header
     * @param lengthSize   bytes of the body length
     */
    public record Framing(int header, int dataType, int lengthOffset, int lengthSize) {
        public Framing {
            if (header < 1 || lengthOffset < 1 || lengthSize < 1 || lengthSize > 4
                    || lengthOffset + lengthSize > header) {
                throw new IllegalArgumentException("not a record header layout: " + header + "/" + lengthOffset
                        + "/" + lengthSize);
            }
        }
    }

    /** Larger than any record either transport sends (TLS 2^14 + 256, ISCL 16 MiB + 24 is refused here). */
    private static final int MAX_BODY = 1 << 20;

    private final ServerSocket listener;
    private final Framing framing;
    private final long flipAfter;
    private final boolean flip;
    private final CountDownLatch done = new CountDownLatch(2);
    private volatile Socket client;
    private volatile Socket server;
    private volatile int flippedRecord = -1;
    private volatile long flippedAt = -1;
    private volatile int dataRecords;

    /**
     * Listens on a free loopback port ({@link #address()}) and relays its first connection to
     * {@code target}, in two tasks of {@code exec}.
     *
     * @param flipAfter data-record bytes to let through before the record that is altered
     * @param flip      false: relay every byte unchanged (to show that a check fails only because of the flip)
     */
    public TamperRelay(InetSocketAddress target, Framing framing, long flipAfter, boolean flip, ExecutorService exec)
            throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.framing = framing;
        this.flipAfter = flipAfter;
        this.flip = flip;
        exec.execute(() -> {
            try {
                client = listener.accept();
                server = new Socket(target.getAddress(), target.getPort());
                exec.execute(() -> copy(server, client));
                relayRecords(client, server);
            } catch (IOException e) {
                done.countDown();
                done.countDown();
            } finally {
                closeQuietly(listener);
            }
        });
    }

    /** Where the sender connects. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    /** The 1-based index among the sender's data records of the one altered, or -1. */
    public int flippedRecord() {
        return flippedRecord;
    }

    /** Offset of the altered byte in the sender's byte stream, or -1. */
    public long flippedAt() {
        return flippedAt;
    }

    /** Data records relayed from the sender. */
    public int dataRecords() {
        return dataRecords;
    }

    private void relayRecords(Socket from, Socket to) {
        long pos = 0;
        long dataBytes = 0;
        byte[] head = new byte[framing.header()];
        byte[] body = new byte[0];
        try (DataInputStream in = new DataInputStream(from.getInputStream());
             OutputStream out = to.getOutputStream()) {
            while (true) {
                try {
                    in.readFully(head);
                } catch (EOFException end) {
                    return;
                }
                long len = 0;
                for (int i = 0; i < framing.lengthSize(); i++) {
                    len = (len << 8) | (head[framing.lengthOffset() + i] & 0xFF);
                }
                if (len > MAX_BODY) {
                    // not a record of this framing: pass the rest on unread
                    out.write(head);
                    in.transferTo(out);
                    return;
                }
                if (body.length < len) {
                    body = new byte[(int) len];
                }
                in.readFully(body, 0, (int) len);
                if ((head[0] & 0xFF) == framing.dataType()) {
                    dataRecords++;
                    if (flip && flippedRecord < 0 && dataBytes >= flipAfter && len > 0) {
                        int at = (int) (len / 2);
                        body[at] ^= (byte) 0xFF;
                        flippedRecord = dataRecords;
                        flippedAt = pos + framing.header() + at;
                    }
                    dataBytes += len;
                }
                out.write(head);
                out.write(body, 0, (int) len);
                out.flush();
                pos += framing.header() + len;
            }
        } catch (IOException e) {
            // one side dropped the connection: the ends report it
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            done.countDown();
        }
    }

    private void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buf = new byte[16384];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side dropped the connection
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            done.countDown();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception ignored) {
            // closing
        }
    }

    /** Closes both sockets and waits (bounded) for the relay's two tasks to end. */
    @Override
    public void close() {
        closeQuietly(listener);
        closeQuietly(client);
        closeQuietly(server);
        try {
            done.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
