import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the PS3.6 data dictionary resource of dataset-codec
 * ({@code org/dicomsec/data/dictionary.tsv}) from DCMTK's {@code dicom.dic},
 * the machine-readable copy of PS3.6 (and PS3.7 command fields) shipped by
 * Debian's dcmtk package.
 *
 * <pre>java tools/GenDictionary.java /usr/share/libdcmtk17/dicom.dic \
 *     dataset-codec/src/main/resources/org/dicomsec/data/dictionary.tsv</pre>
 *
 * <p>Single-file source program: runs with a bare JDK 17, no build needed.
 * The output is a pure function of the input (no date, no path in it), so a
 * test can regenerate it and compare byte for byte.
 *
 * <p>What is taken from dicom.dic and how (see tools/README.md):
 * <ul>
 * <li>lines of the form {@code (gggg,eeee)TAB VR TAB Keyword TAB VM TAB Version}; only
 *     versions starting with {@code DICOM} are kept ({@code DICOM}, {@code DICOM/retired},
 *     {@code DICOM/DICONDE}, {@code DICOM/DICOS}: all listed in PS3.6). The
 *     {@code PRIVATE}, {@code ILLEGAL} and {@code GENERIC} catch-alls (private creators,
 *     group lengths) are dropped: ElementDictionary implements those rules itself;</li>
 * <li>ranges {@code (gggg-gggg,eeee)} become a tag and a mask; by the file's own
 *     convention a plain range is even numbers only, {@code -o-} odd only, {@code -u-} both;</li>
 * <li>the retired flag is the {@code /retired} version; the {@code RETIRED_} prefix
 *     DCMTK puts on retired keywords is removed (PS3.6 keywords carry no prefix);</li>
 * <li>pseudo VRs: {@code ox}/{@code px} = OB or OW, {@code xs} = US or SS,
 *     {@code lt} = US or OW (DCMTK: US, SS or OW), {@code up} = UL, {@code na} = none;</li>
 * <li>PS3.6 entries with repeating elements, which dicom.dic lists under a single
 *     stand-in tag and states the real pattern only in a comment (04x0, 08x0,
 *     1000,xxx0, 1010,xxxx), are written with PS3.6's pattern as a mask.</li>
 * </ul>
 * Output lines: {@code TAG[/MASK] TAB VR[/VR2] TAB VM TAB R|- TAB Keyword}, sorted by tag.
 */
public final class GenDictionary {

    private record Entry(int tag, int mask, String vr, String vm, boolean retired, String keyword) {
    }

    /** The "x" patterns of PS3.6 for entries dicom.dic lists under one stand-in tag. */
    private static final Map<String, String> PS36_PATTERNS = Map.ofEntries(
            Map.entry("RowsForNthOrderCoefficients", "002804x0"),
            Map.entry("ColumnsForNthOrderCoefficients", "002804x1"),
            Map.entry("CoefficientCoding", "002804x2"),
            Map.entry("CoefficientCodingPointers", "002804x3"),
            Map.entry("CodeLabel", "002808x0"),
            Map.entry("NumberOfTables", "002808x2"),
            Map.entry("CodeTableLocation", "002808x3"),
            Map.entry("BitsForCodeWord", "002808x4"),
            Map.entry("ImageDataLocation", "002808x8"),
            Map.entry("EscapeTriplet", "1000xxx0"),
            Map.entry("RunLengthTriplet", "1000xxx1"),
            Map.entry("HuffmanTableSize", "1000xxx2"),
            Map.entry("HuffmanTableTriplet", "1000xxx3"),
            Map.entry("ShiftTableSize", "1000xxx4"),
            Map.entry("ShiftTableTriplet", "1000xxx5"),
            Map.entry("ZonalMap", "1010xxxx"));

