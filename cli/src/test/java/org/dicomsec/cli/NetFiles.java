package org.dicomsec.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFileWriter;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.FileMetaInformation;
import org.dicomsec.data.Tag;
import org.dicomsec.data.UID;
import org.dicomsec.data.VR;
import org.dicomsec.ul.DicomFiles;

/** Generated PS3.10 files for the network command tests. */
final class NetFiles {
    private NetFiles() {
    }

    static Path write(Path dir, String uid, String ts, int pixelBytes) throws IOException {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, uid);
        ds.setString(0x00080060, VR.CS, "OT");
        ds.setString(0x00100010, VR.PN, "Net^Test");
        ds.setString(0x0020000D, VR.UI, "1.2.826.0.1.3680043.2.1125.1");
        ds.setInt(0x00280002, VR.US, 1);
        ds.setString(0x00280004, VR.CS, "MONOCHROME2");
        ds.setInt(0x00280010, VR.US, 2);
        ds.setInt(0x00280011, VR.US, pixelBytes / 4);
        ds.setInt(0x00280100, VR.US, 16);
        ds.setInt(0x00280101, VR.US, 16);
        ds.setInt(0x00280102, VR.US, 15);
        ds.setInt(0x00280103, VR.US, 0);
        byte[] px = new byte[pixelBytes];
        new Random(uid.hashCode()).nextBytes(px);
        ds.setBytes(0x7FE00010, VR.OW, px);
        Files.createDirectories(dir);
        Path f = dir.resolve(uid + ".dcm");
        try (OutputStream out = Files.newOutputStream(f)) {
            DicomWriter w = DicomFileWriter.open(out, FileMetaInformation.createFor(ds, ts));
            w.writeDataset(ds);
            w.finish();
        }
        return f;
    }

    /** The data set bytes of a file (what C-STORE carries). */
    static byte[] dataSet(Path f) throws IOException {
        DicomFiles.Info info = DicomFiles.inspect(f);
        try (InputStream in = DicomFiles.openDataSet(f, info)) {
            return in.readAllBytes();
        }
    }
}
