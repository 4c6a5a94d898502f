package org.dicomsec.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.Element;
import org.dicomsec.data.Sequence;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.VR;

/** Data sets and files for the CLI tests, built element by element with known bytes. */
final class TestFiles {

    private TestFiles() {
    }

    /** Writes {@code ds} as a Part 10 file in {@code ts} and returns the path. */
    static Path write(Path file, Dataset ds, TransferSyntax ts) throws IOException {
        DicomFile.of(ds, ts).write(file);
        return file;
    }

    /** Copies the bundled sample out of the jar into {@code dir}. */
    static Path sample(Path dir) throws IOException {
        Path p = dir.resolve("sample.dcm");
        try (InputStream in = SampleFile.open()) {
            Files.copy(in, p);
        }
        return p;
    }

    /** A text element, encoded in {@code cs}, padded to even length with the VR's padding byte. */
    static Element text(int tag, VR vr, String value, Charset cs) {
        byte[] b = value.getBytes(cs);
        if (b.length % 2 != 0) {
            b = java.util.Arrays.copyOf(b, b.length + 1);
            b[b.length - 1] = vr.padding();
        }
        return Element.of(tag, vr, b);
    }

    static Element ascii(int tag, VR vr, String value) {
        return text(tag, vr, value, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Little endian binary values: each number written in {@code size} bytes (2, 4 or 8). */
    static Element ints(int tag, VR vr, int size, long... values) {
        ByteBuffer b = ByteBuffer.allocate(size * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (size) {
                case 2 -> b.putShort((short) v);
                case 4 -> b.putInt((int) v);
                default -> b.putLong(v);
            }
        }
        return Element.of(tag, vr, b.array());
    }

    static Element floats(int tag, VR vr, float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return Element.of(tag, vr, b.array());
    }

    static Element doubles(int tag, VR vr, double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return Element.of(tag, vr, b.array());
    }

    static Element bytes(int tag, VR vr, int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return Element.of(tag, vr, b);
    }

    /** A sequence element holding the given items (undefined length). */
    static Element sequence(int tag, Dataset... items) {
        Sequence s = new Sequence(true);
        for (Dataset d : items) {
            s.add(d);
        }
        return Element.ofSequence(tag, VR.SQ, s);
    }

    static Dataset of(Element... elements) {
        Dataset d = new Dataset();
        for (Element e : elements) {
            d.put(e);
        }
        return d;
    }

    static final byte[] EVERY_VR_OB = {1, 2, 3, (byte) 0xFF};

    /** One element of every VR of PS3.5 table 6.2-1, with values that exercise the F.2 rules. */
    static Dataset everyVr() {
        Dataset item = of(ascii(0x00081150, VR.UI, "1.2.840.10008.5.1.4.1.1.7"),
                ascii(0x00081155, VR.UI, "1.2.3.4"));
        return of(
                ascii(0x00080005, VR.CS, "ISO_IR 192"),
                ascii(0x00080008, VR.CS, "ORIGINAL\\\\PRIMARY"),            // CS, an empty value in the middle
                ascii(0x00080016, VR.UI, "1.2.840.10008.5.1.4.1.1.7"),     // UI (padded with NUL)
                ascii(0x00080020, VR.DA, "20240131"),                       // DA
                ascii(0x0008002A, VR.DT, "20240131123456.5+0100"),          // DT
                ascii(0x00080030, VR.TM, "123456"),                         // TM
                ascii(0x00080054, VR.AE, " STORESCP "),                     // AE: spaces insignificant
                ascii(0x00080119, VR.UC, "long code"),                      // UC
                ascii(0x00080120, VR.UR, "http://example.com/x?y=z"),       // UR
                sequence(0x00081140, item, new Dataset()),        // SQ, second item empty
                sequence(0x00081199),                             // SQ without items
                ascii(0x00090010, VR.LO, "DICOMSEC TEST"),                  // private creator
                bytes(0x00091001, VR.UN, 0x41, 0x42, 0x43, 0x44),           // UN
                text(0x00100010, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう\\Doe^John",
                        java.nio.charset.StandardCharsets.UTF_8),                           // PN, two names, three groups
                Element.of(0x00100020, VR.LO, new byte[0]),                 // empty LO: no Value
                ascii(0x00101010, VR.AS, "042Y"),                           // AS
                text(0x00102180, VR.SH, "Ärztin", java.nio.charset.StandardCharsets.UTF_8), // SH, UTF-8
                ascii(0x00181030, VR.LO, "  Protocol A  "),                 // LO: spaces insignificant
                ascii(0x00180050, VR.DS, "1.5\\-2.25e3\\+5\\ .5\\007"),     // DS: normalised to JSON numbers
                floats(0x0018605A, VR.FL, 1.5f, -0.25f),                    // FL
                doubles(0x00189089, VR.FD, 0, -1.5e10, 0.1),                // FD
                ints(0x00189219, VR.SS, 2, -1, 2, -32768),                  // SS
                ascii(0x00200013, VR.IS, " 7\\-3\\+12"),                    // IS
                ascii(0x00204000, VR.LT, "line one\\still one \"quoted\""), // LT: backslash is text
                ints(0x00209165, VR.AT, 2, 0x0010, 0x0010, 0x0028, 0x0010), // AT as group, element halves
                ints(0x00280010, VR.US, 2, 65535),                          // US
                doubles(0x00660022, VR.OD, 1.25, -2.5),                     // OD
                floats(0x00660021, VR.OF, 3.25f),                           // OF
                ints(0x00660040, VR.OL, 4, 1, 2, 3),                        // OL
                ascii(0x00400280, VR.ST, "short text "),                    // ST
                ints(0x00186020, VR.SL, 4, -12, 34),                        // SL
                ints(0x00186016, VR.UL, 4, 4294967295L),                    // UL
                text(0x0040A160, VR.UT, "text 漢字", java.nio.charset.StandardCharsets.UTF_8), // UT
                ints(0x00720082, VR.SV, 8, Long.MIN_VALUE, 7),              // SV
                ints(0x00720083, VR.UV, 8, -1L),                            // UV (2^64 - 1)
                ints(0x7FE00001, VR.OV, 8, 1, -1L),                         // OV
                ints(0x00281201, VR.OW, 2, 0x0001, 0x0203),                 // OW
                Element.of(0x7FE00010, VR.OB, EVERY_VR_OB));                         // OB
    }

}
