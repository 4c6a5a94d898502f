package org.dicomsec.iscl.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.function.BooleanSupplier;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.iscl.IsclError;
import org.dicomsec.iscl.IsclIntegrityException;
import org.dicomsec.iscl.crypto.Md5Order;
import org.dicomsec.iscl.wire.Packet;
import org.dicomsec.iscl.wire.PacketType;

/**
 * The sending side of the record layer (docs/iscl-wire-format.md section 8):
 * buffers up to P payload bytes and emits a DATA record when full or on
 * {@link #flush()}; {@link #close()} sends DISCONNECT. One buffer of
 * 6 + P + 24 bytes, reused for every record.
 *
 * <p>A write that fails because the connection was lost without this side
 * closing it and without the peer's DISCONNECT is the truncation of section
 * 8.5: it is reported as {@link IsclIntegrityException} (TRUNCATED), the same
 * TransportIntegrityException the reading side reports, so that the Upper
 * Layer issues A-P-ABORT with provider reason 0x80 whichever way it notices.
 */
public final class RecordOutputStream extends OutputStream {

    private static final System.Logger LOG = LibraryLog.logger(RecordOutputStream.class);

    private final OutputStream out;
    private final RecordProtection protection;
    private final int flags;
    private final int packetSize;
    private final byte[] buf;
    private int count;
    private long seq;
    private boolean closed;
    private final Runnable onFailure;
    private final BooleanSupplier expectedEnd;
    private final String peer;
    private IOException failure;
    private final long volumeLimit;
    private long volume;
    private volatile boolean endedAtLimit;

    /** A sender whose write failures are passed on as they are (engine tests over memory streams). */
    public RecordOutputStream(OutputStream out, HandshakeResult hs) {
        this(out, hs, () -> { }, "peer", () -> true);
    }

    /**
     * @param onFailure   drops the connection (socket abort), run once on a lost connection
     * @param peer        "host:port", for messages and the log
     * @param expectedEnd true once this side closed or aborted, or the peer's DISCONNECT came:
     *                    a write error is then not the peer's truncation
     */
    public RecordOutputStream(OutputStream out, HandshakeResult hs, Runnable onFailure, String peer,
                              BooleanSupplier expectedEnd) {
        this.onFailure = onFailure;
        this.peer = peer;
        this.expectedEnd = expectedEnd;
        this.out = out;
        this.protection = new RecordProtection(hs.keys().sending(hs.role()), hs.integrity(), hs.privacy());
        this.flags = protection.sendFlags(hs.sendOrder());
        this.packetSize = hs.packetSize();
        this.volumeLimit = hs.volumeLimit();
        this.buf = new byte[Packet.HEADER + packetSize + 24];
    }

    /** For tests: a sender with an explicit MD5 order whatever the handshake said. */
    RecordOutputStream(OutputStream out, HandshakeResult hs, Md5Order order) {
        this(out, hs.withSendOrder(order));
    }

