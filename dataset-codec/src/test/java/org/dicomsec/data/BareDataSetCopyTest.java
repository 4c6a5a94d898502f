package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A bare data set (no preamble, no meta information) rewritten as a PS3.10 file
 * gets (0002,0002) and (0002,0003) from its SOP Class and Instance UIDs
 * (PS3.10 7.1: type 1), and keeps every element.
 */
class BareDataSetCopyTest {

    private static Dataset sample() {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, "2.25.123456789");
        ds.setString(0x00080060, VR.CS, "OT");
        ds.setString(0x00100010, VR.PN, "Bare^Set");
        ds.setString(0x00091010, VR.LO, "private value");
        ds.setBytes(0x7FE00010, VR.OW, new byte[] {1, 2, 3, 4});
        return ds;
    }

    private static DicomFile copy(byte[] bare, TransferSyntax to) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Transcoder.transcodeFile(new ByteArrayInputStream(bare), out, to);
        return DicomFile.read(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void sameSyntaxTakesTheMediaStorageUidsFromTheDataSetAndKeepsItsBytes() throws IOException {
        byte[] bare = DicomWriter.encode(sample(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        DicomFile f = copy(bare, null);
        assertEquals(UID.SecondaryCaptureImageStorage, f.fileMetaInformation().getString(Tag.MediaStorageSOPClassUID));
        assertEquals("2.25.123456789", f.fileMetaInformation().getString(Tag.MediaStorageSOPInstanceUID));
        assertArrayEquals(bare, DicomWriter.encode(f.dataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
                "the data set is written again byte for byte");
    }

    @Test
    void otherSyntaxKeepsEveryValue() throws IOException {
        byte[] bare = DicomWriter.encode(sample(), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        DicomFile f = copy(bare, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        assertEquals("2.25.123456789", f.fileMetaInformation().getString(Tag.MediaStorageSOPInstanceUID));
        assertEquals(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid(), f.fileMetaInformation().getString(Tag.TransferSyntaxUID));
        assertEquals("Bare^Set", f.dataset().getString(0x00100010));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, f.dataset().get(0x7FE00010).bytes(false),
                "pixel words read back in little-endian order");
    }
}
