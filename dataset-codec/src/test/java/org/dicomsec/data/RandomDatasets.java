package org.dicomsec.data;

import java.util.Random;

/**
 * Random data sets for the properties: random VRs, values, nesting, byte
 * orders and length forms, kept within what a transfer syntax can carry
 * (private tags, so that implicit VR reading does not depend on the dictionary).
 */
final class RandomDatasets {

    private RandomDatasets() {
    }

    private static final VR[] VALUE_VRS;

    static {
        java.util.List<VR> l = new java.util.ArrayList<>();
        for (VR vr : VR.values()) {
            if (vr != VR.SQ) {
                l.add(vr);
            }
        }
        VALUE_VRS = l.toArray(new VR[0]);
    }

    static Dataset dataset(Random rnd, int maxDepth, boolean withFragments) {
        Dataset d = new Dataset();
        d.setBigEndian(rnd.nextBoolean());
        fill(d, rnd, maxDepth, false);
        if (withFragments && rnd.nextInt(3) == 0) {
            Fragments f = new Fragments();
            int n = 1 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                f.add(bytes(rnd, rnd.nextInt(4) * 2 + (i == 0 ? 0 : 2)));
            }
            d.put(Element.ofFragments(Tag.PixelData, VR.OB, f));
        }
        return d;
    }

    /**
     * In implicit VR content (a UN sequence's items) a private sequence of defined length cannot
     * be told from an opaque value, so there sequences get undefined length.
     */
    private static void fill(Dataset d, Random rnd, int depth, boolean implicitContent) {
        int n = rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            int group = 0x0009 + 2 * rnd.nextInt(8); // private groups
            int tag = Tag.of(group, 0x1000 + rnd.nextInt(0x100));
            if (depth > 0 && rnd.nextInt(5) == 0) {
                VR vr = rnd.nextInt(4) == 0 ? VR.UN : VR.SQ;
                boolean implicitItems = implicitContent || vr == VR.UN;
                Sequence s = new Sequence(implicitContent || rnd.nextBoolean());
                int items = rnd.nextInt(3);
                for (int k = 0; k < items; k++) {
                    Dataset item = new Dataset();
                    item.setUndefinedLength(rnd.nextBoolean());
                    fill(item, rnd, depth - 1, implicitItems);
                    s.add(item);
                }
                // UN of undefined length: a sequence of unknown VR (PS3.5 6.2.2)
                if (vr == VR.UN) {
                    s.setUndefinedLength(true);
                }
                d.put(Element.ofSequence(tag, vr, s));
            } else {
                VR vr = VALUE_VRS[rnd.nextInt(VALUE_VRS.length)];
                int unit = ByteOrders.lengthUnit(vr);
                int len = unit * rnd.nextInt(vr.hasLongHeader() ? 40 : 12);
                if (unit == 1 && rnd.nextBoolean()) {
                    len += len & 1; // mostly even, sometimes odd (kept as read)
                }
                d.put(Element.of(tag, vr, bytes(rnd, len), rnd.nextBoolean()));
            }
        }
    }

    static byte[] bytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
