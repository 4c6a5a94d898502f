package org.dicomsec.data;

/**
 * Receives the parts of a {@link Dataset} in encoding order, depth first
 * (see {@link Dataset#walk(DatasetVisitor)}): for a dump, a search, a check.
 * Every method has an empty default. {@code depth} is 0 for the top level.
 */
public interface DatasetVisitor {

    /** An element; for a sequence or fragments, before its items. */
    default void element(Element element, int depth) {
    }

    /**
     * An element with the data set holding it (for its Specific Character Set,
     * {@link Dataset#specificCharacterSet()}); by default calls {@link #element(Element, int)}.
     */
    default void element(Dataset owner, Element element, int depth) {
        element(element, depth);
    }

    /** The start of item {@code index} (from 0) of the sequence of {@code sequenceTag}. */
    default void startItem(Dataset item, int index, int sequenceTag, int depth) {
    }

    /** The end of an item. */
    default void endItem(Dataset item, int index, int sequenceTag, int depth) {
    }

    /** The end of a sequence element, after its last item. */
    default void endSequence(Element element, int depth) {
    }

    /** Fragment item {@code index} of encapsulated data; index 0 is the Basic Offset Table. */
    default void fragment(byte[] item, int index, int tag, int depth) {
    }
}
