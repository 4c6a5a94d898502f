package org.dicomsec.data.listing;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DictionaryEntry;
import org.dicomsec.data.Element;
import org.dicomsec.data.ElementDictionary;
import org.dicomsec.data.VR;

/**
 * In Implicit VR the codec gives an element PS3.6 lists as "US or SS" the
 * first VR, US, and leaves the choice to the caller. The choice is the Pixel
 * Representation (0028,0103) of the data set (PS3.3 C.7.6.3.1.x: 0000H
 * unsigned, 0001H two's complement): for a listing, such an element is shown
 * as SS when the nearest enclosing data set has Pixel Representation 1, as
 * dcmdump shows it. The value bytes are not changed.
 */
public final class ImplicitUsOrSs {

    private static final int PIXEL_REPRESENTATION = 0x00280103;

    private ImplicitUsOrSs() {
    }

    /** Relabels the "US or SS" elements of {@code ds} and its items, in place. */
    public static void resolve(Dataset ds) {
        resolve(ds, false);
    }

    private static void resolve(Dataset ds, boolean signedAbove) {
        Element pr = ds.get(PIXEL_REPRESENTATION);
        boolean signed = pr == null ? signedAbove : ds.getInt(PIXEL_REPRESENTATION, 0) == 1;
        ElementDictionary dict = ElementDictionary.standard();
        for (Element e : ds.elements().toArray(new Element[0])) {
            if (e.isSequence()) {
                for (Dataset item : e.sequence()) {
                    resolve(item, signed);
                }
            } else if (signed && e.vr() == VR.US && !e.isFragments()) {
                DictionaryEntry d = dict.lookup(e.tag());
                if (d != null && d.vr() == VR.US && d.altVr() == VR.SS) {
                    ds.put(e.withVR(VR.SS));
                }
            }
        }
    }
}
