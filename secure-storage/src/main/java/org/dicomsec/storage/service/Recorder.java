package org.dicomsec.storage.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * An input stream that keeps a copy of the bytes read through it while {@link #on} (the parsed
 * part of a data set, handed on by {@link ReceivedDataSet}); off while a bulk value passes
 * straight to the caller. Skipped bytes are read, so they are recorded too.
 */
final class Recorder extends InputStream {

    private final InputStream in;
    private byte[] buf = new byte[16 * 1024];
    private int len;
    boolean on = true;

    Recorder(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        int c = in.read();
        if (c >= 0 && on) {
            ensure(1);
            buf[len++] = (byte) c;
        }
        return c;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
        int r = in.read(b, off, n);
        if (r > 0 && on) {
            append(b, off, r);
        }
        return r;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] s = new byte[(int) Math.min(n, 8192)];
        int r = read(s, 0, s.length);
        return Math.max(r, 0);
    }

    byte[] buffer() {
        return buf;
    }

    int length() {
        return len;
    }

    void append(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    /** The bytes from {@code from} to the end, removed. */
    byte[] cut(int from) {
        byte[] c = Arrays.copyOfRange(buf, from, len);
        len = from;
        return c;
    }

    byte[] copy(int from, int to) {
        return Arrays.copyOfRange(buf, from, to);
    }

    /** Drops the first {@code n} bytes. */
    void shift(int n) {
        System.arraycopy(buf, n, buf, 0, len - n);
        len -= n;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
