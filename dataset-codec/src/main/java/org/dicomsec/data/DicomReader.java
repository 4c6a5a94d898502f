package org.dicomsec.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * A pull reader of a data set encoded in a transfer syntax (PS3.5 sections 7
 * and 10): {@link #next()} hands out one {@link Event} at a time (an element
 * header, the start and end of a sequence or item, an encapsulated fragment),
 * tracking the byte offset. The value of an {@link Event#ELEMENT} or
 * {@link Event#FRAGMENT} is then read ({@link #readValue()}), skipped
 * ({@link #skipValue()}, or simply by calling {@code next()}) or copied to a
 * stream ({@link #copyValue(OutputStream)}) without being held in memory.
 *
 * <p>Bounds first: every length is checked against the enclosing defined
 * lengths, the stream length when known, and the {@link ReadLimits} before
 * anything is allocated; values are read in chunks, so a truncated stream
 * cannot make the reader allocate what a length field claims. Bad input ends
 * in a {@link DicomCodecException} naming the offset and the tag.
 *
 * <p>The reader reads exactly the bytes it hands out (it does not buffer
 * ahead), so a caller can stop at any event and go on with the stream; give
 * it a buffered stream for speed. Offsets count from the position given at
 * construction; after a switch to a deflated syntax they count inflated bytes.
 */
public final class DicomReader implements Closeable {
    private static final System.Logger LOG = LibraryLog.logger(DicomReader.class);

    /** What {@link #next()} found. */
    public enum Event {
        /** An element header; its value is pending. */
        ELEMENT,
        /** A sequence element (SQ, or UN holding an implicit VR sequence, PS3.5 6.2.2). */
        SEQUENCE_START,
        /** An item of the current sequence; then the item's elements. */
        ITEM_START,
        /** The end of an item (delimiter read or defined length reached). */
        ITEM_END,
        /** The end of the current sequence. */
        SEQUENCE_END,
        /** An encapsulated element (PS3.5 A.4); then FRAGMENT events. */
        FRAGMENTS_START,
        /** One item of encapsulated data (the first is the Basic Offset Table); its value is pending. */
        FRAGMENT,
        /** The end of encapsulated data. */
        FRAGMENTS_END,
        /** The end of the data set (end of stream, or of the stream length given). */
        END
    }

    private static final int PIXEL_REPRESENTATION = 0x00280103;
    private static final int ROOT = ReaderStack.ROOT;
    private static final int SEQ = ReaderStack.SEQ;
    private static final int ITEM = ReaderStack.ITEM;
    private static final int FRAG = ReaderStack.FRAG;
    private static final long UNDEFINED = ReaderStack.UNDEFINED;
    private static final int CHUNK = 64 * 1024;

    private InputStream in;
    private TransferSyntax ts;
    private final ReadLimits limits;
    private long pos;

    private final ReaderStack st;

    private Event event;
    private int tag = -1;
    private VR vr;
    private long length;
    private long headerOffset;
    private long pending;
    private final byte[] hdr = new byte[12];
    private int peeked = -1;
    private final byte[] peekedBytes = new byte[4];

    /** A reader with {@link ReadLimits#DEFAULT} whose offsets start at 0. */
    public DicomReader(InputStream in, TransferSyntax ts) {
        this(in, ts, ReadLimits.DEFAULT, 0);
    }

    /**
     * A reader of the data set in {@code in}, encoded in {@code ts} (a deflated
     * syntax is inflated here), whose first byte is at offset {@code startOffset}.
     */
    public DicomReader(InputStream in, TransferSyntax ts, ReadLimits limits, long startOffset) {
        this.ts = ts;
        this.limits = limits;
        this.pos = startOffset;
        this.in = ts.deflated() ? new InflatingInputStream(in, startOffset) : in;
        // a deflated stream's length says nothing of the inflated length the offsets count
        this.st = new ReaderStack(limits.streamLength() < 0 || ts.deflated() ? UNDEFINED
                : startOffset + limits.streamLength());
    }

    // ------------------------------------------------------------------ state

    public Event event() {
        return event;
    }

    /** The tag of the current element, sequence or fragments (or item tag for items); -1 before the first. */
    public int tag() {
        return tag;
    }

    /** The VR of the current element (from the stream in explicit syntax, the dictionary in implicit). */
    public VR vr() {
        return vr;
    }

    /** The value length of the current element, item or fragment; -1 for undefined length. */
    public long length() {
        return length;
    }

    /** The offset of the current header's first byte. */
    public long offset() {
        return headerOffset;
    }

    /** The offset of the next byte to be read. */
    public long position() {
        return pos;
    }

    /** The number of sequences (and encapsulated elements) the reader is inside. */
    public int depth() {
        return st.sequences();
    }

    public TransferSyntax transferSyntax() {
        return ts;
    }

    /** True when values at the current position are big endian (false inside a UN sequence). */
    public boolean bigEndian() {
        return ts.bigEndian() && !st.implicitLE();
    }

    /** True when element headers at the current position carry the VR. */
    public boolean explicitVR() {
        return ts.explicitVR() && !st.implicitLE();
    }

    /** The bytes of the pending value not yet read. */
    public long remaining() {
        return pending;
    }

    // ------------------------------------------------------------------ peeking and switching

    /**
     * Reads the tag of the next element of the current data set without
     * reading the rest of its header, and returns it (the next {@link #next()}
     * goes on from there); -1 at the end of the data set or when the current
     * container is not a data set, or its defined length is reached.
     */
    public int peekTag() throws IOException {
        if (pending > 0) {
            skipValue();
        }
        if (peeked != -1) {
            return ByteOrders.tag(peekedBytes, 0, bigEndian());
        }
        if (st.kind() == SEQ || st.kind() == FRAG || event == Event.END) {
            return -1;
        }
        if (st.end() >= 0 && pos >= st.end()) {
            return -1;
        }
        int n = readUpTo(peekedBytes, 0, 4);
        if (n == 0) {
            return -1;
        }
        if (n < 4) {
            throw error("truncated: end of stream inside a tag", pos, -1);
        }
        peeked = 4;
        return ByteOrders.tag(peekedBytes, 0, bigEndian());
    }

    /**
     * Goes on in another transfer syntax (after the File Meta Information,
     * PS3.10 7.1): allowed at the top level between elements, also after
     * {@link #peekTag()}. A deflated syntax inflates the rest of the stream.
     */
    public void switchTransferSyntax(TransferSyntax newTs) {
        if (!st.atRoot() || pending > 0) {
            throw new IllegalStateException("switch only at the top level between elements");
        }
        if (newTs.deflated() && !ts.deflated()) {
            InputStream rest = in;
            if (peeked != -1) {
                rest = new SequenceInputStream(new ByteArrayInputStream(peekedBytes.clone()), in);
                pos -= 4;
                peeked = -1;
            }
            in = new InflatingInputStream(rest, pos);
            st.setRootEnd(UNDEFINED);
        }
        this.ts = newTs;
    }

    /** Hands back the bytes of a peeked tag (and forgets them), or null when none is peeked. */
    byte[] takePeeked() {
        if (peeked == -1) {
            return null;
        }
        peeked = -1;
        pos -= 4;
        return peekedBytes.clone();
    }

    // ------------------------------------------------------------------ events

    /** Reads the next event; a pending value is skipped first. */
    public Event next() throws IOException {
        if (event == Event.END) {
            return Event.END;
        }
        if (pending > 0) {
            skipValue();
        }
        headerOffset = peeked != -1 ? pos - 4 : pos; // where this event's bytes (if any) start
        switch (st.kind()) {
            case SEQ:
                return event = nextInSequence();
            case FRAG:
                return event = nextFragment();
            default:
                return event = nextInDataset();
        }
    }

    private Event nextInDataset() throws IOException {
        boolean be = bigEndian();
        long at = peeked != -1 ? pos - 4 : pos;
        if (st.end() >= 0 && at >= st.end()) {
            if (st.kind() == ROOT) {
                tag = -1;
                return Event.END;
            }
            return popItem();
        }
        headerOffset = pos;
        if (peeked != -1) {
            System.arraycopy(peekedBytes, 0, hdr, 0, 4);
            headerOffset = pos - 4;
            peeked = -1;
        } else {
            int n = readUpTo(hdr, 0, 4);
            if (n == 0) {
                if (st.atRoot()) {
                    tag = -1;
                    return Event.END;
                }
                throw error("truncated: end of stream inside an item of sequence", pos, st.tag());
            }
            if (n < 4) {
                throw error("truncated: end of stream inside a tag", pos, -1);
            }
        }
        tag = ByteOrders.tag(hdr, 0, be);
        if ((tag >>> 16) == 0xFFFE) {
            if (tag == Tag.ItemDelimitationItem && st.kind() == ITEM && st.end() < 0) {
                readHeader(4, tag);
                checkHeaderFits(tag);
                vr = null;
                length = 0;
                return popItem();
            }
            throw error("unexpected " + Tag.toString(tag) + " in a data set", headerOffset, tag);
        }
        long len;
        if (explicitVR()) {
            readHeader(2, tag);
            int code = (hdr[0] & 0xFF) << 8 | (hdr[1] & 0xFF);
            vr = VR.ofCode(code);
            if (vr == null) {
                throw error(String.format("bad VR code %02X%02X", hdr[0] & 0xFF, hdr[1] & 0xFF), pos - 2, tag);
            }
            if (vr.hasLongHeader()) {
                readHeader(6, tag);
                len = ByteOrders.i32(hdr, 2, be) & 0xFFFFFFFFL;
            } else {
                readHeader(2, tag);
                len = ByteOrders.u16(hdr, 0, be);
            }
        } else {
            readHeader(4, tag);
            len = ByteOrders.i32(hdr, 0, be) & 0xFFFFFFFFL;
            vr = implicitVR(tag);
        }
        checkHeaderFits(tag);
        if (len == 0xFFFFFFFFL) {
            length = UNDEFINED;
            return undefinedLengthElement();
        }
        length = len;
        checkFits(len, tag);
        if (vr == VR.SQ) {
            st.push(SEQ, pos + len, st.implicitLE(), tag, limits.maxDepth(), headerOffset);
            return Event.SEQUENCE_START;
        }
        int unit = ByteOrders.lengthUnit(vr);
        if (len % unit != 0) {
            if (explicitVR()) {
                throw error("length " + len + " of a " + vr + " value is not a multiple of " + unit,
                        headerOffset, tag);
            }
            vr = VR.UN; // implicit: the dictionary's VR does not fit the value; keep it opaque
        }
        pending = len;
        return Event.ELEMENT;
    }

    private Event undefinedLengthElement() throws DicomCodecException {
        boolean explicit = explicitVR();
        if (vr == VR.SQ) {
            st.push(SEQ, UNDEFINED, st.implicitLE(), tag, limits.maxDepth(), headerOffset);
            return Event.SEQUENCE_START;
        }
        if (vr == VR.UN && explicit && tag == Tag.PixelData) {
            // some converters label encapsulated Pixel Data UN: its items are fragments, not data sets
            st.push(FRAG, UNDEFINED, st.implicitLE(), tag, limits.maxDepth(), headerOffset);
            return Event.FRAGMENTS_START;
        }
        if (vr == VR.UN && explicit) {
            // PS3.5 6.2.2: UN of undefined length holds a sequence in Implicit VR Little Endian
            st.push(SEQ, UNDEFINED, true, tag, limits.maxDepth(), headerOffset);
            return Event.SEQUENCE_START;
        }
        if ((explicit && (vr == VR.OB || vr == VR.OW)) || (!explicit && (tag == Tag.PixelData || vr == VR.OB
                || vr == VR.OW))) {
            if (!explicit) {
                vr = VR.OB;
            }
            st.push(FRAG, UNDEFINED, st.implicitLE(), tag, limits.maxDepth(), headerOffset);
            return Event.FRAGMENTS_START;
        }
        if (!explicit) {
            // implicit VR: an undefined length is a sequence (PS3.5 7.5.1), whatever the dictionary says
            vr = VR.SQ;
            st.push(SEQ, UNDEFINED, st.implicitLE(), tag, limits.maxDepth(), headerOffset);
            return Event.SEQUENCE_START;
        }
        throw error("undefined length not allowed for VR " + vr, headerOffset, tag);
    }

    private Event nextInSequence() throws IOException {
        if (st.end() >= 0 && pos >= st.end()) {
            tag = st.tag();
            st.pop();
            vr = null;
            return Event.SEQUENCE_END;
        }
        int seqTag = st.tag();
        headerOffset = pos;
        readItemHeader(seqTag);
        if (tag == Tag.Item) {
            if (length != UNDEFINED && pos + length > st.limit() && pos <= st.limit()) {
                // lenient, as DCMTK and pydicom are: an item whose length overruns its sequence (or the
                // file) is read up to that end; the bound itself is never passed (pydicom's DICOMDIR-nooffset)
                LOG.log(System.Logger.Level.WARNING, "item at offset {0} of sequence {1}: length {2} runs past "
                        + "{3} at offset {4}; read as {5} bytes", String.valueOf(headerOffset), Tag.toString(seqTag),
                        String.valueOf(length), where(), String.valueOf(st.limit()), String.valueOf(st.limit() - pos));
                length = st.limit() - pos;
            }
            if (length != UNDEFINED) {
                checkFits(length, seqTag);
            }
            st.push(ITEM, length == UNDEFINED ? UNDEFINED : pos + length, st.implicitLE(), seqTag,
                    limits.maxDepth(), headerOffset);
            return Event.ITEM_START;
        }
        if (tag == Tag.SequenceDelimitationItem && st.end() < 0) {
            st.pop();
            tag = seqTag;
            return Event.SEQUENCE_END;
        }
        throw error("expected an Item in sequence " + Tag.toString(seqTag) + ", found " + Tag.toString(tag),
                headerOffset, seqTag);
    }

    private Event nextFragment() throws IOException {
        int fragTag = st.tag();
        headerOffset = pos;
        readItemHeader(fragTag);
        if (tag == Tag.Item) {
            if (length == UNDEFINED) {
                throw error("undefined length fragment item", headerOffset, fragTag);
            }
            checkFits(length, fragTag);
            pending = length;
            return Event.FRAGMENT;
        }
        if (tag == Tag.SequenceDelimitationItem) {
            st.pop();
            tag = fragTag;
            return Event.FRAGMENTS_END;
        }
        throw error("expected a fragment Item, found " + Tag.toString(tag), headerOffset, fragTag);
    }

    private void readItemHeader(int containerTag) throws IOException {
        boolean be = bigEndian();
        int n = readUpTo(hdr, 0, 8);
        if (n < 8) {
            throw error("truncated: end of stream where an item was expected", pos, containerTag);
        }
        tag = ByteOrders.tag(hdr, 0, be);
        long len = ByteOrders.i32(hdr, 4, be) & 0xFFFFFFFFL;
        length = len == 0xFFFFFFFFL ? UNDEFINED : len;
        vr = null;
        checkHeaderFits(containerTag);
    }

    private Event popItem() {
        tag = Tag.Item;
        st.pop();
        return Event.ITEM_END;
    }

    private VR implicitVR(int t) {
        if ((t & 0xFFFF) == 0) {
            return VR.UL; // group length, PS3.5 7.2
        }
        if ((t >>> 16) == 0) {
            VR c = CommandSet.vrOf(t);
            if (c != null) {
                return c;
            }
        }
        if (Tag.isPrivateCreator(t)) {
            return VR.LO;
        }
        DictionaryEntry e = ElementDictionary.standard().lookup(t);
        if (e != null && e.vr() == VR.OB && e.altVr() == VR.OW) {
            return VR.OW; // PS3.5 A.1 c: Pixel Data (and the other "OB or OW" elements) are OW in Implicit VR
        }
        if (e != null && e.vr() == VR.US && e.altVr() == VR.SS && st.signedPixels()) {
            return VR.SS; // "US or SS": signed when this data set's Pixel Representation is 1
        }
        VR v = ElementDictionary.standard().vrOf(t);
        return v == null ? VR.UN : v;
    }

    /** The header just read must end within the enclosing defined lengths. */
    private void checkHeaderFits(int t) throws DicomCodecException {
        if (pos > st.limit()) {
            throw error("header runs past " + where() + " (at offset " + st.limit() + ")", headerOffset, t);
        }
    }

    private String where() {
        return st.limitIsStreamEnd() ? "the end of the stream" : "the end of the enclosing item or sequence";
    }

    private void checkFits(long len, int t) throws DicomCodecException {
        if (pos + len > st.limit()) {
            throw error("length " + len + " runs past " + where() + " (at offset " + st.limit() + ")",
                    headerOffset, t);
        }
    }

    // ------------------------------------------------------------------ values

    /** Reads the whole pending value into memory (checked against {@link ReadLimits#maxValueLength()}). */
    public byte[] readValue() throws IOException {
        requireValue();
        if (pending > limits.maxValueLength()) {
            throw error("value of " + pending + " bytes exceeds the in-memory limit of "
                    + limits.maxValueLength(), headerOffset, tag);
        }
        int n = (int) pending;
        // grow in chunks: a length field alone never decides an allocation
        byte[] b = new byte[Math.min(n, CHUNK)];
        int got = 0;
        while (got < n) {
            if (got == b.length) {
                b = Arrays.copyOf(b, (int) Math.min(n, (long) b.length * 2));
            }
            int r = in.read(b, got, b.length - got);
            if (r < 0) {
                throw error("truncated: end of stream inside a value of " + n + " bytes", pos, tag);
            }
            got += r;
            pos += r;
        }
        pending = 0;
        if (tag == PIXEL_REPRESENTATION && n == 2) {
            int value = bigEndian() ? (b[0] & 0xFF) << 8 | (b[1] & 0xFF) : (b[1] & 0xFF) << 8 | (b[0] & 0xFF);
            st.setSignedPixels(value == 1);
        }
        return b;
    }

    /** The pending value as a {@link Element} (VR, bytes, byte order). */
    public Element readElement() throws IOException {
        if (event != Event.ELEMENT) {
            throw new IllegalStateException("no element value pending: " + event);
        }
        return Element.of(tag, vr, readValue(), bigEndian());
    }

    /** Skips the rest of the pending value without reading it into memory. */
    public void skipValue() throws IOException {
        if (st.rootEndKnown()) {
            // the stream length is known and the value was checked against it: seeking is safe
            while (pending > 0) {
                long s = in.skip(pending);
                if (s <= 0) {
                    if (in.read() < 0) {
                        throw error("truncated: end of stream inside a value", pos, tag);
                    }
                    s = 1;
                }
                pending -= s;
                pos += s;
            }
            return;
        }
        // length unknown: InputStream.skip may seek past the end of a file without telling, so read
        byte[] scratch = new byte[(int) Math.min(CHUNK, pending)];
        while (pending > 0) {
            readValueChunk(scratch, 0, scratch.length);
        }
    }

    /** Copies the rest of the pending value to {@code out} in chunks; returns the byte count. */
    public long copyValue(OutputStream out) throws IOException {
        requireValue();
        byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(pending, 1))];
        long total = 0;
        while (pending > 0) {
            int r = readValueChunk(buf, 0, (int) Math.min(buf.length, pending));
            out.write(buf, 0, r);
            total += r;
        }
        return total;
    }

    /** Reads up to {@code len} bytes of the pending value; returns the count, -1 when none is pending. */
    public int readValueChunk(byte[] b, int off, int len) throws IOException {
        if (pending == 0) {
            return -1;
        }
        int r = in.read(b, off, (int) Math.min(len, pending));
        if (r < 0) {
            throw error("truncated: end of stream inside a value", pos, tag);
        }
        pending -= r;
        pos += r;
        if (tag == PIXEL_REPRESENTATION) {
            notePixelRepresentation(b, off, r);
        }
        return r;
    }

    private int pixelRepresentation;

    /** Pixel Representation seen in chunks (the streaming paths): decides "US or SS" in implicit VR. */
    private void notePixelRepresentation(byte[] b, int off, int r) {
        if (event != Event.ELEMENT || length() != 2) {
            return;
        }
        long first = 2 - (pending + r); // position in the value of b[off]
        for (int i = 0; i < r; i++) {
            int v = b[off + i] & 0xFF;
            boolean low = (first + i == 0) != bigEndian();
            pixelRepresentation = first + i == 0 ? (low ? v : v << 8) : pixelRepresentation | (low ? v : v << 8);
        }
        if (pending == 0) {
            st.setSignedPixels(pixelRepresentation == 1);
        }
    }

    /** The pending value as a stream of exactly its remaining bytes; reading it advances this reader. */
    public InputStream valueStream() {
        requireValue();
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : readValueChunk(b, off, len);
            }
        };
    }

    private void requireValue() {
        if (event != Event.ELEMENT && event != Event.FRAGMENT) {
            throw new IllegalStateException("no value pending: " + event);
        }
    }

    // ------------------------------------------------------------------ whole data sets

    /**
     * Reads the rest of the current data set (the top level, or the item just
     * started) into a {@link Dataset}. With {@code stopTag} other than -1,
     * stops at the top level before the first element whose tag is not below
     * {@code stopTag} (e.g. {@link Tag#PixelData}), leaving its tag peeked:
     * the next {@link #next()} returns that element's header.
     */
    public Dataset readDataset(int stopTag) throws IOException {
        return DatasetBuilder.read(this, stopTag, new Dataset(), DatasetBuilder.WHOLE);
    }

    /**
     * How {@link #readDataset(Dataset, ValueReader)} takes each pending value (an element's
     * or an encapsulated fragment's): whole, or e.g. only a prefix for display.
     */
    public interface ValueReader {
        /** The element whose header the reader stands on, its value consumed. */
        Element element(DicomReader r) throws IOException;

        /** The fragment the reader stands on, consumed. */
        byte[] fragment(DicomReader r) throws IOException;
    }

    /**
     * Reads the rest of the current data set into {@code into} (which holds what was read so far
     * when a read fails), each value as {@code values} takes it.
     */
    public Dataset readDataset(Dataset into, ValueReader values) throws IOException {
        return DatasetBuilder.read(this, -1, into, values);
    }

    /** Reads the rest of the current data set. */
    public Dataset readDataset() throws IOException {
        return readDataset(-1);
    }

    boolean atItemOrRootLevel() {
        return st.kind() == ROOT || st.kind() == ITEM;
    }

    // ------------------------------------------------------------------ bytes

    private void readHeader(int n, int t) throws IOException {
        if (readUpTo(hdr, 0, n) < n) {
            throw error("truncated: end of stream inside an element header", pos, t);
        }
    }

    private int readUpTo(byte[] b, int off, int n) throws IOException {
        int got = 0;
        while (got < n) {
            int r = in.read(b, off + got, n - got);
            if (r < 0) {
                break;
            }
            got += r;
            pos += r;
        }
        return got;
    }

    private static DicomCodecException error(String msg, long offset, int t) {
        return new DicomCodecException(msg, offset, t);
    }

    /** Closes the underlying stream. */
    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads a whole data set in {@code ts} from {@code in} (to its end) with the default limits. */
    public static Dataset read(InputStream in, TransferSyntax ts) throws IOException {
        return new DicomReader(in, ts).readDataset();
    }

    /** Reads a whole data set from a byte array (bounded by its length). */
    public static Dataset read(byte[] encoded, TransferSyntax ts) throws IOException {
        DicomReader r = new DicomReader(new ByteArrayInputStream(encoded), ts,
                ReadLimits.DEFAULT.withStreamLength(encoded.length), 0);
        return r.readDataset();
    }
}
