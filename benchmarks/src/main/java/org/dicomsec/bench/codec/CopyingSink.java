package org.dicomsec.bench.codec;

import java.io.OutputStream;

/**
 * Where the encode benchmarks write: every byte is copied into a 1 MiB
 * buffer that is reused round and round, as a socket or file buffer would
 * take it, so that encoding a large value is not measured as free (a stream
 * that ignores its input lets a large array pass without being touched).
 */
final class CopyingSink extends OutputStream {

    private final byte[] buffer = new byte[1 << 20];
    private int pos;
    private long count;

    @Override
    public void write(int b) {
        buffer[pos] = (byte) b;
        pos = (pos + 1) & (buffer.length - 1);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        count += len;
        while (len > 0) {
            int n = Math.min(len, buffer.length - pos);
            System.arraycopy(b, off, buffer, pos, n);
            pos = (pos + n) & (buffer.length - 1);
            off += n;
            len -= n;
        }
    }

    /** Bytes written so far. */
    long count() {
        return count;
    }

    /** A byte of the buffer, so the copies cannot be optimised away. */
    byte last() {
        return buffer[(pos - 1) & (buffer.length - 1)];
    }
}
