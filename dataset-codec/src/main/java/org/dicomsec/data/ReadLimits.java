package org.dicomsec.data;

/**
 * Bounds a {@link DicomReader} enforces before it allocates or recurses
 * (bounds first: a length field is checked against these and against the
 * enclosing lengths before anything is read).
 *
 * @param maxDepth       the deepest nesting of sequences (and encapsulated data) accepted
 * @param maxValueLength the largest value read into memory by {@link DicomReader#readValue()}
 *                       (and so by {@link DicomReader#readDataset}); larger values can still
 *                       be skipped or copied to a stream
 * @param streamLength   the number of bytes the stream holds from the reader's start, or -1 when
 *                       unknown; when known, a length past the end is reported before reading
 */
public record ReadLimits(int maxDepth, long maxValueLength, long streamLength) {

    /** 64 levels of sequences, values up to 256 MiB in memory, stream length unknown. */
    public static final ReadLimits DEFAULT = new ReadLimits(64, 256L << 20, -1);

    public ReadLimits {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth < 1");
        }
        if (maxValueLength < 0 || maxValueLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxValueLength out of range: " + maxValueLength);
        }
    }

    public ReadLimits withMaxDepth(int depth) {
        return new ReadLimits(depth, maxValueLength, streamLength);
    }

    public ReadLimits withMaxValueLength(long length) {
        return new ReadLimits(maxDepth, length, streamLength);
    }

    public ReadLimits withStreamLength(long length) {
        return new ReadLimits(maxDepth, maxValueLength, length);
    }
}
