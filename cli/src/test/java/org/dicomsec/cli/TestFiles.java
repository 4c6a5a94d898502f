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
}
