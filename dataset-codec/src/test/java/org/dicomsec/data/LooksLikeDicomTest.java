package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cheap "is this DICOM at all" check before a file is read. */
class LooksLikeDicomTest {

    @Test
    void part10BareDataSetsAndOtherFiles() {
        byte[] part10 = new byte[132];
        System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, part10, 128, 4);
        assertTrue(DicomFile.looksLikeDicom(part10, 132, 1000));
        assertTrue(DicomFile.looksLikeDicom("DICM....".getBytes(StandardCharsets.US_ASCII), 8, 8), "no preamble");
        // (0008,0005) CS, explicit VR little endian
        byte[] explicit = {0x08, 0x00, 0x05, 0x00, 'C', 'S', 0x0A, 0x00};
        assertTrue(DicomFile.looksLikeDicom(explicit, 8, 100));
        // (0008,0016) implicit, length 26 in a file of 100 bytes
        byte[] implicit = {0x08, 0x00, 0x16, 0x00, 26, 0, 0, 0};
        assertTrue(DicomFile.looksLikeDicom(implicit, 8, 100));
        assertFalse(DicomFile.looksLikeDicom(implicit, 8, 20), "a length beyond the file");
        assertFalse(DicomFile.looksLikeDicom("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 9, 9));
        assertFalse(DicomFile.looksLikeDicom(new byte[3], 3, 3));
    }

    @Test
    void theSameCheckOnTheFirstBytesOfAFile(@TempDir Path dir) throws Exception {
        Path part10 = dir.resolve("a.dcm");
        DicomFile.of(new Dataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(part10);
        assertTrue(DicomFile.looksLikeDicom(part10));
        Path bare = Files.write(dir.resolve("bare"), new byte[] {0x08, 0x00, 0x05, 0x00, 'C', 'S', 0x02, 0x00, 'I', 'S'});
        assertTrue(DicomFile.looksLikeDicom(bare));
        assertFalse(DicomFile.looksLikeDicom(Files.writeString(dir.resolve("doc.pdf"), "%PDF-1.7\n...")));
        assertFalse(DicomFile.looksLikeDicom(Files.write(dir.resolve("empty"), new byte[0])));
        assertThrows(NoSuchFileException.class, () -> DicomFile.looksLikeDicom(dir.resolve("absent")));
    }
}
