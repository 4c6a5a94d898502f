package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Spot checks of the dictionary against PS3.6 (table 6-1, and table E.1-1 of
 * PS3.7 for the command group), and the rules for tags PS3.6 does not list.
 */
class ElementDictionaryTest {

    private final ElementDictionary dict = ElementDictionary.standard();

    private DictionaryEntry entry(int tag) {
        DictionaryEntry e = dict.lookup(tag);
        assertNotNull(e, () -> String.format("no entry for %08X", tag));
        return e;
    }

    private void check(int tag, VR vr, VR alt, String vm, String keyword, boolean retired) {
        DictionaryEntry e = entry(tag);
        assertEquals(vr, e.vr(), keyword + " VR");
        assertEquals(alt, e.altVr(), keyword + " second VR");
        assertEquals(vm, e.vm(), keyword + " VM");
        assertEquals(keyword, e.keyword());
        assertEquals(retired, e.retired(), keyword + " retired");
    }

    @Test
    void sopCommonModuleAttributes() {
        // PS3.6 table 6-1; PS3.3 C.12.1 SOP Common Module
        check(0x00080016, VR.UI, null, "1", "SOPClassUID", false);
        check(0x00080018, VR.UI, null, "1", "SOPInstanceUID", false);
        check(0x00080005, VR.CS, null, "1-n", "SpecificCharacterSet", false);
        check(0x01000410, VR.CS, null, "1", "SOPInstanceStatus", false);
        check(0x01000420, VR.DT, null, "1", "SOPAuthorizationDateTime", false);
        check(0x01000424, VR.LT, null, "1", "SOPAuthorizationComment", false);
        check(0x01000426, VR.LO, null, "1", "AuthorizationEquipmentCertificationNumber", false);
    }

    @Test
    void securityAttributesOfPs315() {
        // PS3.6 table 6-1, attributes of the Digital Signatures and Encrypted Attributes (PS3.15)
        check(0x04000010, VR.UI, null, "1", "MACCalculationTransferSyntaxUID", false);
        check(0x04000015, VR.CS, null, "1", "MACAlgorithm", false);
        check(0x04000020, VR.AT, null, "1-n", "DataElementsSigned", false);
        check(0x04000105, VR.DT, null, "1", "DigitalSignatureDateTime", false);
        check(0x04000120, VR.OB, null, "1", "Signature", false);
        check(0x04000500, VR.SQ, null, "1", "EncryptedAttributesSequence", false);
        check(0x04000510, VR.UI, null, "1", "EncryptedContentTransferSyntaxUID", false);
        check(0x04000520, VR.OB, null, "1", "EncryptedContent", false);
        check(0x4FFE0001, VR.SQ, null, "1", "MACParametersSequence", false);
        check(0xFFFAFFFA, VR.SQ, null, "1", "DigitalSignaturesSequence", false);
    }

    @Test
    void multiVrEntries() {
        check(0x7FE00010, VR.OB, VR.OW, "1", "PixelData", false);
        check(0x00280106, VR.US, VR.SS, "1", "SmallestImagePixelValue", false);
        check(0x00281101, VR.US, VR.SS, "3", "RedPaletteColorLookupTableDescriptor", false);
        check(0x00283006, VR.US, VR.OW, "1-n", "LUTData", false);
        // "up" of dicom.dic: PS3.6 lists UL
        check(0x00041200, VR.UL, null, "1", "OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity", false);
        assertEquals(VR.OB, dict.vrOf(0x7FE00010), "the first VR PS3.6 lists");
    }

    @Test
    void newerVrs() {
        check(0x7FE00001, VR.OV, null, "1", "ExtendedOffsetTable", false);
        check(0x00720082, VR.SV, null, "1-n", "SelectorSVValue", false);
        check(0x00720083, VR.UV, null, "1-n", "SelectorUVValue", false);
    }

    @Test
    void commandGroup() {
        // PS3.7 table E.1-1
        check(0x00000000, VR.UL, null, "1", "CommandGroupLength", false);
        check(0x00000100, VR.US, null, "1", "CommandField", false);
        check(0x00000900, VR.US, null, "1", "Status", false);
        check(0x00020010, VR.UI, null, "1", "TransferSyntaxUID", false);
    }

    @Test
    void retiredEntriesLoseTheDcmtkPrefix() {
        check(0x00080010, VR.SH, null, "1", "RecognitionCode", true);
        assertEquals(-1, dict.tagOf("RETIRED_RecognitionCode"));
        assertEquals(0x00080010, dict.tagOf("RecognitionCode"));
    }

    @Test
    void repeatingGroups() {
        for (int group = 0x6000; group <= 0x60FE; group += 2) {
            int tag = (group << 16) | 0x3000;
            DictionaryEntry e = entry(tag);
            assertEquals("OverlayData", e.keyword());
            assertEquals(VR.OB, e.vr());
            assertEquals(VR.OW, e.altVr());
            assertTrue(e.isRepeating());
            assertTrue(e.matches(tag));
            assertEquals("OverlayRows", entry((group << 16) | 0x0010).keyword());
        }
        assertNull(dict.lookup(0x60013000), "odd group 6001 is private");
        assertNull(dict.lookup(0x61003000), "6100 is outside 60xx");
        assertEquals(0x60003000, dict.tagOf("OverlayData"));
        assertEquals("CurveData", entry(0x50123000).keyword());
        assertTrue(entry(0x50123000).retired());
        assertEquals("VariablePixelData", entry(0x7F200010).keyword());
        // an exact entry wins over the repeating (7Fxx,0010)
        assertEquals("PixelData", entry(0x7FE00010).keyword());
    }

