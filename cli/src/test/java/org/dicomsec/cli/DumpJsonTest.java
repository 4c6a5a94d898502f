package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Element;
import org.dicomsec.data.Fragments;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code dicomsec dump --json}: the output parses as JSON and follows the
 * DICOM JSON Model of PS3.18 Annex F for each kind of VR, whatever the
 * transfer syntax of the file.
 */
class DumpJsonTest {

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attr(Map<String, Object> json, String tag) {
        Object a = json.get(tag);
        assertTrue(a instanceof Map, tag + " missing: " + json.keySet());
        return (Map<String, Object>) a;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> value(Map<String, Object> json, String tag, String vr) {
        Map<String, Object> a = attr(json, tag);
        assertEquals(vr, a.get("vr"), tag);
        assertFalse(a.containsKey("InlineBinary"), tag);
        return (List<Object>) a.get("Value");
    }

    private static byte[] inline(Map<String, Object> json, String tag, String vr) {
        Map<String, Object> a = attr(json, tag);
        assertEquals(vr, a.get("vr"), tag);
        assertFalse(a.containsKey("Value"), tag);
        return Base64.getDecoder().decode((String) a.get("InlineBinary"));
    }

    private static List<BigDecimal> numbers(Object... v) {
        return Arrays.stream(v).map(x -> new BigDecimal(x.toString())).toList();
    }

    /** Numbers compared by value (1.50 equals 1.5), as a JSON reader would. */
    private static void assertNumbers(List<BigDecimal> expected, List<Object> actual) {
        assertEquals(expected.size(), actual.size(), actual.toString());
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(actual.get(i) instanceof BigDecimal, "not a JSON number: " + actual.get(i));
            assertEquals(0, expected.get(i).compareTo((BigDecimal) actual.get(i)), actual.toString());
        }
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.10008.1.2.1", "1.2.840.10008.1.2", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99"})
    void everyVrFollowsTheJsonModel(String ts) throws Exception {
        Path file = TestFiles.write(dir.resolve("all.dcm"), TestFiles.everyVr(), TransferSyntax.of(ts));
        CliRun run = CliRun.of("dump", "--json", file.toString());
        assertEquals(0, run.status(), run::toString);
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(run.out());

        assertEquals(Arrays.asList("ORIGINAL", null, "PRIMARY"), value(json, "00080008", "CS"));
        assertEquals(List.of("1.2.840.10008.5.1.4.1.1.7"), value(json, "00080016", "UI"));
        assertEquals(List.of("20240131"), value(json, "00080020", "DA"));
        assertEquals(List.of("20240131123456.5+0100"), value(json, "0008002A", "DT"));
        assertEquals(List.of("123456"), value(json, "00080030", "TM"));
        assertEquals(List.of("STORESCP"), value(json, "00080054", "AE"));
        assertEquals(List.of("long code"), value(json, "00080119", "UC"));
        assertEquals(List.of("http://example.com/x?y=z"), value(json, "00080120", "UR"));
        // SQ: an array of item objects, the empty item as {}; no items: no Value
        List<Object> items = value(json, "00081140", "SQ");
        assertEquals(2, items.size());
        Map<String, Object> first = (Map<String, Object>) items.get(0);
        assertEquals(List.of("1.2.3.4"), value(first, "00081155", "UI"));
        assertEquals(Map.of(), items.get(1));
        assertNull(value(json, "00081199", "SQ"));
        // private: the creator is LO even in implicit VR (PS3.5 7.8.1); UN bytes inline
        assertEquals(List.of("DICOMSEC TEST"), value(json, "00090010", "LO"));
        assertArrayEquals(new byte[] {0x41, 0x42, 0x43, 0x44}, inline(json, "00091001", "UN"));
        // PN: one object per name, with its component groups
        List<Object> pn = value(json, "00100010", "PN");
        assertEquals(Map.of("Alphabetic", "Yamada^Tarou", "Ideographic", "山田^太郎", "Phonetic", "やまだ^たろう"),
                pn.get(0));
        assertEquals(Map.of("Alphabetic", "Doe^John"), pn.get(1));
        Map<String, Object> empty = attr(json, "00100020");
        assertEquals(Map.of("vr", "LO"), empty);
        assertEquals(List.of("042Y"), value(json, "00101010", "AS"));
        assertEquals(List.of("Ärztin"), value(json, "00102180", "SH"));
        assertEquals(List.of("Protocol A"), value(json, "00181030", "LO"));
        // numbers: IS and DS as JSON numbers, normalised where DICOM allows what JSON does not
        assertNumbers(numbers("1.5", "-2250", "5", "0.5", "7"), value(json, "00180050", "DS"));
        assertNumbers(numbers("7", "-3", "12"), value(json, "00200013", "IS"));
        assertNumbers(numbers("1.5", "-0.25"), value(json, "0018605A", "FL"));
        assertNumbers(numbers("0", "-1.5e10", "0.1"), value(json, "00189089", "FD"));
        assertNumbers(numbers("-1", "2", "-32768"), value(json, "00189219", "SS"));
        assertNumbers(numbers("65535"), value(json, "00280010", "US"));
        assertNumbers(numbers("-12", "34"), value(json, "00186020", "SL"));
        assertNumbers(numbers("4294967295"), value(json, "00186016", "UL"));
        assertNumbers(numbers("-9223372036854775808", "7"), value(json, "00720082", "SV"));
        assertNumbers(numbers("18446744073709551615"), value(json, "00720083", "UV"));
        // text VRs that hold one value: the backslash is part of it
        assertEquals(List.of("line one\\still one \"quoted\""), value(json, "00204000", "LT"));
        assertEquals(List.of("short text"), value(json, "00400280", "ST"));
        assertEquals(List.of("text 漢字"), value(json, "0040A160", "UT"));
        // AT: eight hex digits, group then element
        assertEquals(List.of("00100010", "00280010"), value(json, "00209165", "AT"));
        // bulk data inline, little endian whatever the file's byte order (PS3.18 F.2.7)
        assertArrayEquals(TestFiles.doubles(0, VR.OD, 1.25, -2.5).bytes(), inline(json, "00660022", "OD"));
        assertArrayEquals(TestFiles.floats(0, VR.OF, 3.25f).bytes(), inline(json, "00660021", "OF"));
        assertArrayEquals(TestFiles.ints(0, VR.OL, 4, 1, 2, 3).bytes(), inline(json, "00660040", "OL"));
        assertArrayEquals(TestFiles.ints(0, VR.OV, 8, 1, -1L).bytes(), inline(json, "7FE00001", "OV"));
        assertArrayEquals(new byte[] {1, 0, 3, 2}, inline(json, "00281201", "OW"));
        // in Implicit VR, Pixel Data ("OB or OW" in PS3.6) is OW (PS3.5 A.1); the bytes are the same
        assertArrayEquals(TestFiles.EVERY_VR_OB, inline(json, "7FE00010", ts.equals("1.2.840.10008.1.2") ? "OW" : "OB"));
    }

    @Test
    void encapsulatedPixelDataIsTheValueFieldInline() throws Exception {
        Fragments f = new Fragments().add(new byte[0]).add(new byte[] {(byte) 0xFF, (byte) 0xD8});
        Dataset ds = TestFiles.of(TestFiles.ascii(0x00080016, VR.UI, "1.2.3"), Element.ofFragments(0x7FE00010, VR.OB, f));
        Path file = TestFiles.write(dir.resolve("enc.dcm"), ds, TransferSyntax.of("1.2.840.10008.1.2.4.50"));
        CliRun run = CliRun.of("dump", "-j", file.toString());
        assertEquals(0, run.status(), run::toString);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(run.out());
        byte[] expected = {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, 0, 0, 0, 0,
            (byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, 2, 0, 0, 0, (byte) 0xFF, (byte) 0xD8,
            (byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0, 0, 0};
        assertArrayEquals(expected, inline(json, "7FE00010", "OB"));
    }

    @Test
    void sampleJsonHasNoMetaInformationAndNoGroupLength() throws Exception {
        CliRun run = CliRun.of("dump", "--json", "--sample");
        assertEquals(0, run.status(), run::toString);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(run.out());
        assertTrue(json.keySet().stream().noneMatch(k -> k.startsWith("0002") || k.endsWith("0000")), json::toString);
        assertEquals(List.of(Map.of("Alphabetic", "Müller^Jürgen", "Ideographic", "山田^太郎",
                "Phonetic", "やまだ^たろう")), value(json, "00100010", "PN"));
    }
}
