package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dicomsec.data.DicomFileReader;
import org.dicomsec.data.DicomReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code dicomsec copy} of a DICOMDIR keeps it valid (issue 13, point 10): every record offset
 * (0004,1200), (0004,1202), (0004,1400), (0004,1420) of the output points at the Item tag of a
 * directory record, however the File Meta Information or the VR form changed; pydicom's
 * DICOMDIR-nooffset (an item length running past its sequence) is read, as DCMTK and pydicom do.
 * Uses pydicom's DICOMDIR test files (python3-pydicom); skipped without them, failed under CI=true.
 */
class DicomDirCopyTest {
    static final Path PYDICOM = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/dicomdirtests");

    @TempDir
    Path dir;

    static Path pydicomFile(String name) {
        Path p = PYDICOM.resolve(name);
        if (!Files.isRegularFile(p)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("pydicom's DICOMDIR test files are missing (" + p + "): install python3-pydicom");
            }
            Assumptions.abort("pydicom's DICOMDIR test files are not installed (" + p + ")");
        }
        return p;
    }

    /** Item offsets of the Directory Record Sequence, and the offset values, as read from {@code file}. */
    static List<Set<Long>> offsets(Path file) throws IOException {
        Set<Long> items = new HashSet<>();
        Set<Long> values = new HashSet<>();
        try (DicomFileReader f = DicomFileReader.open(file)) {
            DicomReader r = f.reader();
            int depth = 0;
            for (DicomReader.Event e; (e = r.next()) != DicomReader.Event.END; ) {
                switch (e) {
                    case SEQUENCE_START -> depth++;
                    case SEQUENCE_END -> depth--;
                    case ITEM_START -> {
                        if (depth == 1) {
                            items.add(r.offset());
                        }
                    }
                    case ELEMENT -> {
                        int t = r.tag();
                        if (t == 0x00041200 || t == 0x00041202 || t == 0x00041400 || t == 0x00041420) {
                            byte[] v = r.readValue();
                            long x = r.bigEndian()
                                    ? ((v[0] & 0xFFL) << 24) | ((v[1] & 0xFF) << 16) | ((v[2] & 0xFF) << 8) | (v[3] & 0xFF)
                                    : ((v[3] & 0xFFL) << 24) | ((v[2] & 0xFF) << 16) | ((v[1] & 0xFF) << 8) | (v[0] & 0xFF);
                            if (x != 0) {
                                values.add(x);
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return List.of(items, values);
    }

    @ParameterizedTest
    @CsvSource({"DICOMDIR,", "DICOMDIR-bigEnd,", "DICOMDIR-implicit,", "DICOMDIR-reordered,", "DICOMDIR-nooffset,",
        "DICOMDIR,implicit-le", "DICOMDIR-implicit,explicit-le", "DICOMDIR,big-endian"})
    void copiedOffsetsPointAtRecords(String name, String ts) throws Exception {
        Path in = pydicomFile(name);
        List<Set<Long>> before = offsets(in);
        assertTrue(before.get(0).containsAll(before.get(1)), "the input itself is consistent");
        Path out = dir.resolve(name + ".copy");
        CliRun run = ts == null ? CliRun.of("copy", in.toString(), out.toString())
                : CliRun.of("copy", "-t", ts, in.toString(), out.toString());
        assertEquals(0, run.status(), run::toString);
        List<Set<Long>> after = offsets(out);
        assertEquals(before.get(0).size(), after.get(0).size(), "every record copied");
        assertEquals(before.get(1).size(), after.get(1).size(), "every offset copied");
        assertFalse(after.get(1).isEmpty());
        assertTrue(after.get(0).containsAll(after.get(1)), "every offset of the copy points at a record: "
                + new ArrayList<>(after.get(1)) + " vs " + new ArrayList<>(after.get(0)));
    }
}
