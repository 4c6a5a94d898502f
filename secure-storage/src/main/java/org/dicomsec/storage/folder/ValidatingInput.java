package org.dicomsec.storage.folder;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.dicomsec.data.DicomCodecException;
import org.dicomsec.data.DicomReader;
import org.dicomsec.data.ReadLimits;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.UID;
import org.dicomsec.ul.dimse.Status;

/**
 * A received data set checked while it streams to the disk: reading this stream drives a
 * {@link DicomReader} over the network stream and hands out exactly the bytes the reader
 * consumed, so the file holds the bytes as received and a data set that cannot be decoded
 * (a bad length, an item that never ends, a deflated stream that does not inflate, an empty
 * data set) fails the copy with a {@link DataSetRejectedException} before success could be
 * answered. At the end, the SOP Class UID (0008,0016) and SOP Instance UID (0008,0018) of the
 * data set are compared with the C-STORE request's. Memory: one 64 KiB chunk and the bytes the
 * reader consumed since the last read, not the data set.
 */
final class ValidatingInput extends InputStream {
    private static final int SOP_CLASS_UID = 0x00080016;
    private static final int SOP_INSTANCE_UID = 0x00080018;
    private static final int CHUNK = 64 * 1024;

    private final DicomReader reader;
    private final String sopClass;
    private final String sopInstance;
    /**
     * The two buffers of a receiving thread, reused from one instance to the next (a study is
     * hundreds of instances; the handler reads each on one thread, one at a time).
     */
    private static final ThreadLocal<byte[][]> BUFFERS =
            ThreadLocal.withInitial(() -> new byte[][] {new byte[CHUNK], new byte[CHUNK + 1024]});

    private final byte[] scratch;
    private byte[] buf;
    private int start;
    private int end;
    private boolean ended;
    private String seenClass;
    private String seenInstance;

    ValidatingInput(InputStream network, String transferSyntax, String sopClass, String sopInstance) {
        this.sopClass = sopClass;
        this.sopInstance = sopInstance;
        byte[][] b = BUFFERS.get();
        this.scratch = b[0];
        this.buf = b[1];
        TransferSyntax ts = TransferSyntax.of(transferSyntax);
        this.reader = new DicomReader(new Recorder(network), ts, ReadLimits.DEFAULT, 0);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (start == end) {
            if (ended) {
                return -1;
            }
            step();
        }
        int n = Math.min(len, end - start);
        System.arraycopy(buf, start, b, off, n);
        start += n;
        return n;
    }

    /** Advances the reader by one header or one chunk of a value. */
    private void step() throws IOException {
        try {
            if (reader.remaining() > 0) {
                if (reader.event() == DicomReader.Event.ELEMENT && reader.depth() == 0
                        && (reader.tag() == SOP_CLASS_UID || reader.tag() == SOP_INSTANCE_UID)) {
                    if (reader.remaining() > 64) {
                        throw new DataSetRejectedException(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                                "the data set's " + name(reader.tag()) + " is " + reader.remaining()
                                        + " bytes long, longer than a UID", null);
                    }
                    String v = trim(new String(reader.readValue(), StandardCharsets.ISO_8859_1));
                    if (reader.tag() == SOP_CLASS_UID) {
                        seenClass = v;
                    } else {
                        seenInstance = v;
                    }
                } else {
                    reader.readValueChunk(scratch, 0, scratch.length);
                }
                return;
            }
            if (reader.next() == DicomReader.Event.END) {
                ended = true;
                check();
            }
        } catch (DicomCodecException e) {
            throw new DataSetRejectedException(Status.CANNOT_UNDERSTAND, "the data set cannot be decoded: "
                    + e.getMessage(), e);
        } catch (java.util.zip.ZipException e) {
            throw new DataSetRejectedException(Status.CANNOT_UNDERSTAND, "the deflated data set does not inflate: "
                    + e.getMessage(), e);
        }
    }

    private void check() throws DataSetRejectedException {
        if (seenClass == null || seenInstance == null) {
            throw new DataSetRejectedException(Status.CANNOT_UNDERSTAND, "the data set has no "
                    + (seenClass == null ? name(SOP_CLASS_UID) : name(SOP_INSTANCE_UID)), null);
        }
        if (!UID.isValid(seenInstance)) {
            throw new DataSetRejectedException(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                    "the data set's SOP Instance UID is not a valid UID", null);
        }
        if (!seenClass.equals(sopClass)) {
            throw new DataSetRejectedException(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "the data set's SOP Class UID "
                    + seenClass + " differs from the request's Affected SOP Class UID " + sopClass, null);
        }
        if (!seenInstance.equals(sopInstance)) {
            throw new DataSetRejectedException(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "the data set's SOP Instance "
                    + "UID " + seenInstance + " differs from the request's Affected SOP Instance UID " + sopInstance,
                    null);
        }
    }

    private static String name(int tag) {
        return tag == SOP_CLASS_UID ? "SOP Class UID (0008,0016)" : "SOP Instance UID (0008,0018)";
    }

    /** A UI value without its trailing NUL padding (PS3.5 9.1) or spaces some peers send. */
    static String trim(String v) {
        int e = v.length();
        while (e > 0 && (v.charAt(e - 1) == 0 || v.charAt(e - 1) == ' ')) {
            e--;
        }
        return v.substring(0, e);
    }

    /** The network stream as the reader sees it: every byte read is kept for {@link #read}. */
    private final class Recorder extends FilterInputStream {
        Recorder(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                keep(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                keep(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // every byte must reach the file: skipping is reading
            int r = read(scratchFor(n), 0, (int) Math.min(n, 8192));
            return Math.max(r, 0);
        }

        private byte[] skipBuf;

        private byte[] scratchFor(long n) {
            if (skipBuf == null) {
                skipBuf = new byte[8192];
            }
            return skipBuf;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    private void keep(byte[] b, int off, int n) {
        if (end + n > buf.length) {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end + n > buf.length) {
                byte[] bigger = new byte[Math.max(buf.length * 2, end + n)];
                System.arraycopy(buf, 0, bigger, 0, end);
                buf = bigger; // not kept for the next instance: the thread's pair stays at its size
            }
        }
        System.arraycopy(b, off, buf, end, n);
        end += n;
    }
}
