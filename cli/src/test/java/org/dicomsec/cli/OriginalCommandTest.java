package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.VR;
import org.dicomsec.storage.Difference;
import org.dicomsec.storage.NoCoercionCheck;
import org.dicomsec.storage.StatusAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dicomsec original} (rule a of PS3.15 A.1.1 on files), then authorize and status on its result. */
class OriginalCommandTest {

    @TempDir
    Path dir;

    /** A small Secondary Capture image with the attributes an original needs (rule a). */
    static Dataset image(String uid) {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tag.SOPInstanceUID, VR.UI, uid);
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.543.8");
        ds.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.543.8.2");
        ds.setString(Tag.PatientName, VR.PN, "Test^Original");
        ds.setString(0x00090010, VR.LO, "DICOMSEC CLI TEST");
        ds.setBytes(0x00091001, VR.OB, new byte[] {1, 2, 3, (byte) 0xFF});
        ds.setBytes(Tag.PixelData, VR.OW, new byte[] {9, 8, 7, 6, 5, 4, 3, 2});
        return ds;
    }

    private Path plain(String name, String uid) throws Exception {
        Path p = dir.resolve(name);
        DicomFile.of(image(uid), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(p);
        return p;
    }

    private List<String> leftovers() throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
    }

    @Test
    void ruleA_inPlace_setsOrAndCompanionsOnly_thenAuthorizeAndStatusWork() throws Exception {
        Path f = plain("ct.dcm", "1.2.826.0.1.3680043.10.543.8.1");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        Dataset before = DicomFile.read(f).dataset();
        CliRun r = CliRun.of("original", f.toString(), "--cert-number", "EQ-2026-17", "--comment", "made here");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("now OR"), r.out());
        Dataset after = DicomFile.read(f).dataset();
        assertEquals("OR", after.getString(Tag.SOPInstanceStatus));
        assertEquals("EQ-2026-17", after.getString(StatusAttributes.AUTHORIZATION_EQUIPMENT_CERTIFICATION_NUMBER));
        assertEquals("made here", after.getString(StatusAttributes.SOP_AUTHORIZATION_COMMENT));
        assertTrue(after.getString(StatusAttributes.SOP_AUTHORIZATION_DATE_TIME).matches("\\d{14}\\.\\d{6}\\+0000"));
        List<Difference> diff = NoCoercionCheck.diff(before, after);
        assertEquals(4, diff.size(), diff.toString());
        for (Difference d : diff) {
            assertTrue(StatusAttributes.CONTROLLED.contains(d.tag()), "only the controlled attributes: " + d);
        }
        assertArrayEquals(before.getBytes(Tag.PixelData), after.getBytes(Tag.PixelData));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
                "a file replaced in place keeps its mode");
        assertEquals(List.of(), leftovers());

        CliRun status = CliRun.of("status", f.toString());
        assertTrue(status.out().contains("OR (Original)"), status.out());
        assertEquals(0, CliRun.of("authorize", f.toString(), "--by", "Dr. A", "--cert-number", "EQ-2026-17").status());
        assertEquals("AO", DicomFile.read(f).dataset().getString(Tag.SOPInstanceStatus));
    }

    @Test
    void refusesAFileThatAlreadyHasAStatus_withOneLine_andLeavesItAsItIs() throws Exception {
        Path f = plain("ct.dcm", "1.2.826.0.1.3680043.10.543.8.3");
        assertEquals(0, CliRun.of("original", f.toString(), "-n", "EQ-1").status());
        byte[] or = Files.readAllBytes(f);
        CliRun again = CliRun.of("original", f.toString(), "-n", "EQ-1");
        assertEquals(1, again.status(), again.toString());
        assertEquals(1, again.err().lines().count(), again.err());
        assertTrue(again.err().contains("already an original (OR)"), again.err());
        assertArrayEquals(or, Files.readAllBytes(f));

        assertEquals(0, CliRun.of("authorize", f.toString(), "--by", "Dr. A", "--cert-number", "EQ-1").status());
        CliRun ao = CliRun.of("original", f.toString(), "-n", "EQ-1");
        assertEquals(1, ao.status());
        assertTrue(ao.err().contains("already an authorized original (AO)"), ao.err());

        Dataset copy = image("1.2.826.0.1.3680043.10.543.8.4");
        copy.setString(Tag.SOPInstanceStatus, VR.CS, "AC");
        Path ac = dir.resolve("ac.dcm");
        DicomFile.of(copy, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(ac);
        CliRun acRun = CliRun.of("original", ac.toString(), "-n", "EQ-1");
        assertEquals(1, acRun.status());
        assertTrue(acRun.err().contains("an authorized copy (AC)"), acRun.err());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void output_fileOrFolder_leavesTheSourceAlone_andBadInputIsExit2() throws Exception {
        Path a = plain("a.dcm", "1.2.826.0.1.3680043.10.543.8.5");
        Path b = plain("b.dcm", "1.2.826.0.1.3680043.10.543.8.6");
        byte[] aBytes = Files.readAllBytes(a);
        Path one = dir.resolve("one.dcm");
        assertEquals(0, CliRun.of("original", a.toString(), "-n", "EQ-1", "-o", one.toString()).status());
        assertArrayEquals(aBytes, Files.readAllBytes(a));
        assertEquals("OR", DicomFile.read(one).dataset().getString(Tag.SOPInstanceStatus));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(one)));

        Path out = Files.createDirectory(dir.resolve("out"));
        assertEquals(0, CliRun.of("original", a.toString(), b.toString(), "-n", "EQ-1", "-o", out.toString()).status());
        assertEquals("OR", DicomFile.read(out.resolve("b.dcm")).dataset().getString(Tag.SOPInstanceStatus));
        assertEquals(2, CliRun.of("original", a.toString(), b.toString(), "-n", "EQ-1", "-o",
                dir.resolve("nofolder").toString()).status());

        assertEquals(2, CliRun.of("original", a.toString()).status(), "--cert-number is required");
        CliRun missing = CliRun.of("original", dir.resolve("missing.dcm").toString(), "-n", "EQ-1");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("no such file"), missing.err());
        Path text = Files.writeString(dir.resolve("notes.txt"), "not dicom at all");
        assertEquals(2, CliRun.of("original", text.toString(), "-n", "EQ-1").status());
        assertFalse(Files.exists(dir.resolve("nofolder")));
        assertEquals(List.of(), leftovers());
    }
}
