package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

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
}
