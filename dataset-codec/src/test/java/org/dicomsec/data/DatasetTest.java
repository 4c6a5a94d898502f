package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Walking, copying and slicing data sets. */
class DatasetTest {

    @Test
    void walkVisitsEverythingInEncodingOrderWithItsOwner() {
        Dataset d = TestData.sample(false);
        d.put(Element.ofFragments(Tag.PixelData, VR.OB, new Fragments().add(new byte[0]).add(new byte[] {1, 2})));
        List<String> seen = new ArrayList<>();
        d.walk(new DatasetVisitor() {
            @Override
            public void element(Dataset owner, Element e, int depth) {
                seen.add(depth + ":" + Tag.toString(e.tag()) + ":" + String.join("\\",
                        e.strings(owner.specificCharacterSet())));
            }

            @Override
            public void startItem(Dataset item, int index, int sequenceTag, int depth) {
                seen.add(depth + ":item" + index);
            }

            @Override
            public void endSequence(Element e, int depth) {
                seen.add(depth + ":end " + Tag.toString(e.tag()));
            }

            @Override
            public void fragment(byte[] item, int index, int tag, int depth) {
                seen.add(depth + ":fragment" + index + "#" + item.length);
            }
        });
        int seq = seen.indexOf("0:(0008,1199):");
        assertTrue(seq > 0, seen.toString());
        assertEquals("1:item0", seen.get(seq + 1));
        assertEquals("1:(0008,1150):" + UID.CTImageStorage, seen.get(seq + 2));
        assertTrue(seen.contains("2:(0008,0100):CODE"), seen.toString());
        assertTrue(seen.contains("0:(0008,0008):ORIGINAL\\PRIMARY"), seen.toString());
        assertTrue(seen.contains("0:end (0008,1199)"), seen.toString());
        assertEquals("1:fragment1#2", seen.get(seen.size() - 1));
        assertEquals("1:fragment0#0", seen.get(seen.size() - 2));
    }

    @Test
    void deepCopyIsIndependent() {
        Dataset d = TestData.sample(false);
        Dataset c = d.deepCopy();
        assertEquals(d, c);
        c.getSequence(Tag.ReferencedSOPSequence).get(0).setString(Tag.ReferencedSOPInstanceUID, VR.UI, "9.9");
        c.setString(Tag.PatientName, VR.PN, "Other");
        assertEquals("1.2.3", d.getSequence(Tag.ReferencedSOPSequence).get(0).getString(Tag.ReferencedSOPInstanceUID));
        assertEquals("Doe^John", d.getString(Tag.PatientName));
        assertNotSame(d.getSequence(Tag.ReferencedSOPSequence), c.getSequence(Tag.ReferencedSOPSequence));
        assertSame(c, c.getSequence(Tag.ReferencedSOPSequence).get(0).parent());
    }

    @Test
    void subsetAndAccessors() {
        Dataset d = TestData.sample(false);
        Dataset patient = d.subset(0x00100000, 0x00110000);
        assertEquals(2, patient.size());
        assertEquals("ID-1", patient.getString(Tag.PatientID));
        assertNull(d.getString(Tag.StudyInstanceUID));
        assertNull(d.getBytes(Tag.StudyInstanceUID));
        assertNull(d.getSequence(Tag.PatientName));
        assertArrayEquals(new long[0], d.getLongs(Tag.StudyInstanceUID));
        assertTrue(d.toString().contains("(0010,0010) PN #8 [Doe^John]"), d.toString());
        Element e = d.get(Tag.Rows);
        assertArrayEquals(new long[] {2}, e.longs());
        assertArrayEquals(new double[] {2.0}, e.doubles());
        assertArrayEquals(new byte[] {0, 2}, e.bytes(true));
        assertEquals(e, e.inByteOrder(true).inByteOrder(false));
    }
}
