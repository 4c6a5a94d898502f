package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * "US or SS" elements (PS3.6) in Implicit VR take their VR from the Pixel
 * Representation (0028,0103) of their own data set or item (PS3.5 A.1,
 * PS3.3 C.7.6.3.1.4): SS when it is 1, US otherwise. Bytes assembled by hand.
 */
class AmbiguousPixelVrTest {

    /** (0028,0103) US = pixelRepresentation, (0028,0106) "US or SS" = FFFE. */
    private static byte[] implicit(int pixelRepresentation) {
        return new byte[] {
            0x28, 0x00, 0x03, 0x01, 2, 0, 0, 0, (byte) pixelRepresentation, 0,
            0x28, 0x00, 0x06, 0x01, 2, 0, 0, 0, (byte) 0xFE, (byte) 0xFF,
        };
    }

    @Test
    void signedPixelsMakeSmallestImagePixelValueSs() throws IOException {
        Dataset ds = DicomReader.read(implicit(1), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertEquals(VR.SS, ds.get(0x00280106).vr());
        assertEquals(-2, ds.getInt(0x00280106, 0));
    }

    @Test
    void unsignedPixelsKeepUs() throws IOException {
        Dataset ds = DicomReader.read(implicit(0), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertEquals(VR.US, ds.get(0x00280106).vr());
        assertEquals(65534, ds.getInt(0x00280106, 0));
    }

    @Test
    void transcodingToExplicitVrWritesSsAsDcmtkDoes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Transcoder.transcode(new ByteArrayInputStream(implicit(1)), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, out,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] b = out.toByteArray();
        // second element's header: tag 4 bytes, then the VR "SS"
        assertEquals('S', b[10 + 4]);
        assertEquals('S', b[10 + 5]);
    }

    @Test
    void anItemHasItsOwnPixelRepresentation() throws IOException {
        // top level signed; an item (Icon Image Sequence (0088,0200), undefined lengths) unsigned
        byte[] top = implicit(1);
        byte[] item = implicit(0);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(top);
        b.writeBytes(new byte[] {(byte) 0x88, 0x00, 0x00, 0x02, -1, -1, -1, -1}); // SQ, undefined length
        b.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, -1, -1, -1, -1}); // item
        b.writeBytes(item);
        b.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, 0x0D, (byte) 0xE0, 0, 0, 0, 0}); // item end
        b.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0, 0, 0}); // seq end
        Dataset ds = DicomReader.read(b.toByteArray(), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertEquals(VR.SS, ds.get(0x00280106).vr());
        assertEquals(VR.US, ds.getSequence(0x00880200).get(0).get(0x00280106).vr());
    }
}