    @Test
    void repeatingElements() {
        assertEquals("SourceImageIDs", entry(0x00203142).keyword());
        assertEquals("RowsForNthOrderCoefficients", entry(0x00280450).keyword());
        assertEquals("CodeLabel", entry(0x002808A0).keyword());
        assertEquals("RunLengthTriplet", entry(0x10000121).keyword());
        assertEquals("ZonalMap", entry(0x1010ABCD).keyword());
        // exact entries inside the 04x0-04x3 pattern keep their own meaning
        assertEquals("TransformLabel", entry(0x00280400).keyword());
    }

    @Test
    void groupLengthsAreUl() {
        for (int tag : new int[] {0x00080000, 0x00100000, 0x7FE00000, 0x00090000, 0x00290000}) {
            DictionaryEntry e = entry(tag);
            assertEquals(VR.UL, e.vr());
            assertEquals(tag, e.tag());
            assertEquals(VR.UL, dict.vrOf(tag));
        }
        assertEquals("FileMetaInformationGroupLength", entry(0x00020000).keyword());
        assertEquals(ElementDictionary.GROUP_LENGTH_KEYWORD, entry(0x00080000).keyword());
        // (1010,0000) is a group length, not ZonalMap (1010,xxxx)
        assertEquals(VR.UL, dict.vrOf(0x10100000));
    }

    @Test
    void privateTags() {
        for (int tag : new int[] {0x00090010, 0x000900FF, 0x00291010 & 0xFFFF00FF, 0x7FE10010}) {
            DictionaryEntry e = entry(tag);
            assertEquals(VR.LO, e.vr(), String.format("%08X private creator", tag));
            assertEquals(ElementDictionary.PRIVATE_CREATOR_KEYWORD, e.keyword());
        }
        for (int tag : new int[] {0x00291010, 0x00090100, 0x00090001, 0x0009000F, 0x7FE11010}) {
            assertNull(dict.lookup(tag), String.format("%08X private data", tag));
            assertEquals(VR.UN, dict.vrOf(tag));
        }
    }

    @Test
    void unknownAndItemTags() {
        assertNull(dict.lookup(0x00080003), "(0008,0003) is not in PS3.6");
        assertEquals(VR.UN, dict.vrOf(0x00080003));
        DictionaryEntry item = entry(0xFFFEE000);
        assertEquals("Item", item.keyword());
        assertNull(item.vr(), "PS3.6 gives Item no VR");
        assertEquals(VR.UN, dict.vrOf(0xFFFEE000));
        assertEquals(0xFFFEE0DD, dict.tagOf("SequenceDelimitationItem"));
    }

    @Test
    void keywordsAndNames() {
        assertEquals(0x00100010, dict.tagOf("PatientName"));
        assertEquals(-1, dict.tagOf("NoSuchKeyword"));
        assertEquals(-1, dict.tagOf(""));
        assertEquals("SOP Class UID", entry(0x00080016).name());
        // PS3.6 writes "Patient's Name"; the keyword-derived name has no apostrophe
        assertEquals("Patient Name", entry(0x00100010).name());
        assertEquals("X Ray3D Acquisition Sequence", dict.entryOf("XRay3DAcquisitionSequence").name());
        assertSame(dict.entryOf("PixelData"), dict.lookup(0x7FE00010));
    }

    @Test
    void wholeDictionary() {
        List<DictionaryEntry> all = dict.entries();
        assertEquals(all.size(), dict.size());
        assertTrue(all.size() > 4500, "PS3.6 has thousands of entries, got " + all.size());
        Set<String> keywords = new HashSet<>();
        long repeating = 0;
        for (int i = 0; i < all.size(); i++) {
            DictionaryEntry e = all.get(i);
            if (!keywords.add(e.keyword())) {
                fail("keyword twice: " + e.keyword());
            }
            assertTrue(e.keyword().matches("[A-Za-z][A-Za-z0-9]*"), e.keyword());
            assertTrue(e.vm().matches("[0-9]+(-([0-9]*n|[0-9]+))?"), e.keyword() + " VM " + e.vm());
            assertTrue(i == 0 || Integer.compareUnsigned(all.get(i - 1).tag(), e.tag()) <= 0, "sorted");
            assertEquals(e.tag(), e.tag() & e.mask(), "base tag has the varying bits zero");
            if (e.isRepeating()) {
                repeating++;
                assertTrue(e.matches(e.tag()));
            } else {
                assertSame(e, dict.lookup(e.tag()), e.keyword());
                assertEquals(e.tag(), dict.tagOf(e.keyword()));
            }
            assertFalse(((e.tag() >>> 16) & 1) == 1, "no private tag: " + e.keyword());
        }
        assertTrue(repeating > 80, "50xx, 60xx, 7Fxx ... entries: " + repeating);
    }
}
