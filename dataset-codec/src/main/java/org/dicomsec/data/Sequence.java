package org.dicomsec.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The items of a sequence element (PS3.5 7.5), each a {@link Dataset}, and
 * whether the sequence is encoded with undefined length (delimited by a
 * Sequence Delimitation Item) or with an explicit length. A reader keeps the
 * form it read so that writing again gives the same bytes; a defined length is
 * always recomputed on writing.
 */
public final class Sequence implements Iterable<Dataset> {

    private final List<Dataset> items = new ArrayList<>();
    private boolean undefinedLength;
    private Dataset owner;

    /** An empty sequence encoded with undefined length. */
    public Sequence() {
        this(true);
    }

    public Sequence(boolean undefinedLength) {
        this.undefinedLength = undefinedLength;
    }

    /** Appends {@code item}; it inherits the Specific Character Set of the data set holding this sequence. */
    public Sequence add(Dataset item) {
        item.parent = owner;
        items.add(item);
        return this;
    }

    /** Appends and returns a new empty item (undefined length). */
    public Dataset addItem() {
        Dataset item = new Dataset();
        add(item);
        return item;
    }

    public Dataset get(int index) {
        return items.get(index);
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** The items, read-only. */
    public List<Dataset> items() {
        return Collections.unmodifiableList(items);
    }

    public boolean undefinedLength() {
        return undefinedLength;
    }

    public void setUndefinedLength(boolean undefinedLength) {
        this.undefinedLength = undefinedLength;
    }

    void setOwner(Dataset owner) {
        this.owner = owner;
        for (Dataset item : items) {
            item.parent = owner;
        }
    }

    @Override
    public Iterator<Dataset> iterator() {
        return items().iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sequence && ((Sequence) o).undefinedLength == undefinedLength
                && ((Sequence) o).items.equals(items);
    }

    @Override
    public int hashCode() {
        return items.hashCode() * 31 + (undefinedLength ? 1 : 0);
    }
}
