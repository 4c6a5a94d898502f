package org.dicomsec.data;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a data set in a transfer syntax (PS3.5 sections 7 and 10), either
 * whole ({@link #writeDataset(Dataset)}) or as a stream of headers and values
 * ({@link #writeHeader}, {@link #writeValue}, {@link #copyValue}, sequences,
 * items, fragments), so that a large value goes from stream to stream without
 * being held in memory.
 *
 * <p>Binary values are converted to the syntax's byte order by VR (PS3.5 7.3).
 * Sequences and items keep the length form they carry (defined lengths are
 * recomputed); in an explicit VR syntax a UN sequence is written with undefined
 * length in Implicit VR Little Endian (PS3.5 6.2.2), and a value too long for a
 * 16-bit length is written as UN. Output is buffered: call {@link #finish()}
 * (or {@link #close()}) at the end.
 */
public final class DicomWriter implements Closeable, Flushable {

    private static final int CHUNK = 64 * 1024;

    private final OutputStream sink;
    private final OutputStream base;
    private OutputStream out;
    private Deflater deflater;
    private DeflaterOutputStream deflaterStream;
    private TransferSyntax ts;
    private long pos;
    private final byte[] hdr = new byte[12];

    private boolean dropGroupLengths;

    // open sequences / items: undefined length?, implicit LE content?
    private int sp;
    private boolean[] undefined = new boolean[8];
    private boolean[] implicitLE = new boolean[8];
    private boolean[] isItem = new boolean[8];

    /** A writer of a data set in {@code ts} (deflated here when the syntax says so). */
    public DicomWriter(OutputStream out, TransferSyntax ts) {
        this(out, ts, CHUNK);
    }

    /** With a buffer of {@code bufferSize} bytes (a command set in memory needs no 64 KiB one). */
    DicomWriter(OutputStream out, TransferSyntax ts, int bufferSize) {
        this.sink = out;
        this.base = new BufferedOutputStream(out, bufferSize);
        this.out = base;
        this.ts = ts;
        if (ts.deflated()) {
            startDeflate();
        }
    }

    private void startDeflate() {
        deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflaterStream = new DeflaterOutputStream(base, deflater, CHUNK);
        this.out = new BufferedOutputStream(deflaterStream, CHUNK);
    }

    /**
     * Goes on in another transfer syntax (after the File Meta Information);
     * only at the top level. Switching to a deflated syntax deflates the rest.
     */
    public void switchTransferSyntax(TransferSyntax newTs) throws IOException {
        if (sp != 0) {
            throw new IllegalStateException("switch only at the top level");
        }
        if (newTs.deflated() && deflater == null) {
            out.flush();
            startDeflate();
        }
        this.ts = newTs;
    }

    public TransferSyntax transferSyntax() {
        return ts;
    }

    /** Bytes written so far (before deflation). */
    public long position() {
        return pos;
    }

    /** True when values written now must be big endian (false inside a UN sequence). */
    public boolean bigEndian() {
        return ts.bigEndian() && !implicitLE[sp];
    }

    /** True when headers written now carry the VR. */
    public boolean explicitVR() {
        return ts.explicitVR() && !implicitLE[sp];
    }

    // ------------------------------------------------------------------ streaming API

    /**
     * Writes an element header; {@code length} -1 is undefined length. The
     * caller then writes exactly {@code length} value bytes. In explicit VR,
     * a short-header VR with a length above 65535 is written as UN.
     */
    public void writeHeader(int tag, VR vr, long length) throws IOException {
        boolean be = bigEndian();
        ByteOrders.putTag(hdr, 0, tag, be);
        int len32 = length < 0 ? -1 : (int) length;
        if (explicitVR()) {
            VR w = !vr.hasLongHeader() && (length > 0xFFFF || length < 0) ? VR.UN : vr;
            hdr[4] = (byte) (w.code() >>> 8);
            hdr[5] = (byte) w.code();
            if (w.hasLongHeader()) {
                hdr[6] = 0;
                hdr[7] = 0;
                ByteOrders.put32(hdr, 8, len32, be);
                write(hdr, 0, 12);
            } else {
                ByteOrders.put16(hdr, 6, (int) length, be);
                write(hdr, 0, 8);
            }
        } else {
            ByteOrders.put32(hdr, 4, len32, be);
            write(hdr, 0, 8);
        }
    }

    /** Writes value bytes as they are (the caller has them in the right byte order). */
    public void writeValue(byte[] b, int off, int len) throws IOException {
        write(b, off, len);
    }

    public void writeValue(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    /**
     * Copies {@code length} value bytes of {@code vr} from {@code in} in chunks,
     * converting from {@code sourceBigEndian} to this writer's byte order.
     */
    public void copyValue(InputStream in, long length, VR vr, boolean sourceBigEndian) throws IOException {
        int unit = sourceBigEndian != bigEndian() ? ByteOrders.swapUnit(vr) : 1;
        byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(length, 8))];
        long left = length;
        int carry = 0;
        while (left > 0) {
            int r = in.read(buf, carry, (int) Math.min(buf.length - carry, left));
            if (r < 0) {
                throw new DicomCodecException("source ended " + left + " bytes before the value's end", pos, -1);
            }
            left -= r;
            int have = carry + r;
            int whole = left == 0 ? have : have - have % Math.max(unit, 1);
            ByteOrders.swap(buf, 0, whole, unit);
            write(buf, 0, whole);
            carry = have - whole;
            System.arraycopy(buf, whole, buf, 0, carry);
        }
    }

    /** Starts a sequence element (SQ, or UN for a sequence of unknown VR); -1 length is undefined. */
    public void startSequence(int tag, VR vr, long length) throws IOException {
        boolean unSeq = vr == VR.UN && explicitVR();
        if (unSeq) {
            length = -1; // PS3.5 6.2.2: undefined length, implicit VR little endian content
        }
        writeHeader(tag, vr, length);
        push(length < 0, unSeq || implicitLE[sp], false);
    }

    /** Starts an item of the current sequence; -1 length is undefined. */
    public void startItem(long length) throws IOException {
        writeItemTag(Tag.Item, length < 0 ? -1 : (int) length);
        push(length < 0, implicitLE[sp], true);
    }

    /** Ends the current item (an Item Delimitation Item when its length is undefined). */
    public void endItem() throws IOException {
        if (sp == 0 || !isItem[sp]) {
            throw new IllegalStateException("no item open");
        }
        if (undefined[sp]) {
            writeItemTag(Tag.ItemDelimitationItem, 0);
        }
        sp--;
    }

    /** Ends the current sequence or fragments (a Sequence Delimitation Item when of undefined length). */
    public void endSequence() throws IOException {
        if (sp == 0 || isItem[sp]) {
            throw new IllegalStateException("no sequence open");
        }
        // the delimiter belongs to the sequence's value: inside a UN sequence it is little endian (PS3.5 6.2.2)
        if (undefined[sp]) {
            writeItemTag(Tag.SequenceDelimitationItem, 0);
        }
        sp--;
    }

    /** Starts encapsulated data (PS3.5 A.4): undefined length header; then {@link #writeFragment}s. */
    public void startFragments(int tag, VR vr) throws IOException {
        writeHeader(tag, vr == VR.OW || vr == VR.UN ? vr : VR.OB, -1);
        push(true, implicitLE[sp], false);
    }

    /** Writes one item of encapsulated data (the first is the Basic Offset Table). */
    public void writeFragment(byte[] b, int off, int len) throws IOException {
        writeItemTag(Tag.Item, len);
        write(b, off, len);
    }

    /** Writes the header of a fragment item whose {@code length} bytes the caller then writes or copies. */
    public void writeFragmentHeader(long length) throws IOException {
        writeItemTag(Tag.Item, (int) length);
    }

    /** Ends encapsulated data. */
    public void endFragments() throws IOException {
        endSequence();
    }

    private void writeItemTag(int tag, int length) throws IOException {
        boolean be = bigEndian();
        ByteOrders.putTag(hdr, 0, tag, be);
        ByteOrders.put32(hdr, 4, length, be);
        write(hdr, 0, 8);
    }

    private void push(boolean u, boolean implicit, boolean item) {
        if (++sp == undefined.length) {
            undefined = Arrays.copyOf(undefined, sp * 2);
            implicitLE = Arrays.copyOf(implicitLE, sp * 2);
            isItem = Arrays.copyOf(isItem, sp * 2);
        }
        undefined[sp] = u;
        implicitLE[sp] = implicit;
        isItem[sp] = item;
    }

    /**
     * When true, {@link #writeElement} leaves out group length elements (gggg,0000)
     * of groups above 0002 (PS3.5 7.2: optional, retired), whose values go stale
     * when the syntax changes the lengths. Default false: kept as read.
     */
    public void setDropGroupLengths(boolean drop) {
        this.dropGroupLengths = drop;
    }

    // ------------------------------------------------------------------ whole elements

    /** Writes an element: value converted to this byte order, sequences and fragments with their items. */
    public void writeElement(Element e) throws IOException {
        if (dropGroupLengths && Tag.isGroupLength(e.tag()) && (e.tag() >>> 16) > 0x0002) {
            return;
        }
        if (e.isSequence()) {
            Sequence s = e.sequence();
            boolean unSeq = e.vr() == VR.UN && explicitVR();
            long len = s.undefinedLength() || unSeq ? -1
                    : EncodedLength.sequenceContent(s, explicitVR(), dropGroupLengths);
            startSequence(e.tag(), e.vr(), len);
            for (Dataset item : s) {
                startItem(item.undefinedLength() ? -1 : EncodedLength.dataset(item, explicitVR(), dropGroupLengths));
                writeItemContent(item);
                endItem();
            }
            endSequence();
        } else if (e.isFragments()) {
            startFragments(e.tag(), e.vr());
            for (byte[] f : e.fragments().items()) {
                writeFragment(f, 0, f.length);
            }
            endFragments();
        } else {
            byte[] v = e.rawValue();
            writeHeader(e.tag(), e.vr(), v.length);
            if (e.bigEndian() != bigEndian() && ByteOrders.swapUnit(e.vr()) > 1) {
                byte[] c = v.clone();
                ByteOrders.swap(c, 0, c.length, ByteOrders.swapUnit(e.vr()));
                v = c;
            }
            write(v, 0, v.length);
        }
    }

    private void writeItemContent(Dataset item) throws IOException {
        for (Element e : item) {
            writeElement(e);
        }
    }

    /** Writes every element of {@code ds} at the current level. */
    public void writeDataset(Dataset ds) throws IOException {
        for (Element e : ds) {
            writeElement(e);
        }
    }

    /** Writes {@code ds} to {@code out} in {@code ts} and flushes (the stream stays open). */
    public static void write(OutputStream out, TransferSyntax ts, Dataset ds) throws IOException {
        DicomWriter w = new DicomWriter(out, ts);
        w.writeDataset(ds);
        w.finish();
    }

    /** {@code ds} encoded in {@code ts}. */
    public static byte[] encode(Dataset ds, TransferSyntax ts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            write(out, ts, ds);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ bytes

    private void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        pos += len;
    }

    /** Flushes buffered bytes to the underlying stream (not finishing a deflated stream). */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes everything and, for a deflated syntax, finishes the deflate stream; the sink stays open. */
    public void finish() throws IOException {
        out.flush();
        if (deflater != null) {
            deflaterStream.finish();
            deflater.end();
            deflater = null;
        }
        base.flush();
        sink.flush();
    }

    /** {@link #finish()}, then closes the underlying stream. */
    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            sink.close();
        }
    }
}
