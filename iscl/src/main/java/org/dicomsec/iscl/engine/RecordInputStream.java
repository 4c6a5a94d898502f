package org.dicomsec.iscl.engine;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.util.function.BooleanSupplier;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.iscl.IsclError;
import org.dicomsec.iscl.IsclIntegrityException;
import org.dicomsec.iscl.wire.Packet;
import org.dicomsec.iscl.wire.PacketType;

/**
 * The receiving side of the record layer (docs/iscl-wire-format.md section
 * 8.4): a payload is delivered only after its record's tag has checked with
 * the expected sequence number. Any failure drops the connection (through the
 * {@code onFailure} action) and every later read fails too; end of stream is
 * reported only after a valid DISCONNECT.
 */
public final class RecordInputStream extends InputStream {

    private static final System.Logger LOG = LibraryLog.logger(RecordInputStream.class);

    private enum State { OPEN, ENDED, FAILED }

    private final InputStream in;
    private final RecordProtection protection;
    private final int packetSize;
    private final int maxBody;
    private final Runnable onFailure;
    private final BooleanSupplier locallyClosed;
    private final String peer;
    private final byte[] header = new byte[Packet.HEADER];
    private final byte[] body;
    private final byte[] tag = new byte[16];
    private int pos;
    private int limit;
    private long seq;
    private long volume;
    private long receiveLimit = IsclConfig.MAX_VOLUME_LIMIT;
    private final org.dicomsec.iscl.crypto.Md5Order receiveOrder;
    private State state = State.OPEN;
    private volatile boolean disconnected;
    private IsclIntegrityException failure;

    /**
     * @param onFailure drops the connection (socket abort); run once, on the first failure
     * @param peer      "host:port" or a name, for messages and the log
     */
    public RecordInputStream(InputStream in, HandshakeResult hs, Runnable onFailure, String peer) {
        this(in, hs, onFailure, peer, () -> false);
    }

    /**
     * @param locallyClosed true once this side has closed or aborted the connection: a read
     *                      error is then not reported as the peer's truncation
     */
    public RecordInputStream(InputStream in, HandshakeResult hs, Runnable onFailure, String peer,
                             BooleanSupplier locallyClosed) {
        this.locallyClosed = locallyClosed;
        this.in = in;
        this.protection = new RecordProtection(hs.keys().receiving(hs.role()), hs.integrity(), hs.privacy());
        this.receiveOrder = hs.receiveOrder();
        this.packetSize = hs.packetSize();
        this.maxBody = packetSize + 24;
        this.body = new byte[maxBody];
        this.onFailure = onFailure;
        this.peer = peer;
    }

    @Override
    public synchronized int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return body[pos++] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(body, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return limit - pos;
    }

    /** Tests: a smaller receiving bound than the protocol's 2^32 bytes, to reach it. */
    void receiveLimit(long bytes) {
        receiveLimit = bytes;
    }

    /** True once the peer's DISCONNECT has been received and checked (any thread may ask). */
    public boolean disconnectReceived() {
        return disconnected;
    }

    /** Records received and checked so far. */
    public synchronized long recordsReceived() {
        return seq;
    }

    /** True while there are payload bytes; false at a checked DISCONNECT. */
    private boolean fill() throws IOException {
        while (pos == limit) {
            if (state == State.ENDED) {
                return false;
            }
            if (state == State.FAILED) {
                throw new IsclIntegrityException(failure.error(), "connection already dropped after: "
                        + failure.getMessage());
            }
            readRecord();
        }
        return true;
    }

