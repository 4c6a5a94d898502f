package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resource format written by tools/GenDictionary.java, read strictly. */
class DictionaryResourceTest {

    private static List<DictionaryEntry> parse(String text) throws IOException {
        return DictionaryResource.parse(new BufferedReader(new StringReader(text)));
    }

    @Test
    void readsEntriesMasksAndPseudoVrs() throws IOException {
        List<DictionaryEntry> e = parse("# comment\n"
                + "00080016\tUI\t1\t-\tSOPClassUID\n"
                + "60003000/FF01FFFF\tOB/OW\t1\t-\tOverlayData\n"
                + "FFFEE000\t-\t1\t-\tItem\n"
                + "00080010\tSH\t1\tR\tRecognitionCode\n");
        assertEquals(4, e.size());
        assertEquals(new DictionaryEntry(0x00080016, 0xFFFFFFFF, VR.UI, null, "1", "SOPClassUID", "SOP Class UID",
                false), e.get(0));
        assertEquals(0xFF01FFFF, e.get(1).mask());
        assertEquals(VR.OW, e.get(1).altVr());
        assertNull(e.get(2).vr());
        assertTrue(e.get(3).retired());
    }

    @Test
    void malformedLinesNameTheirNumber() {
        for (String bad : new String[] {
                "00080016\tUI\t1\t-\n",                 // a column missing
                "0008001G\tUI\t1\t-\tX\n",              // not hex
                "00080016\tZZ\t1\t-\tX\n",              // no such VR
                "00080016\tUI\t1\tX\tX\n",              // retired flag neither R nor -
                "00080016\tUI/\t1\t-\tX\n",             // second VR empty
                "00080016\tUI\t1\t-\t\n"}) {            // keyword empty
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> parse("# header\n" + bad));
            assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        }
    }

    @Test
    void namesFromKeywords() {
        assertEquals("SOP Class UID", DictionaryNames.nameOf("SOPClassUID"));
        assertEquals("Referenced SOP Instance UID In File", DictionaryNames.nameOf("ReferencedSOPInstanceUIDInFile"));
        assertEquals("Pixel Data", DictionaryNames.nameOf("PixelData"));
        assertEquals("LUT Data", DictionaryNames.nameOf("LUTData"));
        assertEquals("Item", DictionaryNames.nameOf("Item"));
    }
}
