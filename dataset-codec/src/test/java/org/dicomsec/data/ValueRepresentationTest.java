package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every VR of PS3.5 2024 table 6.2-1: encoding, value multiplicity, padding, both byte orders. */
class ValueRepresentationTest {

    private static final int T = Tag.of(0x0011, 0x1010); // a private tag: the VR is whatever the test sets

    /** Writes {@code d} in explicit LE and BE and reads it back; both must give the same values. */
    private static Dataset[] both(Dataset d) throws IOException {
        Dataset le = DicomReader.read(TestData.encode(d, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Dataset be = DicomReader.read(TestData.encode(d, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN),
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        return new Dataset[] {le, be};
    }

    @Test
    void allThirtyFourVRsOfPs35() {
        Set<String> expected = Set.of("AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD", "IS", "LO", "LT", "OB",
                "OD", "OF", "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN",
                "UR", "US", "UT", "UV");
        assertEquals(34, VR.values().length);
        for (VR vr : VR.values()) {
            assertTrue(expected.contains(vr.name()), vr.name());
            assertEquals(vr, VR.ofCode(vr.code()));
        }
        // PS3.5 table 7.1-1: the VRs with a 32-bit length in explicit VR
        Set<VR> longHeader = EnumSet.of(VR.OB, VR.OD, VR.OF, VR.OL, VR.OV, VR.OW, VR.SQ, VR.SV, VR.UC, VR.UN,
                VR.UR, VR.UT, VR.UV);
        for (VR vr : VR.values()) {
            assertEquals(longHeader.contains(vr), vr.hasLongHeader(), vr.name());
        }
    }

    @ParameterizedTest
    @EnumSource(value = VR.class, names = {"AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST",
            "TM", "UC", "UI", "UR", "UT"})
    void textValuesArePaddedToEvenLength(VR vr) throws IOException {
        Dataset d = new Dataset();
        d.setString(T, vr, "123");
        byte[] b = d.getBytes(T);
        assertEquals(4, b.length);
        assertEquals(vr == VR.UI ? 0 : ' ', b[3], "PS3.5 6.2 padding of " + vr);
        for (Dataset r : both(d)) {
            assertEquals("123", r.getString(T));
        }
    }

    @ParameterizedTest
    @EnumSource(value = VR.class, names = {"AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "PN", "SH", "TM", "UC",
            "UI"})
    void multiValuedTextIsSplitOnBackslash(VR vr) throws IOException {
        Dataset d = new Dataset();
        d.setString(T, vr, "1", "22", "33");
        assertArrayEquals("1\\22\\33 ".replace(' ', (char) vr.padding()).getBytes(), d.getBytes(T));
        for (Dataset r : both(d)) {
            assertArrayEquals(new String[] {"1", "22", "33"}, r.getStrings(T));
        }
    }

    @ParameterizedTest
    @EnumSource(value = VR.class, names = {"LT", "ST", "UT", "UR"})
    void singleValuedTextKeepsBackslashes(VR vr) throws IOException {
        Dataset d = new Dataset();
        d.setString(T, vr, "  a\\b");
        for (Dataset r : both(d)) {
            assertArrayEquals(new String[] {vr == VR.UR ? "  a\\b" : "  a\\b"}, r.getStrings(T));
        }
        assertThrows(IllegalArgumentException.class, () -> d.setString(T, vr, "a", "b"));
    }

    @Test
    void insignificantSpacesAreTrimmed() throws IOException {
        Dataset d = new Dataset();
        d.setBytes(T, VR.LO, " ab  ".getBytes());
        assertEquals("ab", d.getString(T));
        d.setBytes(T, VR.ST, " ab  ".getBytes());
        assertEquals(" ab", d.getString(T)); // PS3.5 6.2: leading spaces of ST are significant
        d.setBytes(T, VR.UI, "1.2\0".getBytes());
        assertEquals("1.2", d.getString(T));
        d.setBytes(T, VR.CS, new byte[0]);
        assertEquals(0, d.getStrings(T).length);
        assertEquals("none", d.getString(T, "none"));
    }

    @Test
    void textOutsideTheDefaultRepertoireIsRefusedForStringVRs() {
        Dataset d = new Dataset();
        assertThrows(IllegalArgumentException.class, () -> d.setString(T, VR.CS, "é"));
    }

    @Test
    void unsignedAndSignedIntegers() throws IOException {
        Dataset d = new Dataset();
        d.setInt(Tag.of(0x0011, 0x1001), VR.US, 0xFFFF, 1);
        d.setInt(Tag.of(0x0011, 0x1002), VR.SS, -1, -32768);
        d.setLong(Tag.of(0x0011, 0x1003), VR.UL, 0xFFFFFFFFL);
        d.setInt(Tag.of(0x0011, 0x1004), VR.SL, Integer.MIN_VALUE);
        d.setLong(Tag.of(0x0011, 0x1005), VR.SV, Long.MIN_VALUE, 5);
        d.setLong(Tag.of(0x0011, 0x1006), VR.UV, -1L); // 2^64-1
        d.setInt(Tag.of(0x0011, 0x1007), VR.AT, Tag.PixelData, Tag.PatientID);
        for (Dataset r : both(d)) {
            assertArrayEquals(new long[] {0xFFFF, 1}, r.getLongs(Tag.of(0x0011, 0x1001)));
            assertArrayEquals(new long[] {-1, -32768}, r.getLongs(Tag.of(0x0011, 0x1002)));
            assertEquals(0xFFFFFFFFL, r.getLong(Tag.of(0x0011, 0x1003), 0));
            assertEquals(Integer.MIN_VALUE, r.getInt(Tag.of(0x0011, 0x1004), 0));
            assertArrayEquals(new long[] {Long.MIN_VALUE, 5}, r.getLongs(Tag.of(0x0011, 0x1005)));
            assertEquals("18446744073709551615", r.getString(Tag.of(0x0011, 0x1006)));
            assertArrayEquals(new int[] {Tag.PixelData, Tag.PatientID}, r.getInts(Tag.of(0x0011, 0x1007)));
            assertEquals("(7FE0,0010)", r.getString(Tag.of(0x0011, 0x1007)));
        }
    }

    @Test
    void floatingPointAndOtherVRs() throws IOException {
        Dataset d = new Dataset();
        d.setDouble(Tag.of(0x0011, 0x1001), VR.FL, 1.5, -0.25);
        d.setDouble(Tag.of(0x0011, 0x1002), VR.FD, Math.PI);
        d.setDouble(Tag.of(0x0011, 0x1003), VR.OF, 3.0, 4.0);
        d.setDouble(Tag.of(0x0011, 0x1004), VR.OD, Math.E);
        d.setInt(Tag.of(0x0011, 0x1005), VR.OW, 0x1234, 0xABCD);
        d.setLong(Tag.of(0x0011, 0x1006), VR.OL, 0x89ABCDEFL);
        d.setLong(Tag.of(0x0011, 0x1007), VR.OV, 0x0102030405060708L);
        d.setBytes(Tag.of(0x0011, 0x1008), VR.OB, new byte[] {1, 2, 3});
        d.setBytes(Tag.of(0x0011, 0x1009), VR.UN, new byte[] {4, 5});
        d.setDouble(Tag.of(0x0011, 0x100A), VR.DS, 2.5, -1e-20);
        for (Dataset r : both(d)) {
            assertArrayEquals(new double[] {1.5, -0.25}, r.getDoubles(Tag.of(0x0011, 0x1001)));
            assertEquals(Math.PI, r.getDouble(Tag.of(0x0011, 0x1002), 0));
            assertArrayEquals(new double[] {3.0, 4.0}, r.getDoubles(Tag.of(0x0011, 0x1003)));
            assertEquals(Math.E, r.getDouble(Tag.of(0x0011, 0x1004), 0));
            assertArrayEquals(new int[] {0x1234, 0xABCD}, r.getInts(Tag.of(0x0011, 0x1005)));
            assertEquals(0x89ABCDEFL, r.getLong(Tag.of(0x0011, 0x1006), 0));
            assertEquals(0x0102030405060708L, r.getLong(Tag.of(0x0011, 0x1007), 0));
            assertArrayEquals(new byte[] {1, 2, 3}, r.getBytes(Tag.of(0x0011, 0x1008))); // odd length kept
            assertArrayEquals(new byte[] {4, 5}, r.getBytes(Tag.of(0x0011, 0x1009)));
            double[] ds = r.getDoubles(Tag.of(0x0011, 0x100A));
            assertEquals(2.5, ds[0]);
            assertEquals(-1e-20, ds[1], 1e-30);
            for (String s : r.getStrings(Tag.of(0x0011, 0x100A))) {
                assertTrue(s.length() <= 16, "DS at most 16 characters: " + s);
            }
        }
        // big endian bytes are swapped per VR: OW by 2, OL by 4, OV by 8, OB not at all
        Dataset be = both(d)[1];
        assertArrayEquals(TestData.hex("1234ABCD"), be.getBytes(Tag.of(0x0011, 0x1005)));
        assertArrayEquals(TestData.hex("89ABCDEF"), be.getBytes(Tag.of(0x0011, 0x1006)));
        assertArrayEquals(TestData.hex("0102030405060708"), be.getBytes(Tag.of(0x0011, 0x1007)));
        assertArrayEquals(TestData.hex("010203"), be.getBytes(Tag.of(0x0011, 0x1008)));
    }

    @Test
    void sequencesNestAndItemsInheritTheCharacterSet() throws IOException {
        Dataset d = new Dataset();
        d.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        Dataset item = d.newSequence(T).addItem();
        item.setString(Tag.PatientName, VR.PN, "A");
        assertArrayEquals(new String[] {"ISO_IR 100"}, item.specificCharacterSet().terms());
        for (Dataset r : both(d)) {
            Dataset ri = r.getSequence(T).get(0);
            assertEquals(r, ri.parent());
            assertArrayEquals(new String[] {"ISO_IR 100"}, ri.specificCharacterSet().terms());
        }
    }

    @Test
    void notANumberGivesTheDefault() {
        Dataset d = new Dataset();
        d.setString(T, VR.IS, "abc");
        assertEquals(-7, d.getInt(T, -7));
        assertEquals(-7, d.getInt(Tag.of(0x0011, 0x2222), -7));
    }

    @Test
    void elementsStayInTagOrder() {
        Dataset d = new Dataset();
        d.setString(Tag.of(0x0011, 0x1001), VR.LO, "x");
        d.setString(Tag.PatientName, VR.PN, "y");
        d.setBytes(Tag.DigitalSignaturesSequence, VR.UN, new byte[0]); // above 0x7FFFFFFF: unsigned order
        d.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        d.setString(Tag.PatientName, VR.PN, "z"); // replaces
        int[] tags = d.elements().stream().mapToInt(Element::tag).toArray();
        assertArrayEquals(new int[] {Tag.SpecificCharacterSet, Tag.PatientName, Tag.of(0x0011, 0x1001),
                Tag.DigitalSignaturesSequence}, tags);
        assertEquals("z", d.getString(Tag.PatientName));
        assertEquals(VR.PN, d.remove(Tag.PatientName).vr());
        assertEquals(3, d.size());
    }
}
