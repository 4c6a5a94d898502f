package org.dicomsec.storage.service;

import org.dicomsec.storage.ParseBudget;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomReader;
import org.dicomsec.data.Element;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;

/**
 * A received data set as the bytes to store, read as they come: the source is parsed event by
 * event (every length checked against its enclosing lengths by {@link DicomReader}), values of
 * {@link ParseBudget#BULK_VALUE} bytes or more pass straight through to the reader of this stream,
 * and the rest is handed on from a small buffer. The top-level group 0100 elements (the controlled
 * attributes of rules g/h) are held back until the next top-level element shows the group is
 * over; then {@link Decider#decide} rules on the instance and gives the bytes that take their
 * place (the same bytes, or those with the controlled change). Everything else is handed on as
 * received, so the stored data set is the received one but for that region.
 *
 * <p>Memory does not grow with the data set: at most one small value, the held part
 * ({@link ParseBudget#maxHeldBytes}) and four short values (the UIDs the decision and the file
 * need). The number of elements, items and fragments is bounded by
 * {@link ParseBudget#maxElements}. Over a bound, or out of order at the top level, reading ends in
 * a {@link Refusal}; a malformed data set ends in the reader's DicomCodecException.
 */
final class ReceivedDataSet extends InputStream {

    /** Decides on the instance once its top-level group 0100 is known. */
    interface Decider {
        /**
         * @param head           the top-level SOP Class, SOP Instance, Study Instance UIDs and Specific
         *                       Character Set as far as received
         * @param receivedRegion the top-level group 0100 elements as received (possibly none)
         * @return the bytes to store in their place
         * @throws Refusal when the instance is not to be stored
         */
        byte[] decide(Dataset head, byte[] receivedRegion) throws Refusal;
    }

    private static final long REGION_START = 0x01000000L;
    private static final long REGION_END = 0x01010000L;
    private static final long PRIMED_AFTER = Tag.SOPInstanceUID & 0xFFFFFFFFL;
    private static final Set<Integer> KEEP = Set.of(Tag.SpecificCharacterSet, Tag.SOPClassUID, Tag.SOPInstanceUID,
            Tag.StudyInstanceUID);

    private final Recorder rec;
    private final DicomReader reader;
    private final ParseBudget budget;
    private final Decider decider;
    private final Dataset head = new Dataset();
    private final byte[] scratch = new byte[8192];

    private long elements;
    private long lastTopTag = -1;
    private int outPos;
    /** Recorded bytes from here on are held back; -1 when none are. Holding from 0 until primed. */
    private int holdFrom = 0;
    private long streaming;
    private boolean primed;
    private boolean decided;
    private boolean ended;

    private long regionOffset = -1;
    private byte[] receivedRegion;
    private byte[] storedRegion;

    ReceivedDataSet(InputStream source, TransferSyntax ts, ParseBudget budget, Decider decider) {
        if (ts.deflated()) {
            throw new IllegalArgumentException("a deflated data set is not spliced as a stream");
        }
        this.rec = new Recorder(source);
        this.reader = new DicomReader(rec, ts);
        this.budget = budget;
        this.decider = decider;
    }

    /** Reads until the SOP Instance UID is known (or the data set shows it has none), holding what it read. */
    void prime() throws IOException {
        while (!primed && !ended) {
            step();
        }
    }

    /** The SOP Class, SOP Instance, Study Instance UIDs and Specific Character Set as far as received. */
    Dataset head() {
        return head;
    }

    /** Where the controlled region starts in the data set (the same offset as received and as stored). */
    long regionOffset() {
        return regionOffset;
    }

    byte[] receivedRegion() {
        return receivedRegion;
    }

    byte[] storedRegion() {
        return storedRegion;
    }

    /** True once the whole data set was read (and decided on). */
    boolean ended() {
        return ended && decided;
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
        while (true) {
            int limit = holdFrom >= 0 ? holdFrom : rec.length();
            if (outPos < limit) {
                int n = Math.min(len, limit - outPos);
                System.arraycopy(rec.buffer(), outPos, b, off, n);
                outPos += n;
                return n;
            }
            if (outPos > 0) {
                rec.shift(outPos); // everything handed on: the buffer starts over
                if (holdFrom >= 0) {
                    holdFrom -= outPos;
                }
                outPos = 0;
            }
            if (streaming > 0) {
                rec.on = false;
                try {
                    int r = reader.readValueChunk(b, off, (int) Math.min(len, streaming));
                    streaming -= r;
                    return r;
                } finally {
                    rec.on = true;
                }
            }
            if (ended) {
                return -1;
            }
            step();
        }
    }

