package org.dicomsec.data;

/**
 * Invented data sets for demonstrations, documentation and tests: no value in
 * them is about a real patient, device or institution.
 * <ul>
 * <li>{@link #ctImage(int, int)}: a CT Image (PS3.3 A.3) with new Study, Series
 *     and SOP Instance UIDs ({@link UID#randomUID()}) at each call, General
 *     Equipment attributes, a private block and 16-bit pixels; no SOP Instance
 *     Status, so that it can be the source of an original (PS3.15 A.1.1 rule a);</li>
 * <li>{@link #multilingualImage()}: a Secondary Capture image of 8 x 8 pixels
 *     with fixed UIDs, UTF-8 text (ISO_IR 192) in German and Japanese, a sequence
 *     of two items, a private block and numbers of several VRs: the same data
 *     set at every call, to be written once and shipped as a sample file.</li>
 * </ul>
 * Each call returns a new data set the caller may change.
 */
public final class SampleDatasets {

    /** Patient's Name of {@link #ctImage(int, int)}. */
    public static final String CT_PATIENT_NAME = "DEMO^PATIENT";
    /** Private creator (PS3.5 7.8.1) of the private block (0009,10xx) of {@link #ctImage(int, int)}. */
    public static final String CT_PRIVATE_CREATOR = "DICOMSEC DEMO";

    private SampleDatasets() {
    }

