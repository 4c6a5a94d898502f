package org.dicomsec.iscl.keys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What may be shown of a keyring entry: the pair, the key check value (never
 * the key) and the flags, e.g. "profile.online-storage" = "true".
 */
public record KeyringEntry(String localEntity, String remoteEntity, String keyCheckValue,
                           Map<String, String> flags) {

    public KeyringEntry {
        flags = Map.copyOf(flags);
    }

    /** The flags as {@code name=value} pairs sorted by name and joined by commas; "-" when there are none. */
    public String flagsText() {
        if (flags.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        new TreeMap<>(flags).forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }

    /** One line: {@code LOCAL -> REMOTE, key check value KCV}, then the flags when there are any. */
    public String describe() {
        return localEntity + " -> " + remoteEntity + ", key check value " + keyCheckValue
                + (flags.isEmpty() ? "" : ", " + flagsText());
    }

    /**
     * Entries as a table of aligned columns LOCAL, REMOTE, KCV and FLAGS ({@link #flagsText()}):
     * a heading line, then a line an entry in the order given; no line at all for no entry.
     */
    public static List<String> table(List<KeyringEntry> entries) {
        int wl = "LOCAL".length();
        int wr = "REMOTE".length();
        for (KeyringEntry e : entries) {
            wl = Math.max(wl, e.localEntity().length());
            wr = Math.max(wr, e.remoteEntity().length());
        }
        String fmt = "%-" + wl + "s  %-" + wr + "s  %-6s  %s";
        List<String> lines = new ArrayList<>();
        if (!entries.isEmpty()) {
            lines.add(String.format(fmt, "LOCAL", "REMOTE", "KCV", "FLAGS"));
        }
        for (KeyringEntry e : entries) {
            lines.add(String.format(fmt, e.localEntity(), e.remoteEntity(), e.keyCheckValue(), e.flagsText()));
        }
        return lines;
    }

    /**
     * The entry as a JSON object's members, {@code local}, {@code remote}, {@code kcv} and
     * {@code flags} (an object, sorted by name), for {@code org.dicomsec.data.json.JsonWriter}.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("local", localEntity);
        m.put("remote", remoteEntity);
        m.put("kcv", keyCheckValue);
        m.put("flags", new TreeMap<>(flags));
        return m;
    }
}
