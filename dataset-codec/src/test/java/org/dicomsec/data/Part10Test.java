package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** PS3.10 7.1 files: preamble, DICM, File Meta Information; files without preamble or meta information. */
class Part10Test {

    @TempDir
    Path tmp;

    static TransferSyntax[] syntaxes() {
        return TestData.NATIVE;
    }

    @ParameterizedTest
    @MethodSource("syntaxes")
    void writeThenReadAFileInEachSyntax(TransferSyntax ts) throws IOException {
        Dataset ds = TestData.sample(ts.bigEndian());
        Path f = tmp.resolve("x.dcm");
        DicomFile.of(ds, ts).write(f);
        byte[] bytes = Files.readAllBytes(f);
        assertArrayEquals(new byte[128], Arrays.copyOf(bytes, 128));
        assertEquals("DICM", new String(bytes, 128, 4, StandardCharsets.US_ASCII));
        // (0002,0000) UL 4, value = bytes of the rest of group 0002 (PS3.10 7.1)
        assertArrayEquals(TestData.hex("02000000 554C 0400"), Arrays.copyOfRange(bytes, 132, 140));
        int groupLength = ByteOrders.i32(bytes, 140, false);
        int next = 144 + groupLength;
        assertTrue(ByteOrders.u16(bytes, next - 0, ts.bigEndian()) != 0x0002 || ts.deflated());

        DicomFile back = DicomFile.read(f);
        Dataset fmi = back.fileMetaInformation();
        assertEquals(groupLength, fmi.getInt(Tag.FileMetaInformationGroupLength, -1));
        assertArrayEquals(new byte[] {0, 1}, fmi.getBytes(Tag.FileMetaInformationVersion));
        assertEquals(UID.ImplementationClassUID, fmi.getString(Tag.ImplementationClassUID));
        assertEquals(UID.ImplementationVersionName, fmi.getString(Tag.ImplementationVersionName));
        assertEquals(ts.uid(), fmi.getString(Tag.TransferSyntaxUID));
        assertEquals(UID.SecondaryCaptureImageStorage, fmi.getString(Tag.MediaStorageSOPClassUID));
        assertEquals("1.2.3.4.5", fmi.getString(Tag.MediaStorageSOPInstanceUID));
        assertEquals(ts, back.transferSyntax());
        assertEquals("Doe^John", back.dataset().getString(Tag.PatientName));
        // lossless: written again, the same bytes
        Path g = tmp.resolve("y.dcm");
        back.write(g);
        assertArrayEquals(bytes, Files.readAllBytes(g));
    }

