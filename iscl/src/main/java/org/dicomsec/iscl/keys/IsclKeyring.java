package org.dicomsec.iscl.keys;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dicomsec.iscl.EntityNames;
import org.dicomsec.iscl.crypto.DesKey;

/**
 * The ISCL keyring: (local entity, remote entity) to a long-term DES key and
 * flags. A pair's two sides hold the same key (A's entry (A, B), B's entry
 * (B, A)). Stored by {@link KeyringFile}, PBKDF2 + AES-GCM under a password.
 * Keys are never returned by the listing API; {@link #key} is for
 * {@link SoftwareKeyCard} only.
 */
public final class IsclKeyring {

    private record Pair(String local, String remote) {
    }

    private record Stored(DesKey key, Map<String, String> flags) {
    }

    /** PBKDF2 iteration count of a new keyring file. */
    public static final int DEFAULT_KDF_ITERATIONS = KeyringFile.DEFAULT_ITERATIONS;
    /** Range of PBKDF2 iteration counts accepted in a keyring file. */
    public static final int MIN_KDF_ITERATIONS = KeyringFile.MIN_ITERATIONS;
    public static final int MAX_KDF_ITERATIONS = KeyringFile.MAX_ITERATIONS;

    private final Map<Pair, Stored> entries = new LinkedHashMap<>();
    private int kdfIterations = DEFAULT_KDF_ITERATIONS;

    private IsclKeyring() {
    }

    /** An empty keyring. */
    public static IsclKeyring create() {
        return new IsclKeyring();
    }

    /** Reads a keyring file; a wrong password or a damaged file gives an IsclException (KEY_CARD_ERROR). */
    public static IsclKeyring load(Path file, char[] password) throws IOException {
        IsclKeyring ring = new IsclKeyring();
        ring.kdfIterations = KeyringFile.read(file, password,
                (local, remote, key, flags) -> ring.put(local, remote, key, flags));
        return ring;
    }

    /**
     * Writes the keyring with its PBKDF2 iteration count: the one of the file it was
     * loaded from, else {@link #DEFAULT_KDF_ITERATIONS}.
     */
    public void save(Path file, char[] password) throws IOException {
        save(file, password, kdfIterations());
    }

    /** The PBKDF2 iteration count {@link #save(Path, char[])} uses. */
    public synchronized int kdfIterations() {
        return kdfIterations;
    }

    /**
     * Writes the keyring atomically (owner-only permissions where the file system has them)
     * with {@code iterations} rounds of PBKDF2, which later saves keep.
     */
    public synchronized void save(Path file, char[] password, int iterations) throws IOException {
        List<KeyringFile.Item> items = new ArrayList<>();
        for (Map.Entry<Pair, Stored> e : entries.entrySet()) {
            items.add(new KeyringFile.Item(e.getKey().local(), e.getKey().remote(), e.getValue().key(),
                    e.getValue().flags()));
        }
        KeyringFile.write(file, password, iterations, items);
        kdfIterations = iterations;
    }

    /**
     * Adds or replaces the entry of a pair.
     *
     * @param key   a long-term key ({@link DesKey#longTerm}); the keyring keeps its own copy
     * @param flags e.g. "profile.online-storage" = "true"
     */
    public synchronized void put(String localEntity, String remoteEntity, DesKey key, Map<String, String> flags) {
        EntityNames.require(localEntity, "local entity");
        EntityNames.require(remoteEntity, "remote entity");
        byte[] b = key.bytes();
        try {
            DesKey copy = DesKey.longTerm(b);
            Stored old = entries.put(new Pair(localEntity, remoteEntity), new Stored(copy, Map.copyOf(flags)));
            if (old != null) {
                old.key().destroy();
            }
        } finally {
            java.util.Arrays.fill(b, (byte) 0);
        }
    }

    /**
     * Adds a fresh random key for the pair and returns the entry (key check value only):
     * `dicomsec keys iscl add --generate`.
     */
    public KeyringEntry putGenerated(String localEntity, String remoteEntity, Map<String, String> flags) {
        DesKey k = DesKey.generate(org.dicomsec.iscl.crypto.RandomBytes.secure());
        try {
            put(localEntity, remoteEntity, k, flags);
        } finally {
            k.destroy();
        }
        return entry(localEntity, remoteEntity).orElseThrow();
    }

