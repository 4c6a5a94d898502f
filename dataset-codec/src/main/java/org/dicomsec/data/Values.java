package org.dicomsec.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts value bytes to and from Java values by VR (PS3.5 6.2): value
 * multiplicity (backslash-separated text, fixed-size binary units), padding
 * (space for text, 00H for UI) and which spaces are insignificant.
 */
final class Values {

    private Values() {
    }

    /** True for the text VRs whose value may hold several values separated by backslash (PS3.5 6.4). */
    static boolean isMultiValued(VR vr) {
        return vr.isText() && vr != VR.LT && vr != VR.ST && vr != VR.UT && vr != VR.UR;
    }

    /** The values of a text element: decoded, split on backslash where the VR allows, padding removed. */
    static String[] strings(Element e, SpecificCharacterSet cs) {
        byte[] b = e.rawValue();
        if (b == null) {
            return new String[0];
        }
        VR vr = e.vr();
        if (!vr.isText()) {
            return binaryAsStrings(e);
        }
        if (b.length == 0) {
            return new String[0];
        }
        String s = vr.kind() == VR.Kind.TEXT ? cs.decode(b, 0, b.length, vr)
                : new String(b, StandardCharsets.ISO_8859_1);
        if (!isMultiValued(vr)) {
            return new String[] {trim(s, vr)};
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int bs = s.indexOf('\\', start);
            out.add(trim(bs < 0 ? s.substring(start) : s.substring(start, bs), vr));
            if (bs < 0) {
                break;
            }
            start = bs + 1;
        }
        return out.toArray(new String[0]);
    }

    private static String[] binaryAsStrings(Element e) {
        switch (e.vr()) {
            case FL: case FD: case OF: case OD: {
                double[] d = doubles(e);
                String[] s = new String[d.length];
                for (int i = 0; i < d.length; i++) {
                    s[i] = Double.toString(d[i]);
                }
                return s;
            }
            case AT: {
                long[] t = longs(e);
                String[] s = new String[t.length];
                for (int i = 0; i < t.length; i++) {
                    s[i] = Tag.toString((int) t[i]);
                }
                return s;
            }
            case US: case SS: case UL: case SL: case SV: case UV: case OL: case OV: {
                long[] v = longs(e);
                String[] s = new String[v.length];
                for (int i = 0; i < v.length; i++) {
                    s[i] = e.vr() == VR.UV || e.vr() == VR.OV ? Long.toUnsignedString(v[i]) : Long.toString(v[i]);
                }
                return s;
            }
            default:
                return new String[0];
        }
    }

