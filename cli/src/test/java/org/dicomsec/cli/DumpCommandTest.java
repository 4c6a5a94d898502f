package org.dicomsec.cli;

import static org.dicomsec.cli.TestFiles.ascii;
import static org.dicomsec.cli.TestFiles.ints;
import static org.dicomsec.cli.TestFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Element;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dicomsec dump}: the listing lines of known files, byte for byte. */
class DumpCommandTest {

    @TempDir
    Path dir;

    /**
     * The line the listing has for an element: value padded to column 56 (or one space after a longer
     * one), then "# length, VM keyword".
     */
    static String line(String left, int length, int vm, String keyword) {
        return String.format("%-56s# %3d, %d %s", left.length() < 56 ? left : left + " ", length, vm, keyword);
    }

    @Test
    void sampleFileListingHasMetaDataSetNestingPrivateTagsAndDecodedText() throws Exception {
        Path file = TestFiles.sample(dir);
        CliRun run = CliRun.of("dump", file.toString());
        assertEquals(0, run.status(), run::toString);
        assertEquals("", run.err());
        List<String> lines = run.outLines();
        assertEquals("# dicomsec dump: " + file, lines.get(0));
        assertEquals("# File Meta Information (group 0002, Explicit VR Little Endian)", lines.get(1));
        assertTrue(lines.contains(line("(0002,0010) UI [1.2.840.10008.1.2.1]", 20, 1, "TransferSyntaxUID")), run::toString);
        assertTrue(lines.contains("# Data Set: transfer syntax 1.2.840.10008.1.2.1 (Explicit VR Little Endian)"));
        assertTrue(lines.contains(line("(0008,0005) CS [ISO_IR 192]", 10, 1, "SpecificCharacterSet")));
        assertTrue(lines.contains(line("(0008,0008) CS [DERIVED\\SECONDARY]", 18, 2, "ImageType")));
        // UTF-8 text decoded (ISO_IR 192): German and Japanese
        assertTrue(lines.contains(line("(0010,0010) PN [Müller^Jürgen=山田^太郎=やまだ^たろう]", 50, 1, "PatientName")),
                run::toString);
        assertTrue(lines.contains(line("(0018,1030) LO [Übersicht 概要]", 18, 1, "ProtocolName")), run::toString);
        // a sequence, its items indented by two, their elements by four
        int sq = lines.indexOf(String.format("%-56s# u/l, 1 ReferencedImageSequence",
                "(0008,1140) SQ (Sequence with undefined length #=2)"));
        assertTrue(sq > 0, run::toString);
        assertEquals(String.format("%-58s# u/l, 1 Item", "  (FFFE,E000) na (Item with undefined length #=2)"),
                lines.get(sq + 1));
        assertTrue(lines.get(sq + 2).startsWith("    (0008,1150) UI [1.2.840.10008.5.1.4.1.1.7]"));
        assertTrue(lines.get(sq + 2).endsWith("#  26, 1 ReferencedSOPClassUID"));
        assertTrue(lines.get(sq + 4).startsWith("  (FFFE,E000) na (Item"));
        // private block: creator, then elements named by their creator
        assertTrue(lines.contains(line("(0009,0010) LO [DICOMSEC SAMPLE]", 16, 1, "PrivateCreator")));
        assertTrue(lines.contains(line("(0009,1002) UL 42", 4, 1, "Private (DICOMSEC SAMPLE)")));
        assertTrue(lines.contains(line("(0009,1003) OB 01\\02\\03\\fe", 4, 1, "Private (DICOMSEC SAMPLE)")));
        // binary numbers
        assertTrue(lines.contains(line("(0018,605A) FL 1.5\\-0.25", 8, 2, "TableOfParameterValues")));
        assertTrue(lines.contains(line("(0020,9165) AT (0010,0010)\\(0028,0010)", 8, 2, "DimensionIndexPointer")));
        assertTrue(lines.contains(line("(0028,0010) US 8", 2, 1, "Rows")));
        assertTrue(lines.contains(line("(0028,0030) DS [0.5\\0.5]", 8, 2, "PixelSpacing")));
    }

