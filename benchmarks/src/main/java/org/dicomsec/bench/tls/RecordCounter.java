package org.dicomsec.bench.tls;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Sits between BouncyCastle's record layer and the socket and counts what
 * really goes out: the socket write calls, and the TLS records, by parsing
 * the 5-byte record headers (RFC 8446 5.1 / RFC 5246 6.2.1: type, version,
 * 16-bit length) of the ciphertext stream. Measured, not assumed: whether the
 * record layer joins writes, splits them, or sends header and body apart
 * shows up here.
 */
final class RecordCounter extends FilterOutputStream {

    /** ContentType.application_data; TLS 1.3 sends every protected record under this outer type. */
    private static final int APPLICATION_DATA = 23;

    private final byte[] header = new byte[5];
    private int headerBytes;
    private int bodyLeft;

    /** Records of type application_data seen. */
    volatile long records;
    /** Plaintext-side view: total ciphertext bytes in those records' bodies. */
    volatile long recordBodyBytes;
    /** write calls that reached the socket. */
    volatile long socketWrites;

    RecordCounter(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        socketWrites++;
        parse(b, off, len);
        out.write(b, off, len);
    }

    private void parse(byte[] b, int off, int len) {
        while (len > 0) {
            if (bodyLeft > 0) {
                int k = Math.min(bodyLeft, len);
                bodyLeft -= k;
                off += k;
                len -= k;
                continue;
            }
            header[headerBytes++] = b[off++];
            len--;
            if (headerBytes == header.length) {
                headerBytes = 0;
                bodyLeft = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
                if ((header[0] & 0xFF) == APPLICATION_DATA) {
                    records++;
                    recordBodyBytes += bodyLeft;
                }
            }
        }
    }
}