    /** PS3.5 6.2: trailing padding is never significant; leading spaces are not either except in LT, ST, UT. */
    private static String trim(String s, VR vr) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        if (vr != VR.LT && vr != VR.ST && vr != VR.UT && vr != VR.UR) {
            while (start < end && s.charAt(start) == ' ') {
                start++;
            }
        }
        return s.substring(start, end);
    }

    /**
     * The numbers in a binary element (US, SS, UL, SL, SV, UV, OW, OL, OV, AT as
     * group&lt;&lt;16|element; FL/FD/OF/OD truncated) or a text IS/DS element; US, UL,
     * OW and OL are unsigned.
     */
    static long[] longs(Element e) {
        byte[] b = e.rawValue();
        if (b == null) {
            return new long[0];
        }
        VR vr = e.vr();
        boolean be = e.bigEndian();
        if (vr == VR.IS || vr == VR.DS) {
            String[] s = strings(e, SpecificCharacterSet.DEFAULT);
            long[] v = new long[s.length];
            for (int i = 0; i < s.length; i++) {
                v[i] = vr == VR.IS ? Long.parseLong(s[i].startsWith("+") ? s[i].substring(1) : s[i])
                        : (long) Double.parseDouble(s[i]);
            }
            return v;
        }
        if (vr == VR.FL || vr == VR.FD || vr == VR.OF || vr == VR.OD) {
            double[] d = doubles(e);
            long[] v = new long[d.length];
            for (int i = 0; i < d.length; i++) {
                v[i] = (long) d[i];
            }
            return v;
        }
        int unit = ByteOrders.lengthUnit(vr);
        if (unit == 1) {
            unit = 1; // OB, UN: one byte each
        }
        long[] v = new long[b.length / unit];
        for (int i = 0; i < v.length; i++) {
            int off = i * unit;
            switch (vr) {
                case US: case OW: v[i] = ByteOrders.u16(b, off, be); break;
                case SS: v[i] = (short) ByteOrders.u16(b, off, be); break;
                case UL: case OL: v[i] = ByteOrders.i32(b, off, be) & 0xFFFFFFFFL; break;
                case SL: v[i] = ByteOrders.i32(b, off, be); break;
                case AT: v[i] = ByteOrders.tag(b, off, be) & 0xFFFFFFFFL; break;
                case SV: case UV: case OV: v[i] = ByteOrders.i64(b, off, be); break;
                default: v[i] = b[off] & 0xFF;
            }
        }
        return v;
    }

    /** The numbers in an FL, FD, OF, OD or DS/IS element; other binary VRs as integers. */
    static double[] doubles(Element e) {
        byte[] b = e.rawValue();
        if (b == null) {
            return new double[0];
        }
        VR vr = e.vr();
        boolean be = e.bigEndian();
        switch (vr) {
            case FL: case OF: {
                double[] d = new double[b.length / 4];
                for (int i = 0; i < d.length; i++) {
                    d[i] = Float.intBitsToFloat(ByteOrders.i32(b, i * 4, be));
                }
                return d;
            }
            case FD: case OD: {
                double[] d = new double[b.length / 8];
                for (int i = 0; i < d.length; i++) {
                    d[i] = Double.longBitsToDouble(ByteOrders.i64(b, i * 8, be));
                }
                return d;
            }
            case DS: case IS: {
                String[] s = strings(e, SpecificCharacterSet.DEFAULT);
                double[] d = new double[s.length];
                for (int i = 0; i < s.length; i++) {
                    d[i] = Double.parseDouble(s[i]);
                }
                return d;
            }
            default: {
                long[] l = longs(e);
                double[] d = new double[l.length];
                for (int i = 0; i < l.length; i++) {
                    d[i] = l[i];
                }
                return d;
            }
        }
    }

    /** Joins values with backslash, encodes them and pads to even length (PS3.5 6.2, 6.4). */
    static byte[] encodeStrings(VR vr, String[] values, SpecificCharacterSet cs) {
        if (!vr.isText()) {
            throw new IllegalArgumentException(vr + " is not a text VR");
        }
        if (values.length > 1 && !isMultiValued(vr)) {
            throw new IllegalArgumentException(vr + " holds one value only");
        }
        String joined = String.join("\\", values);
        byte[] b;
        if (vr.kind() == VR.Kind.TEXT) {
            b = cs.encode(joined, vr);
        } else {
            for (int i = 0; i < joined.length(); i++) {
                if (joined.charAt(i) > 0x7E || (joined.charAt(i) < 0x20 && joined.charAt(i) != 0x1B)) {
                    throw new IllegalArgumentException(vr + " allows the default repertoire only: " + joined);
                }
            }
            b = joined.getBytes(StandardCharsets.US_ASCII);
        }
        if ((b.length & 1) == 1) {
            byte[] p = java.util.Arrays.copyOf(b, b.length + 1);
            p[b.length] = vr.padding();
            b = p;
        }
        return b;
    }

    /** Encodes integers as US, SS, UL, SL, SV, UV, OW, OL, OV, AT or as IS/DS text. */
    static byte[] encodeLongs(VR vr, long[] v, boolean be) {
        if (vr == VR.IS || vr == VR.DS) {
            String[] s = new String[v.length];
            for (int i = 0; i < v.length; i++) {
                s[i] = Long.toString(v[i]);
            }
            return encodeStrings(vr, s, SpecificCharacterSet.DEFAULT);
        }
        if (vr == VR.FL || vr == VR.FD || vr == VR.OF || vr == VR.OD) {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            return encodeDoubles(vr, d, be);
        }
        int unit = ByteOrders.lengthUnit(vr);
        if (unit == 1 && vr != VR.OB && vr != VR.UN) {
            throw new IllegalArgumentException(vr + " does not hold integers");
        }
        byte[] b = new byte[v.length * unit];
        for (int i = 0; i < v.length; i++) {
            int off = i * unit;
            switch (unit) {
                case 1: b[off] = (byte) v[i]; break;
                case 2: ByteOrders.put16(b, off, (int) v[i], be); break;
                case 4:
                    if (vr == VR.AT) {
                        ByteOrders.putTag(b, off, (int) v[i], be);
                    } else {
                        ByteOrders.put32(b, off, (int) v[i], be);
                    }
                    break;
                default: ByteOrders.put64(b, off, v[i], be);
            }
        }
        return b;
    }

    /** Encodes numbers as FL, FD, OF, OD or DS text (PS3.5 6.2: DS at most 16 characters). */
    static byte[] encodeDoubles(VR vr, double[] v, boolean be) {
        switch (vr) {
            case FL: case OF: {
                byte[] b = new byte[v.length * 4];
                for (int i = 0; i < v.length; i++) {
                    ByteOrders.put32(b, i * 4, Float.floatToRawIntBits((float) v[i]), be);
                }
                return b;
            }
            case FD: case OD: {
                byte[] b = new byte[v.length * 8];
                for (int i = 0; i < v.length; i++) {
                    ByteOrders.put64(b, i * 8, Double.doubleToRawLongBits(v[i]), be);
                }
                return b;
            }
            case DS: {
                String[] s = new String[v.length];
                for (int i = 0; i < v.length; i++) {
                    s[i] = formatDS(v[i]);
                }
                return encodeStrings(vr, s, SpecificCharacterSet.DEFAULT);
            }
            default: {
                long[] l = new long[v.length];
                for (int i = 0; i < v.length; i++) {
                    l[i] = (long) v[i];
                }
                return encodeLongs(vr, l, be);
            }
        }
    }

    /** A decimal string of at most 16 characters (PS3.5 table 6.2-1, DS). */
    static String formatDS(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = Double.toString(d);
        for (int digits = 15; s.length() > 16 && digits > 0; digits--) {
            s = String.format(java.util.Locale.ROOT, "%." + digits + "G", d).replaceAll("\\.?0+(E|$)", "$1");
        }
        return s;
    }
}