    /**
     * Puts a pair's key into this keyring and, when {@code peerRing} is given, the same key as
     * the peer's side (remote, local) into it, both with {@code flags}: what
     * {@code dicomsec keys iscl add} does before it saves the two files.
     *
     * @param key      the key another implementation uses ({@link DesKey#longTerm}; the keyrings keep
     *                 their own copies), or null for a fresh random one that is never shown
     * @param peerRing the peer's keyring, or null
     * @return this keyring's entry of the pair (key check value only)
     */
    public KeyringEntry putPair(String localEntity, String remoteEntity, DesKey key, Map<String, String> flags,
                                IsclKeyring peerRing) {
        KeyringEntry e;
        if (key == null) {
            e = putGenerated(localEntity, remoteEntity, flags);
        } else {
            put(localEntity, remoteEntity, key, flags);
            e = entry(localEntity, remoteEntity).orElseThrow();
        }
        if (peerRing != null) {
            mirrorInto(peerRing, localEntity, remoteEntity, flags);
        }
        return e;
    }

    /**
     * Gives the peer its side of a pair without the key ever being shown: the
     * entry (local, remote) of this keyring is put into {@code peerRing} as
     * (remote, local) with {@code peerFlags}.
     *
     * @return false when this keyring has no entry for the pair
     */
    public boolean mirrorInto(IsclKeyring peerRing, String localEntity, String remoteEntity,
                              Map<String, String> peerFlags) {
        DesKey k = key(localEntity, remoteEntity);
        if (k == null) {
            return false;
        }
        try {
            peerRing.put(remoteEntity, localEntity, k, peerFlags);
            return true;
        } finally {
            k.destroy();
        }
    }

    /**
     * A copy of the long-term key of a pair, for an explicit export to another implementation
     * ({@code dicomsec keys iscl export --hex}); null when there is no entry. The caller destroys it
     * and shows it only where the operator asked for it. Nothing else in dicomsec reveals a key.
     */
    public DesKey exportKey(String localEntity, String remoteEntity) {
        return key(localEntity, remoteEntity);
    }

    /**
     * Replaces the flags of an existing entry, keeping its key; false when there is no entry.
     */
    public synchronized boolean setFlags(String localEntity, String remoteEntity, Map<String, String> flags) {
        Pair p = new Pair(localEntity, remoteEntity);
        Stored s = entries.get(p);
        if (s == null) {
            return false;
        }
        entries.put(p, new Stored(s.key(), Map.copyOf(flags)));
        return true;
    }

    /**
     * Sets one flag of an existing entry ({@code value} null: removes it), keeping its key and
     * other flags; false when there is no entry.
     */
    public synchronized boolean setFlag(String localEntity, String remoteEntity, String flag, String value) {
        Stored s = entries.get(new Pair(localEntity, remoteEntity));
        if (s == null) {
            return false;
        }
        Map<String, String> flags = new LinkedHashMap<>(s.flags());
        if (value == null) {
            flags.remove(flag);
        } else {
            flags.put(flag, value);
        }
        return setFlags(localEntity, remoteEntity, flags);
    }

    /** Removes the entry of a pair; true when there was one. */
    public synchronized boolean remove(String localEntity, String remoteEntity) {
        Stored old = entries.remove(new Pair(localEntity, remoteEntity));
        if (old != null) {
            old.key().destroy();
        }
        return old != null;
    }

    /** All entries, sorted by local then remote entity, without keys. */
    public synchronized List<KeyringEntry> list() {
        List<KeyringEntry> out = new ArrayList<>();
        for (Map.Entry<Pair, Stored> e : entries.entrySet()) {
            out.add(info(e.getKey(), e.getValue()));
        }
        out.sort(Comparator.comparing(KeyringEntry::localEntity).thenComparing(KeyringEntry::remoteEntity));
        return out;
    }

    public synchronized Optional<KeyringEntry> entry(String localEntity, String remoteEntity) {
        Pair p = new Pair(localEntity, remoteEntity);
        Stored s = entries.get(p);
        return s == null ? Optional.empty() : Optional.of(info(p, s));
    }

    /** A copy of the key of a pair, or null; the caller destroys it. */
    synchronized DesKey key(String localEntity, String remoteEntity) {
        Stored s = entries.get(new Pair(localEntity, remoteEntity));
        if (s == null) {
            return null;
        }
        byte[] b = s.key().bytes();
        try {
            return DesKey.of(b);
        } finally {
            java.util.Arrays.fill(b, (byte) 0);
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    private static KeyringEntry info(Pair p, Stored s) {
        return new KeyringEntry(p.local(), p.remote(), s.key().checkValue(), s.flags());
    }

    @Override
    public synchronized String toString() {
        return "IsclKeyring[" + entries.size() + " entries]";
    }
}
