package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFileWriter;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.FileMetaInformation;
import org.dicomsec.data.UID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link DicomFiles} reads of a PS3.10 file, and the data set stream the P-DATA writer reads. */
class DicomFilesTest {
    @TempDir
    Path dir;

    private Path write(Dataset ds) throws IOException {
        Path f = dir.resolve("a.dcm");
        try (OutputStream out = Files.newOutputStream(f)) {
            DicomWriter w = DicomFileWriter.open(out, FileMetaInformation.createFor(ds, UID.ExplicitVRLittleEndian));
            w.writeDataset(ds);
            w.finish();
        }
        return f;
    }

    @Test
    void dataSetStreamCountsWhatIsLeftAndGivesTheFileTail() throws IOException {
        Dataset ds = TestData.instance("1.2.3.4.5", 40_000, 7);
        Path f = write(ds);
        DicomFiles.Info info = DicomFiles.inspect(f);
        assertEquals(UID.SecondaryCaptureImageStorage, info.sopClassUid());
        assertEquals("1.2.3.4.5", info.sopInstanceUid());
        assertEquals(UID.ExplicitVRLittleEndian, info.transferSyntaxUid());
        byte[] file = Files.readAllBytes(f);
        assertEquals(file.length, info.length());
        int left = (int) (info.length() - info.dataSetOffset());
        try (InputStream in = DicomFiles.openDataSet(f, info)) {
            assertEquals(left, in.available());
            byte[] first = in.readNBytes(1000);
            assertEquals(left - 1000, in.available());
            assertEquals(file[(int) info.dataSetOffset() + 1000] & 0xFF, in.read());
            assertEquals(left - 1001, in.available());
            assertEquals(500, in.skip(500));
            byte[] rest = in.readAllBytes();
            assertEquals(0, in.available());
            assertEquals(-1, in.read());
            byte[] expect = java.util.Arrays.copyOfRange(file, (int) info.dataSetOffset(), file.length);
            assertArrayEquals(java.util.Arrays.copyOfRange(expect, 0, 1000), first);
            assertArrayEquals(java.util.Arrays.copyOfRange(expect, 1501, expect.length), rest);
        }
        assertArrayEquals(TestData.encode(ds, UID.ExplicitVRLittleEndian),
                java.util.Arrays.copyOfRange(file, (int) info.dataSetOffset(), file.length));
    }
}
