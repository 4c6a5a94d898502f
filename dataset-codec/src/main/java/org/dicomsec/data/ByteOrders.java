package org.dicomsec.data;

/**
 * Byte order helpers (PS3.5 7.3): reading and writing binary numbers in
 * either order, and converting a value between orders by its VR.
 */
final class ByteOrders {

    private ByteOrders() {
    }

    /**
     * The size of the unit a value of {@code vr} is byte-swapped in when the
     * byte order changes: 2 for US, SS, OW and AT (two 16-bit halves, PS3.5 7.3),
     * 4 for UL, SL, FL, OF, OL, 8 for FD, OD, SV, UV, OV, and 1 (no swap) for
     * OB, UN and every text VR.
     */
    static int swapUnit(VR vr) {
        switch (vr) {
            case US: case SS: case OW: case AT:
                return 2;
            case UL: case SL: case FL: case OF: case OL:
                return 4;
            case FD: case OD: case SV: case UV: case OV:
                return 8;
            default:
                return 1;
        }
    }

    /**
     * The length a value of {@code vr} must be a multiple of: the swap unit, or 4
     * for AT (a tag is two 16-bit halves); 1 for VRs with no such rule.
     */
    static int lengthUnit(VR vr) {
        return vr == VR.AT ? 4 : swapUnit(vr);
    }

    /** Reverses each {@code unit}-byte group of b[off, off+len) in place; a trailing partial unit is left as is. */
    static void swap(byte[] b, int off, int len, int unit) {
        if (unit <= 1) {
            return;
        }
        int end = off + len - len % unit;
        for (int i = off; i < end; i += unit) {
            for (int lo = i, hi = i + unit - 1; lo < hi; lo++, hi--) {
                byte t = b[lo];
                b[lo] = b[hi];
                b[hi] = t;
            }
        }
    }

    static int u16(byte[] b, int off, boolean be) {
        return be ? (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF)
                : (b[off + 1] & 0xFF) << 8 | (b[off] & 0xFF);
    }

    static int i32(byte[] b, int off, boolean be) {
        return be ? (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF)
                : (b[off + 3] & 0xFF) << 24 | (b[off + 2] & 0xFF) << 16 | (b[off + 1] & 0xFF) << 8 | (b[off] & 0xFF);
    }

    static long i64(byte[] b, int off, boolean be) {
        long hi = i32(b, be ? off : off + 4, be) & 0xFFFFFFFFL;
        long lo = i32(b, be ? off + 4 : off, be) & 0xFFFFFFFFL;
        return hi << 32 | lo;
    }

    static void put16(byte[] b, int off, int v, boolean be) {
        if (be) {
            b[off] = (byte) (v >>> 8);
            b[off + 1] = (byte) v;
        } else {
            b[off] = (byte) v;
            b[off + 1] = (byte) (v >>> 8);
        }
    }

    static void put32(byte[] b, int off, int v, boolean be) {
        if (be) {
            put16(b, off, v >>> 16, true);
            put16(b, off + 2, v, true);
        } else {
            put16(b, off, v, false);
            put16(b, off + 2, v >>> 16, false);
        }
    }

    static void put64(byte[] b, int off, long v, boolean be) {
        if (be) {
            put32(b, off, (int) (v >>> 32), true);
            put32(b, off + 4, (int) v, true);
        } else {
            put32(b, off, (int) v, false);
            put32(b, off + 4, (int) (v >>> 32), false);
        }
    }

    /** A tag as it stands on the wire: group then element, each 16 bits in the given order. */
    static int tag(byte[] b, int off, boolean be) {
        return u16(b, off, be) << 16 | u16(b, off + 2, be);
    }

    static void putTag(byte[] b, int off, int tag, boolean be) {
        put16(b, off, tag >>> 16, be);
        put16(b, off + 2, tag, be);
    }
}
