package org.dicomsec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.dicomsec.iscl.EntityNames;
import org.dicomsec.iscl.IsclException;
import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.iscl.keys.KeyringEntry;

/**
 * {@code dicomsec keys iscl SUBCOMMAND}: the ISCL keyring (PS3.15 B.2: the
 * long-term DES keys shared by pairs of entities; docs/iscl-wire-format.md
 * sections 6 and 7). {@code init} creates an empty keyring file, {@code add}
 * generates a key for a pair and writes the peer's side into a second keyring,
 * {@code list} shows the entries by key check value, {@code remove} deletes
 * one. A key is never printed, logged or accepted on the command line.
 */
final class KeysIsclCommand implements Main.Command {

    /** The keyring flag that vouches for the Online Electronic Storage Secure Use Profile. */
    static final String ONLINE_STORAGE_FLAG = "profile.online-storage";

    static final String FORCE = "force";
    static final String KDF_ITERATIONS = "kdf-iterations";
    static final String LOCAL = "local";
    static final String REMOTE = "remote";
    static final String ONLINE_STORAGE = "online-storage";
    static final String EXPORT_PEER = "export-peer";
    static final String REPLACE = "replace";
    /**
     * PBKDF2 iteration counts of keyring files: IsclKeyring's default and range, repeated here
     * so that this class builds against an iscl module that does not export them yet.
     */
    static final int DEFAULT_KDF_ITERATIONS = 600_000;
    static final int MIN_KDF_ITERATIONS = 10_000;
    static final int MAX_KDF_ITERATIONS = 10_000_000;
    static final KeyringPassword.Options PEER_PASSWORD =
            new KeyringPassword.Options("peer-password-file", "peer-password-env", "peer-password");

    private final UnaryOperator<String> env;
    private final KeyringPassword.Prompt prompt;

    KeysIsclCommand() {
        this(System::getenv, KeyringPassword.Prompt.console());
    }

    /** With another environment and terminal (tests). */
    KeysIsclCommand(UnaryOperator<String> env, KeyringPassword.Prompt prompt) {
        this.env = env;
        this.prompt = prompt;
    }

    private Map<String, Main.Command> subcommands() {
        Map<String, Main.Command> m = new LinkedHashMap<>();
        m.put("init", sub("create an empty ISCL keyring file", this::init));
        m.put("add", sub("generate a shared DES key for a pair of entities (and the peer's keyring)", this::add));
        m.put("list", sub("list the entries: entity pair, flags, key check value (never the key)", this::list));
        m.put("remove", sub("remove the entry of a pair", this::remove));
        return m;
    }

