package org.dicomsec.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text dcmdump prints (and {@code dicomsec dump --full}, which
 * follows the same layout) into rows of (path, VR, value), so that two
 * listings can be compared element by element.
 *
 * <p>The path names the element and the items it sits in, e.g.
 * {@code (0018,6011)[2]/(0008,1140)[1]/(0008,1150)}, with lower-case hex.
 * A sequence row has the value {@code #=N}, its number of items; an
 * encapsulated fragment is a row with VR {@code pi} and path
 * {@code (7fe0,0010)/fragment[N]}. Delimitation items and comment lines are
 * left out. Values are as printed between the VR and the {@code #} column,
 * text without its brackets and trailing spaces, {@code (no value available)}
 * as the empty string.
 */
final class DcmdumpListing {

    /** One element of a listing. {@code meta} is true for the File Meta Information. */
    record Row(String path, String vr, String value, boolean meta) {
        String tag() {
            int slash = path.lastIndexOf('/');
            return path.substring(slash + 1);
        }
    }

    // indentation, tag, VR, value, then the "# length, VM name" column (the last "#" on the line)
    private static final Pattern LINE = Pattern.compile(
            "^( *)\\(([0-9a-fA-F]{4}),([0-9a-fA-F]{4})\\) ([a-zA-Z?]{2}) (.*?)\\s*#\\s*(\\d+|u/l|-),\\s*\\d+ .*$");
    private static final Pattern ITEMS = Pattern.compile("#=(\\d+)");

    private DcmdumpListing() {
    }

    static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        // prefix[d] is the path prefix of the elements at depth d; seq[d] the sequence path at depth d
        List<String> prefix = new ArrayList<>(List.of(""));
        List<String> seqPath = new ArrayList<>();
        List<Integer> itemCount = new ArrayList<>();
        boolean meta = false;
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("# Dicom-Meta-Information-Header") || line.startsWith("# File Meta Information")) {
                meta = true;
                continue;
            }
            if (line.startsWith("# Dicom-Data-Set") || line.startsWith("# Data Set")) {
                meta = false;
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int indent = m.group(1).length();
            String tag = ("(" + m.group(2) + "," + m.group(3) + ")").toLowerCase(Locale.ROOT);
            String vr = m.group(4);
            String value = m.group(5);
            if (tag.equals("(fffe,e00d)") || tag.equals("(fffe,e0dd)")) {
                continue;
            }
            if (tag.equals("(fffe,e000)")) {
                // an item (indent 4d+2) of the sequence at depth d, or a fragment of encapsulated pixel data
                int depth = indent / 4;
                trim(prefix, depth + 1, seqPath, itemCount, depth + 1);
                if (seqPath.size() <= depth) {
                    throw new IllegalArgumentException("item outside a sequence: " + line);
                }
                int n = itemCount.get(depth) + 1;
                itemCount.set(depth, n);
                if (vr.equals("pi")) {
                    rows.add(new Row(seqPath.get(depth) + "/fragment[" + n + "]", "pi", normalise(value), meta));
                } else {
                    prefix.add(seqPath.get(depth) + "[" + n + "]/");
                }
                continue;
            }
            int depth = indent / 4;
            if (depth >= prefix.size()) {
                throw new IllegalArgumentException("element outside an item: " + line);
            }
            trim(prefix, depth + 1, seqPath, itemCount, depth);
            String path = prefix.get(depth) + tag;
            if (vr.equals("SQ") || value.startsWith("(PixelSequence") || value.startsWith("(Sequence")) {
                Matcher items = ITEMS.matcher(value);
                rows.add(new Row(path, vr, items.find() ? "#=" + items.group(1) : value, meta));
                seqPath.add(path);
                itemCount.add(0);
            } else {
                rows.add(new Row(path, vr, normalise(value), meta));
            }
        }
        return rows;
    }

    /** Closes the items and sequences deeper than the line just read. */
    private static void trim(List<String> prefix, int prefixes, List<String> seqPath, List<Integer> itemCount,
                             int sequences) {
        while (prefix.size() > prefixes) {
            prefix.remove(prefix.size() - 1);
        }
        while (seqPath.size() > sequences) {
            seqPath.remove(seqPath.size() - 1);
            itemCount.remove(itemCount.size() - 1);
        }
    }

    private static String normalise(String value) {
        if (value.equals("(no value available)")) {
            return "";
        }
        if (value.length() >= 2 && value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\0')) {
            end--;
        }
        return value.substring(0, end);
    }
}
