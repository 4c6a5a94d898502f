package org.dicomsec.storage;

import java.util.Map;
import java.util.Optional;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Element;
import org.dicomsec.data.EncodedLength;
import org.dicomsec.data.VR;

/**
 * Rules g and h of PS3.15 A.1.1 as code: the only changes a holder makes to a
 * stored SOP Instance are to SOP Instance Status (0100,0410), SOP Authorization
 * Date and Time (0100,0420), SOP Authorization Comment (0100,0424),
 * Authorization Equipment Certification Number (0100,0426), and the group
 * length (0100,0000) when the data set carries one.
 *
 * <p>Every other element is carried over as the same {@link Element} object,
 * so its value bytes (as read, PS3.5 7.1) are untouched and a data set written
 * again in its transfer syntax gives the same bytes outside group 0100.
 * Nested items are shared with the source, not copied.
 */
public final class ControlledChanges {

    private ControlledChanges() {
    }

    /**
     * Rules g/h: a new data set equal to {@code ds} but for the edit. The group
     * length (0100,0000), when present, is adjusted by the change in encoded
     * length of the edited elements: CS, DT, LT and LO have an 8-byte header in
     * every transfer syntax (PS3.5 7.1.2 and 7.1.3), so the adjustment does not
     * depend on the syntax.
     */
    public static Dataset apply(Dataset ds, StatusEdit edit) {
        Dataset out = new Dataset();
        out.setBigEndian(ds.bigEndian());
        for (Element e : ds) {
            out.put(e);
        }
        long delta = 0;
        for (Map.Entry<Integer, Optional<String>> c : edit.changes().entrySet()) {
            int tag = c.getKey();
            Element old = out.get(tag);
            if (old != null) {
                delta -= EncodedLength.element(old, true);
                out.remove(tag);
            }
            if (c.getValue().isPresent()) {
                out.setString(tag, StatusAttributes.vrOf(tag), c.getValue().get());
                delta += EncodedLength.element(out.get(tag), true);
            }
        }
        Element gl = out.get(StatusAttributes.GROUP_LENGTH);
        if (gl != null && delta != 0) {
            long len = ds.getLong(StatusAttributes.GROUP_LENGTH, 0) + delta;
            out.setLong(StatusAttributes.GROUP_LENGTH, VR.UL, len);
            if (out.get(StatusAttributes.GROUP_LENGTH).bigEndian() != gl.bigEndian()) {
                out.put(out.get(StatusAttributes.GROUP_LENGTH).inByteOrder(gl.bigEndian()));
            }
        }
        return out;
    }

    /** True when {@code tag} is one rules g/h allow to change at the top level. */
    public static boolean isAllowedChange(int tag) {
        return StatusAttributes.CONTROLLED.contains(tag) || tag == StatusAttributes.GROUP_LENGTH;
    }
}
