package org.dicomsec.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules a and b of PS3.15 A.1.1 on PS3.10 files: written durably, nothing else changed, refusals leave the file. */
class OriginalFilesTest {

    private static final Certification CERT = new Certification("EQ-9", OffsetDateTime.now(ZoneOffset.UTC), null);
    private static final Authorization BY = new Authorization("Dr. A",
            new Certification("EQ-9", OffsetDateTime.now(ZoneOffset.UTC), "read and certified"));

    private static Path plainFile(Path dir, String uid) throws Exception {
        Path f = dir.resolve(uid + ".dcm");
        DicomFile.of(TestData.ctImage(uid), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(f);
        return f;
    }

    @Test
    void anOriginalMadeInPlaceIsAuthorizedInPlaceKeepingItsUidAndEverythingElse(@TempDir Path dir) throws Exception {
        String uid = TestData.newUid();
        Path f = plainFile(dir, uid);
        OriginalFiles.Made or = OriginalFiles.makeOriginal(f, f, CERT);
        assertEquals(uid, or.sopInstanceUid());
        Dataset before = DicomFile.read(f).dataset();
        assertEquals(SopInstanceStatus.OR, SopInstanceStatus.of(before).orElseThrow());

        OriginalFiles.Made ao = OriginalFiles.authorize(f, f, BY, Authorizer.of(Set.of("Dr. A")));
        assertEquals(f, ao.target());
        assertEquals(uid, ao.sopInstanceUid());
        DicomFile after = DicomFile.read(f);
        assertEquals(SopInstanceStatus.AO, SopInstanceStatus.of(after.dataset()).orElseThrow());
        assertEquals(ao.authorizationDateTime(), after.dataset().getString(StatusAttributes.SOP_AUTHORIZATION_DATE_TIME));
        assertEquals("read and certified", after.dataset().getString(StatusAttributes.SOP_AUTHORIZATION_COMMENT));
        assertEquals(before.getString(Tag.StudyInstanceUID), after.dataset().getString(Tag.StudyInstanceUID));
        assertArrayEquals(before.getBytes(Tag.PixelData), after.dataset().getBytes(Tag.PixelData));
        for (Difference d : NoCoercionCheck.diff(before, after.dataset())) {
            assertTrue(StatusAttributes.CONTROLLED.contains(d.tag()), "rule h: only the controlled attributes: " + d);
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left beside it");
        }
    }

    @Test
    void anAuthorizedCopyGoesToAnotherTargetAndTheSourceStaysAsItWas(@TempDir Path dir) throws Exception {
        Path f = plainFile(dir, TestData.newUid());
        OriginalFiles.makeOriginal(f, f, CERT);
        byte[] original = Files.readAllBytes(f);
        Path target = dir.resolve("ao.dcm");
        OriginalFiles.authorize(DicomFile.read(f), target, BY, Authorizer.of(Set.of("Dr. A")));
        assertArrayEquals(original, Files.readAllBytes(f));
        assertEquals(SopInstanceStatus.AO, SopInstanceStatus.of(DicomFile.read(target).dataset()).orElseThrow());
    }

    @Test
    void ruleBRefusalsWriteNothing(@TempDir Path dir) throws Exception {
        Path plain = plainFile(dir, TestData.newUid());
        byte[] bytes = Files.readAllBytes(plain);
        ProfileViolationException notOr = assertThrows(ProfileViolationException.class,
                () -> OriginalFiles.authorize(plain, plain, BY, Authorizer.of(Set.of("Dr. A"))));
        assertEquals('b', notOr.rule());
        assertArrayEquals(bytes, Files.readAllBytes(plain));

        Path or = plainFile(dir, TestData.newUid());
        OriginalFiles.makeOriginal(or, or, CERT);
        byte[] orBytes = Files.readAllBytes(or);
        ProfileViolationException notAuthorized = assertThrows(ProfileViolationException.class,
                () -> OriginalFiles.authorize(or, or, BY, Authorizer.of(Set.of("Dr. B"))));
        assertTrue(notAuthorized.getMessage().contains("\"Dr. A\" is not an authorized entity"),
                notAuthorized.getMessage());
        assertArrayEquals(orBytes, Files.readAllBytes(or));
        assertFalse(Files.exists(dir.resolve("ao.dcm")));
    }
}
