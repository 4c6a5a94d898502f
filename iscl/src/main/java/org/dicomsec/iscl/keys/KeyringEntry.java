package org.dicomsec.iscl.keys;

import java.util.Map;

/**
 * What may be shown of a keyring entry: the pair, the key check value (never
 * the key) and the flags, e.g. "profile.online-storage" = "true".
 */
public record KeyringEntry(String localEntity, String remoteEntity, String keyCheckValue,
                           Map<String, String> flags) {

    public KeyringEntry {
        flags = Map.copyOf(flags);
    }
}
