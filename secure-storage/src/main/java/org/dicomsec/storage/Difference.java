package org.dicomsec.storage;

import org.dicomsec.data.Tag;

/**
 * One difference between two data sets found by {@link NoCoercionCheck}.
 *
 * @param path  where: tags and item indexes from the top, e.g. "(0008,1115)[0]/(0008,1150)"
 * @param tag   the element's tag
 * @param depth 0 at the top level of the data set
 * @param kind  what differs
 */
public record Difference(String path, int tag, int depth, Kind kind) {

    /** What differs. */
    public enum Kind {
        /** In the second data set only. */
        ADDED,
        /** In the first data set only. */
        REMOVED,
        /** Same tag, another VR. */
        VR_CHANGED,
        /** Value bytes differ (binary values compared in one byte order). */
        VALUE_CHANGED,
        /** A sequence with another number of items, or sequence versus plain value. */
        ITEMS_CHANGED,
        /** Encapsulated fragments or their offset table differ. */
        FRAGMENTS_CHANGED
    }

    @Override
    public String toString() {
        return kind + " " + path + (depth == 0 ? "" : " (in " + Tag.toString(tag) + " at depth " + depth + ")");
    }
}
