package org.dicomsec.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Encapsulated Pixel Data (PS3.5 A.4): the Basic Offset Table item (possibly
 * empty) followed by the fragment items, each kept as the opaque bytes read.
 * Never decompressed. The element is always encoded with undefined length and
 * closed by a Sequence Delimitation Item.
 */
public final class Fragments {

    private final List<byte[]> items = new ArrayList<>();

    /** Empty: not even the Basic Offset Table item yet. */
    public Fragments() {
    }

    /** Appends an item: the first one added is the Basic Offset Table. */
    public Fragments add(byte[] item) {
        items.add(item);
        return this;
    }

    /** The Basic Offset Table item (the first item), or null when there is none. */
    public byte[] basicOffsetTable() {
        return items.isEmpty() ? null : items.get(0);
    }

    /** All items, the Basic Offset Table first; the arrays are not copied. */
    public List<byte[]> items() {
        return Collections.unmodifiableList(items);
    }

    public int size() {
        return items.size();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Fragments) || ((Fragments) o).items.size() != items.size()) {
            return false;
        }
        for (int i = 0; i < items.size(); i++) {
            if (!java.util.Arrays.equals(items.get(i), ((Fragments) o).items.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (byte[] b : items) {
            h = h * 31 + java.util.Arrays.hashCode(b);
        }
        return h;
    }
}
