package org.dicomsec.bench.ul;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFileWriter;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.FileMetaInformation;
import org.dicomsec.data.SampleDatasets;
import org.dicomsec.data.Tag;
import org.dicomsec.data.UID;
import org.dicomsec.data.VR;

/**
 * The instance the Upper Layer benchmarks send: a PS3.10 file in Explicit VR Little Endian
 * holding a Multi-frame Grayscale Word Secondary Capture image whose Pixel Data (OW) is
 * {@code frames} frames of 512 x 512 16-bit pixels (512 frames = 256 MiB). The pixels are
 * written frame by frame, so making the file needs no memory of its size. The same file is
 * made by {@link MakeInstance} for the DCMTK comparison script.
 */
final class UlData {
    /** PS3.6: Multi-frame Grayscale Word Secondary Capture Image Storage. */
    static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.7.3";
    static final String SOP_INSTANCE = "2.25.302574339154093787446466722106137285817";
    static final int ROWS = 512;
    static final int COLUMNS = 512;
    /** 512 frames of 512 x 512 x 2 bytes = 256 MiB of Pixel Data. */
    static final int FRAMES_256_MIB = 512;

    private UlData() {
    }

    /**
     * Writes the instance to {@code file}.
     *
     * @return the Pixel Data length in bytes
     */
    static long writeInstance(Path file, int frames) throws IOException {
        long pixelLength = 2L * frames * ROWS * COLUMNS;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            DicomWriter w = DicomFileWriter.open(out,
                    FileMetaInformation.create(SOP_CLASS, SOP_INSTANCE, UID.ExplicitVRLittleEndian));
            Dataset ds = new Dataset();
            ds.setString(Tag.SOPClassUID, VR.UI, SOP_CLASS);
            ds.setString(Tag.SOPInstanceUID, VR.UI, SOP_INSTANCE);
            ds.setString(Tag.Modality, VR.CS, "OT");
            ds.setString(Tag.PatientName, VR.PN, "Benchmark^UpperLayer");
            ds.setString(Tag.PatientID, VR.LO, "BENCH-UL");
            ds.setString(Tag.StudyInstanceUID, VR.UI, SOP_INSTANCE + ".1");
            ds.setString(Tag.SeriesInstanceUID, VR.UI, SOP_INSTANCE + ".2");
            SampleDatasets.grayscale16(ds, ROWS, COLUMNS);
            ds.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
            w.writeDataset(ds);
            // Pixel Data (7FE0,0010) is the last element: its header, then the frames as they are made
            w.writeHeader(Tag.PixelData, VR.OW, pixelLength);
            byte[] frame = new byte[2 * ROWS * COLUMNS];
            int seed = 12345;
            for (int f = 0; f < frames; f++) {
                for (int i = 0, p = 0; i < frame.length; i += 2, p++) {
                    // a ramp plus a little deterministic noise, different in every frame
                    seed = seed * 1103515245 + 12345;
                    int x = p % COLUMNS;
                    int y = p / COLUMNS;
                    int v = ((x + y + f) * 4095 / (ROWS + COLUMNS + frames) + ((seed >>> 16) & 0x1F)) & 0x0FFF;
                    frame[i] = (byte) v;
                    frame[i + 1] = (byte) (v >>> 8);
                }
                w.writeValue(frame);
            }
            w.finish();
        }
        return pixelLength;
    }
}
