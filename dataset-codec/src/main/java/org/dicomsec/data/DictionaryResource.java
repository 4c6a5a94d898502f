package org.dicomsec.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code dictionary.tsv}, the resource that {@code tools/GenDictionary.java}
 * generates from DCMTK's dicom.dic (the PS3.6 registry of data elements, table 6-1).
 *
 * <p>One line an entry, sorted by tag (unsigned): {@code TAG[/MASK] TAB VR[/VR2]
 * TAB VM TAB R|- TAB KEYWORD}; {@code -} as VR for the item and delimitation
 * tags, which PS3.6 lists without a VR; lines starting with {@code #} are comments.
 * The resource ships inside this module, yet it is still parsed strictly: a bad
 * line means a broken build, reported with its line number.
 */
final class DictionaryResource {

    static final String NAME = "dictionary.tsv";

    private DictionaryResource() {
    }

    /** The entries of the resource in file order. */
    static List<DictionaryEntry> load() {
        return read(NAME, StandardCharsets.US_ASCII, DictionaryResource::parse);
    }

    /** What reads a resource of this package, line by line. */
    interface Parser<T> {
        T parse(BufferedReader reader) throws IOException;
    }

    /**
     * Reads the resource {@code name} of this package (org/dicomsec/data) through {@code parser};
     * a missing resource or a failed read is a broken build: an unchecked exception that names it.
     */
    static <T> T read(String name, Charset charset, Parser<T> parser) {
        try (InputStream in = DictionaryResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource org/dicomsec/data/" + name + " missing");
            }
            return parser.parse(new BufferedReader(new InputStreamReader(in, charset)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading org/dicomsec/data/" + name, e);
        }
    }

    /** One data line of a resource: its tab-separated fields, its number and its text. */
    interface Row {
        void accept(String[] fields, int lineNo, String line);
    }

    /** Calls {@code row} for each line of {@code reader} but the empty ones and comments ({@code #}). */
    static void rows(BufferedReader reader, Row row) throws IOException {
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (!line.isEmpty() && line.charAt(0) != '#') {
                row.accept(line.split("\t", -1), lineNo, line);
            }
        }
    }

    static List<DictionaryEntry> parse(BufferedReader reader) throws IOException {
        List<DictionaryEntry> entries = new ArrayList<>(5200);
        rows(reader, (f, lineNo, line) -> {
            if (f.length != 5 || !(f[3].equals("R") || f[3].equals("-")) || f[4].isEmpty()) {
                throw bad(lineNo, line);
            }
            int tag;
            int mask = 0xFFFFFFFF;
            try {
                int slash = f[0].indexOf('/');
                if (slash < 0) {
                    tag = Integer.parseUnsignedInt(f[0], 16);
                } else {
                    tag = Integer.parseUnsignedInt(f[0].substring(0, slash), 16);
                    mask = Integer.parseUnsignedInt(f[0].substring(slash + 1), 16);
                }
            } catch (NumberFormatException e) {
                throw bad(lineNo, line);
            }
            VR vr = null;
            VR alt = null;
            if (!f[1].equals("-")) {
                int slash = f[1].indexOf('/');
                vr = vr(slash < 0 ? f[1] : f[1].substring(0, slash), lineNo, line);
                alt = slash < 0 ? null : vr(f[1].substring(slash + 1), lineNo, line);
            }
            entries.add(new DictionaryEntry(tag, mask, vr, alt, f[2], f[4], DictionaryNames.nameOf(f[4]),
                    f[3].equals("R")));
        });
        return entries;
    }

    private static VR vr(String code, int lineNo, String line) {
        if (code.length() != 2) {
            throw bad(lineNo, line);
        }
        VR vr = VR.ofCode((code.charAt(0) << 8) | code.charAt(1));
        if (vr == null) {
            throw bad(lineNo, line);
        }
        return vr;
    }

    private static IllegalStateException bad(int lineNo, String line) {
        return new IllegalStateException(NAME + " line " + lineNo + " malformed: " + line);
    }
}
