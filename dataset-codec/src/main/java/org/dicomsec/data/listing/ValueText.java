package org.dicomsec.data.listing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.dicomsec.data.Element;
import org.dicomsec.data.SpecificCharacterSet;
import org.dicomsec.data.VR;

/**
 * The value of an element as {@code dicomsec dump} shows it, in the layout
 * of dcmdump so that listings can be compared: text in brackets as decoded
 * with the Specific Character Set (trailing padding removed, backslashes
 * kept), binary numbers in decimal separated by backslashes, OB/UN bytes and
 * OW words in hexadecimal, AT as {@code (GGGG,EEEE)}, and
 * {@code (no value available)} for an empty value.
 */
public final class ValueText {

    /** No limit: the whole value. */
    public static final int FULL = Integer.MAX_VALUE;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ValueText() {
    }

    /**
     * The value of a non-sequence element, at most about {@code limit}
     * characters: a longer one ends in {@code ...} (the length column of the
     * dump gives its size in bytes).
     */
    public static String of(Element e, SpecificCharacterSet cs, int limit) {
        byte[] b = e.bytes(false);
        if (b.length == 0) {
            return "(no value available)";
        }
        VR vr = e.vr();
        if (vr.isText()) {
            String s = text(b, vr, cs);
            return "[" + (s.length() > limit ? s.substring(0, limit) + "..." : s) + "]";
        }
        return binary(b, vr, limit);
    }

    /** The decoded text of a text VR, trailing spaces and NULs removed. */
    public static String text(byte[] b, VR vr, SpecificCharacterSet cs) {
        int end = b.length;
        while (end > 0 && (b[end - 1] == ' ' || b[end - 1] == 0)) {
            end--;
        }
        return vr.kind() == VR.Kind.TEXT ? cs.decode(b, 0, end, vr)
                : new String(b, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** The values of a binary VR from little endian bytes, separated by backslashes. */
    private static String binary(byte[] b, VR vr, int limit) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int unit = unit(vr);
        StringBuilder sb = new StringBuilder();
        for (int off = 0; off + unit <= b.length; off += unit) {
            if (sb.length() > limit) {
                sb.append("...");
                return sb.toString();
            }
            if (off > 0) {
                sb.append('\\');
            }
            switch (vr) {
                case US -> sb.append(bb.getShort(off) & 0xFFFF);
                case SS -> sb.append(bb.getShort(off));
                case UL, OL -> sb.append(bb.getInt(off) & 0xFFFFFFFFL);
                case SL -> sb.append(bb.getInt(off));
                case UV, OV -> sb.append(Long.toUnsignedString(bb.getLong(off)));
                case SV -> sb.append(bb.getLong(off));
                case FL, OF -> sb.append(number(bb.getFloat(off)));
                case FD, OD -> sb.append(number(bb.getDouble(off)));
                case AT -> sb.append(String.format("(%04X,%04X)", bb.getShort(off) & 0xFFFF,
                        bb.getShort(off + 2) & 0xFFFF));
                case OW -> hex(sb, b[off + 1]).append(HEX[(b[off] >> 4) & 0xF]).append(HEX[b[off] & 0xF]);
                default -> hex(sb, b[off]);
            }
        }
        if (b.length % unit != 0) {
            // a trailing partial unit (a value of bad length) is shown as bytes, not dropped
            sb.append(sb.length() > 0 ? "\\" : "").append("+");
            for (int i = b.length - b.length % unit; i < b.length; i++) {
                hex(sb, b[i]);
            }
        }
        return sb.toString();
    }

    /** The size of one value of a binary VR in bytes (PS3.5 table 6.2-1). */
    public static int unit(VR vr) {
        return switch (vr) {
            case US, SS, OW -> 2;
            case UL, SL, FL, OF, OL, AT -> 4;
            case FD, OD, SV, UV, OV -> 8;
            default -> 1;
        };
    }

    /** A float as the shortest decimal that reads back to it, integers without ".0". */
    public static String number(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private static String number(float f) {
        if (f == Math.rint(f) && !Float.isInfinite(f) && Math.abs(f) < 1e15) {
            return Long.toString((long) f);
        }
        return Float.toString(f);
    }

    private static StringBuilder hex(StringBuilder sb, byte b) {
        return sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }

    /** Lower-case hex of every byte, separated by backslashes (fragments). */
    public static String hexBytes(byte[] b, int limit) {
        if (b.length == 0) {
            return "(no value available)";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            if (sb.length() > limit) {
                return sb.append("...").toString();
            }
            if (i > 0) {
                sb.append('\\');
            }
            hex(sb, b[i]);
        }
        return sb.toString();
    }

    /**
     * The value multiplicity of a non-sequence element: the number of
     * backslash-separated values of a multi-valued text VR, the number of
     * fixed-size numbers of a binary VR, 1 for the OB-like VRs and the
     * single-valued text VRs, 0 for an empty value.
     */
    public static int multiplicity(Element e) {
        int len = e.length();
        if (len == 0) {
            return 0;
        }
        VR vr = e.vr();
        switch (vr) {
            case OB, OW, OF, OD, OL, OV, UN, LT, ST, UT, UR:
                return 1;
            default:
                break;
        }
        if (!vr.isText()) {
            return multiplicity(vr, len);
        }
        int n = 1;
        for (byte x : e.bytes()) {
            // PS3.5 6.4: the backslash byte 5CH separates values (counted on the bytes, as dcmdump does)
            if (x == '\\') {
                n++;
            }
        }
        return n;
    }

    /** The value multiplicity of a binary value of {@code length} bytes. */
    public static int multiplicity(VR vr, long length) {
        switch (vr) {
            case OB, OW, OF, OD, OL, OV, UN:
                return length == 0 ? 0 : 1;
            default:
                return (int) Math.max(length == 0 ? 0 : 1, length / unit(vr));
        }
    }
}
