package org.dicomsec.ul.net;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The connection's input as the Upper Layer reads it, following the PDU framing (PS3.8 9.3.1:
 * type, reserved, 4-byte length) only to tell the {@link Watchdog} when each PDU starts and
 * ends: the first byte of a PDU arms the PDU deadline, its last byte disarms it. Nothing is
 * checked or changed here: the {@code PduReader} above decodes and bounds the PDUs.
 */
final class PduTimedInput extends FilterInputStream {
    private final Watchdog.Watched watch;
    private final byte[] header = new byte[6];
    private final byte[] one = new byte[1];
    private int headerGot;
    private long bodyLeft;
    private boolean inPdu;

    PduTimedInput(InputStream in, Watchdog.Watched watch) {
        super(in);
        this.watch = watch;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            one[0] = (byte) b;
            consumed(one, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            consumed(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (!inPdu || headerGot < header.length) {
            // never skipped by the reader outside a body; read it so the framing stays known
            int r = read();
            return r < 0 ? 0 : 1;
        }
        long s = in.skip(Math.min(n, bodyLeft));
        if (s > 0) {
            bodyLeft -= s;
            if (bodyLeft == 0) {
                endPdu();
            }
        }
        return s;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void consumed(byte[] b, int off, int n) {
        int i = off;
        int end = off + n;
        while (i < end) {
            if (!inPdu) {
                inPdu = true;
                headerGot = 0;
                watch.pduStarted();
            }
            if (headerGot < header.length) {
                header[headerGot++] = b[i++];
                if (headerGot == header.length) {
                    bodyLeft = ((header[2] & 0xFFL) << 24) | ((header[3] & 0xFFL) << 16)
                            | ((header[4] & 0xFFL) << 8) | (header[5] & 0xFFL);
                    if (bodyLeft == 0) {
                        endPdu();
                    }
                }
                continue;
            }
            int take = (int) Math.min(end - i, bodyLeft);
            i += take;
            bodyLeft -= take;
            if (bodyLeft == 0) {
                endPdu();
            }
        }
    }

    private void endPdu() {
        inPdu = false;
        headerGot = 0;
        watch.pduEnded();
    }
}
