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
 * Writes a study for scripts/study-vs-dcmtk.sh:
 * {@code java -cp benchmarks.jar org.dicomsec.bench.ul.MakeStudy DIR COUNT ROWS COLUMNS [FRAMES]}.
 * COUNT PS3.10 files in Explicit VR Little Endian, one study and one series, each instance with
 * its own SOP Instance UID and 16-bit pixels (ramp plus deterministic noise, different in every
 * instance): CT Image Storage when FRAMES is 1 (the default), Multi-frame Grayscale Word Secondary
 * Capture otherwise (512 x 512 x 512 frames = 256 MiB per instance). Pixels are written frame by
 * frame, so no instance is held in memory. Prints the total size in bytes.
 */
public final class MakeStudy {
    private static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";

    private MakeStudy() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4 || args.length > 5) {
            System.err.println("usage: MakeStudy DIR COUNT ROWS COLUMNS [FRAMES]");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        int rows = Integer.parseInt(args[2]);
        int columns = Integer.parseInt(args[3]);
        int frames = args.length == 5 ? Integer.parseInt(args[4]) : 1;
        String study = UID.randomUID();
        String series = UID.randomUID();
        long total = 0;
        byte[] frame = new byte[2 * rows * columns];
        for (int n = 1; n <= count; n++) {
            Path file = dir.resolve(String.format("IM%05d.dcm", n));
            write(file, n, study, series, rows, columns, frames, frame);
            total += Files.size(file);
        }
        System.out.println(total);
    }

    private static void write(Path file, int number, String study, String series, int rows, int columns, int frames,
                              byte[] frame) throws IOException {
        String sopClass = frames == 1 ? CT_IMAGE : UlData.SOP_CLASS;
        String instance = UID.randomUID();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            DicomWriter w = DicomFileWriter.open(out,
                    FileMetaInformation.create(sopClass, instance, UID.ExplicitVRLittleEndian));
            Dataset ds = new Dataset();
            ds.setString(Tag.ImageType, VR.CS, "ORIGINAL\\PRIMARY\\AXIAL");
            ds.setString(Tag.SOPClassUID, VR.UI, sopClass);
            ds.setString(Tag.SOPInstanceUID, VR.UI, instance);
            ds.setString(Tag.StudyDate, VR.DA, "20261205");
            ds.setString(Tag.Modality, VR.CS, frames == 1 ? "CT" : "OT");
            ds.setString(Tag.PatientName, VR.PN, "Benchmark^Study");
            ds.setString(Tag.PatientID, VR.LO, "BENCH-STUDY");
            ds.setString(Tag.StudyInstanceUID, VR.UI, study);
            ds.setString(Tag.SeriesInstanceUID, VR.UI, series);
            ds.setString(Tag.InstanceNumber, VR.IS, Integer.toString(number));
            SampleDatasets.grayscale16(ds, rows, columns);
            if (frames > 1) {
                ds.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
            }
            w.writeDataset(ds);
            w.writeHeader(Tag.PixelData, VR.OW, (long) frame.length * frames);
            int seed = 12345 + number;
            for (int f = 0; f < frames; f++) {
                for (int i = 0, p = 0; i < frame.length; i += 2, p++) {
                    seed = seed * 1103515245 + 12345;
                    int v = ((p % columns + p / columns + f + number) * 4095 / (rows + columns + frames + number)
                            + ((seed >>> 16) & 0x1F)) & 0x0FFF;
                    frame[i] = (byte) v;
                    frame[i + 1] = (byte) (v >>> 8);
                }
                w.writeValue(frame);
            }
            w.finish();
        }
    }
}
