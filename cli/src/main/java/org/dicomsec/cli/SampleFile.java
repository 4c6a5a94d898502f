package org.dicomsec.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.Element;
import org.dicomsec.data.Sequence;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.VR;

/**
 * The small sample file bundled with dicomsec ({@code dicomsec dump --sample},
 * and docs/samples/sample.dcm): a Secondary Capture image of 8 x 8 pixels
 * with UTF-8 text (ISO_IR 192) in German and Japanese, a sequence of two
 * items, a private block, and numbers of several VRs. Every value is
 * invented. The bundled bytes were written by this class
 * ({@code java -cp ... org.dicomsec.cli.SampleFile OUT}); a test checks that
 * the resource still holds what {@link #build()} makes.
 */
public final class SampleFile {

    /** Name shown in the dump header. */
    static final String NAME = "(bundled sample) sample.dcm";
    static final String RESOURCE = "sample.dcm";

    private SampleFile() {
    }

    /** Writes the sample file to the path given. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SampleFile OUT");
            System.exit(2);
        }
        DicomFile.of(build(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(Path.of(args[0]));
    }

    /** The bundled sample's bytes. */
    static InputStream open() throws IOException {
        InputStream in = SampleFile.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IOException("the bundled sample file is missing from the dicomsec jar");
        }
        return in;
    }

    /** The sample data set. */
    static Dataset build() {
        Dataset ds = new Dataset();
        text(ds, Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        text(ds, Tag.ImageType, VR.CS, "DERIVED\\SECONDARY");
        text(ds, Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        text(ds, Tag.SOPInstanceUID, VR.UI, "2.25.97112146201745683427950436532937461245");
        text(ds, Tag.StudyDate, VR.DA, "20240131");
        text(ds, Tag.StudyTime, VR.TM, "093000.5");
        text(ds, Tag.AccessionNumber, VR.SH, "SAMPLE-1");
        text(ds, Tag.Modality, VR.CS, "OT");
        text(ds, Tag.Manufacturer, VR.LO, "dicomsec");
        Sequence refs = new Sequence(true);
        ds.put(Element.ofSequence(0x00081140, VR.SQ, refs)); // ReferencedImageSequence
        for (int i = 1; i <= 2; i++) {
            Dataset item = new Dataset();
            text(item, Tag.ReferencedSOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
            text(item, Tag.ReferencedSOPInstanceUID, VR.UI, "2.25.9711214620174568342795043653293746124" + i);
            refs.add(item);
        }
        // a private block (PS3.5 7.8.1): creator in (0009,0010), its elements in (0009,10xx)
        text(ds, 0x00090010, VR.LO, "DICOMSEC SAMPLE");
        text(ds, 0x00091001, VR.LO, "private text, ünïcödé");
        ds.put(Element.of(0x00091002, VR.UL, new byte[] {42, 0, 0, 0}));
        ds.put(Element.of(0x00091003, VR.OB, new byte[] {1, 2, 3, (byte) 0xFE}));
        text(ds, Tag.PatientName, VR.PN, "Müller^Jürgen=山田^太郎=やまだ^たろう");
        text(ds, Tag.PatientID, VR.LO, "SAMPLE-0001");
        text(ds, Tag.PatientBirthDate, VR.DA, "19700101");
        text(ds, Tag.PatientSex, VR.CS, "O");
        text(ds, 0x00181030, VR.LO, "Übersicht 概要"); // ProtocolName
        ds.put(Element.of(0x0018605A, VR.FL, floats(1.5f, -0.25f))); // TableOfParameterValues
        text(ds, Tag.StudyInstanceUID, VR.UI, "2.25.97112146201745683427950436532937461246");
        text(ds, Tag.SeriesInstanceUID, VR.UI, "2.25.97112146201745683427950436532937461247");
        text(ds, Tag.StudyID, VR.SH, "1");
        text(ds, Tag.SeriesNumber, VR.IS, "1");
        text(ds, Tag.InstanceNumber, VR.IS, "1");
        ds.put(Element.of(0x00209165, VR.AT, new byte[] {0x10, 0, 0x10, 0, 0x28, 0, 0x10, 0})); // DimensionIndexPointer
        us(ds, Tag.SamplesPerPixel, 1);
        text(ds, Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        us(ds, Tag.Rows, 8);
        us(ds, Tag.Columns, 8);
        text(ds, 0x00280030, VR.DS, "0.5\\0.5"); // PixelSpacing
        us(ds, Tag.BitsAllocated, 16);
        us(ds, Tag.BitsStored, 12);
        us(ds, Tag.HighBit, 11);
        us(ds, Tag.PixelRepresentation, 0);
        text(ds, 0x00281050, VR.DS, "2048"); // WindowCenter
        text(ds, 0x00281051, VR.DS, "4096"); // WindowWidth
        byte[] pixels = new byte[8 * 8 * 2];
        for (int p = 0; p < 64; p++) {
            int v = (p % 8 + p / 8) * 4095 / 14;
            pixels[2 * p] = (byte) v;
            pixels[2 * p + 1] = (byte) (v >>> 8);
        }
        ds.put(Element.of(Tag.PixelData, VR.OW, pixels));
        return ds;
    }

    /** A text element encoded in UTF-8 (the sample's ISO_IR 192), padded to even length (PS3.5 6.2). */
    private static void text(Dataset ds, int tag, VR vr, String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        if (b.length % 2 != 0) {
            b = java.util.Arrays.copyOf(b, b.length + 1);
            b[b.length - 1] = vr.padding();
        }
        ds.put(Element.of(tag, vr, b));
    }

    private static void us(Dataset ds, int tag, int v) {
        ds.put(Element.of(tag, VR.US, new byte[] {(byte) v, (byte) (v >>> 8)}));
    }

    private static byte[] floats(float... f) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * f.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float x : f) {
            b.putFloat(x);
        }
        return b.array();
    }
}
