package org.dicomsec.ul;

import java.util.Random;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.UID;
import org.dicomsec.data.VR;

/** Generated data sets for the association tests. */
final class TestData {
    private TestData() {
    }

    /** A Secondary Capture instance with {@code pixelBytes} bytes of seeded random pixel data. */
    static Dataset instance(String sopInstanceUid, int pixelBytes, long seed) {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, sopInstanceUid);
        ds.setString(0x00100010, VR.PN, "Test^Patient");
        ds.setString(0x00100020, VR.LO, "ID-" + seed);
        ds.setInt(0x00280010, VR.US, 1);
        ds.setInt(0x00280011, VR.US, pixelBytes / 2);
        ds.setInt(0x00280100, VR.US, 16);
        byte[] px = new byte[pixelBytes];
        new Random(seed).nextBytes(px);
        ds.setBytes(0x7FE00010, VR.OW, px);
        return ds;
    }

    static byte[] encode(Dataset ds, String tsUid) {
        return DicomWriter.encode(ds, TransferSyntax.of(tsUid));
    }
}
