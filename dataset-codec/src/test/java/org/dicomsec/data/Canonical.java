package org.dicomsec.data;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A syntax-independent listing of a data set's values: path, tag, bytes in little endian. */
final class Canonical {

    private Canonical() {
    }

    static List<String> of(Dataset ds) {
        List<String> out = new ArrayList<>();
        ds.walk(new DatasetVisitor() {
            @Override
            public void element(Element e, int depth) {
                if (Tag.isGroupLength(e.tag())) {
                    return;
                }
                String v = e.isSequence() ? "SQ" + e.sequence().size()
                        : e.isFragments() ? "FRAG" + e.fragments().size()
                        : HexFormat.of().formatHex(e.bytes(false));
                out.add(depth + " " + Tag.toString(e.tag()) + " " + v);
            }

            @Override
            public void fragment(byte[] item, int index, int tag, int depth) {
                out.add(depth + " fragment " + HexFormat.of().formatHex(item));
            }
        });
        return out;
    }
}
