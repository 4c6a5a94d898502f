package org.dicomsec.storage;

import java.util.concurrent.ThreadLocalRandom;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Sequence;
import org.dicomsec.data.Tag;
import org.dicomsec.data.VR;

/** Data sets for the tests: a CT image with equipment, private, nested, overlay and pixel data. */
public final class TestData {

    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

    private TestData() {
    }

    /** A fresh 2.25 UID (PS3.5 B.2). */
    public static String newUid() {
        return org.dicomsec.data.UID.randomUID();
    }

    /** A CT image without SOP Instance Status: the source for rule a. */
    public static Dataset ctImage(String sopInstanceUid) {
        Dataset ds = new Dataset();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.setString(Tag.SOPClassUID, VR.UI, CT_IMAGE_STORAGE);
        ds.setString(Tag.SOPInstanceUID, VR.UI, sopInstanceUid);
        ds.setString(Tag.StudyDate, VR.DA, "20260101");
        ds.setString(Tag.Modality, VR.CS, "CT");
        // General Equipment Module (PS3.3 C.7.5.1)
        ds.setString(Tag.Manufacturer, VR.LO, "dicomsec test rig");
        ds.setString(0x00080080, VR.LO, "Hôpital d'essai"); // Institution Name, Latin-1
        ds.setString(0x00081090, VR.LO, "CT-1000"); // Manufacturer's Model Name
        ds.setString(0x00181000, VR.LO, "SN-42"); // Device Serial Number
        ds.setString(0x00181020, VR.LO, "1.0", "2.3"); // Software Versions
        // a nested sequence: Referenced Image Sequence with an item holding another sequence
        Sequence ref = ds.newSequence(0x00081140);
        Dataset item = ref.addItem();
        item.setString(Tag.ReferencedSOPClassUID, VR.UI, CT_IMAGE_STORAGE);
        item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3.4.5.6");
        Sequence inner = item.newSequence(0x0040A170); // Purpose of Reference Code Sequence
        Dataset code = inner.addItem();
        code.setString(0x00080100, VR.SH, "121311");
        code.setString(0x00080102, VR.SH, "DCM");
        code.setString(0x00080104, VR.LO, "Localizer");
        ds.setString(Tag.PatientName, VR.PN, "Müller^Hans");
        ds.setString(Tag.PatientID, VR.LO, "P-0001");
        // private block (PS3.5 7.8.1): creator and two elements, one binary
        ds.setString(0x00090010, VR.LO, "DICOMSEC TEST 1");
        ds.setString(0x00091001, VR.LO, "private text value");
        byte[] blob = new byte[37];
        ThreadLocalRandom.current().nextBytes(blob);
        ds.setBytes(0x00091002, VR.OB, padEven(blob));
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.1.1");
        ds.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.1.1.1");
        ds.setInt(Tag.InstanceNumber, VR.IS, 7);
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tag.Rows, VR.US, 16);
        ds.setInt(Tag.Columns, VR.US, 16);
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.BitsStored, VR.US, 12);
        ds.setInt(Tag.HighBit, VR.US, 11);
        ds.setInt(Tag.PixelRepresentation, VR.US, 0);
        // overlay plane (PS3.3 C.9.2): rows, columns, type, origin, bits, data
        ds.setInt(0x60000010, VR.US, 16);
        ds.setInt(0x60000011, VR.US, 16);
        ds.setString(0x60000040, VR.CS, "G");
        ds.setInt(0x60000050, VR.SS, 1, 1);
        ds.setInt(0x60000100, VR.US, 1);
        ds.setInt(0x60000102, VR.US, 0);
        byte[] overlay = new byte[32];
        ThreadLocalRandom.current().nextBytes(overlay);
        ds.setBytes(0x60003000, VR.OW, overlay);
        byte[] pixels = new byte[16 * 16 * 2];
        ThreadLocalRandom.current().nextBytes(pixels);
        ds.setBytes(Tag.PixelData, VR.OW, pixels);
        return ds;
    }

    private static byte[] padEven(byte[] b) {
        return b.length % 2 == 0 ? b : java.util.Arrays.copyOf(b, b.length + 1);
    }

    /**
     * The bytes of {@code data} up to {@code n}, then a failing read: a sender's source that breaks
     * in the middle of a data set (the association then ends there).
     */
    public static java.io.InputStream failingAfter(byte[] data, int n) {
        return new java.io.FilterInputStream(new java.io.ByteArrayInputStream(data)) {
            private int left = n;

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                if (left <= 0) {
                    throw new java.io.IOException("source failed");
                }
                int got = super.read(b, off, Math.min(len, left));
                left -= Math.max(got, 0);
                return got;
            }
        };
    }
}
