package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import org.junit.jupiter.api.Test;

class TagAndSyntaxTest {

    @Test
    void tagHelpers() {
        assertEquals("(0008,0016)", Tag.toString(Tag.SOPClassUID));
        assertEquals("(FFFE,E0DD)", Tag.toString(Tag.SequenceDelimitationItem));
        assertEquals(0x7FE0, Tag.group(Tag.PixelData));
        assertEquals(0x0010, Tag.element(Tag.PixelData));
        assertEquals(Tag.PixelData, Tag.of(0x7FE0, 0x0010));
        assertTrue(Tag.isGroupLength(Tag.CommandGroupLength));
        assertTrue(Tag.isPrivate(Tag.of(0x0009, 0x1001)));
        assertTrue(Tag.isPrivateCreator(Tag.of(0x0009, 0x0010)));
        assertFalse(Tag.isPrivate(Tag.of(0xFFFF, 0x0001)));
        assertTrue(Tag.compare(Tag.Item, Tag.PixelData) > 0);
    }

    /** Every named tag constant is the PS3.6 / PS3.7 keyword of that tag in the dictionary (DCMTK-derived). */
    @Test
    void tagConstantsMatchTheDictionaryKeywords() throws IllegalAccessException {
        int checked = 0;
        for (Field f : Tag.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                int tag = f.getInt(null);
                DictionaryEntry e = ElementDictionary.standard().lookup(tag);
                if ((tag >>> 16) == 0xFFFE) {
                    continue; // items and delimiters: not data elements
                }
                if (e == null) {
                    continue; // command elements may be outside the data dictionary
                }
                assertEquals(f.getName(), e.keyword(), Tag.toString(tag));
                checked++;
            }
        }
        assertTrue(checked > 60, "checked " + checked);
    }

    @Test
    void commandElementVRsMatchTheDictionary() throws IllegalAccessException {
        for (Field f : Tag.class.getFields()) {
            int tag = f.getInt(null);
            VR vr = CommandSet.vrOf(tag);
            DictionaryEntry e = ElementDictionary.standard().lookup(tag);
            if (vr != null && e != null) {
                assertEquals(e.vr(), vr, f.getName());
            }
        }
    }

    @Test
    void transferSyntaxes() {
        TransferSyntax i = TransferSyntax.of(UID.ImplicitVRLittleEndian);
        assertFalse(i.explicitVR() || i.bigEndian() || i.deflated() || i.encapsulated());
        assertTrue(TransferSyntax.of(UID.ExplicitVRBigEndian).bigEndian());
        assertTrue(TransferSyntax.of(UID.DeflatedExplicitVRLittleEndian).deflated());
        assertTrue(TransferSyntax.of(UID.JPIPReferencedDeflate).deflated());
        assertFalse(TransferSyntax.of(UID.JPIPReferenced).encapsulated());
        for (String uid : new String[] {UID.JPEGBaseline8Bit, "1.2.840.10008.1.2.4.66", UID.JPEGLosslessSV1,
                UID.JPEGLSLossless, UID.JPEG2000, UID.MPEG2MPML, "1.2.840.10008.1.2.4.100.1", UID.MPEG4HP41,
                UID.HEVCM10P51, UID.RLELossless, UID.HTJ2K, UID.JPEGXL,
                UID.EncapsulatedUncompressedExplicitVRLittleEndian, UID.DeflatedImageFrameCompression}) {
            TransferSyntax ts = TransferSyntax.of(uid);
            assertTrue(ts.encapsulated() && ts.explicitVR() && !ts.bigEndian() && !ts.deflated(), uid);
            assertTrue(TransferSyntax.isKnown(uid), uid);
        }
        TransferSyntax unknown = TransferSyntax.of("1.2.3.4.5.6");
        assertFalse(TransferSyntax.isKnown("1.2.3.4.5.6"));
        assertTrue(unknown.encapsulated() && unknown.explicitVR() && !unknown.bigEndian());
        assertEquals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.of("1.2.840.10008.1.2.1\0".trim()));
    }
}
