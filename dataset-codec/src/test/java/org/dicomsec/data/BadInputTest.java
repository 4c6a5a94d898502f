package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Issue 2 point 9: each kind of bad input ends in a DicomCodecException naming offset and tag. */
class BadInputTest {

    private static final TransferSyntax ELE = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    private static final TransferSyntax ILE = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;

    private static DicomCodecException fails(byte[] b, TransferSyntax ts) {
        return assertThrows(DicomCodecException.class, () -> DicomReader.read(b, ts));
    }

    /** Reads without telling the reader the stream length: only the stream's end reveals truncation. */
    private static DicomCodecException failsStreaming(byte[] b, TransferSyntax ts, ReadLimits limits) {
        return assertThrows(DicomCodecException.class,
                () -> new DicomReader(new ByteArrayInputStream(b), ts, limits, 0).readDataset());
    }

    @Test
    void everyTruncationEndsInAValueOrACodecException() throws IOException {
        for (TransferSyntax ts : TestData.NATIVE) {
            byte[] full = TestData.encode(TestData.sample(ts.bigEndian()), ts);
            for (int n = 0; n < full.length; n++) {
                byte[] cut = Arrays.copyOf(full, n);
                try {
                    new DicomReader(new ByteArrayInputStream(cut), ts).readDataset();
                } catch (DicomCodecException expected) {
                    assertTrue(expected.getMessage().length() > 0);
                }
            }
        }
    }

