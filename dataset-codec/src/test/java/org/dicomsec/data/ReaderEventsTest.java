package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.dicomsec.data.DicomReader.Event;

/** The pull reader's events, offsets and value access. */
class ReaderEventsTest {

    private static List<String> events(byte[] b, TransferSyntax ts) throws IOException {
        DicomReader r = new DicomReader(new ByteArrayInputStream(b), ts);
        List<String> out = new ArrayList<>();
        for (Event e; (e = r.next()) != Event.END; ) {
            out.add(e + " " + Tag.toString(r.tag()) + " @" + r.offset() + " d" + r.depth());
        }
        return out;
    }

    @Test
    void eventsOfAMixedLengthSequenceInBigEndian() throws IOException {
        byte[] b = VectorTest.v("sq-mixed-be").bytes();
        assertEquals(List.of(
                "SEQUENCE_START (0008,1199) @0 d1",
                "ITEM_START (FFFE,E000) @12 d1",
                "ELEMENT (0008,1150) @20 d1",
                "ITEM_END (FFFE,E000) @34 d1",
                "SEQUENCE_END (0008,1199) @34 d0"), events(b, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN));
    }

    @Test
    void unSequenceContentIsImplicitLittleEndian() throws IOException {
        byte[] b = VectorTest.v("un-sequence-le").bytes();
        DicomReader r = new DicomReader(new ByteArrayInputStream(b), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals(Event.SEQUENCE_START, r.next());
        assertEquals(VR.UN, r.vr());
        assertEquals(-1, r.length());
        assertFalse(r.explicitVR());
        assertEquals(Event.ITEM_START, r.next());
        assertEquals(Event.ELEMENT, r.next());
        assertEquals(VR.UI, r.vr()); // from the dictionary: the content is implicit VR
        assertEquals("1.2.3\0", new String(r.readValue(), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(Event.ITEM_END, r.next());
        assertEquals(Event.SEQUENCE_END, r.next());
        assertTrue(r.explicitVR());
        assertEquals(Event.END, r.next());
        assertEquals(b.length, r.position());
    }

    @Test
    void valuesCanBeReadSkippedCopiedOrStreamed() throws IOException {
        Dataset d = new Dataset();
        d.setString(Tag.PatientName, VR.PN, "A^B");
        d.setString(Tag.PatientID, VR.LO, "12345");
        d.setBytes(Tag.of(0x0028, 0x1201), VR.OW, new byte[] {1, 2, 3, 4});
        d.setBytes(Tag.PixelData, VR.OB, new byte[] {9, 8, 7, 6, 5, 4});
        byte[] b = TestData.encode(d, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        DicomReader r = new DicomReader(new ByteArrayInputStream(b), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals(Event.ELEMENT, r.next());
        assertArrayEquals("A^B ".getBytes(), r.readValue()); // padded to even length with a space
        assertEquals(Tag.PatientID, r.peekTag());
        assertEquals(Event.ELEMENT, r.next()); // after a peek, the same element
        assertEquals(Tag.PatientID, r.tag());
        assertEquals(Event.ELEMENT, r.next()); // value skipped implicitly
        assertEquals(0x00281201, r.tag());
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        assertEquals(4, r.copyValue(copy));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, copy.toByteArray());
        assertEquals(Event.ELEMENT, r.next());
        assertEquals(Tag.PixelData, r.tag());
        assertEquals(b.length - 6, r.position());
        assertArrayEquals(new byte[] {9, 8, 7, 6, 5, 4}, r.valueStream().readAllBytes());
        assertEquals(Event.END, r.next());
        assertEquals(Event.END, r.next());
    }

    @Test
    void fragmentsOneAtATime() throws IOException {
        byte[] b = VectorTest.v("encapsulated-le").bytes();
        DicomReader r = new DicomReader(new ByteArrayInputStream(b), TransferSyntax.of(UID.JPEGBaseline8Bit));
        assertEquals(Event.FRAGMENTS_START, r.next());
        assertEquals(Tag.PixelData, r.tag());
        assertEquals(Event.FRAGMENT, r.next());
        assertEquals(4, r.length());
        assertEquals(Event.FRAGMENT, r.next()); // offset table skipped
        assertEquals(24, r.offset());
        assertArrayEquals(TestData.hex("FFD8FFD9"), r.readValue());
        assertEquals(Event.FRAGMENTS_END, r.next());
        assertEquals(Event.END, r.next());
    }

    @Test
    void encapsulatedPixelDataLabelledUNIsReadAsFragmentsAndKeptAsRead() throws IOException {
        byte[] b = TestData.hex("E07F1000 554E 0000 FFFFFFFF FEFF00E0 00000000 FEFF00E0 02000000 0102"
                + "FEFFDDE0 00000000");
        TransferSyntax ts = TransferSyntax.of(UID.RLELossless);
        Dataset d = DicomReader.read(b, ts);
        Element e = d.get(Tag.PixelData);
        assertEquals(VR.UN, e.vr());
        assertEquals(2, e.fragments().size());
        assertArrayEquals(b, TestData.encode(d, ts));
    }

    @Test
    void readDatasetInsideAnItem() throws IOException {
        byte[] b = VectorTest.v("sq-undefined-le").bytes();
        DicomReader r = new DicomReader(new ByteArrayInputStream(b), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals(Event.SEQUENCE_START, r.next());
        assertEquals(Event.ITEM_START, r.next());
        Dataset item = r.readDataset();
        assertEquals("1.2.3", item.getString(Tag.ReferencedSOPClassUID));
        assertEquals(Event.SEQUENCE_END, r.next());
        assertEquals(Event.END, r.next());
    }

    @Test
    void offsetsCountFromTheGivenStart() throws IOException {
        byte[] b = VectorTest.v("pn-explicit-le").bytes();
        DicomReader r = new DicomReader(new ByteArrayInputStream(b), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                ReadLimits.DEFAULT, 1000);
        r.next();
        assertEquals(1000, r.offset());
        r.skipValue();
        assertEquals(1000 + b.length, r.position());
    }

    @Test
    void implicitVRElementWhoseLengthDoesNotFitTheDictionaryVRStaysOpaque() throws IOException {
        // (0028,0010) Rows is US; 3 bytes cannot be US: kept as UN, bytes unchanged
        byte[] b = TestData.hex("28001000 03000000 010203 00");
        DicomReader r = new DicomReader(new ByteArrayInputStream(b), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertEquals(Event.ELEMENT, r.next());
        assertEquals(VR.UN, r.vr());
    }
}
