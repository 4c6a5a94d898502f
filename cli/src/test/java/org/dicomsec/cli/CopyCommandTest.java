package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.Element;
import org.dicomsec.data.Fragments;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code dicomsec copy}: same bytes without option, same values across transfer syntaxes. */
class CopyCommandTest {

    @TempDir
    Path dir;

    /** The data set rows of a full listing: what the element values are, whatever the encoding. */
    private static List<DcmdumpListing.Row> rows(Path file) {
        CliRun run = CliRun.of("dump", "--full", file.toString());
        assertEquals(0, run.status(), run::toString);
        return DcmdumpListing.parse(run.out()).stream().filter(r -> !r.meta()).toList();
    }

    @Test
    void copyWithoutOptionKeepsEveryByte() throws Exception {
        Path in = TestFiles.sample(dir);
        Path out = dir.resolve("out.dcm");
        CliRun run = CliRun.of("copy", in.toString(), out.toString());
        assertEquals(0, run.status(), run::toString);
        assertEquals("wrote " + out + " (" + Files.size(in) + " bytes, transfer syntax 1.2.840.10008.1.2.1"
                + " (Explicit VR Little Endian))\n", run.out());
        assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(out));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
    }

    @ParameterizedTest
    @CsvSource({"implicit-le, 1.2.840.10008.1.2", "explicit-be, 1.2.840.10008.1.2.2",
        "deflated, 1.2.840.10008.1.2.1.99", "explicit-le, 1.2.840.10008.1.2.1",
        "1.2.840.10008.1.2.2, 1.2.840.10008.1.2.2", "IMPLICIT-LE, 1.2.840.10008.1.2", "ebe, 1.2.840.10008.1.2.2"})
    void transferSyntaxByNameOrUidKeepsEveryValue(String name, String uid) throws Exception {
        Path in = TestFiles.sample(dir);
        Path out = dir.resolve("out.dcm");
        CliRun run = CliRun.of("copy", "-q", "--transfer-syntax", name, in.toString(), out.toString());
        assertEquals(0, run.status(), run::toString);
        assertEquals("", run.out(), "--quiet prints nothing");
        DicomFile copy = DicomFile.read(out);
        assertEquals(uid, copy.fileMetaInformation().getString(Tag.TransferSyntaxUID));
        List<DcmdumpListing.Row> before = rows(in);
        List<DcmdumpListing.Row> after = rows(out);
        if (uid.equals("1.2.840.10008.1.2")) {
            // implicit VR: a private element without dictionary entry reads back as UN (same bytes)
            after = after.stream().map(r -> r.path().startsWith("(0009,1") ? new DcmdumpListing.Row(r.path(),
                    before.stream().filter(b -> b.path().equals(r.path())).findFirst().orElseThrow().vr(),
                    r.value(), r.meta()) : r).toList();
        }
        assertEquals(before.stream().filter(r -> !r.path().startsWith("(0009,1")).toList(),
                after.stream().filter(r -> !r.path().startsWith("(0009,1")).toList());
        assertEquals(before.size(), after.size());
        // and back: the same data set as the original, byte for byte
        Path back = dir.resolve("back.dcm");
        assertEquals(0, CliRun.of("copy", "-t", "explicit-le", out.toString(), back.toString()).status());
        Dataset original = DicomFile.read(in).dataset();
        Dataset returned = DicomFile.read(back).dataset();
        if (!uid.equals("1.2.840.10008.1.2")) {
            assertEquals(original, returned);
        }
        assertEquals(original.getString(Tag.PatientName), returned.getString(Tag.PatientName));
        assertArrayEquals(original.getBytes(Tag.PixelData), returned.getBytes(Tag.PixelData));
    }

    @Test
    void aliasesOfTheOption() throws Exception {
        Path in = TestFiles.sample(dir);
        for (String[] form : new String[][] {{"--ts", "implicit-le"}, {"--transfer-syntax=implicit-le"},
            {"-timplicit-le"}}) {
            Path out = dir.resolve("alias.dcm");
            String[] args = new String[form.length + 3];
            args[0] = "copy";
            System.arraycopy(form, 0, args, 1, form.length);
            args[form.length + 1] = in.toString();
            args[form.length + 2] = out.toString();
            CliRun run = CliRun.of(args);
            assertEquals(0, run.status(), run::toString);
            assertEquals("1.2.840.10008.1.2", DicomFile.read(out).fileMetaInformation()
                    .getString(Tag.TransferSyntaxUID));
        }
    }

    @Test
    void inPlaceCopyReplacesTheFile() throws Exception {
        Path in = TestFiles.sample(dir);
        byte[] before = Files.readAllBytes(in);
        CliRun run = CliRun.of("copy", "-t", "explicit-be", in.toString(), in.toString());
        assertEquals(0, run.status(), run::toString);
        assertNotEquals(before.length == Files.size(in) && java.util.Arrays.equals(before, Files.readAllBytes(in)),
                true, "converted in place");
        assertEquals("1.2.840.10008.1.2.2", DicomFile.read(in).fileMetaInformation().getString(Tag.TransferSyntaxUID));
    }

    @Test
    void encapsulatedDataStaysInItsSyntaxAndIsNeverDecompressed() throws Exception {
        Fragments f = new Fragments().add(new byte[0]).add(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
        Dataset ds = TestFiles.of(TestFiles.ascii(0x00080016, VR.UI, "1.2.3"),
                Element.ofFragments(Tag.PixelData, VR.OB, f));
        Path in = TestFiles.write(dir.resolve("jpeg.dcm"), ds, TransferSyntax.of("1.2.840.10008.1.2.4.50"));
        Path out = dir.resolve("copy.dcm");
        assertEquals(0, CliRun.of("copy", in.toString(), out.toString()).status());
        assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(out));

        CliRun run = CliRun.of("copy", "-t", "explicit-le", in.toString(), dir.resolve("x.dcm").toString());
        assertEquals(2, run.status(), run::toString);
        assertEquals(List.of("dicomsec copy: cannot convert 1.2.840.10008.1.2.4.50 (JPEG Baseline (Process 1)) to "
                + "1.2.840.10008.1.2.1 (Explicit VR Little Endian): dicomsec does not decompress pixel data"),
                run.errLines());
        CliRun compress = CliRun.of("copy", "-t", "1.2.840.10008.1.2.4.50", TestFiles.sample(dir.resolve("s")
                .toFile().mkdir() ? dir.resolve("s") : dir).toString(), dir.resolve("y.dcm").toString());
        assertEquals(2, compress.status(), compress::toString);
        assertTrue(compress.err().contains("dicomsec does not compress pixel data"), compress::toString);
        assertFalse(Files.exists(dir.resolve("x.dcm")) || Files.exists(dir.resolve("y.dcm")));
    }
}
