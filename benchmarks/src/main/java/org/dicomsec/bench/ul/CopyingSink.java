package org.dicomsec.bench.ul;

import java.io.OutputStream;

/**
 * An output stream that copies every byte into a reused buffer, as a socket send buffer would;
 * a stream that ignored its input would let the writer's array pass untouched.
 */
final class CopyingSink extends OutputStream {
    private final byte[] buffer;
    private int pos;
    private long count;

    CopyingSink(int capacity) {
        this.buffer = new byte[capacity];
    }

    @Override
    public void write(int b) {
        if (pos == buffer.length) {
            pos = 0;
        }
        buffer[pos++] = (byte) b;
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        count += len;
        while (len > 0) {
            if (pos == buffer.length) {
                pos = 0;
            }
            int n = Math.min(len, buffer.length - pos);
            System.arraycopy(b, off, buffer, pos, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Bytes written so far. */
    long count() {
        return count;
    }
}
