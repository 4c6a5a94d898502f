package org.dicomsec.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Tag;
import org.dicomsec.data.VR;
import org.junit.jupiter.api.Test;

/** Rules a and b of PS3.15 A.1.1. */
class CreationAndAuthorizationTest {

    private static final OffsetDateTime T = OffsetDateTime.of(2026, 11, 24, 21, 5, 30, 123_456_000, ZoneOffset.ofHours(1));

    @Test
    void ruleA_createOriginal_setsORAndRequiredAttributes() throws Exception {
        String uid = TestData.newUid();
        Dataset src = TestData.ctImage(uid);
        Dataset or = OriginalCreator.createOriginal(src, new Certification("EQ-CERT-7", T, "acquired on CT-1000"), T);

        assertEquals(SopInstanceStatus.OR, SopInstanceStatus.of(or).orElseThrow());          // a.1, a.2.c
        assertEquals("OR", or.getString(Tag.SOPInstanceStatus));
        assertEquals(TestData.CT_IMAGE_STORAGE, or.getString(Tag.SOPClassUID));              // a.2.a
        assertEquals(uid, or.getString(Tag.SOPInstanceUID));
        assertEquals("20261124", or.getString(Tag.InstanceCreationDate));                    // a.2.b
        assertEquals("210530.123456", or.getString(Tag.InstanceCreationTime));
        assertEquals("20261124210530.123456+0100", or.getString(Tag.SOPAuthorizationDateTime)); // a.2.d
        assertEquals("acquired on CT-1000", or.getString(Tag.SOPAuthorizationComment));      // a.2.e
        assertEquals("EQ-CERT-7", or.getString(Tag.AuthorizationEquipmentCertificationNumber)); // a.2.f
        assertEquals(VR.DT, or.get(Tag.SOPAuthorizationDateTime).vr());
        assertEquals(VR.LT, or.get(Tag.SOPAuthorizationComment).vr());
        assertEquals(VR.LO, or.get(Tag.AuthorizationEquipmentCertificationNumber).vr());
        assertEquals(src.getString(Tag.StudyInstanceUID), or.getString(Tag.StudyInstanceUID)); // a.2.g
        assertEquals(src.getString(Tag.SeriesInstanceUID), or.getString(Tag.SeriesInstanceUID));
        assertFalse(src.contains(Tag.SOPInstanceStatus), "the source is not changed");
    }

    @Test
    void ruleA_createOriginal_keepsEquipmentOverlayAndImageDataAsTheyAre() throws Exception {
        Dataset src = TestData.ctImage(TestData.newUid());
        Dataset or = OriginalCreator.createOriginal(src, new Certification("EQ-CERT-7", T, null), null);
        // a.2.h, a.2.i, a.2.j: the very same elements, bytes untouched
        for (int tag : new int[] {Tag.Manufacturer, 0x00080080, 0x00081090, 0x00181000, 0x00181020,
            0x60003000, 0x60000010, Tag.PixelData, 0x00091002}) {
            assertSame(src.get(tag), or.get(tag), Tag.toString(tag));
        }
        assertArrayEquals(src.getBytes(Tag.PixelData), or.getBytes(Tag.PixelData));
        assertNull(or.get(Tag.SOPAuthorizationComment), "a.2.e: comment only when given");
        assertNull(or.get(Tag.InstanceCreationDate), "a.2.b: creation date only when known");
        // everything but the controlled attributes is identical
        assertEquals(List.of(), NoCoercionCheck.violations(src, or));
    }

    @Test
    void ruleA_createOriginal_keepsAKnownCreationDateTime() throws Exception {
        Dataset src = TestData.ctImage(TestData.newUid());
        src.setString(Tag.InstanceCreationDate, VR.DA, "20250101");
        src.setString(Tag.InstanceCreationTime, VR.TM, "080000");
        Dataset or = OriginalCreator.createOriginal(src, new Certification("EQ", T, null), T);
        assertEquals("20250101", or.getString(Tag.InstanceCreationDate));
        assertEquals("080000", or.getString(Tag.InstanceCreationTime));
    }

    @Test
    void ruleA_createOriginal_refusesWithoutIdentifyingUids() {
        for (int tag : new int[] {Tag.SOPClassUID, Tag.SOPInstanceUID, Tag.StudyInstanceUID, Tag.SeriesInstanceUID}) {
            Dataset src = TestData.ctImage(TestData.newUid());
            src.remove(tag);
            ProfileViolationException e = assertThrows(ProfileViolationException.class,
                    () -> OriginalCreator.createOriginal(src, Certification.now("EQ"), null), Tag.toString(tag));
            assertEquals('a', e.rule());
        }
    }

