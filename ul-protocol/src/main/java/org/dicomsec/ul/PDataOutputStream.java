package org.dicomsec.ul;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.dicomsec.ul.pdu.PDataWriter;

/**
 * Fragments one command or data set into PDVs (PS3.8 9.3.5, Annex E): each P-DATA-TF PDU carries
 * one PDV whose data fill the association's reusable {@link PDataWriter} buffer, so no PDU exceeds
 * the peer's Maximum Length. The message control header says command or data set, and the last
 * fragment is marked on {@link #close()}. A fragment is sent only once more data follow it or the
 * stream is closed, so the last-fragment bit always sits on a PDV that carries data (unless the
 * whole stream is empty). Not thread-safe; the association holds its send lock around a message.
 */
final class PDataOutputStream extends OutputStream {
    private final UpperLayer ul;
    private final PDataWriter w;
    private final int pcid;
    private final boolean command;
    private final boolean flushAtEnd;
    private final byte[] buf;
    private final int base;
    private final int max;
    private int pos;
    private boolean closed;
    private long written;

    PDataOutputStream(UpperLayer ul, int presentationContextId, boolean command) {
        this(ul, presentationContextId, command, true);
    }

    /**
     * @param flushAtEnd whether the last fragment flushes the transport: false for a command
     *                   whose data set follows at once, so that over TLS or ISCL the command
     *                   shares a record with the data set's first fragment instead of taking one
     *                   record (and one write) of its own per instance
     */
    PDataOutputStream(UpperLayer ul, int presentationContextId, boolean command, boolean flushAtEnd) {
        this.flushAtEnd = flushAtEnd;
        this.ul = ul;
        this.w = ul.pdataWriter();
        this.pcid = presentationContextId;
        this.command = command;
        this.buf = w.buffer();
        this.base = w.payloadOffset();
        this.max = w.maxPayloadLength();
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (pos == max) {
            flushFragment(false);
        }
        buf[base + pos++] = (byte) b;
        written++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            if (pos == max) {
                flushFragment(false);
            }
            int n = Math.min(len, max - pos);
            System.arraycopy(b, off, buf, base + pos, n);
            pos += n;
            off += n;
            len -= n;
            written += n;
        }
    }

    /**
     * Copies {@code in} to its end straight into the PDU buffer (no intermediate copy).
     *
     * @return bytes copied
     */
    long transferFrom(InputStream in) throws IOException {
        ensureOpen();
        long total = 0;
        while (true) {
            if (pos == max && in.available() > 0) {
                // more is coming (a file stream knows its remaining length): a non-last fragment,
                // with no read-ahead, so the next read goes straight into the PDU buffer again
                flushFragment(false);
            } else if (pos == max) {
                // read one byte ahead only when needed: the full buffer goes out as a non-last fragment
                int r = in.read();
                if (r < 0) {
                    return total;
                }
                flushFragment(false);
                buf[base + pos++] = (byte) r;
                total++;
                written++;
            }
            int n = in.read(buf, base + pos, max - pos);
            if (n < 0) {
                return total;
            }
            pos += n;
            total += n;
            written += n;
        }
    }

    /** Bytes written so far. */
    long written() {
        return written;
    }

    private void flushFragment(boolean last) throws IOException {
        ul.sendPdv(pcid, command, last, pos, last && flushAtEnd);
        pos = 0;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("P-DATA stream closed");
        }
    }

    /** Sends the last fragment. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            flushFragment(true);
        }
    }
}
