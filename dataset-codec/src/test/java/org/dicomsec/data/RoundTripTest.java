package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

    static TransferSyntax[] syntaxes() {
        return TestData.NATIVE;
    }

    @ParameterizedTest
    @MethodSource("syntaxes")
    void encodeDecodeEncodeIsIdentity(TransferSyntax ts) throws Exception {
        Dataset ds = TestData.sample(ts.bigEndian());
        byte[] first = TestData.encode(ds, ts);
        Dataset back = DicomReader.read(first, ts);
        byte[] second = TestData.encode(back, ts);
        assertArrayEquals(first, second);
        assertEquals("Doe^John", back.getString(Tag.PatientName));
        if (!ts.explicitVR()) {
            // implicit VR: the VRs come from the dictionary; the bytes are what must survive
            assertArrayEquals(ds.get(Tag.of(0x0028, 0x0106)).bytes(), back.get(Tag.of(0x0028, 0x0106)).bytes());
            return;
        }
        assertEquals(-3, back.getInt(Tag.of(0x0028, 0x0106), 0));
        assertEquals(123456789, back.getInt(Tag.of(0x0020, 0x9057), 0));
        assertEquals(-2.25, back.getDoubles(Tag.of(0x0018, 0x9087))[1]);
        assertEquals(1L << 50, back.getLong(Tag.of(0x0072, 0x0083), 0));
        assertEquals(Tag.PatientName, back.getInt(Tag.of(0x0020, 0x9165), 0));
        assertEquals(2, back.getSequence(Tag.ReferencedSOPSequence).size());
        Dataset item2 = back.getSequence(Tag.ReferencedSOPSequence).get(1);
        assertEquals("CODE", item2.getSequence(Tag.of(0x0040, 0xA043)).get(0).getString(Tag.of(0x0008, 0x0100)));
        assertArrayEquals(new int[] {1, 2, 3, 0xFFFF}, back.getInts(Tag.PixelData));
    }
}
