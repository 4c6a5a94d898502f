package org.dicomsec.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Cuts the byte stream into full TLS records whatever the sizes of the writes:
 * BouncyCastle's TLS output makes at least one record of each {@code write}
 * call and never joins two calls (RFC 8446 5.1 / RFC 5246 6.2.1 allow either),
 * so a P-DATA-TF PDU of 16,390 bytes would go out as a record of 16,384 and one
 * of 6. This stream holds back at most one record's worth (16,384 bytes) and
 * passes whole multiples of the record size straight through without copying;
 * {@link #flush()} sends what is held as a shorter record. The Upper Layer
 * flushes after the last fragment of each message and after every other PDU
 * (PS3.8 9.3), so nothing waits on the peer's side. The figures that chose this
 * are in docs/benchmarks.md ("TLS"). Not thread-safe (the Upper Layer holds its
 * send lock).
 */
final class RecordAlignedOutput extends OutputStream {

    private final OutputStream out;
    private final byte[] record;
    private int count;

    /**
     * @param out        the TLS application data stream (each write becomes its own records)
     * @param recordSize the largest plaintext per record, {@link TlsConnection#MAX_RECORD_PAYLOAD}
     */
    RecordAlignedOutput(OutputStream out, int recordSize) {
        if (recordSize < 1) {
            throw new IllegalArgumentException("record size " + recordSize);
        }
        this.out = Objects.requireNonNull(out);
        this.record = new byte[recordSize];
    }

    @Override
    public void write(int b) throws IOException {
        record[count++] = (byte) b;
        if (count == record.length) {
            drain();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (count > 0) {
            // complete the record started by an earlier write
            int n = Math.min(len, record.length - count);
            System.arraycopy(b, off, record, count, n);
            count += n;
            off += n;
            len -= n;
            if (count < record.length) {
                return;
            }
            drain();
        }
        int whole = len - len % record.length;
        if (whole > 0) {
            // full records straight from the caller's array: the TLS stream cuts them at the record size
            out.write(b, off, whole);
            off += whole;
            len -= whole;
        }
        if (len > 0) {
            System.arraycopy(b, off, record, 0, len);
            count = len;
        }
    }

    /** Sends the bytes held back as one (shorter) record, then flushes the TLS stream. */
    @Override
    public void flush() throws IOException {
        if (count > 0) {
            drain();
        }
        out.flush();
    }

    /** Flushes; the connection, not this stream, closes the TLS stream. */
    @Override
    public void close() throws IOException {
        flush();
    }

    /** Bytes written but not yet handed to the TLS stream. */
    int held() {
        return count;
    }

    private void drain() throws IOException {
        int n = count;
        count = 0;
        out.write(record, 0, n);
    }
}
