package org.dicomsec.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * A data set (PS3.5 section 7): elements in ascending tag order, each holding
 * its value bytes as read (see {@link Element}), so that a data set read and
 * written again in the same transfer syntax gives the same bytes.
 *
 * <p>Typed access decodes text with the data set's Specific Character Set
 * (0008,0005), inherited from the enclosing data set for an item that has
 * none (PS3.5 6.1.2.5.3 note), splits values on backslash where the VR allows
 * (PS3.5 6.4) and pads what it sets to even length (PS3.5 6.2).
 *
 * <p>Used as an item of a {@link Sequence}, it also remembers whether the item
 * was encoded with undefined length. Not thread-safe.
 */
public final class Dataset implements Iterable<Element> {

    private final List<Element> elements = new ArrayList<>();
    private boolean undefinedLength = true;
    private boolean bigEndian;
    Dataset parent;

    public Dataset() {
    }

    // ---------------------------------------------------------------- elements

    /** Adds or replaces the element with the same tag, keeping tag order. Returns the replaced one or null. */
    public Element put(Element e) {
        if (e.isSequence()) {
            e.sequence().setOwner(this);
        }
        int n = elements.size();
        // fast path: elements mostly arrive in order
        if (n == 0 || Tag.compare(elements.get(n - 1).tag(), e.tag()) < 0) {
            elements.add(e);
            return null;
        }
        int i = indexOf(e.tag());
        if (i >= 0) {
            return elements.set(i, e);
        }
        elements.add(-i - 1, e);
        return null;
    }

    /** The element with this tag, or null. */
    public Element get(int tag) {
        int i = indexOf(tag);
        return i >= 0 ? elements.get(i) : null;
    }

    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    /** Removes and returns the element with this tag, or null. */
    public Element remove(int tag) {
        int i = indexOf(tag);
        return i >= 0 ? elements.remove(i) : null;
    }

    public int size() {
        return elements.size();
    }

    public boolean isEmpty() {
        return elements.isEmpty();
    }

    /** The elements in tag order, read-only. */
    public List<Element> elements() {
        return Collections.unmodifiableList(elements);
    }

    @Override
    public Iterator<Element> iterator() {
        return elements().iterator();
    }

    private int indexOf(int tag) {
        int lo = 0;
        int hi = elements.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Tag.compare(elements.get(mid).tag(), tag);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** The data set enclosing this item, or null at the top level. */
    public Dataset parent() {
        return parent;
    }

    /** For an item: true when encoded with undefined length (Item Delimitation Item). Default true. */
    public boolean undefinedLength() {
        return undefinedLength;
    }

    public void setUndefinedLength(boolean undefinedLength) {
        this.undefinedLength = undefinedLength;
    }

    /** The byte order binary values set through this data set are encoded in (default little endian). */
    public boolean bigEndian() {
        return bigEndian;
    }

    public void setBigEndian(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    /**
     * A deep copy: new data sets and sequences all the way down (elements and
     * value bytes are immutable and shared; fragments are shared).
     */
    public Dataset deepCopy() {
        Dataset d = new Dataset();
        d.undefinedLength = undefinedLength;
        d.bigEndian = bigEndian;
        for (Element e : elements) {
            if (e.isSequence()) {
                Sequence s = new Sequence(e.sequence().undefinedLength());
                for (Dataset item : e.sequence()) {
                    s.add(item.deepCopy());
                }
                d.put(Element.ofSequence(e.tag(), e.vr(), s));
            } else {
                d.put(e);
            }
        }
        return d;
    }

    /** A new data set holding the elements from {@code fromTag} (inclusive) to {@code toTag} (exclusive). */
    public Dataset subset(int fromTag, int toTag) {
        Dataset d = new Dataset();
        for (Element e : elements) {
            if (Tag.compare(e.tag(), fromTag) >= 0 && Tag.compare(e.tag(), toTag) < 0) {
                d.put(e);
            }
        }
        return d;
    }

    // ---------------------------------------------------------------- text

    /**
     * The Specific Character Set of this data set: from (0008,0005) here, else
     * the enclosing data set's, else the default repertoire. An unknown term
     * falls back to the default repertoire (the raw bytes stay available).
     */
    public SpecificCharacterSet specificCharacterSet() {
        for (Dataset d = this; d != null; d = d.parent) {
            Element e = d.get(Tag.SpecificCharacterSet);
            if (e != null && e.rawValue() != null) {
                String[] terms = Values.strings(e, SpecificCharacterSet.DEFAULT);
                try {
                    return SpecificCharacterSet.of(terms);
                } catch (IllegalArgumentException unknownTerm) {
                    return SpecificCharacterSet.DEFAULT;
                }
            }
        }
        return SpecificCharacterSet.DEFAULT;
    }

    /** All values of a text element (binary numbers as decimal strings); empty when absent. */
    public String[] getStrings(int tag) {
        Element e = get(tag);
        return e == null ? new String[0] : Values.strings(e, specificCharacterSet());
    }

    /** The first value of an element, or null when absent or empty. */
    public String getString(int tag) {
        return getString(tag, null);
    }

    /** The first value of an element, or {@code def} when absent or empty. */
    public String getString(int tag, String def) {
        String[] s = getStrings(tag);
        return s.length == 0 ? def : s[0];
    }

    /** Sets a text element: values joined with backslash, encoded, padded to even length. */
    public Dataset setString(int tag, VR vr, String... values) {
        SpecificCharacterSet cs = tag == Tag.SpecificCharacterSet ? SpecificCharacterSet.DEFAULT
                : specificCharacterSet();
        put(Element.of(tag, vr, Values.encodeStrings(vr, values, cs), bigEndian));
        return this;
    }

    // ---------------------------------------------------------------- numbers

    /** All values as integers (US/UL/OW/OL unsigned, AT as group&lt;&lt;16|element, IS/DS parsed). */
    public long[] getLongs(int tag) {
        Element e = get(tag);
        return e == null ? new long[0] : Values.longs(e);
    }

    /** All values as ints (UL values above 2^31-1 wrap). */
    public int[] getInts(int tag) {
        long[] l = getLongs(tag);
        int[] v = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            v[i] = (int) l[i];
        }
        return v;
    }

    /** The first value as an int, or {@code def} when absent, empty or not a number. */
    public int getInt(int tag, int def) {
        try {
            long[] l = getLongs(tag);
            return l.length == 0 ? def : (int) l[0];
        } catch (NumberFormatException notANumber) {
            return def;
        }
    }

    /** The first value as a long, or {@code def}. */
    public long getLong(int tag, long def) {
        try {
            long[] l = getLongs(tag);
            return l.length == 0 ? def : l[0];
        } catch (NumberFormatException notANumber) {
            return def;
        }
    }

    /** All values as doubles (FL, FD, OF, OD, DS, IS, integers). */
    public double[] getDoubles(int tag) {
        Element e = get(tag);
        return e == null ? new double[0] : Values.doubles(e);
    }

    public double getDouble(int tag, double def) {
        try {
            double[] d = getDoubles(tag);
            return d.length == 0 ? def : d[0];
        } catch (NumberFormatException notANumber) {
            return def;
        }
    }

    /** Sets integers as US, SS, UL, SL, SV, UV, OW, OL, OV, AT (tags), IS or DS. */
    public Dataset setInt(int tag, VR vr, int... values) {
        long[] l = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            l[i] = vr == VR.UL || vr == VR.US || vr == VR.OL || vr == VR.AT ? values[i] & 0xFFFFFFFFL : values[i];
        }
        return setLong(tag, vr, l);
    }

