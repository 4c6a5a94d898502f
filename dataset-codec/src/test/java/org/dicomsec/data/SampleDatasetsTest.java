package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The invented sample data sets: fresh UIDs where promised, fixed content where promised, PS3.10 round trips. */
class SampleDatasetsTest {

    private static Dataset roundTrip(Dataset ds) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(out);
        return DicomFile.read(new ByteArrayInputStream(out.toByteArray())).dataset();
    }

    private static List<String> uids(Dataset ds) {
        return List.of(ds.getString(Tag.StudyInstanceUID), ds.getString(Tag.SeriesInstanceUID),
                ds.getString(Tag.SOPInstanceUID));
    }

    @Test
    void ctImage_hasNewUidsAtEachCall_underThe225Root() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            for (String uid : uids(SampleDatasets.ctImage(4, 4))) {
                assertTrue(uid.matches("2\\.25\\.[1-9][0-9]*") && uid.length() <= 64, uid);
                assertTrue(seen.add(uid), "UID given twice: " + uid);
            }
        }
        assertEquals(9, seen.size());
    }

    @Test
    void ctImage_isACtImageWithoutStatus_ringsOf12Bits() throws IOException {
        Dataset ds = SampleDatasets.ctImage(32, 48);
        assertEquals(UID.CTImageStorage, ds.getString(Tag.SOPClassUID));
        assertEquals("CT", ds.getString(Tag.Modality));
        assertEquals(SampleDatasets.CT_PATIENT_NAME, ds.getString(Tag.PatientName));
        assertEquals(SampleDatasets.CT_PRIVATE_CREATOR, ds.getString(0x00090010));
        assertTrue(ds.contains(0x00091001) && ds.contains(0x00091002), "private elements");
        assertNull(ds.get(0x01000410), "no SOP Instance Status: the source of an original");
        assertEquals(32, ds.getInt(Tag.Rows, -1));
        assertEquals(48, ds.getInt(Tag.Columns, -1));
        byte[] px = ds.getBytes(Tag.PixelData);
        assertEquals(32 * 48 * 2, px.length);
        int max = 0;
        for (int i = 0; i < px.length; i += 2) {
            max = Math.max(max, (px[i] & 0xFF) | (px[i + 1] & 0xFF) << 8);
        }
        assertTrue(max > 0 && max <= 0x0FFF, "12 bits stored: " + max);
        int center = (16 * 48 + 24) * 2;
        assertEquals(0, (px[center] & 0xFF) | (px[center + 1] & 0xFF) << 8, "the rings' center");
        assertEquals(ds, roundTrip(ds));
    }

    @Test
    void ctImage_refusesSizesAnImageCannotHave() {
        assertThrows(IllegalArgumentException.class, () -> SampleDatasets.ctImage(0, 8));
        assertThrows(IllegalArgumentException.class, () -> SampleDatasets.ctImage(8, 65536));
        assertThrows(IllegalArgumentException.class, () -> SampleDatasets.ctImage(65535, 65535));
    }

    @Test
    void multilingualImage_isTheSameAtEveryCall_andKeepsItsTextThroughAFile() throws IOException {
        Dataset ds = SampleDatasets.multilingualImage();
        assertEquals(ds, SampleDatasets.multilingualImage());
        assertEquals(List.of("2.25.97112146201745683427950436532937461246",
                "2.25.97112146201745683427950436532937461247", "2.25.97112146201745683427950436532937461245"),
                uids(ds));
        Dataset back = roundTrip(ds);
        assertEquals(ds, back);
        assertEquals("Müller^Jürgen=山田^太郎=やまだ^たろう", back.getString(Tag.PatientName));
        assertEquals("Übersicht 概要", back.getString(0x00181030));
        assertEquals("private text, ünïcödé", back.getString(0x00091001));
        Sequence refs = back.getSequence(0x00081140);
        assertEquals(2, refs.size());
        assertEquals("2.25.97112146201745683427950436532937461242",
                refs.get(1).getString(Tag.ReferencedSOPInstanceUID));
        assertArrayEquals(new double[] {1.5, -0.25}, back.getDoubles(0x0018605A));
        assertArrayEquals(new long[] {Tag.PatientName, Tag.Rows}, back.getLongs(0x00209165));
        assertEquals(42, back.getInt(0x00091002, -1));
        assertArrayEquals(new String[] {"DERIVED", "SECONDARY"}, back.getStrings(Tag.ImageType));
        byte[] px = back.getBytes(Tag.PixelData);
        assertEquals(128, px.length);
        assertEquals(0, (px[0] & 0xFF) | (px[1] & 0xFF) << 8, "ramp start");
        assertEquals(4095, (px[126] & 0xFF) | (px[127] & 0xFF) << 8, "ramp end");
        assertNull(back.get(0x01000410));
    }

    @Test
    void eachCallGivesADataSetOfItsOwn() {
        Dataset a = SampleDatasets.multilingualImage();
        a.setString(Tag.PatientID, VR.LO, "CHANGED");
        assertNotEquals(a, SampleDatasets.multilingualImage());
    }
}
