package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.dicomsec.cli.DcmdumpListing.Row;
import org.dicomsec.data.TransferSyntax;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interop with DCMTK, a peer no one here wrote: files written by dicomsec
 * pass dcmdump with no error and list the same elements as {@code dicomsec
 * dump}; files made by DCMTK (dump2dcm from the dump texts under
 * src/test/resources/interop, dcmconv into each uncompressed transfer syntax)
 * are read and copied by dicomsec, and dcmdump lists the copy exactly as the
 * original. Skipped with a message when DCMTK is absent, failed when CI=true.
 */
@Tag("interop")
class DcmtkInteropTest {

    /** VRs whose values dcmdump prints as decimal floats with its own precision: compared as numbers. */
    private static final Set<String> FLOAT_VRS = Set.of("FL", "FD", "OF", "OD");

    @TempDir
    Path dir;

    @BeforeEach
    void needDcmtk() {
        Dcmtk.assumeAvailable();
    }

    // ------------------------------------------------------------------ helpers

    private Path resource(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = DcmtkInteropTest.class.getResourceAsStream("/interop/" + name)) {
            assertTrue(in != null, "missing test resource interop/" + name);
            Files.copy(in, p);
        }
        return p;
    }

    /** dcmdump's listing of a file (which must pass with no error or warning). */
    private static List<Row> dcmdump(Path file) throws Exception {
        Dcmtk.Result r = Dcmtk.dcmdump(file).assertClean();
        List<Row> rows = DcmdumpListing.parse(r.stdout());
        assertTrue(rows.size() > 3, "dcmdump listed almost nothing:\n" + r.stdout());
        return rows;
    }

    /** dicomsec's own listing of a file: the codec's view through {@code dicomsec dump --full}. */
    private static List<Row> dicomsecDump(Path file) {
        CliRun run = CliRun.of("dump", "--full", file.toString());
        assertEquals(0, run.status(), run::toString);
        return DcmdumpListing.parse(run.out());
    }

    private static List<Row> dataSet(List<Row> rows) {
        return rows.stream().filter(r -> !r.meta()).toList();
    }

    /** The meta rows that describe the content, not the writer: (0002,0000) and the implementation's identity left out. */
    private static List<Row> metaContent(List<Row> rows) {
        Set<String> writer = Set.of("(0002,0000)", "(0002,0012)", "(0002,0013)", "(0002,0016)");
        return rows.stream().filter(r -> r.meta() && !writer.contains(r.path())).toList();
    }

    /**
     * Asserts two listings name the same elements with the same VRs and values.
     * dcmdump shows an unknown VR in implicit syntax as "??" where dicomsec
     * says UN; it converts text to UTF-8 (+U8) and so rewrites or adds (0008,0005);
     * it prints floats with its own number of digits; it writes AT in lower case.
     */
    static void assertSameListing(List<Row> expectedRows, List<Row> actualRows, String what) {
        // dcmdump +U8 adds (0008,0005) ISO_IR 192 to a data set that has none: that row is left out on both sides
        List<Row> expected = expectedRows.stream().filter(r -> !r.path().equals("(0008,0005)")).toList();
        List<Row> actual = actualRows.stream().filter(r -> !r.path().equals("(0008,0005)")).toList();
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            Row e = expected.get(i);
            Row a = actual.get(i);
            if (!same(e, a)) {
                fail(what + ": first difference at row " + i + "\n  expected " + e + "\n  actual   " + a);
            }
        }
        if (expected.size() != actual.size()) {
            List<Row> extra = expected.size() > actual.size() ? expected.subList(n, expected.size())
                    : actual.subList(n, actual.size());
            fail(what + ": " + expected.size() + " rows expected, " + actual.size() + " found; extra: " + extra);
        }
    }

    private static boolean same(Row e, Row a) {
        if (!e.path().equals(a.path()) || e.meta() != a.meta()) {
            return false;
        }
        String ev = e.vr().equals("??") ? "UN" : e.vr();
        String av = a.vr().equals("??") ? "UN" : a.vr();
        if (!ev.equals(av)) {
            return false;
        }
        if (FLOAT_VRS.contains(ev)) {
            return sameNumbers(e.value(), a.value());
        }
        if (ev.equals("AT")) {
            return e.value().equalsIgnoreCase(a.value());
        }
        return e.value().equals(a.value());
    }

    private static boolean sameNumbers(String e, String a) {
        String[] x = e.split("\\\\");
        String[] y = a.split("\\\\");
        if (x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            double p = Double.parseDouble(x[i]);
            double q = Double.parseDouble(y[i]);
            if (Math.abs(p - q) > 1e-6 * Math.max(1, Math.abs(p))) {
                return false;
            }
        }
        return true;
    }

    private static Path copy(Path in, Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("copy", "-q"));
        args.addAll(List.of(options));
        args.add(in.toString());
        args.add(out.toString());
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, run.status(), run::toString);
        return out;
    }

    /** The data set bytes of a Part 10 file: what follows the File Meta Information (PS3.10 7.1). */
    private static byte[] dataSetBytes(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        assertEquals("DICM", new String(b, 128, 4, StandardCharsets.US_ASCII));
        // (0002,0000) UL is the first meta element: tag 4, VR 2, length 2, value 4 bytes
        int groupLength = (b[140] & 0xFF) | (b[141] & 0xFF) << 8 | (b[142] & 0xFF) << 16 | (b[143] & 0xFF) << 24;
        return Arrays.copyOfRange(b, 144 + groupLength, b.length);
    }

    private Path dump2dcm(String resource, Path out, String... options) throws Exception {
        Dcmtk.dump2dcm(resource(resource), out, options).assertClean();
        return out;
    }

    // ------------------------------------------------------------------ dicomsec -> DCMTK

    @ParameterizedTest
    @CsvSource({"explicit-le", "implicit-le", "explicit-be", "deflated"})
    void filesWrittenByDicomsecPassDcmdumpWithTheSameListing(String syntax) throws Exception {
        Path out = copy(TestFiles.sample(dir), dir.resolve("sample-" + syntax + ".dcm"), "-t", syntax);
        List<Row> theirs = dcmdump(out);
        assertSameListing(theirs, dicomsecDump(out), "sample in " + syntax + ": dcmdump vs dicomsec dump");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.10008.1.2.1", "1.2.840.10008.1.2", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99"})
    void everyVrWrittenByTheCodecPassesDcmdump(String uid) throws Exception {
        Path out = TestFiles.write(dir.resolve("every-vr.dcm"), TestFiles.everyVr(), TransferSyntax.of(uid));
        assertSameListing(dcmdump(out), dicomsecDump(out), "every VR in " + uid);
    }

    // ------------------------------------------------------------------ DCMTK -> dicomsec -> DCMTK

    @ParameterizedTest
    @CsvSource({"explicit-le, +te", "implicit-le, +ti", "explicit-be, +tb", "deflated, +td"})
    void dcmtkFilesInEachSyntaxAreReadAndRoundTripped(String syntax, String option) throws Exception {
        Path base = dump2dcm("many-vrs.dump", dir.resolve("base.dcm"), "+te");
        for (String lengths : new String[] {"+e", "-e"}) { // explicit and undefined sequence/item lengths
            Path theirs = dir.resolve("dcmtk-" + syntax + lengths + ".dcm");
            Dcmtk.dcmconv(base, theirs, option, lengths).assertClean();
            List<Row> original = dcmdump(theirs);
            // the codec reads what DCMTK wrote exactly as DCMTK does
            assertSameListing(original, dicomsecDump(theirs), "dicomsec's view of DCMTK's " + syntax + lengths);
            // a copy without option: DCMTK lists the same data set and meta content
            Path same = copy(theirs, dir.resolve("copy-" + syntax + lengths + ".dcm"));
            List<Row> copied = dcmdump(same);
            assertSameListing(dataSet(original), dataSet(copied), "copy of DCMTK's " + syntax + lengths);
            assertSameListing(metaContent(original), metaContent(copied), "meta of the copy, " + syntax + lengths);
            if (!syntax.equals("deflated")) {
                // and the data set bytes are the very same (the deflated stream may be compressed differently)
                assertArrayEquals(dataSetBytes(theirs), dataSetBytes(same), "data set bytes of " + syntax + lengths);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"implicit-le, +ti", "explicit-be, +tb", "deflated, +td", "explicit-le, +te"})
    void dicomsecConversionListsLikeDcmconvConversion(String syntax, String option) throws Exception {
        Path base = dump2dcm("many-vrs.dump", dir.resolve("base.dcm"), "+te", "-e");
        Path byDcmtk = dir.resolve("by-dcmtk.dcm");
        Dcmtk.dcmconv(base, byDcmtk, option, "-e").assertClean();
        Path byDicomsec = copy(base, dir.resolve("by-dicomsec.dcm"), "--transfer-syntax", syntax);
        assertSameListing(dataSet(dcmdump(byDcmtk)), dataSet(dcmdump(byDicomsec)), "conversion to " + syntax);
        assertSameListing(metaContent(dcmdump(byDcmtk)), metaContent(dcmdump(byDicomsec)), "meta, " + syntax);
    }

    @Test
    void encapsulatedPixelDataFromDcmtkIsCopiedAsIs() throws Exception {
        Path theirs = dump2dcm("encapsulated.dump", dir.resolve("jpeg.dcm"));
        List<Row> original = dcmdump(theirs);
        assertTrue(original.stream().anyMatch(r -> r.path().equals("(7fe0,0010)/fragment[3]")), original::toString);
        assertSameListing(original, dicomsecDump(theirs), "dicomsec's view of encapsulated data");
        Path copy = copy(theirs, dir.resolve("jpeg-copy.dcm"));
        assertSameListing(dataSet(original), dataSet(dcmdump(copy)), "copy of encapsulated data");
        assertArrayEquals(dataSetBytes(theirs), dataSetBytes(copy));
    }

    @ParameterizedTest
    @CsvSource({"ISO_IR 100, ISO-8859-1, Müller^Jürgen, Café crème",
        "ISO_IR 144, ISO-8859-5, Люба^Иванова, Привет",
        "ISO_IR 101, ISO-8859-2, Dvořák^Antonín, Żółw",
        "ISO_IR 126, ISO-8859-7, Αλέξανδρος, Καλημέρα",
        "ISO_IR 192, UTF-8, Yamada^Tarou=山田^太郎, 漢字 und Umlaute ä"})
    void textInCharacterSetsReadsAsDcmtkReadsIt(String term, String charset, String name, String comment)
            throws Exception {
        Charset cs = Charset.forName(charset);
        String dump = "(0008,0005) CS [" + term + "]\n(0008,0016) UI [1.2.840.10008.5.1.4.1.1.7]\n"
                + "(0008,0018) UI [2.25.1]\n(0010,0010) PN [" + name + "]\n(0010,4000) LT [" + comment + "]\n";
        Path text = dir.resolve("cs.dump");
        Files.write(text, dump.getBytes(cs));
        Path theirs = dir.resolve("cs.dcm");
        Dcmtk.dump2dcm(text, theirs, "+te").assertClean();
        List<Row> rows = dcmdump(theirs);
        assertTrue(rows.contains(new Row("(0010,0010)", "PN", name, false)), rows::toString);
        assertSameListing(rows, dicomsecDump(theirs), "text in " + term);
        Path copy = copy(theirs, dir.resolve("cs-copy.dcm"), "-t", "implicit-le");
        assertSameListing(dataSet(rows), dataSet(dcmdump(copy)), "copy of text in " + term);
    }

    // ------------------------------------------------------------------ JSON: dicomsec dump --json vs dcm2json

    @ParameterizedTest
    @CsvSource({"+te, +e", "+ti, +e", "+tb, -e", "+td, -e"})
    void jsonModelMatchesDcm2json(String option, String lengths) throws Exception {
        Path base = dump2dcm("many-vrs.dump", dir.resolve("base.dcm"), "+te");
        Path file = dir.resolve("json" + option + ".dcm");
        Dcmtk.dcmconv(base, file, option, lengths).assertClean();
        Object theirs = MiniJson.parse(Dcmtk.dcm2json(file).assertClean().stdout());
        CliRun run = CliRun.of("dump", "--json", file.toString());
        assertEquals(0, run.status(), run::toString);
        assertSameJson(theirs, MiniJson.parse(run.out()), "");
    }

    /**
     * The same JSON value; numbers equal by value (1.50 = 1.5). dcm2json writes an SV or UV
     * beyond 2^53 as a string, which CP-1861 allows; dicomsec writes a JSON number: a string
     * holding the same number counts as equal.
     */
    private static void assertSameJson(Object expected, Object actual, String path) {
        if (expected instanceof java.util.Map<?, ?> e && actual instanceof java.util.Map<?, ?> a) {
            assertEquals(e.keySet(), a.keySet(), "keys at " + path);
            for (Object k : e.keySet()) {
                assertSameJson(e.get(k), a.get(k), path + "/" + k);
            }
        } else if (expected instanceof List<?> e && actual instanceof List<?> a) {
            assertEquals(e.size(), a.size(), "array length at " + path);
            for (int i = 0; i < e.size(); i++) {
                assertSameJson(e.get(i), a.get(i), path + "[" + i + "]");
            }
        } else if (expected instanceof java.math.BigDecimal || actual instanceof java.math.BigDecimal) {
            java.math.BigDecimal e = new java.math.BigDecimal(String.valueOf(expected));
            java.math.BigDecimal a = new java.math.BigDecimal(String.valueOf(actual));
            assertEquals(0, e.compareTo(a), "number at " + path + ": " + expected + " vs " + actual);
        } else {
            assertEquals(expected, actual, "value at " + path);
        }
    }
}
