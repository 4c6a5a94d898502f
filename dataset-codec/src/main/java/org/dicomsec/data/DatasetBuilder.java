package org.dicomsec.data;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds a {@link Dataset} from the events of a {@link DicomReader} without
 * recursion (an explicit stack), so depth is bounded by the reader's limit
 * and never by the Java stack.
 */
final class DatasetBuilder {

    private DatasetBuilder() {
    }

    /** Every value whole, as the reader's limits allow. */
    static final DicomReader.ValueReader WHOLE = new DicomReader.ValueReader() {
        @Override
        public Element element(DicomReader r) throws IOException {
            return r.readElement();
        }

        @Override
        public byte[] fragment(DicomReader r) throws IOException {
            return r.readValue();
        }
    };

    static Dataset read(DicomReader r, int stopTag, Dataset top, DicomReader.ValueReader values)
            throws IOException {
        if (!r.atItemOrRootLevel()) {
            throw new IllegalStateException("readDataset at the top level or at the start of an item only");
        }
        top.setBigEndian(r.bigEndian());
        Deque<Object> stack = new ArrayDeque<>(); // Dataset, Sequence or Fragments
        Object cur = top;
        while (true) {
            if (stopTag != -1 && stack.isEmpty()) {
                int t = r.peekTag();
                if (t == -1 && r.event() == DicomReader.Event.END) {
                    break;
                }
                if (t != -1 && (t >>> 16) != 0xFFFE && Tag.compare(t, stopTag) >= 0) {
                    break;
                }
            }
            DicomReader.Event ev = r.next();
            switch (ev) {
                case END:
                    return top;
                case ELEMENT:
                    ((Dataset) cur).put(values.element(r));
                    break;
                case SEQUENCE_START: {
                    Sequence s = new Sequence(r.length() < 0);
                    ((Dataset) cur).put(Element.ofSequence(r.tag(), r.vr(), s));
                    stack.push(cur);
                    cur = s;
                    break;
                }
                case ITEM_START: {
                    if (stack.isEmpty()) {
                        throw new IllegalStateException("item start at the level readDataset began");
                    }
                    Dataset item = new Dataset();
                    item.setUndefinedLength(r.length() < 0);
                    item.setBigEndian(r.bigEndian());
                    ((Sequence) cur).add(item);
                    stack.push(cur);
                    cur = item;
                    break;
                }
                case ITEM_END:
                    if (stack.isEmpty()) {
                        return top; // the item readDataset was called in has ended
                    }
                    cur = stack.pop();
                    break;
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
                case FRAGMENT:
                    ((Fragments) cur).add(values.fragment(r));
                    break;
                default:
                    throw new IllegalStateException(ev.toString());
            }
        }
        return top;
    }
}
