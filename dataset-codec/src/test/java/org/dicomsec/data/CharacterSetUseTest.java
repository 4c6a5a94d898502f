package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The data set applies its Specific Character Set (0008,0005) to text VRs; raw bytes stay unchanged. */
class CharacterSetUseTest {

    @Test
    void utf8NamesSurviveEverySyntax() throws IOException {
        Dataset d = new Dataset();
        d.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        d.setString(Tag.PatientName, VR.PN, "Müller^Zoë");
        byte[] raw = "Müller^Zoë".getBytes(StandardCharsets.UTF_8);
        assertEquals(12, raw.length);
        assertArrayEquals(raw, d.getBytes(Tag.PatientName)); // even: no padding
        for (TransferSyntax ts : TestData.NATIVE) {
            Dataset back = DicomReader.read(TestData.encode(d, ts), ts);
            assertEquals("Müller^Zoë", back.getString(Tag.PatientName), ts.uid());
            assertArrayEquals(raw, back.getBytes(Tag.PatientName));
        }
    }

    @Test
    void latin1AndItemsInheritingIt() throws IOException {
        Dataset d = new Dataset();
        d.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        Dataset item = d.newSequence(Tag.ReferencedSOPSequence).addItem();
        item.setString(Tag.PatientName, VR.PN, "Gérard");
        assertArrayEquals("Gérard".getBytes(StandardCharsets.ISO_8859_1), item.getBytes(Tag.PatientName));
        Dataset back = DicomReader.read(TestData.encode(d, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals("Gérard", back.getSequence(Tag.ReferencedSOPSequence).get(0).getString(Tag.PatientName));
    }

    @Test
    void unknownTermFallsBackToTheDefaultRepertoireWithRawBytesKept() {
        Dataset d = new Dataset();
        d.setString(Tag.SpecificCharacterSet, VR.CS, "NO SUCH SET");
        d.setBytes(Tag.PatientName, VR.PN, "Doe^J".getBytes(StandardCharsets.US_ASCII));
        assertEquals("Doe^J", d.getString(Tag.PatientName));
        assertArrayEquals("Doe^J".getBytes(StandardCharsets.US_ASCII), d.getBytes(Tag.PatientName));
    }
}