    private static final Pattern LINE = Pattern.compile(
            "\\(([0-9A-Fa-f]{4}(?:-[ou]?-?[0-9A-Fa-f]{4})?),([0-9A-Fa-f]{4}(?:-[ou]?-?[0-9A-Fa-f]{4})?)\\)"
                    + "\\t([A-Za-z]{2})\\t([A-Za-z0-9_]+)\\t([0-9n-]+)\\t(\\S+)");
    private static final Pattern RANGE = Pattern.compile("([0-9A-Fa-f]{4})(?:-([ou])?-?([0-9A-Fa-f]{4}))?");

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java tools/GenDictionary.java DICOM_DIC OUTPUT");
            System.exit(2);
        }
        List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.US_ASCII);
        String edition = null;
        List<Entry> entries = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            if (line.startsWith("#")) {
                if (edition == null && line.contains("Generated automatically from")) {
                    edition = line.substring(1).trim();
                }
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("line " + lineNo + " not understood: " + line);
            }
            String version = m.group(6);
            if (!version.startsWith("DICOM")) {
                continue; // PRIVATE / ILLEGAL / GENERIC catch-alls: rules in ElementDictionary
            }
            boolean retired = version.endsWith("/retired");
            String keyword = m.group(4);
            if (keyword.startsWith("RETIRED_") != retired) {
                throw new IllegalArgumentException("line " + lineNo + ": RETIRED_ prefix and version disagree");
            }
            if (retired) {
                keyword = keyword.substring("RETIRED_".length());
            }
            int[] g = range(m.group(1), lineNo);
            int[] e = range(m.group(2), lineNo);
            entries.add(new Entry((g[0] << 16) | e[0], (g[1] << 16) | e[1], vr(m.group(3), lineNo),
                    m.group(5), retired, keyword));
        }
        entries = applyPatterns(entries);
        // unsigned order: (FFFE,E000) sorts after (0008,0016), as tags are read
        entries.sort(Comparator.comparing((Entry x) -> x.tag, Integer::compareUnsigned)
                .thenComparing(x -> x.mask, Integer::compareUnsigned));
        checkUnique(entries);

        StringBuilder out = new StringBuilder();
        out.append("# PS3.6 data dictionary for org.dicomsec.data.ElementDictionary. GENERATED: do not edit.\n");
        out.append("# Made by tools/GenDictionary.java from DCMTK's dicom.dic (Debian package dcmtk), whose header says:\n");
        out.append("# ").append(edition == null ? "(no edition line)" : edition).append('\n');
        out.append("# TAG[/MASK]\tVR[/VR2]\tVM\tRETIRED\tKEYWORD  (").append(entries.size()).append(" entries)\n");
        for (Entry x : entries) {
            out.append(String.format("%08X", x.tag));
            if (x.mask != 0xFFFFFFFF) {
                out.append(String.format("/%08X", x.mask));
            }
            out.append('\t').append(x.vr).append('\t').append(x.vm).append('\t')
                    .append(x.retired ? 'R' : '-').append('\t').append(x.keyword).append('\n');
        }
        Files.write(Path.of(args[1]), out.toString().getBytes(StandardCharsets.US_ASCII));
        System.err.println("wrote " + entries.size() + " entries to " + args[1]);
    }

    /** A group or element field: {value, mask}; "gggg-gggg" even only, "-o-" odd only, "-u-" both. */
    private static int[] range(String field, int lineNo) {
        Matcher m = RANGE.matcher(field);
        if (!m.matches()) {
            throw new IllegalArgumentException("line " + lineNo + ": bad tag field " + field);
        }
        int lo = Integer.parseInt(m.group(1), 16);
        if (m.group(3) == null) {
            return new int[] {lo, 0xFFFF};
        }
        int hi = Integer.parseInt(m.group(3), 16);
        String kind = m.group(2);
        int varying = lo ^ hi;
        // the range must be an aligned block: lo has zeros where the bits vary, hi has ones
        if ((lo & varying) != 0 || (varying & (varying + 1)) != 0) {
            throw new IllegalArgumentException("line " + lineNo + ": range not expressible as a mask " + field);
        }
        int mask = ~varying & 0xFFFF;
        int value = lo;
        if (kind == null) {
            mask |= 1;          // even numbers only
        } else if (kind.equals("o")) {
            mask |= 1;          // odd numbers only
            value |= 1;
        }
        return new int[] {value, mask};
    }

    private static String vr(String code, int lineNo) {
        switch (code) {
            case "ox":
            case "px":
                return "OB/OW";
            case "xs":
                return "US/SS";
            case "lt":
                return "US/OW";
            case "up":
                return "UL";
            case "na":
                return "-";
            default:
                if (!code.equals(code.toUpperCase())) {
                    throw new IllegalArgumentException("line " + lineNo + ": unknown pseudo VR " + code);
                }
                return code;
        }
    }

    /** Replaces dicom.dic's stand-in tags by PS3.6's repeating-element patterns. */
    private static List<Entry> applyPatterns(List<Entry> entries) {
        List<Entry> result = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (Entry x : entries) {
            String pattern = PS36_PATTERNS.get(x.keyword);
            if (pattern == null) {
                result.add(x);
                continue;
            }
            int tag = 0;
            int mask = 0;
            for (char c : pattern.toCharArray()) {
                tag <<= 4;
                mask <<= 4;
                if (c != 'x') {
                    tag |= Character.digit(c, 16);
                    mask |= 0xF;
                }
            }
            if ((x.tag & mask) != tag || x.mask != 0xFFFFFFFF) {
                throw new IllegalArgumentException(x.keyword + ": dicom.dic tag "
                        + String.format("%08X", x.tag) + " does not fit PS3.6 pattern " + pattern);
            }
            result.add(new Entry(tag, mask, x.vr, x.vm, x.retired, x.keyword));
            done.add(x.keyword);
        }
        if (!done.equals(PS36_PATTERNS.keySet())) {
            Set<String> missing = new HashSet<>(PS36_PATTERNS.keySet());
            missing.removeAll(done);
            throw new IllegalArgumentException("dicom.dic lacks the repeating entries " + missing);
        }
        return result;
    }

    private static void checkUnique(List<Entry> entries) {
        Map<String, Entry> byKeyword = new HashMap<>();
        Set<Long> tags = new HashSet<>();
        for (Entry x : entries) {
            Entry old = byKeyword.put(x.keyword, x);
            if (old != null) {
                throw new IllegalArgumentException("keyword " + x.keyword + " twice");
            }
            if (!tags.add(((long) x.tag << 32) | (x.mask & 0xFFFFFFFFL))) {
                throw new IllegalArgumentException(String.format("tag %08X twice", x.tag));
            }
        }
    }
}
