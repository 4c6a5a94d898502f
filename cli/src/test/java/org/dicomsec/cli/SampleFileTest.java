package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.SampleDatasets;
import org.dicomsec.data.Tag;
import org.dicomsec.data.UID;
import org.junit.jupiter.api.Test;

/**
 * The bundled sample file holds {@link SampleDatasets#multilingualImage()}, and docs/samples has the same
 * bytes.
 */
class SampleFileTest {

    @Test
    void bundledResourceHoldsTheBuiltDataSet() throws Exception {
        DicomFile f;
        try (InputStream in = SampleFile.open()) {
            f = DicomFile.read(in);
        }
        Dataset expected = SampleDatasets.multilingualImage();
        assertEquals(expected, f.dataset(),
                "regenerate: java -cp ... org.dicomsec.cli.SampleFile cli/src/main/resources/org/dicomsec/cli/sample.dcm");
        assertEquals(UID.ExplicitVRLittleEndian, f.fileMetaInformation().getString(Tag.TransferSyntaxUID));
        assertTrue(f.dataset().size() > 30 && f.dataset().getSequence(0x00081140).size() == 2);
    }

    @Test
    void docsCopyIsTheSameFile() throws Exception {
        Path docs = Path.of("..", "docs", "samples", "sample.dcm");
        byte[] bundled;
        try (InputStream in = SampleFile.open()) {
            bundled = in.readAllBytes();
        }
        assertTrue(bundled.length < 4096, "the sample stays small: " + bundled.length);
        assertArrayEquals(bundled, Files.readAllBytes(docs), "cp cli/src/main/resources/org/dicomsec/cli/sample.dcm "
                + "docs/samples/sample.dcm");
    }
}
