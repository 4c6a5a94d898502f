package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The encodings of vectors/encodings.txt (PS3.5 7.1, 7.5, 6.2.2, A.4; PS3.7 E): decode, re-encode, build. */
class VectorTest {

    record Vector(String name, TransferSyntax ts, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Map<String, Vector> vectors() throws IOException {
        Map<String, Vector> m = new LinkedHashMap<>();
        try (InputStream in = VectorTest.class.getResourceAsStream("/vectors/encodings.txt")) {
            assertNotNull(in, "vectors/encodings.txt");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|");
                m.put(f[0].trim(), new Vector(f[0].trim(), TransferSyntax.of(f[1].trim()), TestData.hex(f[2])));
            }
        }
        return m;
    }

    static List<Vector> all() throws IOException {
        return new ArrayList<>(vectors().values());
    }

    static Vector v(String name) throws IOException {
        return vectors().get(name);
    }

    @ParameterizedTest
    @MethodSource("all")
    void decodeThenEncodeGivesTheSameBytes(Vector v) throws IOException {
        Dataset ds = DicomReader.read(v.bytes(), v.ts());
        assertArrayEquals(v.bytes(), TestData.encode(ds, v.ts()), v.name());
    }

    @Test
    void personNameInThreeSyntaxes() throws IOException {
        for (String n : new String[] {"pn-explicit-le", "pn-explicit-be", "pn-implicit-le"}) {
            Dataset d = new Dataset();
            d.setString(Tag.PatientName, VR.PN, "Doe^John");
            assertArrayEquals(v(n).bytes(), TestData.encode(d, v(n).ts()), n);
            assertEquals("Doe^John", DicomReader.read(v(n).bytes(), v(n).ts()).getString(Tag.PatientName));
        }
    }

    @Test
    void binaryValuesAreSwappedByVR() throws IOException {
        Dataset le = new Dataset();
        le.setInt(Tag.Rows, VR.US, 512);
        assertArrayEquals(v("us-explicit-le").bytes(), TestData.encode(le, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        // the same little endian element written in big endian is swapped on the way out
        assertArrayEquals(v("us-explicit-be").bytes(), TestData.encode(le, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN));
        assertEquals(512, DicomReader.read(v("us-explicit-be").bytes(), TransferSyntax.EXPLICIT_VR_BIG_ENDIAN)
                .getInt(Tag.Rows, 0));
        Dataset at = new Dataset();
        at.setInt(Tag.of(0x0020, 0x9165), VR.AT, Tag.PatientName);
        // AT: two 16-bit halves, each in the syntax's byte order
        assertArrayEquals(v("at-explicit-be").bytes(), TestData.encode(at, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN));
    }

    @Test
    void sequencesOfDefinedAndUndefinedLength() throws IOException {
        Dataset d = new Dataset();
        Sequence s = d.newSequence(Tag.ReferencedSOPSequence);
        s.addItem().setString(Tag.ReferencedSOPClassUID, VR.UI, "1.2.3");
        assertArrayEquals(v("sq-undefined-le").bytes(), TestData.encode(d, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        s.setUndefinedLength(false);
        s.get(0).setUndefinedLength(false);
        assertArrayEquals(v("sq-defined-le").bytes(), TestData.encode(d, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertArrayEquals(v("sq-defined-impl").bytes(), TestData.encode(d, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
        Dataset back = DicomReader.read(v("sq-mixed-be").bytes(), TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        Sequence bs = back.getSequence(Tag.ReferencedSOPSequence);
        assertTrue(bs.undefinedLength());
        assertTrue(!bs.get(0).undefinedLength());
        assertEquals("1.2.3", bs.get(0).getString(Tag.ReferencedSOPClassUID));
    }

    @Test
    void unOfUndefinedLengthIsAnImplicitVRSequence() throws IOException {
        Dataset d = DicomReader.read(v("un-sequence-le").bytes(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Element e = d.get(Tag.of(0x0009, 0x1010));
        assertEquals(VR.UN, e.vr());
        assertTrue(e.isSequence());
        assertEquals("1.2.3", e.sequence().get(0).getString(Tag.ReferencedSOPClassUID));
        // to implicit VR it becomes an ordinary undefined length sequence with the same item
        byte[] implicit = TestData.encode(d, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        Dataset back = DicomReader.read(implicit, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertEquals("1.2.3", back.getSequence(Tag.of(0x0009, 0x1010)).get(0).getString(Tag.ReferencedSOPClassUID));
    }

    @Test
    void encapsulatedPixelDataStaysOpaque() throws IOException {
        Vector v = v("encapsulated-le");
        assertTrue(v.ts().encapsulated());
        Dataset d = DicomReader.read(v.bytes(), v.ts());
        Fragments f = d.getFragments(Tag.PixelData);
        assertEquals(2, f.size());
        assertArrayEquals(new byte[4], f.basicOffsetTable());
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}, f.items().get(1));
        Dataset built = new Dataset();
        built.put(Element.ofFragments(Tag.PixelData, VR.OB, new Fragments().add(new byte[4])
                .add(f.items().get(1))));
        assertArrayEquals(v.bytes(), TestData.encode(built, v.ts()));
    }

    @Test
    void echoCommandSet() throws IOException {
        Dataset cmd = new Dataset();
        cmd.setString(Tag.AffectedSOPClassUID, VR.UI, UID.Verification);
        cmd.setInt(Tag.CommandField, VR.US, 0x0030);
        cmd.setInt(Tag.MessageID, VR.US, 1);
        cmd.setInt(Tag.CommandDataSetType, VR.US, 0x0101);
        byte[] bytes = CommandSet.encode(cmd);
        assertArrayEquals(v("c-echo-rq").bytes(), bytes);
        Dataset back = CommandSet.decode(bytes);
        assertEquals(56, back.getInt(Tag.CommandGroupLength, -1));
        assertEquals(UID.Verification, back.getString(Tag.AffectedSOPClassUID));
        assertEquals(0x0030, back.getInt(Tag.CommandField, -1));
        assertEquals(VR.US, back.get(Tag.MessageID).vr());
        assertEquals(0x0101, back.getInt(Tag.CommandDataSetType, -1));
    }
}
