package org.dicomsec.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a DICOM file (PS3.10 section 7.1) for streaming: reads the 128-byte
 * preamble and "DICM" prefix, the File Meta Information (group 0002, Explicit VR
 * Little Endian), and hands out a {@link DicomReader} positioned at the first
 * element of the data set, in the transfer syntax the meta information names.
 *
 * <p>Also reads what real archives hold: a file without preamble (starting
 * with "DICM" or with group 0002), and a bare data set without meta
 * information, whose transfer syntax is then guessed from its first bytes.
 */
public final class DicomFileReader implements Closeable {

    private static final byte[] DICM = {'D', 'I', 'C', 'M'};
    /** Largest File Meta Information accepted (it is a few hundred bytes in practice). */
    static final long MAX_META_LENGTH = 1 << 20;

    private final byte[] preamble;
    private final Dataset fmi;
    private final DicomReader reader;
    private final InputStream raw;
    private final long dataSetOffset;

    private DicomFileReader(byte[] preamble, Dataset fmi, DicomReader reader, InputStream raw) {
        this.preamble = preamble;
        this.fmi = fmi;
        this.reader = reader;
        this.raw = raw;
        this.dataSetOffset = reader.position();
    }

    /** Opens a file (buffered), with the default limits and the file's length. */
    public static DicomFileReader open(Path file) throws IOException {
        return open(file, ReadLimits.DEFAULT);
    }

    /** Opens a file (buffered) with {@code limits}, their stream length set to the file's length. */
    public static DicomFileReader open(Path file, ReadLimits limits) throws IOException {
        long size = Files.size(file);
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        try {
            return open(in, limits.withStreamLength(size));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Opens a stream (give a buffered one) with the default limits. */
    public static DicomFileReader open(InputStream in) throws IOException {
        return open(in, ReadLimits.DEFAULT);
    }

    /**
     * Opens a stream; {@link ReadLimits#streamLength()}, when known, is the
     * length of the whole file.
     */
    public static DicomFileReader open(InputStream in, ReadLimits limits) throws IOException {
        PushbackInputStream pb = new PushbackInputStream(in, 132);
        byte[] head = new byte[132];
        int n = pb.readNBytes(head, 0, 132);
        long offset;
        byte[] preamble = null;
        boolean hasMeta;
        if (n == 132 && matches(head, 128, DICM)) {
            preamble = java.util.Arrays.copyOf(head, 128);
            offset = 132;
            hasMeta = true;
        } else if (n >= 4 && matches(head, 0, DICM)) {
            pb.unread(head, 4, n - 4);
            offset = 4;
            hasMeta = true;
        } else {
            pb.unread(head, 0, n);
            offset = 0;
            hasMeta = n >= 8 && ByteOrders.u16(head, 0, false) == 0x0002
                    && VR.ofCode((head[4] & 0xFF) << 8 | (head[5] & 0xFF)) != null;
        }
        long total = limits.streamLength();
        Dataset fmi = new Dataset();
        TransferSyntax ts = null;
        if (hasMeta) {
            // PS3.10 7.1: group 0002 in Explicit VR Little Endian, read while the group is 0002
            ReadLimits metaLimits = ReadLimits.DEFAULT.withMaxValueLength(MAX_META_LENGTH)
                    .withStreamLength(total < 0 ? -1 : total - offset);
            // some old writers put group 0002 in implicit VR: read it as written
            byte[] first = new byte[8];
            int k = pb.readNBytes(first, 0, 8);
            pb.unread(first, 0, k);
            TransferSyntax metaTs = k == 8 && VR.ofCode((first[4] & 0xFF) << 8 | (first[5] & 0xFF)) == null
                    ? TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
            DicomReader r = new DicomReader(pb, metaTs, metaLimits, offset);
            fmi = readMeta(r);
            byte[] back = r.takePeeked();
            if (back != null) {
                pb.unread(back);
            }
            offset = r.position();
            ts = FileMetaInformation.transferSyntaxOf(fmi);
            if (ts == null) {
                ts = guess(pb);
            }
        } else {
            ts = guess(pb);
        }
        ReadLimits dsLimits = total < 0 ? limits : limits.withStreamLength(total - offset);
        return new DicomFileReader(preamble, fmi, new DicomReader(pb, ts, dsLimits, offset), pb);
    }

    /**
     * Reads group 0002 element by element: while the next tag is in group 0002,
     * and not past the end its group length gives when that length is right
     * (so that the first bytes of a deflated data set are never taken for a tag).
     */
    private static Dataset readMeta(DicomReader r) throws IOException {
        Dataset fmi = new Dataset();
        long metaEnd = -1;
        while (metaEnd < 0 || r.position() != metaEnd) {
            int t = r.peekTag();
            if (t == -1 || (t >>> 16) != 0x0002) {
                break;
            }
            if (r.next() != DicomReader.Event.ELEMENT) {
                throw new DicomCodecException("a sequence in the File Meta Information", r.offset(), r.tag());
            }
            Element e = r.readElement();
            fmi.put(e);
            if (e.tag() == Tag.FileMetaInformationGroupLength && e.length() == 4) {
                metaEnd = r.position() + (e.longs()[0]);
            }
        }
        return fmi;
    }

    /** Guesses the transfer syntax of a bare data set from its first 8 bytes. */
    static TransferSyntax guess(PushbackInputStream pb) throws IOException {
        byte[] b = new byte[8];
        int n = pb.readNBytes(b, 0, 8);
        pb.unread(b, 0, n);
        if (n < 8) {
            return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
        }
        VR vr = VR.ofCode((b[4] & 0xFF) << 8 | (b[5] & 0xFF));
        if (vr == null) {
            return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
        }
        // the first group of a data set is small (0008 mostly): the order that reads it smaller wins
        return ByteOrders.u16(b, 0, true) < ByteOrders.u16(b, 0, false)
                ? TransferSyntax.EXPLICIT_VR_BIG_ENDIAN : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    }

    private static boolean matches(byte[] b, int off, byte[] what) {
        for (int i = 0; i < what.length; i++) {
            if (b[off + i] != what[i]) {
                return false;
            }
        }
        return true;
    }

    /** The 128-byte preamble, or null when the file had none. */
    public byte[] preamble() {
        return preamble == null ? null : preamble.clone();
    }

    /** The File Meta Information (empty when the file had none). */
    public Dataset fileMetaInformation() {
        return fmi;
    }

    /** The transfer syntax of the data set (from (0002,0010), or guessed). */
    public TransferSyntax transferSyntax() {
        return reader.transferSyntax();
    }

    /** The reader of the data set, positioned at its first element. */
    public DicomReader reader() {
        return reader;
    }

    /**
     * The data set's bytes exactly as stored (still deflated in a deflated
     * syntax), for sending a file unchanged in its own transfer syntax; only
     * before anything was read through {@link #reader()}. The caller reads it to its end.
     */
    public InputStream dataSetStream() {
        if (reader.position() != dataSetOffset || reader.event() != null) {
            throw new IllegalStateException("the data set has already been read from");
        }
        return raw;
    }

    /** The offset of the data set's first byte in the file. */
    public long dataSetOffset() {
        return dataSetOffset;
    }

    /** Reads the data set; see {@link DicomReader#readDataset(int)} for {@code stopTag}. */
    public Dataset readDataset(int stopTag) throws IOException {
        return reader.readDataset(stopTag);
    }

    public Dataset readDataset() throws IOException {
        return reader.readDataset();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
