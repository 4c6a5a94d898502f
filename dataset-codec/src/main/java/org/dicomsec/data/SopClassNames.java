package org.dicomsec.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SOP classes of the PS3.6 UID registry (table A-1) by UID: their names, for messages
 * ("1.2.840.10008.5.1.4.1.1.481.5 (RT Plan Storage)"), and which of them are storage SOP classes
 * (carried by C-STORE: the Storage Service Class of PS3.4 annex B and the non-patient objects
 * stored the same way, retired ones included; not Storage Commitment, not Media Storage
 * Directory Storage).
 *
 * <p>From the resource {@code sop-classes.tsv} that {@code tools/GenSopClasses.java} generates:
 * one line a SOP class, {@code UID TAB S|- TAB R|- TAB NAME}, lines starting with {@code #}
 * comments. Read on first use, strictly: a bad line means a broken build, reported with its line
 * number.
 */
public final class SopClassNames {

    static final String RESOURCE = "sop-classes.tsv";

    private SopClassNames() {
    }

    /** One SOP class of the table. */
    record Entry(String uid, String name, boolean storage, boolean retired) {
    }

    private static final class Table {
        static final Map<String, Entry> BY_UID;
        static final List<String> STORAGE;

        static {
            List<Entry> all = load();
            Map<String, Entry> m = new HashMap<>(all.size() * 2);
            List<String> s = new ArrayList<>();
            for (Entry e : all) {
                m.put(e.uid(), e);
                if (e.storage()) {
                    s.add(e.uid());
                }
            }
            BY_UID = Collections.unmodifiableMap(m);
            STORAGE = List.copyOf(s);
        }
    }

    /** The SOP class's name in PS3.6 ("CT Image Storage"; "... (Retired)" for a retired one), if known. */
    public static Optional<String> name(String uid) {
        Entry e = Table.BY_UID.get(uid);
        return e == null ? Optional.empty() : Optional.of(e.retired() ? e.name() + " (Retired)" : e.name());
    }

    /** "1.2.840.10008.5.1.4.1.1.2 (CT Image Storage)", or the UID alone when it is not in the table (a private class). */
    public static String describe(String uid) {
        return name(uid).map(n -> uid + " (" + n + ")").orElse(uid);
    }

    /** True for a storage SOP class of the table (see the class comment). */
    public static boolean isStorage(String uid) {
        Entry e = Table.BY_UID.get(uid);
        return e != null && e.storage();
    }

    /** Every storage SOP class of the table, retired ones included, in UID order. */
    public static List<String> storage() {
        return Table.STORAGE;
    }

    static List<Entry> load() {
        return DictionaryResource.read(RESOURCE, StandardCharsets.UTF_8, SopClassNames::parse);
    }

    static List<Entry> parse(BufferedReader reader) throws IOException {
        List<Entry> entries = new ArrayList<>(320);
        DictionaryResource.rows(reader, (f, lineNo, line) -> {
            if (f.length != 4 || !UID.isValid(f[0]) || !(f[1].equals("S") || f[1].equals("-"))
                    || !(f[2].equals("R") || f[2].equals("-")) || f[3].isBlank()) {
                throw new IllegalStateException("org/dicomsec/data/" + RESOURCE + " line " + lineNo
                        + ": not UID TAB S|- TAB R|- TAB NAME: " + line);
            }
            entries.add(new Entry(f[0], f[3], f[1].equals("S"), f[2].equals("R")));
        });
        return entries;
    }
}