    @Override
    public String summary() {
        return "ISCL keyrings: init FILE, add, list, remove (PS3.15 B.2 long-term DES keys)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Map<String, Main.Command> subs = subcommands();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            PrintStream to = args.length == 0 ? err : out;
            to.println("usage: dicomsec keys iscl SUBCOMMAND [options] FILE");
            to.println();
            to.println("The ISCL keyring: long-term DES keys shared by pairs of entities (PS3.15 B.2), in a file");
            to.println("encrypted under a password (PBKDF2-HMAC-SHA256, AES-256-GCM). Keys are shown only by their");
            to.println("key check value.");
            to.println();
            to.println("subcommands:");
            subs.forEach((name, c) -> to.printf("  %-10s %s%n", name, c.summary()));
            to.println();
            to.println("dicomsec keys iscl SUBCOMMAND --help shows its options.");
            return args.length == 0 ? 2 : 0;
        }
        Main.Command sub = subs.get(args[0]);
        if (sub == null) {
            throw new UsageException("unknown subcommand '" + args[0] + "'; known: " + String.join(", ", subs.keySet())
                    + " (see dicomsec keys iscl --help)");
        }
        return sub.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }

    // ------------------------------------------------------------------ init

    static final OptionParser INIT = KeyringPassword.Options.KEYRING.declare(new OptionParser("keys iscl init",
            "Create an empty ISCL keyring file, owner-only, encrypted under a password."), "the keyring")
            .flag(FORCE, 'f', "replace an existing file (its keys are lost)")
            .value(KDF_ITERATIONS, '\0', "N", "PBKDF2 iterations (default " + DEFAULT_KDF_ITERATIONS
                    + "; later writes keep the file's count)")
            .positional("FILE", "the keyring file to create")
            .note("Without a password option the password is asked on the terminal, twice, without echo.\n"
                    + "Then: dicomsec keys iscl add FILE --local A --remote B --export-peer PEER-FILE");

    private int init(String[] args, PrintStream out, PrintStream err) throws Exception {
        ParsedOptions o = INIT.parse(args);
        if (o.helpRequested()) {
            out.print(INIT.help());
            return 0;
        }
        Path file = Path.of(o.positional("FILE"));
        if (Files.exists(file) && !o.has(FORCE)) {
            throw new CommandException(file + " already exists; refusing to overwrite (give --force to replace it and"
                    + " lose its keys)", 1, null);
        }
        int iterations = iterations(o);
        char[] pw = KeyringPassword.read(o, KeyringPassword.Options.KEYRING, err, env, prompt, "new keyring " + file,
                true);
        try {
            IsclKeyring.create().save(file, pw, iterations);
        } finally {
            Arrays.fill(pw, '\0');
        }
        if (!o.quiet()) {
            out.println("ISCL keyring " + file + " created: no entries, PBKDF2-HMAC-SHA256 " + iterations
                    + " iterations, AES-256-GCM, owner-only");
        }
        return 0;
    }

    // ------------------------------------------------------------------ add

    static final OptionParser ADD = PEER_PASSWORD.declare(KeyringPassword.Options.KEYRING.declare(
            new OptionParser("keys iscl add", "Generate a fresh long-term DES key for the pair (LOCAL, REMOTE), put it"
                    + " in FILE and, with --export-peer, the same key as (REMOTE, LOCAL) into the peer's keyring."),
                    "the keyring"), "the peer's keyring FILE2")
            .value(LOCAL, '\0', "NAME", "this side's ISCL entity name (1..64 printable US-ASCII)")
            .value(REMOTE, '\0', "NAME", "the peer's ISCL entity name")
            .flag(ONLINE_STORAGE, '\0', "both entities support the Online Electronic Storage Secure Use Profile:"
                    + " each entry vouches for the other (" + ONLINE_STORAGE_FLAG + "=true)")
            .value(EXPORT_PEER, '\0', "FILE2", "write the peer's side into keyring FILE2 (created when absent)")
            .flag(REPLACE, '\0', "replace an existing entry of the pair (in FILE and FILE2)")
            .value(KDF_ITERATIONS, '\0', "N", "PBKDF2 iterations of a new FILE2 (default "
                    + DEFAULT_KDF_ITERATIONS + ")")
            .positional("FILE", "the keyring to add to (made by keys iscl init)")
            .note("The key is generated from the JDK's SecureRandom and never shown: both keyrings list the same key"
                    + " check value.\nGive FILE2 to the peer by a secure channel, with its password apart.");

    private int add(String[] args, PrintStream out, PrintStream err) throws Exception {
        ParsedOptions o = ADD.parse(args);
        if (o.helpRequested()) {
            out.print(ADD.help());
            return 0;
        }
        Path file = Path.of(o.positional("FILE"));
        String local = entity(o, LOCAL);
        String remote = entity(o, REMOTE);
        if (local.equals(remote)) {
            throw new UsageException("--local and --remote name the same entity " + EntityNames.printable(local));
        }
        Path peerFile = o.has(EXPORT_PEER) ? Path.of(o.value(EXPORT_PEER)) : null;
        if (peerFile != null && Files.exists(peerFile) && Files.isSameFile(peerFile, file)) {
            throw new UsageException("--export-peer names FILE itself; the peer's side goes into the peer's keyring");
        }
        if (peerFile == null && (o.has(PEER_PASSWORD.file()) || o.has(PEER_PASSWORD.env())
                || o.has(PEER_PASSWORD.clear()))) {
            throw new UsageException("a peer password is only used with --export-peer FILE2");
        }
        int peerIterations = iterations(o);
        Map<String, String> flags = o.has(ONLINE_STORAGE) ? Map.of(ONLINE_STORAGE_FLAG, "true") : Map.of();

        IsclKeyring ring;
        char[] pw = KeyringPassword.read(o, KeyringPassword.Options.KEYRING, err, env, prompt, "keyring " + file,
                false);
        char[] peerPw = null;
        try {
            ring = load(file, pw);
            if (ring.entry(local, remote).isPresent() && !o.has(REPLACE)) {
                throw new CommandException(file + " already has an entry for " + local + " -> " + remote
                        + "; give --replace to generate a new key", 1, null);
            }
            IsclKeyring peerRing = null;
            if (peerFile != null) {
                boolean exists = Files.exists(peerFile);
                peerPw = KeyringPassword.read(o, PEER_PASSWORD, err, env, prompt,
                        (exists ? "keyring " : "new keyring ") + peerFile, !exists);
                peerRing = exists ? load(peerFile, peerPw) : IsclKeyring.create();
                if (peerRing.entry(remote, local).isPresent() && !o.has(REPLACE)) {
                    throw new CommandException(peerFile + " already has an entry for " + remote + " -> " + local
                            + "; give --replace to generate a new key", 1, null);
                }
            }
            KeyringEntry e = ring.putGenerated(local, remote, flags);
            ring.save(file, pw);
            if (!o.quiet()) {
                out.println("added to " + file + ": " + row(e));
            }
            if (peerRing != null) {
                ring.mirrorInto(peerRing, local, remote, flags);
                try {
                    if (Files.exists(peerFile)) {
                        peerRing.save(peerFile, peerPw);
                    } else {
                        peerRing.save(peerFile, peerPw, peerIterations);
                    }
                } catch (IOException x) {
                    throw new CommandException("the key is in " + file + " but " + peerFile + " could not be written: "
                            + Main.describe(x) + "; run again with --replace", 1, x);
                }
                if (!o.quiet()) {
                    out.println("peer side written to " + peerFile + ": " + row(peerRing.entry(remote, local)
                            .orElseThrow()));
                }
            } else {
                err.println("warning: no --export-peer: the peer has no copy of this key, and the key is never shown;"
                        + " run again with --replace --export-peer FILE2");
            }
            return 0;
        } finally {
            Arrays.fill(pw, '\0');
            if (peerPw != null) {
                Arrays.fill(peerPw, '\0');
            }
        }
    }

    // ------------------------------------------------------------------ list

    static final OptionParser LIST = KeyringPassword.Options.KEYRING.declare(new OptionParser("keys iscl list",
            "List the entries of an ISCL keyring: local and remote entity, key check value (first 3 bytes of"
                    + " DES_K(0), never the key), flags."), "the keyring")
            .flag("json", '\0', "print the entries as a JSON array of {local, remote, kcv, flags}")
            .positional("FILE", "the keyring file");

    private int list(String[] args, PrintStream out, PrintStream err) throws Exception {
        ParsedOptions o = LIST.parse(args);
        if (o.helpRequested()) {
            out.print(LIST.help());
            return 0;
        }
        Path file = Path.of(o.positional("FILE"));
        char[] pw = KeyringPassword.read(o, KeyringPassword.Options.KEYRING, err, env, prompt, "keyring " + file,
                false);
        IsclKeyring ring;
        try {
            ring = load(file, pw);
        } finally {
            Arrays.fill(pw, '\0');
        }
        List<KeyringEntry> entries = ring.list();
        if (o.has("json")) {
            out.println(json(entries));
            return 0;
        }
        int wl = "LOCAL".length();
        int wr = "REMOTE".length();
        for (KeyringEntry e : entries) {
            wl = Math.max(wl, e.localEntity().length());
            wr = Math.max(wr, e.remoteEntity().length());
        }
        String fmt = "%-" + wl + "s  %-" + wr + "s  %-6s  %s%n";
        if (!o.quiet()) {
            out.println(file + ": " + entries.size() + (entries.size() == 1 ? " entry" : " entries"));
        }
        if (!entries.isEmpty()) {
            out.printf(fmt, "LOCAL", "REMOTE", "KCV", "FLAGS");
        }
        for (KeyringEntry e : entries) {
            out.printf(fmt, e.localEntity(), e.remoteEntity(), e.keyCheckValue(), flags(e.flags()));
        }
        return 0;
    }

    // ------------------------------------------------------------------ remove

    static final OptionParser REMOVE = KeyringPassword.Options.KEYRING.declare(new OptionParser("keys iscl remove",
            "Remove the entry of the pair (LOCAL, REMOTE) from an ISCL keyring."), "the keyring")
            .value(LOCAL, '\0', "NAME", "this side's ISCL entity name")
            .value(REMOTE, '\0', "NAME", "the peer's ISCL entity name")
            .positional("FILE", "the keyring file");

    private int remove(String[] args, PrintStream out, PrintStream err) throws Exception {
        ParsedOptions o = REMOVE.parse(args);
        if (o.helpRequested()) {
            out.print(REMOVE.help());
            return 0;
        }
        Path file = Path.of(o.positional("FILE"));
        String local = entity(o, LOCAL);
        String remote = entity(o, REMOTE);
        char[] pw = KeyringPassword.read(o, KeyringPassword.Options.KEYRING, err, env, prompt, "keyring " + file,
                false);
        try {
            IsclKeyring ring = load(file, pw);
            if (!ring.remove(local, remote)) {
                throw new CommandException(file + " has no entry for " + local + " -> " + remote, 1, null);
            }
            ring.save(file, pw);
        } finally {
            Arrays.fill(pw, '\0');
        }
        if (!o.quiet()) {
            out.println("removed " + local + " -> " + remote + " from " + file);
        }
        return 0;
    }

    // ------------------------------------------------------------------ helpers

    /** Loads a keyring; a missing file, a wrong password or a damaged file is a one-line error. */
    static IsclKeyring load(Path file, char[] pw) throws CommandException {
        if (!Files.isRegularFile(file)) {
            throw new CommandException("no keyring " + file + " (create one with: dicomsec keys iscl init " + file + ")",
                    2, null);
        }
        try {
            return IsclKeyring.load(file, pw);
        } catch (IsclException e) {
            throw new CommandException(Main.describe(e), 2, e);
        } catch (IOException e) {
            throw new CommandException("keyring " + file + ": " + Main.describe(e), 2, e);
        }
    }

    private static String entity(ParsedOptions o, String option) throws UsageException {
        String v = o.value(option);
        if (v == null) {
            throw new UsageException("--" + option + " NAME is required");
        }
        if (!EntityNames.isValid(v)) {
            throw new UsageException("--" + option + ": " + EntityNames.printable(v) + " is not an ISCL entity name"
                    + " (1..64 printable US-ASCII, no leading or trailing space)");
        }
        return v;
    }

    private static int iterations(ParsedOptions o) throws UsageException {
        return o.intValue(KDF_ITERATIONS, DEFAULT_KDF_ITERATIONS, MIN_KDF_ITERATIONS,
                MAX_KDF_ITERATIONS);
    }

    /** The entries as JSON: [{"local": .., "remote": .., "kcv": .., "flags": {..}}, ...]. */
    static String json(List<KeyringEntry> entries) {
        StringBuilder b = new StringBuilder("[");
        for (KeyringEntry e : entries) {
            b.append(b.length() == 1 ? "" : ",").append("\n  {\"local\": ").append(StatusCommand.quote(e.localEntity()))
                    .append(", \"remote\": ").append(StatusCommand.quote(e.remoteEntity()))
                    .append(", \"kcv\": ").append(StatusCommand.quote(e.keyCheckValue())).append(", \"flags\": {");
            StringBuilder f = new StringBuilder();
            new TreeMap<>(e.flags()).forEach((k, v) -> f.append(f.length() == 0 ? "" : ", ")
                    .append(StatusCommand.quote(k)).append(": ").append(StatusCommand.quote(v)));
            b.append(f).append("}}");
        }
        return b.append(entries.isEmpty() ? "]" : "\n]").toString();
    }

    private static String row(KeyringEntry e) {
        return e.localEntity() + " -> " + e.remoteEntity() + ", key check value " + e.keyCheckValue()
                + (e.flags().isEmpty() ? "" : ", " + flags(e.flags()));
    }

    private static String flags(Map<String, String> flags) {
        if (flags.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        new TreeMap<>(flags).forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }

    /** A sub-subcommand as a method of this command. */
    @FunctionalInterface
    private interface Body {
        int run(String[] args, PrintStream out, PrintStream err) throws Exception;
    }

    private static Main.Command sub(String summary, Body body) {
        return new Main.Command() {
            @Override
            public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
                return body.run(args, out, err);
            }

            @Override
            public String summary() {
                return summary;
            }
        };
    }
}
