package org.dicomsec.storage.store;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Fault injection: a real file stream that fails like a full disk once {@code limit} bytes went through. */
final class FailAfterOutputStream extends FilterOutputStream {

    private long left;

    FailAfterOutputStream(OutputStream out, long limit) {
        super(out);
        this.left = limit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > left) {
            out.write(b, off, (int) left);
            left = 0;
            throw new IOException("No space left on device (injected after the limit)");
        }
        out.write(b, off, len);
        left -= len;
    }
}
