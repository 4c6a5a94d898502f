package org.dicomsec.iscl.keys;

import java.util.LinkedHashMap;
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
