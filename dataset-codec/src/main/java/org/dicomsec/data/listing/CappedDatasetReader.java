package org.dicomsec.data.listing;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomReader;
import org.dicomsec.data.Element;
import org.dicomsec.data.Fragments;
import org.dicomsec.data.Sequence;

/**
 * Reads a data set from a {@link DicomReader} for display, keeping at most
 * {@code cap} bytes of each value and of each encapsulated fragment: the rest
 * is skipped in the stream, never held, so a dump of a file with gigabytes of
 * Pixel Data needs little memory. The full length of each cut value is kept
 * in {@link #fullLengths()}. Nesting is followed with an explicit stack, as
 * deep as the reader's limits allow.
 */
public final class CappedDatasetReader {

    private final Map<Object, Long> fullLengths = new IdentityHashMap<>();
    private final int cap;
    private Dataset partial;

    /** @param cap bytes kept of each value; {@link Integer#MAX_VALUE} keeps all (within the reader's limits) */
    public CappedDatasetReader(int cap) {
        this.cap = cap;
    }

    /** For each {@link Element} or fragment {@code byte[]} that was cut: its length in the stream. */
    public Map<Object, Long> fullLengths() {
        return fullLengths;
    }

    /**
     * What was read before {@link #read} failed: the elements up to the bad
     * one (for a listing of a damaged file, as far as it goes); null before.
     */
    public Dataset partial() {
        return partial;
    }

    /** Reads from where the reader stands to the end of the data set. */
    public Dataset read(DicomReader r) throws IOException {
        Dataset top = new Dataset();
        partial = top;
        top.setBigEndian(r.bigEndian());
        Deque<Object> stack = new ArrayDeque<>();
        Object cur = top;
        while (true) {
            switch (r.next()) {
                case END:
                    return top;
                case ELEMENT: {
                    long len = r.length();
                    if (len > cap) {
                        Element e = Element.of(r.tag(), r.vr(), prefix(r), r.bigEndian());
                        fullLengths.put(e, len);
                        ((Dataset) cur).put(e);
                    } else {
                        ((Dataset) cur).put(r.readElement());
                    }
                    break;
                }
                case SEQUENCE_START: {
                    Sequence s = new Sequence(r.length() < 0);
                    ((Dataset) cur).put(Element.ofSequence(r.tag(), r.vr(), s));
                    stack.push(cur);
                    cur = s;
                    break;
                }
                case ITEM_START: {
                    Dataset item = new Dataset();
                    item.setUndefinedLength(r.length() < 0);
                    item.setBigEndian(r.bigEndian());
                    ((Sequence) cur).add(item);
                    stack.push(cur);
                    cur = item;
                    break;
                }
                case ITEM_END:
                case SEQUENCE_END:
                case FRAGMENTS_END:
                    cur = stack.pop();
                    break;
                case FRAGMENTS_START: {
                    Fragments f = new Fragments();
                    ((Dataset) cur).put(Element.ofFragments(r.tag(), r.vr(), f));
                    stack.push(cur);
                    cur = f;
                    break;
                }
                case FRAGMENT: {
                    long len = r.length();
                    if (len > cap) {
                        byte[] b = prefix(r);
                        fullLengths.put(b, len);
                        ((Fragments) cur).add(b);
                    } else {
                        ((Fragments) cur).add(r.readValue());
                    }
                    break;
                }
                default:
                    throw new IllegalStateException("unexpected reader event " + r.event());
            }
        }
    }

    /** The first {@code cap} bytes of the pending value; the rest is skipped. */
    private byte[] prefix(DicomReader r) throws IOException {
        byte[] b = new byte[cap];
        int n = 0;
        while (n < cap) {
            int k = r.readValueChunk(b, n, cap - n);
            if (k < 0) {
                break;
            }
            n += k;
        }
        r.skipValue();
        return n == cap ? b : java.util.Arrays.copyOf(b, n);
    }
}
