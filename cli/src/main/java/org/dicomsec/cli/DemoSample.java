package org.dicomsec.cli;

import java.nio.ByteBuffer;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Tag;
import org.dicomsec.data.UID;
import org.dicomsec.data.VR;

/**
 * The generated image of {@code dicomsec demo}: a CT Image (PS3.3 A.3) of
 * {@link #ROWS} x {@link #COLUMNS} 16-bit pixels (a smooth pattern, 2 MiB),
 * patient DEMO^PATIENT, General Equipment attributes and a private block, the
 * UIDs rule a.2.a/g asks for, and no SOP Instance Status: the source from
 * which {@code OriginalCreator} makes the original. Every value is invented.
 */
final class DemoSample {

    static final int ROWS = 1024;
    static final int COLUMNS = 1024;
    static final String PATIENT = "DEMO^PATIENT";
    /** Private creator of the demo's private block (PS3.5 7.8.1). */
    static final String PRIVATE_CREATOR = "DICOMSEC DEMO";

    private DemoSample() {
    }

    /** The image with a new SOP Instance UID. */
    static Dataset image() {
        Dataset ds = new Dataset();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, UID.randomUID());
        ds.setString(Tag.StudyDate, VR.DA, "20260101");
        ds.setString(Tag.StudyTime, VR.TM, "120000");
        ds.setString(Tag.AccessionNumber, VR.SH, "DEMO-1");
        ds.setString(Tag.Modality, VR.CS, "CT");
        // General Equipment Module (PS3.3 C.7.5.1): rule a.2.h carries what is known
        ds.setString(Tag.Manufacturer, VR.LO, "dicomsec demo");
        ds.setString(0x00080080, VR.LO, "Demo Hospital"); // Institution Name
        ds.setString(0x00081090, VR.LO, "DEMO-CT"); // Manufacturer's Model Name
        ds.setString(0x00181000, VR.LO, "0001"); // Device Serial Number
        // a private block: rule g keeps it (Level 2 storage)
        ds.setString(0x00090010, VR.LO, PRIVATE_CREATOR);
        ds.setString(0x00091001, VR.LO, "private value kept by Level 2 storage");
        ds.setBytes(0x00091002, VR.OB, new byte[] {0x44, 0x45, 0x4D, 0x4F});
        ds.setString(Tag.PatientName, VR.PN, PATIENT);
        ds.setString(Tag.PatientID, VR.LO, "DEMO-0001");
        ds.setString(Tag.PatientBirthDate, VR.DA, "19700101");
        ds.setString(Tag.PatientSex, VR.CS, "O");
        ds.setString(Tag.StudyInstanceUID, VR.UI, UID.randomUID());
        ds.setString(Tag.SeriesInstanceUID, VR.UI, UID.randomUID());
        ds.setInt(Tag.InstanceNumber, VR.IS, 1);
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tag.Rows, VR.US, ROWS);
        ds.setInt(Tag.Columns, VR.US, COLUMNS);
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.BitsStored, VR.US, 12);
        ds.setInt(Tag.HighBit, VR.US, 11);
        ds.setInt(Tag.PixelRepresentation, VR.US, 0);
        ds.setBytes(Tag.PixelData, VR.OW, pixels());
        return ds;
    }

    /** Pixel data size in bytes. */
    static int pixelBytes() {
        return ROWS * COLUMNS * 2;
    }

    /** Concentric rings, 12 bits stored, little endian. */
    private static byte[] pixels() {
        byte[] px = new byte[pixelBytes()];
        int i = 0;
        for (int y = 0; y < ROWS; y++) {
            for (int x = 0; x < COLUMNS; x++) {
                int dx = x - COLUMNS / 2;
                int dy = y - ROWS / 2;
                int v = (int) (Math.sqrt(dx * dx + dy * dy) * 16) & 0x0FFF;
                px[i++] = (byte) v;
                px[i++] = (byte) (v >> 8);
            }
        }
        return px;
    }
}
