package org.dicomsec.storage;

/**
 * How much of a received data set the streaming receiver parses and holds, whatever the data set:
 * beyond it the C-STORE fails (A700H, Refused: Out of Resources, the limit named in the Error
 * Comment) and nothing is stored, so a hostile data set meets a failure status, never an
 * OutOfMemoryError.
 *
 * <p>Every value of at least {@link #BULK_VALUE} bytes (Pixel Data, any large value, at any depth)
 * streams from the network to the file without being held; everything else is parsed (each
 * header checked against its enclosing lengths) and passes through a buffer of at most
 * {@code BULK_VALUE + maxHeldBytes}. What is held: the part of the data set up to the SOP
 * Instance UID (the file's meta information needs it before the first byte is written) and the
 * top-level group 0100 elements (rules g/h: the receiver may change those only).
 *
 * @param maxElements  the most element headers, items and fragments a data set may have, at any
 *                     depth (default 1,000,000: the 6.3 million tiny elements of a hostile data set
 *                     are refused; a large structured report or RT Structure Set has well under)
 * @param maxHeldBytes the most bytes held at once before the receiver can decide: before the SOP
 *                     Instance UID, and of the group 0100 elements (default 1 MiB)
 */
public record ParseBudget(long maxElements, int maxHeldBytes) {

    /** Values of this many bytes or more stream through without being held: 64 KiB. */
    public static final int BULK_VALUE = 64 * 1024;

    /** 1,000,000 elements, 1 MiB held. */
    public static final ParseBudget DEFAULT = new ParseBudget(1_000_000, 1 << 20);

    public ParseBudget {
        if (maxElements < 16) {
            throw new IllegalArgumentException("maxElements < 16: " + maxElements);
        }
        if (maxHeldBytes < 4096) {
            throw new IllegalArgumentException("maxHeldBytes < 4096: " + maxHeldBytes);
        }
    }
}