    public Dataset setLong(int tag, VR vr, long... values) {
        put(Element.of(tag, vr, Values.encodeLongs(vr, values, bigEndian), bigEndian));
        return this;
    }

    /** Sets numbers as FL, FD, OF, OD or DS. */
    public Dataset setDouble(int tag, VR vr, double... values) {
        put(Element.of(tag, vr, Values.encodeDoubles(vr, values, bigEndian), bigEndian));
        return this;
    }

    // ---------------------------------------------------------------- bytes, sequences, fragments

    /** A copy of the raw value bytes as read (in {@link Element#bigEndian()} order), or null when absent. */
    public byte[] getBytes(int tag) {
        Element e = get(tag);
        return e == null ? null : e.bytes();
    }

    /** Sets raw value bytes (in this data set's byte order); an odd length is kept as given. */
    public Dataset setBytes(int tag, VR vr, byte[] value) {
        put(Element.of(tag, vr, value.clone(), bigEndian));
        return this;
    }

    /** The items of a sequence element, or null when absent or not a sequence. */
    public Sequence getSequence(int tag) {
        Element e = get(tag);
        return e == null ? null : e.sequence();
    }

    /** Puts a new empty SQ element (undefined length) and returns its sequence to add items to. */
    public Sequence newSequence(int tag) {
        Sequence s = new Sequence();
        put(Element.ofSequence(tag, VR.SQ, s));
        return s;
    }

    /** The encapsulated fragments of an element, or null. */
    public Fragments getFragments(int tag) {
        Element e = get(tag);
        return e == null ? null : e.fragments();
    }

    // ---------------------------------------------------------------- walking

    /** Visits every element, item and fragment depth first in encoding order. */
    public void walk(DatasetVisitor visitor) {
        walk(visitor, 0);
    }

    private void walk(DatasetVisitor v, int depth) {
        for (Element e : elements) {
            v.element(this, e, depth);
            if (e.isSequence()) {
                int i = 0;
                for (Dataset item : e.sequence()) {
                    v.startItem(item, i, e.tag(), depth + 1);
                    item.walk(v, depth + 1);
                    v.endItem(item, i++, e.tag(), depth + 1);
                }
                v.endSequence(e, depth);
            } else if (e.isFragments()) {
                int i = 0;
                for (byte[] f : e.fragments().items()) {
                    v.fragment(f, i++, e.tag(), depth + 1);
                }
            }
        }
    }

    /**
     * Structural equality: same elements with the same VRs, value bytes
     * (binary values compared in the same byte order only), items and their
     * length forms.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset && ((Dataset) o).elements.equals(elements)
                && ((Dataset) o).undefinedLength == undefinedLength;
    }

    @Override
    public int hashCode() {
        return elements.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        walk(new DatasetVisitor() {
            @Override
            public void element(Element e, int depth) {
                sb.append(">".repeat(depth)).append(e).append('\n');
            }
        });
        return sb.toString();
    }
}
