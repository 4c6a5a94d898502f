package org.dicomsec.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One data element (PS3.5 section 7.1): a tag, a VR, and one of
 * <ul>
 * <li>the value bytes exactly as read or set, with the byte order they are in
 * (so that writing them again in the same transfer syntax gives the same bytes),</li>
 * <li>a {@link Sequence} of items (VR SQ, or UN holding an implicit-VR sequence,
 * PS3.5 6.2.2), or</li>
 * <li>encapsulated {@link Fragments} (Pixel Data, PS3.5 A.4).</li>
 * </ul>
 * Immutable apart from the sequence and fragment containers.
 */
public final class Element {

    private final int tag;
    private final VR vr;
    private final byte[] value;
    private final boolean bigEndian;
    private final Sequence sequence;
    private final Fragments fragments;

    private Element(int tag, VR vr, byte[] value, boolean bigEndian, Sequence sequence, Fragments fragments) {
        this.tag = tag;
        this.vr = Objects.requireNonNull(vr, "vr");
        this.value = value;
        this.bigEndian = bigEndian;
        this.sequence = sequence;
        this.fragments = fragments;
    }

    /**
     * An element whose value is {@code value} (not copied; the caller hands it
     * over) in the given byte order. Odd lengths are kept as given.
     */
    public static Element of(int tag, VR vr, byte[] value, boolean bigEndian) {
        if (vr == VR.SQ) {
            throw new IllegalArgumentException("SQ element needs a Sequence: " + Tag.toString(tag));
        }
        return new Element(tag, vr, Objects.requireNonNull(value, "value"), bigEndian, null, null);
    }

    /** A little endian element. */
    public static Element of(int tag, VR vr, byte[] value) {
        return of(tag, vr, value, false);
    }

    /** A sequence element; {@code vr} is SQ, or UN for a sequence of unknown VR (PS3.5 6.2.2). */
    public static Element ofSequence(int tag, VR vr, Sequence sequence) {
        if (vr != VR.SQ && vr != VR.UN) {
            throw new IllegalArgumentException("a sequence has VR SQ or UN, not " + vr);
        }
        return new Element(tag, vr, null, false, Objects.requireNonNull(sequence, "sequence"), null);
    }

    /** An encapsulated element (OB, or OW as some writers label it). */
    public static Element ofFragments(int tag, VR vr, Fragments fragments) {
        return new Element(tag, vr, null, false, null, Objects.requireNonNull(fragments, "fragments"));
    }

    public int tag() {
        return tag;
    }

    public VR vr() {
        return vr;
    }

    public boolean isSequence() {
        return sequence != null;
    }

    public boolean isFragments() {
        return fragments != null;
    }

    /** The items, or null when this is not a sequence. */
    public Sequence sequence() {
        return sequence;
    }

    /** The encapsulated fragments, or null. */
    public Fragments fragments() {
        return fragments;
    }

    /** The byte order the value bytes are in (meaningful for binary VRs only). */
    public boolean bigEndian() {
        return bigEndian;
    }

    /** The value length in bytes as read or set (possibly odd); 0 for a sequence or fragments. */
    public int length() {
        return value == null ? 0 : value.length;
    }

    /** A copy of the value bytes as read or set; empty for a sequence or fragments. */
    public byte[] bytes() {
        return value == null ? new byte[0] : value.clone();
    }

    /** A copy of the value bytes in the requested byte order, swapped by VR when it differs (PS3.5 7.3). */
    public byte[] bytes(boolean inBigEndian) {
        byte[] b = bytes();
        if (inBigEndian != bigEndian) {
            ByteOrders.swap(b, 0, b.length, ByteOrders.swapUnit(vr));
        }
        return b;
    }

    /**
     * The values as text: text VRs decoded with {@code cs} (PS3.5 6.1), split on
     * backslash where the VR allows and with padding removed; binary numbers as
     * decimal strings, AT as "(gggg,eeee)"; empty for OB, UN, sequences, fragments.
     */
    public String[] strings(SpecificCharacterSet cs) {
        return Values.strings(this, cs);
    }

    /** The values as integers (see {@link Dataset#getLongs(int)}). */
    public long[] longs() {
        return Values.longs(this);
    }

    /** The values as floating point numbers (see {@link Dataset#getDoubles(int)}). */
    public double[] doubles() {
        return Values.doubles(this);
    }

    /** The value array itself, for the codec (never handed out). */
    byte[] rawValue() {
        return value;
    }

    /** This element with its value in the requested byte order (itself when already so). */
    public Element inByteOrder(boolean inBigEndian) {
        if (value == null || inBigEndian == bigEndian || ByteOrders.swapUnit(vr) == 1) {
            return value == null || inBigEndian == bigEndian ? this
                    : new Element(tag, vr, value, inBigEndian, null, null);
        }
        return new Element(tag, vr, bytes(inBigEndian), inBigEndian, null, null);
    }

    /** The same element with another VR and the same bytes (e.g. an UN element given its dictionary VR). */
    public Element withVR(VR newVr) {
        if (value == null) {
            throw new IllegalStateException("cannot change the VR of a sequence or fragments");
        }
        return of(tag, newVr, value, bigEndian);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Element)) {
            return false;
        }
        Element e = (Element) o;
        return tag == e.tag && vr == e.vr && Arrays.equals(value, e.value)
                && (value == null || ByteOrders.swapUnit(vr) == 1 || bigEndian == e.bigEndian)
                && Objects.equals(sequence, e.sequence) && Objects.equals(fragments, e.fragments);
    }

    @Override
    public int hashCode() {
        return tag * 31 + vr.hashCode() + Arrays.hashCode(value);
    }

    /** "(gggg,eeee) VR #length" and, for short text, the value: for logs and dumps. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(Tag.toString(tag)).append(' ').append(vr);
        if (sequence != null) {
            sb.append(" [").append(sequence.size()).append(" item(s)]");
        } else if (fragments != null) {
            sb.append(" [").append(fragments.size()).append(" fragment item(s)]");
        } else {
            sb.append(" #").append(value.length);
            if (vr.isText() && value.length <= 64) {
                sb.append(" [").append(new String(value, java.nio.charset.StandardCharsets.ISO_8859_1)).append(']');
            }
        }
        return sb.toString();
    }
}
