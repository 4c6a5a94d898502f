package org.dicomsec.bench.codec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.SampleDatasets;
import org.dicomsec.data.Sequence;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.VR;

/** The data sets the codec benchmarks decode and encode, made the same way every time. */
final class CodecData {

    private CodecData() {
    }

    /** The transfer syntax a benchmark parameter names. */
    static TransferSyntax syntax(String name) {
        return switch (name) {
            case "explicit-le" -> TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
            case "implicit-le" -> TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
            case "explicit-be" -> TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;
            case "deflated" -> TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
            default -> throw new IllegalArgumentException("unknown transfer syntax parameter " + name);
        };
    }

    /**
     * A multi-frame 16-bit image whose Pixel Data is {@code frames} frames of
     * {@code rows x columns} (512 x 512 x 512 frames = 256 MiB): a smooth ramp
     * plus a little deterministic noise, so that deflate has some work to do
     * without the data being random or constant.
     */
    static Dataset multiFrameImage(int frames, int rows, int columns) {
        Dataset ds = header(UID_MULTIFRAME_SC);
        SampleDatasets.grayscale16(ds, rows, columns);
        ds.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        long length = 2L * frames * rows * columns;
        if (length > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("image too large for one array: " + length);
        }
        byte[] pixels = new byte[(int) length];
        int seed = 12345;
        for (int i = 0, p = 0; i < pixels.length; i += 2, p++) {
            seed = seed * 1103515245 + 12345;
            int x = p % columns;
            int y = (p / columns) % rows;
            int v = ((x + y) * 4095 / (rows + columns) + ((seed >>> 16) & 0x1F)) & 0x0FFF;
            pixels[i] = (byte) v;
            pixels[i + 1] = (byte) (v >>> 8);
        }
        ds.setBytes(Tag.PixelData, VR.OW, pixels);
        return ds;
    }

    /**
     * A data set of {@code elements} small values: a Content Sequence of items
     * of ten elements each (CS, PN, LO, DA, TM, SH, UI, US, DS, FD), as a
     * structured report holds them.
     */
    static Dataset smallValues(int elements) {
        Dataset ds = header(UID_BASIC_TEXT_SR);
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        Sequence content = ds.newSequence(CONTENT_SEQUENCE);
        for (int i = 0; content.size() * 10 < elements; i++) {
            Dataset item = content.addItem();
            item.setString(Tag.Modality, VR.CS, "SR");
            item.setString(Tag.PatientName, VR.PN, "Doe^Jane" + i);
            item.setString(Tag.PatientID, VR.LO, "ID" + i);
            item.setString(Tag.StudyDate, VR.DA, "20240131");
            item.setString(Tag.StudyTime, VR.TM, "123456");
            item.setString(Tag.AccessionNumber, VR.SH, "A" + i);
            item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "2.25." + (1000000 + i));
            item.setInt(Tag.Rows, VR.US, i & 0xFFFF);
            item.setDouble(SLICE_THICKNESS, VR.DS, 0.5 + i);
            item.setDouble(NUMERIC_VALUE_FD, VR.FD, i * 0.25);
        }
        return ds;
    }

    /** Writes {@code ds} as a bare data set in {@code ts}; returns its encoded length before deflation. */
    static long write(Dataset ds, TransferSyntax ts, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            return write(ds, ts, out);
        }
    }

    /** Writes {@code ds} in {@code ts} to {@code out}; returns its encoded length before deflation. */
    static long write(Dataset ds, TransferSyntax ts, OutputStream out) throws IOException {
        DicomWriter w = new DicomWriter(out, ts);
        w.writeDataset(ds);
        long n = w.position();
        w.finish();
        return n;
    }

    private static Dataset header(String sopClass) {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, sopClass);
        ds.setString(Tag.SOPInstanceUID, VR.UI, "2.25.329800735698586629295641978511506172918");
        ds.setString(Tag.Modality, VR.CS, "OT");
        ds.setString(Tag.PatientName, VR.PN, "Benchmark^Data");
        ds.setString(Tag.PatientID, VR.LO, "BENCH-1");
        return ds;
    }

    // PS3.6: Multi-frame Grayscale Word Secondary Capture Image Storage, Basic Text SR Storage
    private static final String UID_MULTIFRAME_SC = "1.2.840.10008.5.1.4.1.1.7.3";
    private static final String UID_BASIC_TEXT_SR = "1.2.840.10008.5.1.4.1.1.88.11";
    private static final int CONTENT_SEQUENCE = 0x0040A730;
    private static final int SLICE_THICKNESS = 0x00180050;
    private static final int NUMERIC_VALUE_FD = 0x0040A161; // FloatingPointValue (FD)
}