    /**
     * A CT Image of {@code rows} x {@code columns} pixels, 12 of 16 bits stored, in concentric
     * rings; Patient's Name {@value #CT_PATIENT_NAME}; General Equipment attributes (PS3.3 C.7.5.1);
     * a private block of creator {@value #CT_PRIVATE_CREATOR} with a text and a binary element.
     *
     * @throws IllegalArgumentException when a dimension is not 1..65535 or the pixel data would
     *                                  not fit in one array
     */
    public static Dataset ctImage(int rows, int columns) {
        if (rows < 1 || rows > 0xFFFF || columns < 1 || columns > 0xFFFF
                || 2L * rows * columns > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("not a sample image size: " + rows + " x " + columns);
        }
        Dataset ds = new Dataset();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, UID.randomUID());
        ds.setString(Tag.StudyDate, VR.DA, "20260101");
        ds.setString(Tag.StudyTime, VR.TM, "120000");
        ds.setString(Tag.AccessionNumber, VR.SH, "DEMO-1");
        ds.setString(Tag.Modality, VR.CS, "CT");
        // General Equipment Module (PS3.3 C.7.5.1): what PS3.15 A.1.1 rule a.2.h carries when known
        ds.setString(Tag.Manufacturer, VR.LO, "dicomsec demo");
        ds.setString(0x00080080, VR.LO, "Demo Hospital"); // Institution Name
        ds.setString(0x00081090, VR.LO, "DEMO-CT"); // Manufacturer's Model Name
        ds.setString(0x00181000, VR.LO, "0001"); // Device Serial Number
        // a private block (PS3.5 7.8.1), which Level 2 storage keeps (PS3.15 A.1.1 rule g)
        ds.setString(0x00090010, VR.LO, CT_PRIVATE_CREATOR);
        ds.setString(0x00091001, VR.LO, "private value kept by Level 2 storage");
        ds.setBytes(0x00091002, VR.OB, new byte[] {0x44, 0x45, 0x4D, 0x4F});
        ds.setString(Tag.PatientName, VR.PN, CT_PATIENT_NAME);
        ds.setString(Tag.PatientID, VR.LO, "DEMO-0001");
        ds.setString(Tag.PatientBirthDate, VR.DA, "19700101");
        ds.setString(Tag.PatientSex, VR.CS, "O");
        ds.setString(Tag.StudyInstanceUID, VR.UI, UID.randomUID());
        ds.setString(Tag.SeriesInstanceUID, VR.UI, UID.randomUID());
        ds.setInt(Tag.InstanceNumber, VR.IS, 1);
        grayscale16(ds, rows, columns);
        byte[] px = new byte[2 * rows * columns];
        for (int y = 0, i = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                int dx = x - columns / 2;
                int dy = y - rows / 2;
                int v = (int) (Math.sqrt(dx * dx + dy * dy) * 16) & 0x0FFF;
                px[i++] = (byte) v;
                px[i++] = (byte) (v >> 8);
            }
        }
        ds.setBytes(Tag.PixelData, VR.OW, px);
        return ds;
    }

    /**
     * The multilingual Secondary Capture image: Patient's Name
     * {@code Müller^Jürgen=山田^太郎=やまだ^たろう} (alphabetic, ideographic and phonetic
     * component groups, PS3.5 6.2.1), a Referenced Image Sequence of two items, a private block
     * of creator {@code DICOMSEC SAMPLE}, FL, DS, AT and UL values, and 8 x 8 pixels in a
     * diagonal ramp. Its UIDs are fixed under the 2.25 root.
     */
    public static Dataset multilingualImage() {
        Dataset ds = new Dataset();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.setString(Tag.ImageType, VR.CS, "DERIVED", "SECONDARY");
        ds.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, "2.25.97112146201745683427950436532937461245");
        ds.setString(Tag.StudyDate, VR.DA, "20240131");
        ds.setString(Tag.StudyTime, VR.TM, "093000.5");
        ds.setString(Tag.AccessionNumber, VR.SH, "SAMPLE-1");
        ds.setString(Tag.Modality, VR.CS, "OT");
        ds.setString(Tag.Manufacturer, VR.LO, "dicomsec");
        Sequence refs = ds.newSequence(0x00081140); // Referenced Image Sequence
        for (int i = 1; i <= 2; i++) {
            Dataset item = refs.addItem();
            item.setString(Tag.ReferencedSOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
            item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "2.25.9711214620174568342795043653293746124" + i);
        }
        // a private block (PS3.5 7.8.1): creator in (0009,0010), its elements in (0009,10xx)
        ds.setString(0x00090010, VR.LO, "DICOMSEC SAMPLE");
        ds.setString(0x00091001, VR.LO, "private text, ünïcödé");
        ds.setInt(0x00091002, VR.UL, 42);
        ds.setBytes(0x00091003, VR.OB, new byte[] {1, 2, 3, (byte) 0xFE});
        ds.setString(Tag.PatientName, VR.PN, "Müller^Jürgen=山田^太郎=やまだ^たろう");
        ds.setString(Tag.PatientID, VR.LO, "SAMPLE-0001");
        ds.setString(Tag.PatientBirthDate, VR.DA, "19700101");
        ds.setString(Tag.PatientSex, VR.CS, "O");
        ds.setString(0x00181030, VR.LO, "Übersicht 概要"); // Protocol Name
        ds.setDouble(0x0018605A, VR.FL, 1.5, -0.25); // Table of Parameter Values
        ds.setString(Tag.StudyInstanceUID, VR.UI, "2.25.97112146201745683427950436532937461246");
        ds.setString(Tag.SeriesInstanceUID, VR.UI, "2.25.97112146201745683427950436532937461247");
        ds.setString(Tag.StudyID, VR.SH, "1");
        ds.setInt(Tag.SeriesNumber, VR.IS, 1);
        ds.setInt(Tag.InstanceNumber, VR.IS, 1);
        ds.setInt(0x00209165, VR.AT, Tag.PatientName, Tag.Rows); // Dimension Index Pointer
        grayscale16(ds, 8, 8);
        ds.setString(0x00280030, VR.DS, "0.5", "0.5"); // Pixel Spacing
        ds.setString(0x00281050, VR.DS, "2048"); // Window Center
        ds.setString(0x00281051, VR.DS, "4096"); // Window Width
        byte[] px = new byte[8 * 8 * 2];
        for (int p = 0; p < 64; p++) {
            int v = (p % 8 + p / 8) * 4095 / 14;
            px[2 * p] = (byte) v;
            px[2 * p + 1] = (byte) (v >>> 8);
        }
        ds.setBytes(Tag.PixelData, VR.OW, px);
        return ds;
    }

    /**
     * Puts the Image Pixel Module attributes (PS3.3 C.7.6.3) of a MONOCHROME2 image of
     * {@code rows} x {@code columns}, 12 of 16 bits stored, unsigned, into {@code ds}; Pixel Data
     * and, for several frames, Number of Frames are the caller's.
     */
    public static void grayscale16(Dataset ds, int rows, int columns) {
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tag.Rows, VR.US, rows);
        ds.setInt(Tag.Columns, VR.US, columns);
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.BitsStored, VR.US, 12);
        ds.setInt(Tag.HighBit, VR.US, 11);
        ds.setInt(Tag.PixelRepresentation, VR.US, 0);
    }
}
