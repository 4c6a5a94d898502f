package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Changing the transfer syntax keeps every value (issue 2 point 6), streamed and through a Dataset. */
class TranscodeTest {

    static List<Arguments> pairs() {
        List<Arguments> a = new ArrayList<>();
        for (TransferSyntax from : TestData.NATIVE) {
            for (TransferSyntax to : TestData.NATIVE) {
                a.add(Arguments.of(from, to));
            }
        }
        return a;
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void streamingTranscodeKeepsEveryValue(TransferSyntax from, TransferSyntax to) throws IOException {
        Dataset original = TestData.sample(from.bigEndian());
        byte[] in = TestData.encode(original, from);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Transcoder.transcode(new ByteArrayInputStream(in), from, out, to);
        Dataset back = DicomReader.read(out.toByteArray(), to);
        assertEquals(Canonical.of(original), Canonical.of(back));
        if (from.equals(to)) {
            assertArrayEquals(in, out.toByteArray(), "same syntax: same bytes");
        }
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void datasetTranscodeKeepsEveryValue(TransferSyntax from, TransferSyntax to) throws IOException {
        Dataset original = TestData.sample(from.bigEndian());
        Dataset read = DicomReader.read(TestData.encode(original, from), from);
        Dataset back = DicomReader.read(TestData.encode(read, to), to);
        assertEquals(Canonical.of(original), Canonical.of(back));
        assertEquals(-3, back.getInt(Tag.of(0x0028, 0x0106), 0) << 16 >> 16); // SS, whatever VR implicit gives
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void fileTranscode(TransferSyntax from, TransferSyntax to) throws IOException {
        Dataset original = TestData.sample(from.bigEndian());
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        DicomFile.of(original, from).write(f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Transcoder.transcodeFile(new ByteArrayInputStream(f.toByteArray()), out, to);
        DicomFile back = DicomFile.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(to, back.transferSyntax());
        assertEquals("1.2.3.4.5", back.fileMetaInformation().getString(Tag.MediaStorageSOPInstanceUID));
        assertEquals(Canonical.of(original), Canonical.of(back.dataset()));
    }

    @Test
    void encapsulatedDataIsNeverDecompressed() throws IOException {
        Dataset d = new Dataset();
        d.setString(Tag.PatientName, VR.PN, "X");
        d.put(Element.ofFragments(Tag.PixelData, VR.OB, new Fragments().add(new byte[0]).add(new byte[] {1, 2})));
        TransferSyntax jpeg = TransferSyntax.of(UID.JPEGBaseline8Bit);
        byte[] in = TestData.encode(d, jpeg);
        DicomCodecException e = assertThrows(DicomCodecException.class, () -> Transcoder.transcode(
                new ByteArrayInputStream(in), jpeg, new ByteArrayOutputStream(),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertEquals(Tag.PixelData, e.tag());
        // to another encapsulated syntax (e.g. a private one) the fragments go unchanged
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransferSyntax other = TransferSyntax.of("1.2.3.999");
        Transcoder.transcode(new ByteArrayInputStream(in), jpeg, out, other);
        assertArrayEquals(in, out.toByteArray());
    }

    @Test
    void largeValuesAreSwappedAcrossChunkBoundaries() throws IOException {
        // an OW value longer than the copy chunk, with an odd-sized first read
        Dataset d = new Dataset();
        int[] words = new int[100_003];
        for (int i = 0; i < words.length; i++) {
            words[i] = i & 0xFFFF;
        }
        d.setInt(Tag.PixelData, VR.OW, words);
        byte[] le = TestData.encode(d, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        ByteArrayOutputStream be = new ByteArrayOutputStream();
        java.io.InputStream trickle = new java.io.FilterInputStream(new ByteArrayInputStream(le)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 4097)); // odd reads
            }
        };
        Transcoder.transcode(trickle, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, be,
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        Dataset back = DicomReader.read(be.toByteArray(), TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        assertArrayEquals(words, back.getInts(Tag.PixelData));
    }

    @Test
    void nativeSyntaxesConvertToEachOtherAnEncapsulatedOneOnlyToItself() {
        for (TransferSyntax from : TestData.NATIVE) {
            for (TransferSyntax to : TestData.NATIVE) {
                Transcoder.checkConvertible(from, to);
            }
        }
        TransferSyntax jpeg = TransferSyntax.of(UID.JPEGBaseline8Bit);
        TransferSyntax rle = TransferSyntax.of(UID.RLELossless);
        Transcoder.checkConvertible(jpeg, jpeg);
        IllegalArgumentException compress = assertThrows(IllegalArgumentException.class,
                () -> Transcoder.checkConvertible(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, jpeg));
        assertEquals("cannot convert to " + TransferSyntaxNames.describe(UID.JPEGBaseline8Bit)
                + ": dicomsec does not compress pixel data", compress.getMessage());
        IllegalArgumentException decompress = assertThrows(IllegalArgumentException.class,
                () -> Transcoder.checkConvertible(rle, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertEquals("cannot convert " + TransferSyntaxNames.describe(UID.RLELossless) + " to 1.2.840.10008.1.2.1"
                + " (Explicit VR Little Endian): dicomsec does not decompress pixel data", decompress.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Transcoder.checkConvertible(rle, jpeg),
                "one compression's data is not another's");
    }
}