    /** Parses one event (and its value unless bulk), recording its bytes. */
    private void step() throws IOException {
        if (reader.depth() == 0 && reader.event() != DicomReader.Event.END) {
            atTopLevel();
        }
        DicomReader.Event e = reader.next();
        switch (e) {
            case END -> ended = true;
            case ELEMENT -> {
                count();
                long len = reader.length();
                if (len >= ParseBudget.BULK_VALUE) {
                    bulk(len);
                } else if (reader.depth() == 0 && KEEP.contains(reader.tag())) {
                    head.put(Element.of(reader.tag(), reader.vr(), reader.readValue(), reader.bigEndian()));
                } else {
                    skipSmall();
                }
            }
            case FRAGMENT -> {
                count();
                long len = reader.length();
                if (len >= ParseBudget.BULK_VALUE) {
                    bulk(len);
                } else {
                    skipSmall();
                }
            }
            case SEQUENCE_START, ITEM_START, FRAGMENTS_START -> count();
            default -> {
                // ends of items, sequences and fragments: their delimiters are recorded
            }
        }
        if (holdFrom >= 0 && rec.length() - holdFrom > budget.maxHeldBytes()) {
            throw Refusal.budget("more than " + budget.maxHeldBytes() + " bytes " + (primed
                    ? "of group 0100 elements" : "before the SOP Instance UID (0008,0018)") + " (parse budget)");
        }
    }

    /** Before each top-level element: ends the priming, starts or ends the held group 0100. */
    private void atTopLevel() throws IOException {
        int mark = rec.length();
        long at = reader.position();
        int t = reader.peekTag();
        boolean end = t == -1;
        long tag = t & 0xFFFFFFFFL;
        if (!end) {
            if (tag <= lastTopTag) {
                // PS3.5 7.1: ascending order; the region logic below relies on it
                throw Refusal.notUnderstood(String.format("data set element (%04X,%04X) at offset %d is not in "
                        + "ascending order (PS3.5 7.1)", tag >>> 16, tag & 0xFFFF, at));
            }
            lastTopTag = tag;
        }
        if (!primed && (end || tag > PRIMED_AFTER)) {
            primed = true;
            holdFrom = -1;
        }
        if (decided) {
            return;
        }
        if (end || tag >= REGION_END) {
            byte[] peeked = rec.cut(mark);
            int from = holdFrom >= 0 ? holdFrom : mark;
            if (regionOffset < 0) {
                regionOffset = at;
            }
            receivedRegion = rec.cut(from);
            storedRegion = decider.decide(head, receivedRegion);
            rec.append(storedRegion, 0, storedRegion.length);
            rec.append(peeked, 0, peeked.length);
            holdFrom = -1;
            decided = true;
        } else if (tag >= REGION_START && holdFrom < 0) {
            holdFrom = mark;
            regionOffset = at;
        }
    }

    private void bulk(long len) throws IOException {
        if (holdFrom >= 0) {
            throw Refusal.budget("a value of " + len + " bytes in " + org.dicomsec.data.Tag.toString(reader.tag())
                    + (primed ? " among the group 0100 elements" : " before the SOP Instance UID (0008,0018)")
                    + " (parse budget: at most " + (ParseBudget.BULK_VALUE - 1) + " there)");
        }
        streaming = len;
    }

    private void skipSmall() throws IOException {
        while (reader.remaining() > 0) {
            reader.readValueChunk(scratch, 0, (int) Math.min(scratch.length, reader.remaining()));
        }
    }

    private void count() throws Refusal {
        if (++elements > budget.maxElements()) {
            throw Refusal.budget("more than " + budget.maxElements() + " elements, items and fragments (parse "
                    + "budget); at offset " + reader.offset());
        }
    }
}
