package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFileWriter;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.FileMetaInformation;
import org.dicomsec.data.Tag;
import org.dicomsec.data.UID;
import org.dicomsec.data.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dump and copy stream: a file whose Pixel Data is several times the heap
 * is listed and converted by a {@code dicomsec} JVM started with a 32 MiB heap.
 */
class LargeFileTest {

    private static final long PIXEL_BYTES = 160L << 20; // 160 MiB, five times the heap below

    @TempDir
    Path dir;

    private static Path write(Path file) throws Exception {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tag.SOPInstanceUID, VR.UI, "2.25.4242");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            DicomWriter w = DicomFileWriter.open(out, FileMetaInformation.createFor(ds, UID.ExplicitVRLittleEndian));
            w.writeDataset(ds);
            w.writeHeader(Tag.PixelData, VR.OW, PIXEL_BYTES);
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (byte) (i * 7);
            }
            for (long n = 0; n < PIXEL_BYTES; n += chunk.length) {
                w.writeValue(chunk, 0, chunk.length);
            }
            w.finish();
        }
        return file;
    }

    /** Runs {@code dicomsec ARGS} in a JVM with a 32 MiB heap; returns exit status and output. */
    private static CliRun runSmallHeap(Path dir, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx32m", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        File out = dir.resolve("out.txt").toFile();
        File err = dir.resolve("err.txt").toFile();
        Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("dicomsec " + String.join(" ", args) + " did not end in 120 s");
        }
        return new CliRun(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    @Test
    void dumpAndCopyStreamLargePixelDataWithASmallHeap() throws Exception {
        Path big = write(dir.resolve("big.dcm"));
        CliRun dump = runSmallHeap(dir, "dump", big.toString());
        assertEquals(0, dump.status(), dump::toString);
        String pixels = dump.outLines().stream().filter(l -> l.startsWith("(7FE0,0010) OW 0700\\150e"))
                .findFirst().orElseThrow(() -> new AssertionError(dump.toString()));
        assertTrue(pixels.endsWith("# " + PIXEL_BYTES + ", 1 PixelData"), pixels);

        Path be = dir.resolve("big-be.dcm");
        CliRun copy = runSmallHeap(dir, "copy", "-q", "-t", "explicit-be", big.toString(), be.toString());
        assertEquals(0, copy.status(), copy::toString);
        assertEquals(Files.size(big), Files.size(be), "same length, bytes swapped per 16-bit word");
        CliRun back = runSmallHeap(dir, "dump", be.toString());
        assertEquals(0, back.status(), back::toString);
        assertTrue(back.out().contains("(7FE0,0010) OW 0700\\150e"), "values unchanged after the swap");
    }
}