    @Test
    void truncatedValueNamesTagAndOffset() {
        // (0010,0010) PN length 8, 3 bytes present
        byte[] b = TestData.hex("10001000 504E 0800 446F65");
        DicomCodecException e = failsStreaming(b, ELE, ReadLimits.DEFAULT);
        assertEquals(Tag.PatientName, e.tag());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.offset() >= 8, "offset " + e.offset());
    }

    @Test
    void skippingATruncatedValueOfAFileIsNoSilentEnd(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws IOException {
        // FileInputStream.skip can seek past the end of a file: a skipped, truncated value must still fail
        byte[] b = TestData.hex("10001000 504E 0800 446F65");
        java.nio.file.Path f = tmp.resolve("t.bin");
        java.nio.file.Files.write(f, b);
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(f)) {
            DicomReader r = new DicomReader(in, ELE);
            assertEquals(DicomReader.Event.ELEMENT, r.next());
            DicomCodecException e = assertThrows(DicomCodecException.class, r::next);
            assertEquals(Tag.PatientName, e.tag());
        }
        try (java.io.InputStream in = new java.io.FileInputStream(f.toFile())) {
            DicomReader r = new DicomReader(in, ELE);
            assertEquals(DicomReader.Event.ELEMENT, r.next());
            assertThrows(DicomCodecException.class, r::skipValue);
        }
    }

    @Test
    void lengthPastTheEndOfTheStream() {
        byte[] b = TestData.hex("10001000 504E 0800 446F65");
        DicomCodecException e = fails(b, ELE); // stream length known: reported before reading
        assertEquals(Tag.PatientName, e.tag());
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("past the end of the stream"), e.getMessage());
    }

    @Test
    void lengthPastTheEndOfTheEnclosingItem() {
        // item of length 14 holding an element that claims 0x20 bytes
        byte[] b = TestData.hex("08009911 5351 0000 FFFFFFFF FEFF00E0 0E000000 08005011 5549 2000 312E322E3300"
                + "0000000000000000000000000000000000000000000000000000 FEFFDDE0 00000000");
        DicomCodecException e = fails(b, ELE);
        assertEquals(Tag.ReferencedSOPClassUID, e.tag());
        assertEquals(20, e.offset());
        assertTrue(e.getMessage().contains("enclosing item"), e.getMessage());
    }

    @Test
    void headerAcrossTheEndOfAnItem() {
        // item of length 6: an 8-byte element header cannot fit
        byte[] b = TestData.hex("08009911 5351 0000 FFFFFFFF FEFF00E0 06000000 08005011 5549 0000"
                + "FEFFDDE0 00000000");
        DicomCodecException e = fails(b, ELE);
        assertTrue(e.getMessage().contains("header runs past"), e.getMessage());
        assertEquals(20, e.offset());
    }

    @Test
    void itemLongerThanItsSequence() throws Exception {
        // the item is read up to the sequence's end (lenient, as DCMTK); its element does not fit there
        byte[] b = TestData.hex("08009911 5351 0000 10000000 FEFF00E0 20000000 08005011 5549 0600 312E322E3300");
        DicomCodecException e = fails(b, ELE);
        assertTrue(e.getMessage().contains("runs past"), e.getMessage());
        // the same with a sequence length that holds the element: read, as DCMTK and pydicom read
        // pydicom's DICOMDIR-nooffset (the item's own length overruns by the elements removed)
        byte[] fits = TestData.hex("08009911 5351 0000 16000000 FEFF00E0 20000000 08005011 5549 0600 312E322E3300");
        Dataset ds = DicomReader.read(fits, ELE);
        assertEquals("1.2.3", ds.getSequence(Tag.ReferencedSOPSequence).get(0).getString(0x00081150));
    }

    @Test
    void oddLengthWhereTheVRForbidsIt() {
        // US of length 3, FL of length 6
        assertEquals(Tag.Rows, fails(TestData.hex("28001000 5553 0300 000200"), ELE).tag());
        DicomCodecException e = fails(TestData.hex("18008990 464C 0600 000000000000"), ELE);
        assertTrue(e.getMessage().contains("not a multiple of 4"), e.getMessage());
    }

    @Test
    void badVRCode() {
        DicomCodecException e = fails(TestData.hex("10001000 5A5A 0200 4142"), ELE);
        assertEquals(Tag.PatientName, e.tag());
        assertEquals(4, e.offset());
        assertTrue(e.getMessage().contains("bad VR"), e.getMessage());
    }

    @Test
    void undefinedLengthWhereNotAllowed() {
        // UT with undefined length
        DicomCodecException e = fails(TestData.hex("08001941 5554 0000 FFFFFFFF 41424344"), ELE);
        assertTrue(e.getMessage().contains("undefined length not allowed"), e.getMessage());
        assertEquals(0x00084119, e.tag());
    }

    @Test
    void undefinedLengthFragmentItem() {
        byte[] b = TestData.hex("E07F1000 4F42 0000 FFFFFFFF FEFF00E0 FFFFFFFF 00000000");
        DicomCodecException e = fails(b, TransferSyntax.of(UID.JPEGBaseline8Bit));
        assertEquals(Tag.PixelData, e.tag());
        assertEquals(12, e.offset());
    }

    @Test
    void delimiterOrItemWhereAnElementIsExpected() {
        assertEquals(Tag.ItemDelimitationItem, fails(TestData.hex("FEFF0DE0 00000000"), ILE).tag());
        DicomCodecException e = fails(TestData.hex("08009911 5351 0000 FFFFFFFF 10001000 00000000"), ELE);
        assertTrue(e.getMessage().contains("expected an Item"), e.getMessage());
    }

    @Test
    void nestingTenThousandDeepIsRefusedQuickly() {
        int depth = 10_000;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] open = TestData.hex("08009911 5351 0000 FFFFFFFF FEFF00E0 FFFFFFFF");
        byte[] close = TestData.hex("FEFF0DE0 00000000 FEFFDDE0 00000000");
        for (int i = 0; i < depth; i++) {
            out.writeBytes(open);
        }
        for (int i = 0; i < depth; i++) {
            out.writeBytes(close);
        }
        byte[] b = out.toByteArray();
        DicomCodecException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> fails(b, ELE));
        assertTrue(e.getMessage().contains("nested deeper than 64"), e.getMessage());
        assertEquals(64 * 20, e.offset());
        // with a limit that allows it, the iterative reader builds the whole tree without recursion
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Dataset d = new DicomReader(new ByteArrayInputStream(b), ELE,
                    ReadLimits.DEFAULT.withMaxDepth(depth), 0).readDataset();
            int n = 0;
            for (Dataset cur = d; cur.getSequence(Tag.ReferencedSOPSequence) != null; n++) {
                cur = cur.getSequence(Tag.ReferencedSOPSequence).get(0);
            }
            assertEquals(depth, n);
        });
    }

    @Test
    void valueAboveTheInMemoryLimitIsRefusedButCanBeSkipped() throws IOException {
        byte[] b = TestData.hex("0900 0110 4F42 0000 00080000") ;
        byte[] full = Arrays.copyOf(b, b.length + 2048);
        ReadLimits small = ReadLimits.DEFAULT.withMaxValueLength(1024);
        DicomCodecException e = failsStreaming(full, ELE, small);
        assertEquals(0x00091001, e.tag());
        assertTrue(e.getMessage().contains("in-memory limit"), e.getMessage());
        DicomReader r = new DicomReader(new ByteArrayInputStream(full), ELE, small, 0);
        assertEquals(DicomReader.Event.ELEMENT, r.next());
        assertEquals(2048, r.copyValue(new ByteArrayOutputStream()));
        assertEquals(DicomReader.Event.END, r.next());
    }

    @Test
    void hugeClaimedLengthOnATinyStreamAllocatesNothingLarge() {
        // claims 200 MB (under the 256 MiB default limit) but holds 4 bytes: read in chunks, ends at the stream's end
        byte[] b = TestData.hex("0900 0110 4F42 0000 00C2EB0B 01020304");
        DicomCodecException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> failsStreaming(b, ELE, ReadLimits.DEFAULT));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        // 0xFFFFFFF0 is above any in-memory limit
        byte[] c = TestData.hex("0900 0110 4F42 0000 F0FFFFFF 01020304");
        assertTrue(failsStreaming(c, ELE, ReadLimits.DEFAULT).getMessage().contains("in-memory limit"));
    }

    @Test
    void corruptDeflatedDataSet() {
        byte[] b = {(byte) 0xFF, 0x13, 0x77, 0x01, 0x02, 0x03, 0x04, 0x05};
        try {
            DicomReader.read(b, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
            fail("corrupt deflate data read without error");
        } catch (DicomCodecException expected) {
            assertTrue(expected.getMessage().contains("deflate"), expected.getMessage());
        } catch (IOException other) {
            fail("not a DicomCodecException: " + other);
        }
    }

    @Test
    void commandSetWithAnElementOutsideGroup0000() {
        byte[] b = TestData.hex("10001000 02000000 4142");
        assertThrows(DicomCodecException.class, () -> CommandSet.decode(b));
    }
}