    @Test
    void ruleA_createOriginal_refusesAnInstanceThatAlreadyHasAStatus() {
        for (String s : new String[] {"OR", "AO", "AC", "NS"}) {
            Dataset src = TestData.ctImage(TestData.newUid());
            src.setString(Tag.SOPInstanceStatus, VR.CS, s);
            ProfileViolationException e = assertThrows(ProfileViolationException.class,
                    () -> OriginalCreator.createOriginal(src, Certification.now("EQ"), null));
            assertEquals('a', e.rule());
        }
    }

    @Test
    void ruleB_authorize_changesORtoAO_keepsUid_setsCompanions() throws Exception {
        String uid = TestData.newUid();
        Dataset or = OriginalCreator.createOriginal(TestData.ctImage(uid),
                new Certification("EQ-OLD", T, "first comment"), T);
        OffsetDateTime later = T.plusHours(2);
        Authorizer authorizer = Authorizer.of(Set.of("Dr. Radiologist"));
        Dataset ao = authorizer.authorize(or, new Authorization("Dr. Radiologist",
                new Certification("WS-CERT-99", later, "read and certified")));

        assertEquals("AO", ao.getString(Tag.SOPInstanceStatus));                     // b.2
        assertEquals(uid, ao.getString(Tag.SOPInstanceUID));                          // b.2
        assertSame(or.get(Tag.SOPInstanceUID), ao.get(Tag.SOPInstanceUID));
        assertEquals("20261124230530.123456+0100", ao.getString(Tag.SOPAuthorizationDateTime)); // b.3
        assertEquals("WS-CERT-99", ao.getString(Tag.AuthorizationEquipmentCertificationNumber));
        assertEquals("read and certified", ao.getString(Tag.SOPAuthorizationComment));
        assertEquals(List.of(), NoCoercionCheck.violations(or, ao), "rule h: nothing else changes");
        assertEquals("OR", or.getString(Tag.SOPInstanceStatus), "the input is not changed");
    }

    @Test
    void ruleB_authorize_commentIsOptional() throws Exception {
        Dataset or = OriginalCreator.createOriginal(TestData.ctImage(TestData.newUid()),
                new Certification("EQ", T, "creation comment"), null);
        Dataset ao = Authorizer.of(Set.of("dr")).authorize(or,
                new Authorization("dr", new Certification("WS", T, null)));
        assertEquals("AO", ao.getString(Tag.SOPInstanceStatus));
        assertFalse(ao.contains(Tag.SOPAuthorizationComment), "the creation comment does not survive as the"
                + " authorization's");
    }

    @Test
    void ruleB_authorize_onlyByAnAuthorizedEntity() throws Exception {
        Dataset or = OriginalCreator.createOriginal(TestData.ctImage(TestData.newUid()), Certification.now("EQ"), null);
        ProfileViolationException e = assertThrows(ProfileViolationException.class,
                () -> Authorizer.of(Set.of("dr")).authorize(or, new Authorization("intruder", Certification.now("X"))));
        assertEquals('b', e.rule());
        assertTrue(e.getMessage().contains("intruder"));
    }

    @Test
    void ruleB_authorize_onlyFromOR() throws Exception {
        Authorizer a = Authorizer.of(Set.of("dr"));
        for (String s : new String[] {"AO", "AC", "NS", null}) {
            Dataset ds = TestData.ctImage(TestData.newUid());
            if (s != null) {
                ds.setString(Tag.SOPInstanceStatus, VR.CS, s);
            }
            ProfileViolationException e = assertThrows(ProfileViolationException.class,
                    () -> a.authorize(ds, new Authorization("dr", Certification.now("X"))), String.valueOf(s));
            assertEquals('b', e.rule());
        }
    }

    @Test
    void certificationValuesAreCheckedAgainstTheirVRs() {
        assertThrows(IllegalArgumentException.class, () -> Certification.now(""));
        assertThrows(IllegalArgumentException.class, () -> Certification.now("x".repeat(65)));
        assertThrows(IllegalArgumentException.class, () -> Certification.now("a\\b"));
        assertThrows(IllegalArgumentException.class, () -> new Certification("EQ", T, "c".repeat(10241)));
        assertThrows(IllegalArgumentException.class, () -> new Authorization(" ", Certification.now("EQ")));
    }
}
