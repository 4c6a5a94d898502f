package org.dicomsec.data.listing;

import java.io.PrintStream;
import java.util.Map;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DictionaryEntry;
import org.dicomsec.data.Element;
import org.dicomsec.data.ElementDictionary;
import org.dicomsec.data.SpecificCharacterSet;
import org.dicomsec.data.Tag;

/**
 * The text listing of {@code dicomsec dump}: one element a line, laid out as
 * dcmdump lays it out (so the interop tests can read both with one parser):
 *
 * <pre>
 * (0010,0010) PN [Yamada^Tarou=山田^太郎]                  #  24, 1 PatientName
 * (0018,6011) SQ (Sequence with undefined length #=1)      # u/l, 1 SequenceOfUltrasoundRegions
 *   (FFFE,E000) na (Item with undefined length #=1)          # u/l, 1 Item
 *     (0018,6012) US 1                                         #   2, 1 RegionSpatialFormat
 * </pre>
 *
 * Tag, VR, value (see {@link ValueText}), then after {@code #} the value
 * length in bytes ({@code u/l} for undefined, {@code -} for a defined length
 * recomputed on writing), the value multiplicity and the PS3.6 keyword (for a
 * private element, the private creator). Items are indented two spaces
 * deeper than their sequence, and their elements four.
 */
public final class DumpListing {

    /** Values are cut after about this many characters unless the full listing is asked for. */
    public static final int SHORT = 64;

    private static final int COMMENT_COLUMN = 56;

    private final PrintStream out;
    private final int limit;
    private final Map<Object, Long> fullLengths;
    private final ElementDictionary dictionary = ElementDictionary.standard();

    /**
     * @param limit       values are shown up to about this many characters ({@link ValueText#FULL}: all)
     * @param fullLengths the stream length of each value or fragment that was read only in part
     *                    (see {@link CappedDatasetReader})
     */
    public DumpListing(PrintStream out, int limit, Map<Object, Long> fullLengths) {
        this.out = out;
        this.limit = limit;
        this.fullLengths = fullLengths;
    }

    /** Lists the elements of {@code ds} at nesting depth {@code depth}. */
    public void list(Dataset ds, int depth) {
        SpecificCharacterSet cs = ds.specificCharacterSet();
        String indent = "    ".repeat(depth);
        for (Element e : ds) {
            if (e.isSequence()) {
                String form = e.sequence().undefinedLength() ? "undefined" : "explicit";
                line(indent, e, "(Sequence with " + form + " length #=" + e.sequence().size() + ")",
                        e.sequence().undefinedLength() ? "u/l" : "-", 1, keyword(ds, e.tag()));
                for (Dataset item : e.sequence()) {
                    String itemForm = item.undefinedLength() ? "undefined" : "explicit";
                    itemLine(indent + "  ", "na", "(Item with " + itemForm + " length #=" + item.size() + ")",
                            item.undefinedLength() ? "u/l" : "-");
                    list(item, depth + 1);
                }
            } else if (e.isFragments()) {
                line(indent, e, "(PixelSequence #=" + e.fragments().size() + ")", "u/l", 1, keyword(ds, e.tag()));
                for (byte[] f : e.fragments().items()) {
                    Long full = fullLengths.get(f);
                    String value = ValueText.hexBytes(f, limit);
                    itemLine(indent + "  ", "pi", full == null ? value : cut(value),
                            Long.toString(full == null ? f.length : full));
                }
            } else {
                Long full = fullLengths.get(e);
                String value = ValueText.of(e, cs, limit);
                long length = full == null ? e.length() : full;
                int vm = full == null || e.vr().isText() ? ValueText.multiplicity(e)
                        : ValueText.multiplicity(e.vr(), length);
                line(indent, e, full == null ? value : cut(value), Long.toString(length), vm, keyword(ds, e.tag()));
            }
        }
    }

    /** A value read only in part ends in "..." (the length column gives its whole length). */
    private static String cut(String value) {
        if (value.endsWith("...") || value.endsWith("...]")) {
            return value;
        }
        return value.endsWith("]") ? value.substring(0, value.length() - 1) + "...]" : value + "...";
    }

    private void line(String indent, Element e, String value, String length, int vm, String keyword) {
        String left = indent + Tag.toString(e.tag()) + " " + e.vr() + " " + value;
        out.println(pad(left, indent.length()) + "# " + String.format("%3s", length) + ", " + vm + " " + keyword);
    }

    private void itemLine(String indent, String vr, String value, String length) {
        String left = indent + Tag.toString(Tag.Item) + " " + vr + " " + value;
        out.println(pad(left, indent.length()) + "# " + String.format("%3s", length) + ", 1 Item");
    }

    private static String pad(String left, int indent) {
        int width = COMMENT_COLUMN + indent;
        return left.length() < width ? left + " ".repeat(width - left.length()) : left + " ";
    }

    /**
     * The PS3.6 keyword; for a private element "Private" with its creator's
     * name (from the Private Creator element of the same block, PS3.5 7.8.1).
     */
    public String keyword(Dataset ds, int tag) {
        if (Tag.isPrivateCreator(tag)) {
            return "PrivateCreator";
        }
        if (Tag.isPrivate(tag)) {
            int element = tag & 0xFFFF;
            if (element > 0xFF) {
                String creator = ds.getString((tag & 0xFFFF0000) | (element >>> 8));
                return creator == null ? "Private (no creator)" : "Private (" + creator + ")";
            }
            return Tag.isGroupLength(tag) ? "PrivateGroupLength" : "Private";
        }
        DictionaryEntry entry = dictionary.lookup(tag);
        if (entry != null) {
            return entry.keyword();
        }
        return Tag.isGroupLength(tag) ? "GroupLength" : "Unknown";
    }
}