    @Override
    public synchronized void write(int b) throws IOException {
        ensureOpen();
        buf[Packet.HEADER + count++] = (byte) b;
        if (count == packetSize) {
            emit(PacketType.DATA);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            int n = Math.min(len, packetSize - count);
            System.arraycopy(b, off, buf, Packet.HEADER + count, n);
            count += n;
            off += n;
            len -= n;
            if (count == packetSize) {
                emit(PacketType.DATA);
            }
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        ensureOpen();
        if (count > 0) {
            emit(PacketType.DATA);
        }
        flushSocket();
    }

    /** Sends any buffered data and the DISCONNECT record; the underlying stream stays open. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        if (count > 0) {
            emit(PacketType.DATA);
        }
        emit(PacketType.DISCONNECT);
        closed = true;
        flushSocket();
    }

    /** Number of records sent. */
    public synchronized long recordsSent() {
        return seq;
    }

    /** DATA body bytes sent so far (the volume of section 8.8). */
    public synchronized long volumeSent() {
        return volume;
    }

    /**
     * True once this side ended the connection at its volume limit: DISCONNECT with reason
     * VOLUME_LIMIT was written, so the socket should be closed gracefully (FIN), not reset.
     */
    public boolean endedAtLimit() {
        return endedAtLimit;
    }

    private void ensureOpen() throws IOException {
        if (failure != null) {
            throw failure instanceof IsclIntegrityException f
                    ? new IsclIntegrityException(f.error(), "connection already dropped after: " + f.getMessage())
                    : new IOException("ISCL connection lost: " + failure.getMessage(), failure);
        }
        if (closed) {
            throw new IOException("ISCL output closed (DISCONNECT sent)");
        }
    }

    private void emit(int type) throws IOException {
        if (seq < 0) {
            throw new IOException("ISCL sequence number exhausted; the connection must be renewed");
        }
        int len = count;
        if (type == PacketType.DATA) {
            int t = len + protection.tagSize();
            long body = protection.privacy() ? t + 8 - t % 8 : t;
            if (volume + body > volumeLimit) {
                throw endAtLimit();
            }
            volume += body;
        }
        int tagAt = Packet.HEADER + len;
        protection.tag(seq, type, flags, buf, Packet.HEADER, len, buf, tagAt);
        int body = len + protection.tagSize();
        if (protection.privacy()) {
            int pad = 8 - body % 8; // 1..8 bytes of value pad
            for (int i = 0; i < pad; i++) {
                buf[Packet.HEADER + body + i] = (byte) pad;
            }
            body += pad;
            protection.encrypt(seq, buf, Packet.HEADER, body);
        }
        buf[0] = (byte) type;
        buf[1] = (byte) flags;
        Packet.putInt(buf, 2, body);
        count = 0;
        seq++;
        try {
            out.write(buf, 0, Packet.HEADER + body);
        } catch (IOException e) {
            throw lost(e, "while sending record " + (seq - 1));
        }
    }

    /**
     * Section 8.8: the DATA record pending would take this direction above its volume limit. It is
     * not sent; DISCONNECT with the 2-byte reason VOLUME_LIMIT is sent instead, and the Upper Layer
     * gets an IsclIntegrityException (A-P-ABORT, provider reason 0x80), as the peer will.
     */
    private IOException endAtLimit() throws IOException {
        long sent = volume;
        disconnect(IsclError.VOLUME_LIMIT.code());
        endedAtLimit = true;
        IsclIntegrityException x = new IsclIntegrityException(IsclError.VOLUME_LIMIT, "volume limit of "
                + volumeLimit + " bytes under one set of session keys reached after " + sent + " bytes in "
                + (seq - 1) + " records; DISCONNECT sent to " + peer + ", a new line connection is needed");
        failure = x;
        LOG.log(Level.WARNING, "ISCL connection with {0} ended: {1}", peer, x.getMessage());
        return x;
    }

    /** Sends DISCONNECT with a 2-byte reason (section 8.1) instead of any buffered data; output closed. */
    synchronized void disconnect(int reason) throws IOException {
        count = 2;
        buf[Packet.HEADER] = (byte) (reason >>> 8);
        buf[Packet.HEADER + 1] = (byte) reason;
        emit(PacketType.DISCONNECT);
        closed = true;
        flushSocket();
    }

    private void flushSocket() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw lost(e, "while flushing after record " + (seq - 1));
        }
    }

    /** Section 8.5: a connection lost under a write is TRUNCATED, unless its end was expected. */
    private IOException lost(IOException e, String when) {
        if (expectedEnd.getAsBoolean()) {
            failure = e;
            return e;
        }
        IsclIntegrityException x = new IsclIntegrityException(IsclError.TRUNCATED, "connection lost without"
                + " DISCONNECT " + when + " (" + e.getMessage() + ") to " + peer, e);
        failure = x;
        LOG.log(Level.WARNING, "ISCL connection with {0} dropped: {1}", peer, x.getMessage());
        onFailure.run();
        return x;
    }
}
