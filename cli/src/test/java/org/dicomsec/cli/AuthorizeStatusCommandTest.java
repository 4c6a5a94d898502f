package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.VR;
import org.dicomsec.storage.Certification;
import org.dicomsec.storage.Difference;
import org.dicomsec.storage.NoCoercionCheck;
import org.dicomsec.storage.OriginalCreator;
import org.dicomsec.storage.StatusAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dicomsec authorize} (rule b of PS3.15 A.1.1 on a file) and {@code dicomsec status}. */
class AuthorizeStatusCommandTest {

    @TempDir
    Path dir;

    static final String UID = "1.2.826.0.1.3680043.10.543.7.1";

    private static Dataset image() {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tag.SOPInstanceUID, VR.UI, UID);
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.543.7");
        ds.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.543.7.2");
        ds.setString(Tag.PatientName, VR.PN, "Test^Patient");
        ds.setString(0x00090010, VR.LO, "DICOMSEC CLI TEST");
        ds.setBytes(0x00091001, VR.OB, new byte[] {1, 2, 3, (byte) 0xFF});
        ds.setBytes(Tag.PixelData, VR.OW, new byte[] {9, 8, 7, 6, 5, 4, 3, 2});
        return ds;
    }

    private Path originalFile() throws Exception {
        Path p = dir.resolve("or.dcm");
        DicomFile.of(OriginalCreator.createOriginal(image(), Certification.now("EQ-1"), null),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(p);
        return p;
    }

    private List<String> leftovers() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
    }

    @Test
    void ruleB_authorize_turnsOrIntoAo_inPlace_nothingElseChanges() throws Exception {
        Path f = originalFile();
        Dataset before = DicomFile.read(f).dataset();
        Path log = dir.resolve("audit.log");
        CliRun r = CliRun.of("authorize", f.toString(), "--by", "Dr. A. Smith", "--cert-number", "EQ-2026-17",
                "--comment", "read and approved", "--audit", log.toString());
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("OR -> AO"), r.out());
        Dataset after = DicomFile.read(f).dataset();
        assertEquals("AO", after.getString(Tag.SOPInstanceStatus));
        assertEquals(UID, after.getString(Tag.SOPInstanceUID), "b.2: the UID does not change");
        assertEquals("EQ-2026-17", after.getString(StatusAttributes.AUTHORIZATION_EQUIPMENT_CERTIFICATION_NUMBER));
        assertEquals("read and approved", after.getString(StatusAttributes.SOP_AUTHORIZATION_COMMENT));
        assertTrue(after.getString(StatusAttributes.SOP_AUTHORIZATION_DATE_TIME).matches("\\d{14}\\.\\d{6}\\+0000"));
        for (Difference d : NoCoercionCheck.diff(before, after)) {
            assertTrue(StatusAttributes.CONTROLLED.contains(d.tag()), "rule h: only the controlled attributes: " + d);
        }
        assertArrayEquals(before.getBytes(0x00091001), after.getBytes(0x00091001));
        assertArrayEquals(before.getBytes(Tag.PixelData), after.getBytes(Tag.PixelData));
        assertEquals(List.of(), leftovers());
        String audit = Files.readString(log);
        assertTrue(audit.contains("Dr. A. Smith") && audit.contains("110135"), audit);

        // an AO is not authorized again: refused, file unchanged
        byte[] bytes = Files.readAllBytes(f);
        CliRun again = CliRun.of("authorize", f.toString(), "--by", "Dr. B", "--cert-number", "EQ-9");
        assertEquals(1, again.status(), again.toString());
        assertTrue(again.err().contains("SOP Instance Status is AO; only an original (OR) can be authorized"),
                again.err());
        assertArrayEquals(bytes, Files.readAllBytes(f));
    }

    @Test
    void authorize_refusesFilesWithoutOriginalStatus_andBadUsage() throws Exception {
        Path plain = dir.resolve("plain.dcm");
        DicomFile.of(image(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(plain);
        CliRun r = CliRun.of("authorize", plain.toString(), "--by", "Dr. A", "--cert-number", "N1");
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().contains("SOP Instance Status is absent"), r.err());
        assertEquals(2, CliRun.of("authorize", plain.toString(), "--cert-number", "N1").status());
        assertEquals(2, CliRun.of("authorize", plain.toString(), "--by", "Dr. A").status());
        assertEquals(2, CliRun.of("authorize", plain.toString(), "--by", "Dr. A", "--cert-number", "a\\b").status());
        assertEquals(2, CliRun.of("authorize", dir.resolve("missing.dcm").toString(), "--by", "X",
                "--cert-number", "1").status());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void status_showsStatusAndCompanions_textAndJson() throws Exception {
        Path f = originalFile();
        CliRun text = CliRun.of("status", f.toString());
        assertEquals(0, text.status(), text.toString());
        assertTrue(text.out().contains("OR (Original)"), text.out());
        assertTrue(text.out().contains(UID));
        assertTrue(text.out().contains("EQ-1"));
        assertTrue(text.out().contains("SOP Authorization Comment (0100,0424)") && text.out().contains("(absent)"));
        CliRun quiet = CliRun.of("status", "-q", f.toString());
        assertEquals(0, quiet.status(), quiet.toString());
        assertEquals("OR", quiet.out().strip(), "status -q prints the status term alone");

        assertEquals(0, CliRun.of("authorize", f.toString(), "--by", "Dr. \"Q\"", "--cert-number", "EQ-7",
                "--comment", "line1\nline2").status());
        CliRun json = CliRun.of("status", "--json", f.toString());
        assertEquals(0, json.status(), json.toString());
        assertTrue(json.out().contains("\"sopInstanceStatus\": \"AO\""), json.out());
        assertTrue(json.out().contains("\"sopInstanceUid\": \"" + UID + "\""), json.out());
        assertTrue(json.out().contains("\"authorizationEquipmentCertificationNumber\": \"EQ-7\""), json.out());
        assertTrue(json.out().contains("\"sopAuthorizationComment\": \"line1\\nline2\""), json.out());

        Path plain = dir.resolve("plain.dcm");
        DicomFile.of(image(), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN).write(plain);
        CliRun none = CliRun.of("status", "--json", plain.toString());
        assertTrue(none.out().contains("\"sopInstanceStatus\": null"), none.out());
        assertEquals("", CliRun.of("status", "-q", plain.toString()).out().strip(), "no status: an empty line");
        assertEquals(2, CliRun.of("status", dir.resolve("nothing.dcm").toString()).status());
    }
}
