import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the SOP class resource of dataset-codec ({@code org/dicomsec/data/sop-classes.tsv}):
 * the UID, name and retired flag of every SOP Class and Meta SOP Class of the PS3.6 UID registry
 * (table A-1), and whether it is a storage SOP class (one a C-STORE carries), from
 * {@code pydicom/_uid_dict.py}, the machine-readable copy of that table shipped by Debian's
 * python3-pydicom package.
 *
 * <pre>java tools/GenSopClasses.java /usr/lib/python3/dist-packages/pydicom/_uid_dict.py \
 *     dataset-codec/src/main/resources/org/dicomsec/data/sop-classes.tsv</pre>
 *
 * <p>Single-file source program: runs with a bare JDK 17, no build needed. The output is a pure
 * function of the input (no date, no path in it).
 *
 * <p>A storage SOP class here: a SOP Class whose name has the word "Storage", but the Storage
 * Commitment classes (N-ACTION, not C-STORE) and Media Storage Directory Storage (a DICOMDIR, for
 * media only: PS3.10). That takes in the Storage Service Class of PS3.4 annex B and the
 * non-patient objects stored by C-STORE (Hanging Protocol, Color Palette, Implant Template
 * Storage...), retired ones included.
 */
public final class GenSopClasses {

    // '1.2.840.10008.5.1.4.1.1.2': ('CT Image Storage', 'SOP Class', '', '', 'CTImageStorage'),  # noqa
    private static final Pattern ENTRY = Pattern.compile(
            "^\\s*'([0-9.]+)': \\('((?:[^'\\\\]|\\\\.)*)', '([^']*)', '(?:[^'\\\\]|\\\\.)*', '([^']*)', '[^']*'\\),");

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java tools/GenSopClasses.java _uid_dict.py sop-classes.tsv");
            System.exit(2);
        }
        List<String> source = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        for (String line : source) {
            Matcher m = ENTRY.matcher(line);
            if (!m.find()) {
                continue;
            }
            String uid = m.group(1);
            String name = m.group(2).replace("\\'", "'");
            String type = m.group(3);
            boolean retired = m.group(4).equals("Retired");
            if (!type.equals("SOP Class") && !type.equals("Meta SOP Class") || name.isBlank()) {
                continue; // (a few retired UIDs have no name in the source: nothing to say of them)
            }
            boolean storage = type.equals("SOP Class") && name.contains("Storage")
                    && !name.startsWith("Storage Commitment") && !name.equals("Media Storage Directory Storage");
            rows.add(new String[] {uid, storage ? "S" : "-", retired ? "R" : "-", name});
        }
        if (rows.size() < 200) {
            throw new IllegalStateException("only " + rows.size() + " SOP classes read from " + args[0]);
        }
        rows.sort(Comparator.comparing((String[] r) -> r[0], GenSopClasses::compareUids));
        StringBuilder out = new StringBuilder();
        out.append("# SOP classes of the PS3.6 UID registry (table A-1) for org.dicomsec.data.SopClassNames.\n");
        out.append("# GENERATED: do not edit. Made by tools/GenSopClasses.java from pydicom's _uid_dict.py\n");
        out.append("# (Debian package python3-pydicom), whose header says: ")
                .append(source.get(0).replace("\"", "").strip()).append('\n');
        out.append("# UID\tSTORAGE\tRETIRED\tNAME  (").append(rows.size()).append(" entries)\n");
        for (String[] r : rows) {
            out.append(String.join("\t", r)).append('\n');
        }
        Files.writeString(Path.of(args[1]), out, StandardCharsets.UTF_8);
    }

    /** Arc by arc, numerically: 1.2.840.10008.5.1.4.1.1.2 before 1.2.840.10008.5.1.4.1.1.10. */
    private static int compareUids(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
