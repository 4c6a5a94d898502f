package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.dicomsec.data.DicomFileWriter;
import org.dicomsec.data.FileMetaInformation;
import org.dicomsec.data.UID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link DicomFiles#inspect}'s quick path against the codec's reader: on files as PS3.10 writes
 * them it gives facts, and on files with any bytes of their start changed it gives either nothing
 * (the codec reads the file) or exactly what the codec reads.
 */
class DicomFilesMetaProperties {

    /** A file as the codec writes it: meta information, then a small data set. */
    record Made(byte[] bytes, String sopClass, String sopInstance, String ts) {
    }

    /**
     * A change: {@code count} bytes from {@code at} in the file's first bytes set to {@code value},
     * or the file cut at {@code at}.
     */
    record Change(int at, int count, int value, boolean cut) {
    }

    @Provide
    Arbitrary<String> uids() {
        Arbitrary<String> component = Arbitraries.integers().between(0, 99_999).map(String::valueOf);
        return component.list().ofMinSize(1).ofMaxSize(12).map(c -> "1.2." + String.join(".", c))
                .filter(u -> u.length() <= 64);
    }

    @Provide
    Arbitrary<Made> files() {
        Arbitrary<String> ts = Arbitraries.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian,
                UID.DeflatedExplicitVRLittleEndian, "1.2.840.10008.1.2.4.50", "1.2.3.4.5.6.7");
        return Combinators.combine(uids(), uids(), ts).as(DicomFilesMetaProperties::make);
    }

    private static Made make(String sopClass, String sopInstance, String ts) {
        try {
            ByteArrayOutputStream os = new ByteArrayOutputStream();
            DicomFileWriter.writeHead(os, FileMetaInformation.create(sopClass, sopInstance, ts));
            os.write(TestData.encode(TestData.instance(sopInstance, 64, 3), UID.ExplicitVRLittleEndian));
            return new Made(os.toByteArray(), sopClass, sopInstance, ts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DicomFiles.Info quick(byte[] b) {
        return DicomFiles.quickMeta(Arrays.copyOf(b, Math.min(b.length, DicomFiles.HEAD)),
                Math.min(b.length, DicomFiles.HEAD), b.length);
    }

    @Property(tries = 300)
    void filesAsWrittenTakeTheQuickPathWithTheCodecsFacts(@ForAll("files") Made m) throws IOException {
        DicomFiles.Info quick = quick(m.bytes());
        assertNotNull(quick, "the quick path read no facts of a file as PS3.10 writes it");
        assertEquals(new DicomFiles.Info(m.sopClass(), m.sopInstance(), m.ts(), quick.dataSetOffset(),
                m.bytes().length), quick);
        assertEquals(read(m.bytes()), quick);
        assertEquals(quick, inspect(m.bytes()));
    }

    @Provide
    Arbitrary<List<Change>> changes() {
        return Combinators.combine(Arbitraries.integers().between(120, 360), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 255), Arbitraries.of(false, false, false, true)).as(Change::new)
                .list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 2000)
    void changedFilesGetTheCodecsFactsOrTheCodecsReading(@ForAll("files") Made m, @ForAll("changes") List<Change> cs)
            throws IOException {
        byte[] b = m.bytes().clone();
        for (Change c : cs) {
            if (c.cut()) {
                b = Arrays.copyOf(b, Math.min(b.length, c.at()));
            } else {
                for (int i = c.at(); i < Math.min(b.length, c.at() + c.count()); i++) {
                    b[i] = (byte) c.value();
                }
            }
        }
        DicomFiles.Info quick = quick(b);
        Statistics.collect(quick == null ? "codec" : "quick");
        Statistics.coverage(c -> {
            c.check("quick").percentage(p -> p > 10);
            c.check("codec").percentage(p -> p > 10);
        });
        if (quick == null) {
            return; // the codec reads it: inspect is readInspect
        }
        assertEquals(read(b), quick, "the quick path read other facts than the codec");
    }

    /** How a file is inspected: {@link DicomFiles#readInspect} or {@link DicomFiles#inspect}. */
    private interface Inspection {
        DicomFiles.Info of(Path file) throws IOException;
    }

    /** {@code how} of a real file holding {@code b}. */
    private static DicomFiles.Info onFile(byte[] b, Inspection how) throws IOException {
        Path f = Files.createTempFile("dicomsec-meta", ".dcm");
        try {
            Files.write(f, b);
            return how.of(f);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    private static DicomFiles.Info read(byte[] b) throws IOException {
        return onFile(b, DicomFiles::readInspect);
    }

    private static DicomFiles.Info inspect(byte[] b) throws IOException {
        return onFile(b, DicomFiles::inspect);
    }
}