    private void readRecord() throws IOException {
        int got = readUpTo(header, Packet.HEADER, true);
        if (got == 0) {
            throw fail(IsclError.TRUNCATED, "connection ended without DISCONNECT after " + seq + " records");
        }
        if (got < Packet.HEADER) {
            throw fail(IsclError.TRUNCATED, "connection ended inside the header of record " + seq);
        }
        int type = header[0] & 0xFF;
        int flags = header[1] & 0xFF;
        long len = Packet.getInt(header, 2) & 0xFFFFFFFFL;
        if (type != PacketType.DATA && type != PacketType.DISCONNECT) {
            throw fail(IsclError.UNEXPECTED_RECORD, PacketType.name(type) + " as record " + seq);
        }
        if (!protection.acceptsFlags(flags, receiveOrder)) {
            throw fail(IsclError.UNEXPECTED_RECORD, String.format("flags 0x%02X of record %d not as negotiated"
                    + " (%s%s)", flags, seq, protection.privacy() ? "DES-CBC" : "no privacy",
                    receiveOrder == null ? "" : ", MD5 order announced " + receiveOrder.code()));
        }
        int t = protection.tagSize();
        // bounds first: nothing is read into the buffer before the length is known to fit
        if (len > maxBody) {
            throw fail(IsclError.RECORD_OVERFLOW, "record " + seq + " body length " + len + " at offset 2 exceeds "
                    + maxBody + " (packet size " + packetSize + ")");
        }
        if (protection.privacy() ? (len % 8 != 0 || len < t + 8) : len < t) {
            throw fail(IsclError.RECORD_OVERFLOW, "record " + seq + " body length " + len + " impossible for "
                    + (protection.privacy() ? "DES-CBC" : "a plain") + " record");
        }
        int l = (int) len;
        if (readUpTo(body, l, false) < l) {
            throw fail(IsclError.TRUNCATED, "connection ended inside the body of record " + seq);
        }
        int payload = l - t;
        boolean padOk = true;
        if (protection.privacy()) {
            protection.decrypt(seq, body, 0, l);
            int k = body[l - 1] & 0xFF;
            padOk = k >= 1 && k <= 8;
            int kk = padOk ? k : 1;
            for (int i = l - kk; i < l; i++) {
                padOk &= (body[i] & 0xFF) == k;
            }
            payload = l - kk - t; // >= 0 since l >= t + 8
        }
        protection.tag(seq, type, flags, body, 0, payload, tag, 0);
        boolean tagOk = MessageDigest.isEqual(java.util.Arrays.copyOf(tag, t),
                java.util.Arrays.copyOfRange(body, payload, payload + t));
        if (!tagOk | !padOk) {
            throw fail(IsclError.INTEGRITY_FAILURE, "tag check failed for record " + seq
                    + " (tampered, replayed, reordered or deleted record)");
        }
        if (type == PacketType.DATA ? payload < 1 || payload > packetSize : payload != 0 && payload != 2) {
            throw fail(IsclError.INTEGRITY_FAILURE, PacketType.name(type) + " record " + seq + " with payload "
                    + payload);
        }
        if (type == PacketType.DATA) {
            if (volume + l > receiveLimit) {
                // section 8.8: a sender ends the connection before this; one that does not is cut off
                throw fail(IsclError.VOLUME_LIMIT, "record " + seq + " takes the peer's volume above "
                        + receiveLimit + " bytes under one set of session keys");
            }
            volume += l;
        } else if (payload == 2) {
            int reason = (body[0] & 0xFF) << 8 | (body[1] & 0xFF);
            IsclError e = IsclError.ofCode(reason);
            throw fail(e == IsclError.VOLUME_LIMIT ? e : IsclError.PEER_ERROR, "the peer ended the line connection"
                    + " with DISCONNECT reason " + IsclError.describe(reason) + " after " + volume + " bytes in "
                    + seq + " records");
        }
        seq++;
        pos = 0;
        limit = type == PacketType.DATA ? payload : 0;
        if (type == PacketType.DISCONNECT) {
            state = State.ENDED;
            disconnected = true;
        }
    }

    /**
     * Reads up to n bytes; fewer only at end of stream. A read timeout before
     * the first byte of a record passes through (the stream stays usable); a
     * timeout inside a record drops the connection.
     */
    private int readUpTo(byte[] b, int n, boolean recordStart) throws IOException {
        int got = 0;
        while (got < n) {
            int r;
            try {
                r = in.read(b, got, n - got);
            } catch (SocketTimeoutException e) {
                if (recordStart && got == 0) {
                    throw e;
                }
                throw fail(IsclError.TRUNCATED, "read timeout inside record " + seq);
            } catch (IOException e) {
                if (locallyClosed.getAsBoolean()) {
                    throw e; // this side closed or aborted: nothing to report
                }
                // a reset without DISCONNECT: truncation, reported like any integrity failure so that
                // the Upper Layer issues A-P-ABORT with the same provider reason (PS3.15 B.2)
                throw fail(IsclError.TRUNCATED, "connection lost without DISCONNECT (" + e.getMessage() + ")", e);
            }
            if (r < 0) {
                return got;
            }
            got += r;
        }
        return got;
    }

    private IsclIntegrityException fail(IsclError error, String detail) {
        return fail(error, detail, null);
    }

    private IsclIntegrityException fail(IsclError error, String detail, Throwable cause) {
        IsclIntegrityException e = new IsclIntegrityException(error, detail + " from " + peer, cause);
        state = State.FAILED;
        failure = e;
        pos = 0;
        limit = 0;
        LOG.log(Level.WARNING, "ISCL connection with {0} dropped: {1}", peer, e.getMessage());
        onFailure.run();
        return e;
    }
}
