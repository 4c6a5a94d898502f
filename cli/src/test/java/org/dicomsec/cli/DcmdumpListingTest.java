package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.dicomsec.cli.DcmdumpListing.Row;
import org.junit.jupiter.api.Test;

/** The listing parser on text laid out as dcmdump lays it out (nesting, items, fragments, empty values). */
class DcmdumpListingTest {

    private static final String LISTING = String.join("\n",
            "",
            "# Dicom-File-Format",
            "",
            "# Dicom-Meta-Information-Header",
            "# Used TransferSyntax: Little Endian Explicit",
            "(0002,0000) UL 160                                      #   4, 1 FileMetaInformationGroupLength",
            "(0002,0010) UI [1.2.840.10008.1.2.1]                    #  20, 1 TransferSyntaxUID",
            "",
            "# Dicom-Data-Set",
            "# Used TransferSyntax: Little Endian Explicit",
            "(0008,0005) CS [ISO_IR 192]                             #  10, 1 SpecificCharacterSet",
            "(0010,0010) PN [Müller^Jürgen=山田^太郎]                #  34, 1 PatientName",
            "(0010,0020) LO (no value available)                     #   0, 0 PatientID",
            "(0018,6011) SQ (Sequence with undefined length #=2)     # u/l, 1 SequenceOfUltrasoundRegions",
            "  (fffe,e000) na (Item with undefined length #=1)         # u/l, 1 Item",
            "    (0018,6012) US 1                                        #   2, 1 RegionSpatialFormat",
            "  (fffe,e00d) na (ItemDelimitationItem)                   #   0, 0 ItemDelimitationItem",
            "  (fffe,e000) na (Item with explicit length #=2)          #  82, 1 Item",
            "    (0008,1140) SQ (Sequence with explicit length #=1)      #  60, 1 ReferencedImageSequence",
            "      (fffe,e000) na (Item with explicit length #=1)          #  52, 1 Item",
            "        (0008,1155) UI [1.2.3.4.5]                              #  10, 1 ReferencedSOPInstanceUID",
            "      (fffe,e00d) na (ItemDelimitationItem for re-encoding)   #   0, 0 ItemDelimitationItem",
            "    (fffe,e0dd) na (SequenceDelimitationItem for re-encod.) #   0, 0 SequenceDelimitationItem",
            "    (0018,6014) US 2                                        #   2, 1 RegionDataType",
            "  (fffe,e00d) na (ItemDelimitationItem for re-encoding)   #   0, 0 ItemDelimitationItem",
            "(fffe,e0dd) na (SequenceDelimitationItem)               #   0, 0 SequenceDelimitationItem",
            "(0020,4000) LT [text # with a hash ]                    #  20, 1 ImageComments",
            "(0020,9165) AT (0010,0010)\\(0028,0010)                  #   8, 2 DimensionIndexPointer",
            "(7fe0,0010) OB (PixelSequence #=2)                      # u/l, 1 PixelData",
            "  (fffe,e000) pi (no value available)                     #   0, 1 Item",
            "  (fffe,e000) pi 01\\02\\03\\04                             #   4, 1 Item",
            "(fffe,e0dd) na (SequenceDelimitationItem)               #   0, 0 SequenceDelimitationItem",
            "");

    @Test
    void parsesPathsVrsValuesAndMetaFlag() {
        List<Row> rows = DcmdumpListing.parse(LISTING);
        List<Row> expected = List.of(
                new Row("(0002,0000)", "UL", "160", true),
                new Row("(0002,0010)", "UI", "1.2.840.10008.1.2.1", true),
                new Row("(0008,0005)", "CS", "ISO_IR 192", false),
                new Row("(0010,0010)", "PN", "Müller^Jürgen=山田^太郎", false),
                new Row("(0010,0020)", "LO", "", false),
                new Row("(0018,6011)", "SQ", "#=2", false),
                new Row("(0018,6011)[1]/(0018,6012)", "US", "1", false),
                new Row("(0018,6011)[2]/(0008,1140)", "SQ", "#=1", false),
                new Row("(0018,6011)[2]/(0008,1140)[1]/(0008,1155)", "UI", "1.2.3.4.5", false),
                new Row("(0018,6011)[2]/(0018,6014)", "US", "2", false),
                new Row("(0020,4000)", "LT", "text # with a hash", false),
                new Row("(0020,9165)", "AT", "(0010,0010)\\(0028,0010)", false),
                new Row("(7fe0,0010)", "OB", "#=2", false),
                new Row("(7fe0,0010)/fragment[1]", "pi", "", false),
                new Row("(7fe0,0010)/fragment[2]", "pi", "01\\02\\03\\04", false));
        assertEquals(expected, rows);
        assertEquals("(0008,1155)", rows.get(8).tag());
    }

    @Test
    void anElementIndentedPastAnyItemIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> DcmdumpListing.parse(
                "        (0010,0010) PN [A]                    #   2, 1 PatientName"));
    }
}