    @ParameterizedTest
    @MethodSource("syntaxes")
    void rawDataSetBytesForSendingUnchanged(TransferSyntax ts) throws IOException {
        Dataset ds = TestData.sample(ts.bigEndian());
        byte[] file = toBytes(DicomFile.of(ds, ts));
        DicomFileReader r = DicomFileReader.open(new ByteArrayInputStream(file));
        byte[] raw = r.dataSetStream().readAllBytes();
        assertEquals(file.length - r.dataSetOffset(), raw.length);
        assertArrayEquals(Arrays.copyOfRange(file, (int) r.dataSetOffset(), file.length), raw);
        if (!ts.deflated()) {
            assertArrayEquals(TestData.encode(ds, ts), raw);
        }
        DicomFileReader used = DicomFileReader.open(new ByteArrayInputStream(file));
        used.reader().next();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, used::dataSetStream);
    }

    @Test
    void implementationClassUIDIsAValid225UID() {
        assertTrue(UID.isValid(UID.ImplementationClassUID));
        assertTrue(UID.ImplementationClassUID.startsWith("2.25."));
        assertTrue(UID.ImplementationVersionName.length() <= 16);
        String r = UID.randomUID();
        assertTrue(UID.isValid(r) && r.startsWith("2.25."), r);
    }

    @Test
    void fileWithoutPreamble() throws IOException {
        byte[] full = fileBytes(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] noPreamble = Arrays.copyOfRange(full, 128, full.length); // starts with DICM
        DicomFileReader r = DicomFileReader.open(new ByteArrayInputStream(noPreamble));
        assertNull(r.preamble());
        assertEquals(UID.ExplicitVRLittleEndian, r.fileMetaInformation().getString(Tag.TransferSyntaxUID));
        assertEquals("Doe^John", r.readDataset().getString(Tag.PatientName));
        byte[] metaOnly = Arrays.copyOfRange(full, 132, full.length); // starts with group 0002
        DicomFile f = DicomFile.read(new ByteArrayInputStream(metaOnly));
        assertEquals("Doe^John", f.dataset().getString(Tag.PatientName));
        assertEquals(UID.ExplicitVRLittleEndian, f.fileMetaInformation().getString(Tag.TransferSyntaxUID));
    }

    @Test
    void metaInformationWithoutGroupLength() throws IOException {
        byte[] full = fileBytes(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        // drop (0002,0000): 12 bytes after DICM
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(full, 0, 132);
        out.write(full, 144, full.length - 144);
        DicomFile f = DicomFile.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, f.transferSyntax());
        assertEquals("Doe^John", f.dataset().getString(Tag.PatientName));
        assertEquals(2, f.dataset().getSequence(Tag.ReferencedSOPSequence).size());
    }

    @Test
    void metaInformationWrittenInImplicitVRByAnOldWriter() throws IOException {
        Dataset meta = FileMetaInformation.forWriting(FileMetaInformation.create("1.2.3", "4.5.6",
                UID.ExplicitVRLittleEndian));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        DicomWriter.write(out, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, meta);
        DicomWriter.write(out, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TestData.sample(false));
        DicomFile f = DicomFile.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals("4.5.6", f.fileMetaInformation().getString(Tag.MediaStorageSOPInstanceUID));
        assertEquals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, f.transferSyntax());
        assertEquals("Doe^John", f.dataset().getString(Tag.PatientName));
    }

    @Test
    void oneLinersForStreams() throws IOException {
        Dataset d = TestData.sample(false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.write(out, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, d);
        assertArrayEquals(out.toByteArray(), DicomWriter.encode(d, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
        Dataset back = DicomReader.read(new ByteArrayInputStream(out.toByteArray()),
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertEquals(Canonical.of(d), Canonical.of(back));
    }

    @ParameterizedTest
    @MethodSource("syntaxes")
    void bareDataSetWithoutMetaInformationIsSniffed(TransferSyntax ts) throws IOException {
        if (ts.deflated()) {
            return; // a bare deflated data set cannot be told from noise: not sniffed
        }
        byte[] bare = TestData.encode(TestData.sample(ts.bigEndian()), ts);
        DicomFileReader r = DicomFileReader.open(new ByteArrayInputStream(bare));
        assertEquals(ts, r.transferSyntax());
        assertTrue(r.fileMetaInformation().isEmpty());
        Dataset d = r.readDataset();
        assertEquals("Doe^John", d.getString(Tag.PatientName));
        assertArrayEquals(bare, TestData.encode(d, ts));
    }

    @Test
    void deflatedDataThatLooksLikeGroup0002IsNotTakenForMetaInformation() throws IOException {
        // a fixed-Huffman, non-final first block starts with byte 02H (BFINAL 0, BTYPE 01): with a 00H next
        // it would read as a group 0002 tag; the group length stops the meta information before it
        byte[] file = toBytes(DicomFile.of(TestData.sample(false), TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN));
        int groupLength = ByteOrders.i32(file, 140, false);
        int dataStart = 144 + groupLength;
        ByteArrayOutputStream forged = new ByteArrayOutputStream();
        forged.write(file, 0, dataStart);
        forged.write(new byte[] {0x02, 0x00, 0x10, 0x00}, 0, 4); // not valid deflate: must fail in the data set
        DicomFileReader r = DicomFileReader.open(new ByteArrayInputStream(forged.toByteArray()));
        assertEquals(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, r.transferSyntax());
        assertEquals(dataStart, r.reader().position());
        org.junit.jupiter.api.Assertions.assertThrows(DicomCodecException.class, r::readDataset);
    }

    @Test
    void deflatedFileIsReallyDeflated() throws IOException {
        Dataset ds = TestData.sample(false);
        byte[] big = new byte[100_000];
        ds.setBytes(Tag.PixelData, VR.OB, big); // zeros deflate well
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomFile.of(ds, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN).write(out);
        assertTrue(out.size() < 5_000, "deflated size " + out.size());
        DicomFile back = DicomFile.read(new ByteArrayInputStream(out.toByteArray()));
        assertArrayEquals(big, back.dataset().getBytes(Tag.PixelData));
    }

    @Test
    void stopBeforePixelDataThenStreamIt() throws IOException {
        Dataset ds = TestData.sample(false);
        byte[] pixels = new byte[300_000];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        ds.setBytes(Tag.PixelData, VR.OW, pixels);
        ds.setBytes(Tag.DataSetTrailingPadding, VR.OB, new byte[0]);
        byte[] file = toBytes(DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        DicomFileReader r = DicomFileReader.open(new ByteArrayInputStream(file),
                ReadLimits.DEFAULT.withMaxValueLength(1024).withStreamLength(file.length));
        Dataset head = r.readDataset(Tag.PixelData);
        assertTrue(!head.contains(Tag.PixelData));
        assertEquals("Doe^John", head.getString(Tag.PatientName));
        DicomReader dr = r.reader();
        assertEquals(DicomReader.Event.ELEMENT, dr.next());
        assertEquals(Tag.PixelData, dr.tag());
        assertEquals(VR.OW, dr.vr());
        assertEquals(pixels.length, dr.length());
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        dr.copyValue(copy);
        assertArrayEquals(pixels, copy.toByteArray());
        assertEquals(DicomReader.Event.ELEMENT, dr.next());
        assertEquals(Tag.DataSetTrailingPadding, dr.tag());
        assertEquals(DicomReader.Event.END, dr.next());
        assertEquals(file.length, dr.position());
    }

    @Test
    void changingTheSyntaxOfAReadFileDropsStaleGroupLengths() throws IOException {
        Dataset ds = TestData.sample(false);
        ds.setInt(Tag.of(0x0010, 0x0000), VR.UL, 999); // a group length
        byte[] explicit = toBytes(DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        DicomFile f = DicomFile.read(new ByteArrayInputStream(explicit));
        assertEquals(999, f.dataset().getInt(Tag.of(0x0010, 0x0000), -1));
        assertArrayEquals(explicit, toBytes(f)); // same syntax: kept as read
        DicomFile implicit = DicomFile.read(new ByteArrayInputStream(
                toBytes(f.withTransferSyntax(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN))));
        assertTrue(!implicit.dataset().contains(Tag.of(0x0010, 0x0000)));
        assertEquals("Doe^John", implicit.dataset().getString(Tag.PatientName));
    }

    private static byte[] fileBytes(TransferSyntax ts) throws IOException {
        return toBytes(DicomFile.of(TestData.sample(ts.bigEndian()), ts));
    }

    private static byte[] toBytes(DicomFile f) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.write(out);
        return out.toByteArray();
    }
}
