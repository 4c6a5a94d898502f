package org.dicomsec.data;

import java.util.Arrays;

/**
 * The containers a {@link DicomReader} is inside (PS3.5 7.5): the top-level
 * data set, sequences, items and encapsulated data, each with its defined end
 * (or none), the nearest defined end of it and its ancestors (the limit any
 * length must stay within), and whether its content is Implicit VR Little
 * Endian (inside a UN sequence, PS3.5 6.2.2).
 */
final class ReaderStack {

    static final int ROOT = 0;
    static final int SEQ = 1;
    static final int ITEM = 2;
    static final int FRAG = 3;
    static final long UNDEFINED = -1;

    private int sp;
    private int[] kind = new int[8];
    private long[] end = new long[8];
    private long[] limit = new long[8];
    private boolean[] implicitLE = new boolean[8];
    private int[] tag = new int[8];
    private boolean[] signedPixels = new boolean[8];
    private int sequences;

    ReaderStack(long rootEnd) {
        kind[0] = ROOT;
        setRootEnd(rootEnd);
    }

    void setRootEnd(long rootEnd) {
        end[0] = rootEnd;
        limit[0] = rootEnd < 0 ? Long.MAX_VALUE : rootEnd;
    }

    /** Opens a container; sequences and encapsulated data count against {@code maxDepth}. */
    void push(int k, long e, boolean implicit, int t, int maxDepth, long offset) throws DicomCodecException {
        if ((k == SEQ || k == FRAG) && sequences >= maxDepth) {
            throw new DicomCodecException("sequences nested deeper than " + maxDepth, offset, t);
        }
        if (++sp == kind.length) {
            int n = kind.length * 2;
            kind = Arrays.copyOf(kind, n);
            end = Arrays.copyOf(end, n);
            limit = Arrays.copyOf(limit, n);
            implicitLE = Arrays.copyOf(implicitLE, n);
            tag = Arrays.copyOf(tag, n);
            signedPixels = Arrays.copyOf(signedPixels, n);
        }
        kind[sp] = k;
        end[sp] = e;
        limit[sp] = e >= 0 ? Math.min(e, limit[sp - 1]) : limit[sp - 1];
        implicitLE[sp] = implicit;
        tag[sp] = t;
        signedPixels[sp] = false; // each item has its own Pixel Representation (e.g. an icon image)
        if (k == SEQ || k == FRAG) {
            sequences++;
        }
    }

    void pop() {
        if (kind[sp] == SEQ || kind[sp] == FRAG) {
            sequences--;
        }
        sp--;
    }

    boolean atRoot() {
        return sp == 0;
    }

    int kind() {
        return kind[sp];
    }

    /** The defined end of the current container, or {@link #UNDEFINED}. */
    long end() {
        return end[sp];
    }

    /** The nearest defined end of the current container and its ancestors ({@code Long.MAX_VALUE} when none). */
    long limit() {
        return limit[sp];
    }

    /** True when the limit is the top level's, i.e. the end of the stream. */
    boolean limitIsStreamEnd() {
        return end[0] >= 0 && limit[sp] == limit[0];
    }

    /** True when the top level has a defined end (the stream length is known). */
    boolean rootEndKnown() {
        return end[0] >= 0;
    }

    boolean implicitLE() {
        return implicitLE[sp];
    }

    /** The tag of the current container (its sequence's tag for an item), -1 at the top level. */
    int tag() {
        return sp > 0 ? tag[sp] : -1;
    }

    /**
     * True when the current data set or item has read Pixel Representation (0028,0103) = 1:
     * its "US or SS" elements are then SS in Implicit VR (PS3.5 A.1, PS3.3 C.7.6.3.1.4).
     */
    boolean signedPixels() {
        return signedPixels[sp];
    }

    void setSignedPixels(boolean signed) {
        signedPixels[sp] = signed;
    }

    /** Sequences and encapsulated elements open. */
    int sequences() {
        return sequences;
    }
}