    @Test
    void longValuesAreCutWithTheirLengthUnlessFull() throws Exception {
        byte[] pixels = new byte[8192];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        String longText = "x".repeat(300);
        Dataset ds = TestFiles.of(ascii(0x00080016, VR.UI, "1.2.3"), ascii(0x00204000, VR.LT, longText),
                Element.of(0x7FE00010, VR.OB, pixels));
        Path file = TestFiles.write(dir.resolve("long.dcm"), ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        List<String> cut = CliRun.of("dump", file.toString()).outLines();
        String pixelLine = cut.stream().filter(l -> l.startsWith("(7FE0,0010)")).findFirst().orElseThrow();
        assertTrue(pixelLine.startsWith("(7FE0,0010) OB 00\\01\\02\\03"), pixelLine);
        assertTrue(pixelLine.contains("...") && pixelLine.endsWith("# 8192, 1 PixelData"), pixelLine);
        assertTrue(pixelLine.length() < 160, pixelLine);
        String textLine = cut.stream().filter(l -> l.startsWith("(0020,4000)")).findFirst().orElseThrow();
        assertTrue(textLine.startsWith("(0020,4000) LT [" + "x".repeat(64) + "...]"), textLine);
        assertTrue(textLine.endsWith("# 300, 1 ImageComments"), textLine);

        for (String option : new String[] {"--full", "-L", "--print-all"}) {
            List<String> full = CliRun.of("dump", option, file.toString()).outLines();
            String all = full.stream().filter(l -> l.startsWith("(7FE0,0010)")).findFirst().orElseThrow();
            assertFalse(all.contains("..."), all);
            assertEquals(8192 * 3 - 1, all.indexOf(" #") - "(7FE0,0010) OB ".length(), "8192 bytes as hex");
            assertTrue(full.contains(line("(0020,4000) LT [" + longText + "]", 300, 1, "ImageComments")));
        }
    }

    @Test
    void textIsDecodedWithTheSpecificCharacterSet() throws Exception {
        Charset latin1 = StandardCharsets.ISO_8859_1;
        Charset cyrillic = Charset.forName("ISO-8859-5");
        Dataset ds = TestFiles.of(ascii(0x00080005, VR.CS, "ISO_IR 100"), ascii(0x00080016, VR.UI, "1.2.3"),
                text(0x00100010, VR.PN, "Müller^Jürgen", latin1),
                TestFiles.sequence(0x00081140,
                        // an item with its own character set (PS3.5 6.1.2.5.3 allows it), and one inheriting
                        TestFiles.of(ascii(0x00080005, VR.CS, "ISO_IR 144"),
                                text(0x00081155, VR.UI, "1.2", latin1), text(0x00104000, VR.LT, "Люба", cyrillic)),
                        TestFiles.of(text(0x00104000, VR.LT, "Ærø", latin1))));
        Path file = TestFiles.write(dir.resolve("latin.dcm"), ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        CliRun run = CliRun.of("dump", file.toString());
        assertEquals(0, run.status(), run::toString);
        assertTrue(run.outLines().contains(line("(0010,0010) PN [Müller^Jürgen]", 14, 1, "PatientName")),
                run::toString);
        assertTrue(run.out().contains("    (0010,4000) LT [Люба]"), run::toString);
        assertTrue(run.out().contains("    (0010,4000) LT [Ærø]"), run::toString);
    }

    @Test
    void bareDataSetWithoutMetaInformationIsListed() throws Exception {
        // Implicit VR Little Endian, no preamble, no meta: (0008,0016) UI "1.2" and (0028,0010) US 512
        byte[] raw = {0x08, 0, 0x16, 0, 4, 0, 0, 0, '1', '.', '2', 0, 0x28, 0, 0x10, 0, 2, 0, 0, 0, 0, 2};
        Path file = dir.resolve("bare.dcm");
        java.nio.file.Files.write(file, raw);
        CliRun run = CliRun.of("dump", file.toString());
        assertEquals(0, run.status(), run::toString);
        assertTrue(run.outLines().contains("# no File Meta Information (a bare data set)"), run::toString);
        assertTrue(run.outLines().contains("# Data Set: transfer syntax 1.2.840.10008.1.2 (Implicit VR Little Endian)"
                + ", guessed from its first bytes"), run::toString);
        assertTrue(run.outLines().contains(line("(0008,0016) UI [1.2]", 4, 1, "SOPClassUID")), run::toString);
        assertTrue(run.outLines().contains(line("(0028,0010) US 512", 2, 1, "Rows")), run::toString);
    }

    @Test
    void emptyValuesSequencesAndEncapsulatedFragments() throws Exception {
        org.dicomsec.data.Fragments f = new org.dicomsec.data.Fragments().add(new byte[0])
                .add(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
        Dataset ds = TestFiles.of(ascii(0x00080016, VR.UI, "1.2.3"), Element.of(0x00100020, VR.LO, new byte[0]),
                TestFiles.sequence(0x00081140), ints(0x00280010, VR.US, 2, 2),
                Element.ofFragments(0x7FE00010, VR.OB, f));
        Path file = TestFiles.write(dir.resolve("jpeg.dcm"), ds, TransferSyntax.of("1.2.840.10008.1.2.4.50"));
        CliRun run = CliRun.of("dump", file.toString());
        assertEquals(0, run.status(), run::toString);
        List<String> lines = run.outLines();
        assertTrue(lines.contains(line("(0010,0020) LO (no value available)", 0, 0, "PatientID")), run::toString);
        assertTrue(lines.contains(String.format("%-56s# u/l, 1 ReferencedImageSequence",
                "(0008,1140) SQ (Sequence with undefined length #=0)")), run::toString);
        int px = lines.indexOf(String.format("%-56s# u/l, 1 PixelData", "(7FE0,0010) OB (PixelSequence #=2)"));
        assertTrue(px > 0, run::toString);
        assertEquals(String.format("%-58s#   0, 1 Item", "  (FFFE,E000) pi (no value available)"), lines.get(px + 1));
        assertEquals(String.format("%-58s#   4, 1 Item", "  (FFFE,E000) pi ff\\d8\\ff\\d9"), lines.get(px + 2));
        assertTrue(run.out().contains("1.2.840.10008.1.2.4.50 (JPEG Baseline (Process 1))"), run::toString);
    }

    @Test
    void bundledSampleIsDumpedWithoutAFile() {
        CliRun run = CliRun.of("dump", "--sample");
        assertEquals(0, run.status(), run::toString);
        assertEquals("# dicomsec dump: " + SampleFile.NAME, run.outLines().get(0));
        assertTrue(run.out().contains("(0009,0010) LO [DICOMSEC SAMPLE]"));
        assertTrue(run.out().contains("(7FE0,0010) OW 0000\\0124\\0249"), run::toString);
    }
}
