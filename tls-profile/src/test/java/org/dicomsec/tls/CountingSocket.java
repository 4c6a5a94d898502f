package org.dicomsec.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A client socket that counts what is written to it: the length of every write call on its
 * stream, and the application_data records among the bytes (5-byte headers, RFC 8446 5.1).
 */
final class CountingSocket extends Socket {
    /** The length of each write call, in order. */
    final List<Integer> writes = Collections.synchronizedList(new ArrayList<>());
    volatile int records;
    private OutputStream counting;

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (counting == null) {
            OutputStream raw = super.getOutputStream();
            counting = new OutputStream() {
                private final byte[] header = new byte[5];
                private int headerBytes;
                private int bodyLeft;

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    writes.add(len);
                    for (int i = off; i < off + len; ) {
                        if (bodyLeft > 0) {
                            int k = Math.min(bodyLeft, off + len - i);
                            bodyLeft -= k;
                            i += k;
                        } else {
                            header[headerBytes++] = b[i++];
                            if (headerBytes == 5) {
                                headerBytes = 0;
                                bodyLeft = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
                                records += header[0] == 23 ? 1 : 0;
                            }
                        }
                    }
                    raw.write(b, off, len);
                }

                @Override
                public void flush() throws IOException {
                    raw.flush();
                }
            };
        }
        return counting;
    }
}
