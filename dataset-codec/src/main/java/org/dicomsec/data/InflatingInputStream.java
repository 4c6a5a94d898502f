package org.dicomsec.data;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Inflates a Deflated Explicit VR Little Endian data set (PS3.5 A.5: RFC 1951
 * deflate without zlib header or checksum) as it is read, and reports corrupt
 * or truncated deflate data as a {@link DicomCodecException}.
 */
final class InflatingInputStream extends FilterInputStream {

    private final Inflater inflater;
    private final long startOffset;

    InflatingInputStream(InputStream deflated, long startOffset) {
        this(deflated, new Inflater(true), startOffset);
    }

    private InflatingInputStream(InputStream deflated, Inflater inflater, long startOffset) {
        super(new InflaterInputStream(deflated, inflater, 16 * 1024));
        this.inflater = inflater;
        this.startOffset = startOffset;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (ZipException | EOFException e) {
            throw new DicomCodecException("bad deflated data set: " + e.getMessage(),
                    startOffset + inflater.getBytesWritten(), -1, e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(n, 8192)];
        int r = read(buf, 0, buf.length);
        return Math.max(r, 0);
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            inflater.end();
        }
    }
}
