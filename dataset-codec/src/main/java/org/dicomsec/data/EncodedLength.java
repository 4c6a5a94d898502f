package org.dicomsec.data;

/**
 * The number of bytes a data set, element or sequence takes when encoded
 * (PS3.5 7.1 headers: 8 bytes, or 12 for the explicit VRs of table 7.1-1; 8 per
 * item header and delimiter), for defined-length items and sequences and for
 * group lengths. Byte order does not change a length.
 */
public final class EncodedLength {

    private EncodedLength() {
    }

    /** The encoded length of every element of {@code ds} (an item's content). */
    public static long dataset(Dataset ds, boolean explicitVR) {
        return dataset(ds, explicitVR, false);
    }

    /** As {@link #dataset(Dataset, boolean)}, leaving out group lengths above group 0002 when asked. */
    public static long dataset(Dataset ds, boolean explicitVR, boolean dropGroupLengths) {
        long n = 0;
        for (Element e : ds) {
            if (!(dropGroupLengths && Tag.isGroupLength(e.tag()) && (e.tag() >>> 16) > 0x0002)) {
                n += element(e, explicitVR, dropGroupLengths);
            }
        }
        return n;
    }

    /** The encoded length of one element, header included. */
    public static long element(Element e, boolean explicitVR) {
        return element(e, explicitVR, false);
    }

    private static long element(Element e, boolean explicitVR, boolean drop) {
        if (e.isSequence()) {
            boolean unSeq = e.vr() == VR.UN && explicitVR;
            boolean contentExplicit = explicitVR && !unSeq;
            boolean undefined = unSeq || e.sequence().undefinedLength();
            return (explicitVR ? 12 : 8) + sequenceContent(e.sequence(), contentExplicit, drop) + (undefined ? 8 : 0);
        }
        if (e.isFragments()) {
            long n = (explicitVR ? 12 : 8) + 8;
            for (byte[] f : e.fragments().items()) {
                n += 8 + f.length;
            }
            return n;
        }
        int len = e.length();
        boolean longHeader = e.vr().hasLongHeader() || len > 0xFFFF;
        return (explicitVR && longHeader ? 12 : 8) + (long) len;
    }

    /** The encoded length of the items of a sequence (item headers and delimiters included). */
    public static long sequenceContent(Sequence s, boolean explicitVR) {
        return sequenceContent(s, explicitVR, false);
    }

    static long sequenceContent(Sequence s, boolean explicitVR, boolean drop) {
        long n = 0;
        for (Dataset item : s) {
            n += 8 + dataset(item, explicitVR, drop) + (item.undefinedLength() ? 8 : 0);
        }
        return n;
    }
}
