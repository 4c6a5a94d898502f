package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The streaming writer used directly. */
class WriterTest {

    @Test
    void streamingCallsGiveTheStandardEncoding() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(out, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        w.startSequence(Tag.ReferencedSOPSequence, VR.SQ, -1);
        w.startItem(-1);
        byte[] uid = "1.2.3\0".getBytes();
        w.writeHeader(Tag.ReferencedSOPClassUID, VR.UI, uid.length);
        w.copyValue(new ByteArrayInputStream(uid), uid.length, VR.UI, false);
        w.endItem();
        w.endSequence();
        assertEquals(50, w.position());
        w.finish();
        assertArrayEquals(VectorTest.v("sq-undefined-le").bytes(), out.toByteArray());
        assertThrows(IllegalStateException.class, w::endItem);
    }

    @Test
    void fragmentsStreamed() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(out, TransferSyntax.of(UID.JPEGBaseline8Bit));
        w.startFragments(Tag.PixelData, VR.OB);
        w.writeFragment(new byte[4], 0, 4);
        byte[] jpeg = TestData.hex("FFD8FFD9");
        w.writeFragmentHeader(jpeg.length);
        w.copyValue(new ByteArrayInputStream(jpeg), jpeg.length, VR.OB, false);
        w.endFragments();
        w.finish();
        assertArrayEquals(VectorTest.v("encapsulated-le").bytes(), out.toByteArray());
    }

    @Test
    void aShortVRValueOver64KiBIsWrittenAsUN() throws IOException {
        Dataset d = new Dataset();
        byte[] big = new byte[70_000];
        Arrays.fill(big, (byte) 'A');
        d.setBytes(Tag.of(0x0011, 0x1010), VR.LO, big);
        byte[] b = TestData.encode(d, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals('U', b[4]);
        assertEquals('N', b[5]);
        Dataset back = DicomReader.read(b, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertArrayEquals(big, back.getBytes(Tag.of(0x0011, 0x1010)));
        assertEquals(b.length, EncodedLength.dataset(d, true));
    }

    @Test
    void definedLengthsAreRecomputed() throws IOException {
        Dataset d = new Dataset();
        Sequence s = new Sequence(false);
        Dataset item = new Dataset();
        item.setUndefinedLength(false);
        item.setString(Tag.PatientName, VR.PN, "A");
        s.add(item);
        d.put(Element.ofSequence(Tag.ReferencedSOPSequence, VR.SQ, s));
        byte[] before = TestData.encode(d, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        item.setString(Tag.PatientID, VR.LO, "0123456789");
        byte[] after = TestData.encode(d, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals(before.length + 18, after.length);
        assertEquals(after.length - 12, ByteOrders.i32(after, 8, false)); // sequence length
        assertEquals(after.length - 20, ByteOrders.i32(after, 16, false)); // item length
        Dataset back = DicomReader.read(after, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals("0123456789", back.getSequence(Tag.ReferencedSOPSequence).get(0).getString(Tag.PatientID));
    }

    @Test
    void transcodingAcrossVRExplicitnessDropsGroupLengths() throws IOException {
        Dataset d = new Dataset();
        d.setInt(Tag.of(0x0010, 0x0000), VR.UL, 10);
        d.setString(Tag.PatientName, VR.PN, "A^B");
        byte[] ex = TestData.encode(d, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Transcoder.transcode(new ByteArrayInputStream(ex), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, out,
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        Dataset back = DicomReader.read(out.toByteArray(), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertFalse(back.contains(Tag.of(0x0010, 0x0000)));
        assertEquals("A^B", back.getString(Tag.PatientName));
        out.reset();
        Transcoder.transcode(new ByteArrayInputStream(ex), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, out,
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        assertTrue(DicomReader.read(out.toByteArray(), TransferSyntax.EXPLICIT_VR_BIG_ENDIAN)
                .contains(Tag.of(0x0010, 0x0000)), "same header sizes: kept");
    }

    @Test
    void commandSetWithEveryCommandElement() throws IOException {
        Dataset c = new Dataset();
        c.setString(Tag.AffectedSOPClassUID, VR.UI, UID.CTImageStorage);
        c.setString(Tag.RequestedSOPClassUID, VR.UI, UID.MRImageStorage);
        c.setInt(Tag.CommandField, VR.US, 0x8021);
        c.setInt(Tag.MessageID, VR.US, 7);
        c.setInt(Tag.MessageIDBeingRespondedTo, VR.US, 6);
        c.setString(Tag.MoveDestination, VR.AE, "DEST");
        c.setInt(Tag.Priority, VR.US, 0);
        c.setInt(Tag.CommandDataSetType, VR.US, 0x0101);
        c.setInt(Tag.Status, VR.US, 0xA700);
        c.setInt(Tag.OffendingElement, VR.AT, Tag.PatientName, Tag.PatientID);
        c.setString(Tag.ErrorComment, VR.LO, "out of resources");
        c.setInt(Tag.ErrorID, VR.US, 3);
        c.setString(Tag.AffectedSOPInstanceUID, VR.UI, "1.2.3");
        c.setString(Tag.RequestedSOPInstanceUID, VR.UI, "1.2.4");
        c.setInt(Tag.EventTypeID, VR.US, 1);
        c.setInt(Tag.AttributeIdentifierList, VR.AT, Tag.Rows);
        c.setInt(Tag.ActionTypeID, VR.US, 1);
        c.setInt(Tag.NumberOfRemainingSuboperations, VR.US, 1);
        c.setInt(Tag.NumberOfCompletedSuboperations, VR.US, 2);
        c.setInt(Tag.NumberOfFailedSuboperations, VR.US, 3);
        c.setInt(Tag.NumberOfWarningSuboperations, VR.US, 4);
        c.setString(Tag.MoveOriginatorApplicationEntityTitle, VR.AE, "ORIG");
        c.setInt(Tag.MoveOriginatorMessageID, VR.US, 99);
        c.setInt(Tag.CommandGroupLength, VR.UL, 12345); // replaced by the computed value
        byte[] b = CommandSet.encode(c);
        Dataset back = CommandSet.decode(b);
        assertEquals(b.length - 12, back.getInt(Tag.CommandGroupLength, -1));
        assertEquals(c.size(), back.size());
        for (Element e : c) {
            if (e.tag() != Tag.CommandGroupLength) {
                assertEquals(e, back.get(e.tag()), Tag.toString(e.tag()));
            }
        }
        assertEquals(0xA700, back.getInt(Tag.Status, 0));
        assertArrayEquals(new int[] {Tag.PatientName, Tag.PatientID}, back.getInts(Tag.OffendingElement));
        assertThrows(IllegalArgumentException.class, () -> CommandSet.encode(new Dataset()
                .setString(Tag.PatientName, VR.PN, "x")));
    }
}
