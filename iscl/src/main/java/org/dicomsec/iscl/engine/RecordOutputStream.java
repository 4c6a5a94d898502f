package org.dicomsec.iscl.engine;

import java.io.IOException;
import java.io.OutputStream;
import org.dicomsec.iscl.crypto.Md5Order;
import org.dicomsec.iscl.wire.Packet;
import org.dicomsec.iscl.wire.PacketType;

/**
 * The sending side of the record layer (docs/iscl-wire-format.md section 8):
 * buffers up to P payload bytes and emits a DATA record when full or on
 * {@link #flush()}; {@link #close()} sends DISCONNECT. One buffer of
 * 6 + P + 24 bytes, reused for every record.
 */
public final class RecordOutputStream extends OutputStream {

    private final OutputStream out;
    private final RecordProtection protection;
    private final int flags;
    private final int packetSize;
    private final byte[] buf;
    private int count;
    private long seq;
    private boolean closed;

    public RecordOutputStream(OutputStream out, HandshakeResult hs) {
        this.out = out;
        this.protection = new RecordProtection(hs.keys().sending(hs.role()), hs.integrity(), hs.privacy());
        this.flags = protection.sendFlags(hs.sendOrder());
        this.packetSize = hs.packetSize();
        this.buf = new byte[Packet.HEADER + packetSize + 24];
    }

    /** For tests: a sender with an explicit MD5 order whatever the handshake said. */
    RecordOutputStream(OutputStream out, HandshakeResult hs, Md5Order order) {
        this(out, new HandshakeResult(hs.role(), hs.localEntity(), hs.peerEntity(), hs.attributes(),
                hs.integrity(), hs.privacy(), order, hs.packetSize(), hs.keys()));
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
        out.flush();
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
        out.flush();
    }

    /** Number of records sent. */
    public synchronized long recordsSent() {
        return seq;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("ISCL output closed (DISCONNECT sent)");
        }
    }

    private void emit(int type) throws IOException {
        if (seq < 0) {
            throw new IOException("ISCL sequence number exhausted; the connection must be renewed");
        }
        int len = count;
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
        out.write(buf, 0, Packet.HEADER + body);
    }
}
