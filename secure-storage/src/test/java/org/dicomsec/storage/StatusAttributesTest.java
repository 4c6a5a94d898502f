package org.dicomsec.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DictionaryEntry;
import org.dicomsec.data.ElementDictionary;
import org.dicomsec.data.Tag;
import org.dicomsec.data.VR;
import org.junit.jupiter.api.Test;

/** Tags, VRs and keywords of the controlled attributes against the PS3.6 dictionary of the codec. */
class StatusAttributesTest {

    @Test
    void controlledAttributesMatchTheDictionary() {
        ElementDictionary d = ElementDictionary.standard();
        check(d, StatusAttributes.SOP_INSTANCE_STATUS, VR.CS, "SOPInstanceStatus", 0x0100, 0x0410);
        check(d, StatusAttributes.SOP_AUTHORIZATION_DATE_TIME, VR.DT, "SOPAuthorizationDateTime", 0x0100, 0x0420);
        check(d, StatusAttributes.SOP_AUTHORIZATION_COMMENT, VR.LT, "SOPAuthorizationComment", 0x0100, 0x0424);
        check(d, StatusAttributes.AUTHORIZATION_EQUIPMENT_CERTIFICATION_NUMBER, VR.LO,
                "AuthorizationEquipmentCertificationNumber", 0x0100, 0x0426);
        assertEquals(4, StatusAttributes.CONTROLLED.size());
    }

    private static void check(ElementDictionary d, int tag, VR vr, String keyword, int group, int element) {
        assertEquals(Tag.of(group, element), tag);
        DictionaryEntry e = d.lookup(tag);
        assertEquals(vr, e.vr(), keyword);
        assertEquals(keyword, e.keyword());
        assertEquals("1", e.vm());
        assertEquals(vr, StatusAttributes.vrOf(tag));
    }

    @Test
    void statusParsesTheFourDefinedTermsOnly() {
        assertEquals(SopInstanceStatus.AO, SopInstanceStatus.of("AO "));
        assertEquals("Authorized Original", SopInstanceStatus.AO.meaning());
        assertEquals(java.util.List.of("Original", "Authorized Original", "Authorized Copy", "Not Specified"),
                java.util.Arrays.stream(SopInstanceStatus.values()).map(SopInstanceStatus::meaning).toList());
        assertTrue(SopInstanceStatus.OR.isOriginal() && SopInstanceStatus.AO.isOriginal());
        assertFalse(SopInstanceStatus.AC.isOriginal() || SopInstanceStatus.NS.isOriginal());
        assertThrows(IllegalArgumentException.class, () -> SopInstanceStatus.of("XX"));
        Dataset ds = new Dataset();
        assertTrue(SopInstanceStatus.of(ds).isEmpty());
        ds.setString(Tag.SOPInstanceStatus, VR.CS, "NS");
        assertEquals(SopInstanceStatus.NS, SopInstanceStatus.of(ds).orElseThrow());
    }

    @Test
    void aValueIsShownByTheMeaningOfItsTermOrAsAbsentOrUndefined() {
        assertEquals("Authorized Original", SopInstanceStatus.meaningOf("AO "));
        for (SopInstanceStatus s : SopInstanceStatus.values()) {
            assertEquals(s.meaning(), SopInstanceStatus.meaningOf(s.code()));
        }
        for (String none : new String[] {null, "", "  "}) {
            assertEquals("absent: the file says nothing about being an original", SopInstanceStatus.meaningOf(none));
        }
        assertEquals("not a defined term of PS3.15 A.1.1", SopInstanceStatus.meaningOf("XX"));
        assertEquals("not a defined term of PS3.15 A.1.1", SopInstanceStatus.meaningOf("ao"));
    }

    @Test
    void statusEditAcceptsOnlyControlledTags() {
        assertThrows(IllegalArgumentException.class, () -> new StatusEdit(
                java.util.Map.of(Tag.PatientName, java.util.Optional.of("x"))));
    }
}
