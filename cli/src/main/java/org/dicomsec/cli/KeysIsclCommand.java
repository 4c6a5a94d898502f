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
import java.util.HexFormat;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.dicomsec.iscl.EntityNames;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.iscl.IsclException;
import org.dicomsec.iscl.crypto.DesKey;
import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.iscl.keys.KeyringEntry;
import org.dicomsec.ul.pdu.AeTitle;

/**
 * {@code dicomsec keys iscl SUBCOMMAND}: the ISCL keyring (PS3.15 B.2: the
 * long-term DES keys shared by pairs of entities; docs/iscl-wire-format.md
 * sections 6 and 7; file format docs/keyring-format.md). {@code init} creates
 * an empty keyring file, {@code add} generates a key for a pair and writes the
 * peer's side into a second keyring, or takes a key another implementation
 * made ({@code --key-hex}, {@code --key-file}), {@code list} shows the entries by
 * key check value, {@code ae-titles} sets the AE titles an entity may call with,
 * {@code export --hex} prints a key for another implementation (with a warning,
 * never onto a terminal unless forced), {@code remove} deletes an entry. Keys are
 * never logged, and printed only by {@code export}.
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
    static final String KEY_HEX = "key-hex";
    static final String KEY_FILE = "key-file";
    static final String AE_TITLE = "ae-title";
    static final String HEX = "hex";
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
    private final Predicate<PrintStream> terminal;

    KeysIsclCommand() {
        this(System::getenv, KeyringPassword.Prompt.console());
    }

    /** With another environment and terminal (tests). */
    KeysIsclCommand(UnaryOperator<String> env, KeyringPassword.Prompt prompt) {
        this(env, prompt, KeysIsclCommand::isTerminal);
    }

    /** @param terminal true when a stream goes to a terminal (export refuses it without --force) */
    KeysIsclCommand(UnaryOperator<String> env, KeyringPassword.Prompt prompt, Predicate<PrintStream> terminal) {
        this.env = env;
        this.prompt = prompt;
        this.terminal = terminal;
    }

    /**
     * True when {@code out} is the process's standard output and that is a terminal: the JDK's
     * console (stdin and stdout both terminals), or, on Linux, file descriptor 1 a tty device.
     */
    static boolean isTerminal(PrintStream out) {
        if (out != System.out) {
            return false;
        }
        if (System.console() != null) {
            return true;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private Map<String, Main.Command> subcommands() {
        Map<String, Main.Command> m = new LinkedHashMap<>();
        m.put("init", sub("create an empty ISCL keyring file", this::init));
        m.put("add", sub("add a pair's DES key: generated (and the peer's keyring), or given by --key-hex/--key-file",
                this::add));
        m.put("list", sub("list the entries: entity pair, flags, key check value (never the key)", this::list));
        m.put("ae-titles", sub("set the AE titles the remote entity may call with (scp --iscl-check-ae-title)",
                this::aeTitles));
        m.put("export", sub("print a pair's key as hex for another ISCL implementation (--hex; not onto a terminal)",
                this::export));
        m.put("remove", sub("remove the entry of a pair", this::remove));
        return m;
    }

    @Override
    public String summary() {
        return "ISCL keyrings: init FILE, add, list, ae-titles, export, remove (PS3.15 B.2 long-term DES keys)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Map<String, Main.Command> subs = subcommands();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            PrintStream to = args.length == 0 ? err : out;
            to.println("usage: dicomsec keys iscl SUBCOMMAND [options] FILE");
            to.println();
            to.println("The ISCL keyring: long-term DES keys shared by pairs of entities (PS3.15 B.2), in a file");
            to.println("encrypted under a password (PBKDF2-HMAC-SHA256, AES-256-GCM; docs/keyring-format.md). Keys are");
            to.println("shown only by their key check value, except by an explicit export --hex.");
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
            new OptionParser("keys iscl add", "Put a long-term DES key for the pair (LOCAL, REMOTE) into FILE: a fresh"
                    + " one, and with --export-peer the same key as (REMOTE, LOCAL) into the peer's keyring; or the"
                    + " key another implementation uses, given by --key-hex or --key-file."),
                    "the keyring"), "the peer's keyring FILE2")
            .value(LOCAL, '\0', "NAME", "this side's ISCL entity name (1..64 printable US-ASCII)")
            .value(REMOTE, '\0', "NAME", "the peer's ISCL entity name")
            .flag(ONLINE_STORAGE, '\0', "both entities support the Online Electronic Storage Secure Use Profile:"
                    + " each entry vouches for the other (" + ONLINE_STORAGE_FLAG + "=true)")
            .value(EXPORT_PEER, '\0', "FILE2", "write the peer's side into keyring FILE2 (created when absent)")
            .flag(REPLACE, '\0', "replace an existing entry of the pair (in FILE and FILE2)")
            .value(KEY_HEX, '\0', "HEX", "use this key (16 hex digits, e.g. from another ISCL implementation)"
                    + " instead of a fresh one; its key check value is printed to compare with the peer's")
            .value(KEY_FILE, '\0', "F", "as --key-hex, the 16 hex digits read from file F (keeps the key out of"
                    + " the process list and shell history)")
            .repeatable(AE_TITLE, '\0', "TITLE", "an AE title REMOTE may call with (flag dicom.ae-titles, checked by"
                    + " scp --iscl-check-ae-title); repeatable")
            .value(KDF_ITERATIONS, '\0', "N", "PBKDF2 iterations of a new FILE2 (default "
                    + DEFAULT_KDF_ITERATIONS + ")")
            .positional("FILE", "the keyring to add to (made by keys iscl init)")
            .note("A generated key comes from the JDK's SecureRandom and is never shown: both keyrings list the same"
                    + " key check value.\nGive FILE2 to the peer by a secure channel, with its password apart."
                    + "\nA key given by --key-hex/--key-file gets its parity bits fixed; weak keys are refused."
                    + "\nFormat and key exchange: docs/keyring-format.md.");

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
        Map<String, String> flags = new TreeMap<>();
        if (o.has(ONLINE_STORAGE)) {
            flags.put(ONLINE_STORAGE_FLAG, "true");
        }
        if (o.has(AE_TITLE)) {
            flags.put(IsclConfig.AE_TITLES_FLAG, aeTitles(o));
        }
        DesKey given = givenKey(o);

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
            KeyringEntry e;
            if (given != null) {
                ring.put(local, remote, given, flags);
                e = ring.entry(local, remote).orElseThrow();
            } else {
                e = ring.putGenerated(local, remote, flags);
            }
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
            } else if (given == null) {
                err.println("warning: no --export-peer: the peer has no copy of this key; give it with --replace"
                        + " --export-peer FILE2, or to another implementation with: dicomsec keys iscl export " + file
                        + " --local " + local + " --remote " + remote + " --hex");
            }
            return 0;
        } finally {
            if (given != null) {
                given.destroy();
            }
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

    // ------------------------------------------------------------------ ae-titles

    static final OptionParser AE_TITLES = KeyringPassword.Options.KEYRING.declare(new OptionParser(
            "keys iscl ae-titles", "Set the AE titles the entity REMOTE may use as calling AE title towards LOCAL"
                    + " (flag dicom.ae-titles of the entry; checked by scp --iscl --iscl-check-ae-title). No --ae-title:"
                    + " the list is removed."), "the keyring")
            .value(LOCAL, '\0', "NAME", "this side's ISCL entity name")
            .value(REMOTE, '\0', "NAME", "the peer's ISCL entity name")
            .repeatable(AE_TITLE, '\0', "TITLE", "an AE title REMOTE may call with; repeatable")
            .positional("FILE", "the keyring file");

    private int aeTitles(String[] args, PrintStream out, PrintStream err) throws Exception {
        ParsedOptions o = AE_TITLES.parse(args);
        if (o.helpRequested()) {
            out.print(AE_TITLES.help());
            return 0;
        }
        Path file = Path.of(o.positional("FILE"));
        String local = entity(o, LOCAL);
        String remote = entity(o, REMOTE);
        String titles = o.has(AE_TITLE) ? aeTitles(o) : null;
        char[] pw = KeyringPassword.read(o, KeyringPassword.Options.KEYRING, err, env, prompt, "keyring " + file,
                false);
        try {
            IsclKeyring ring = load(file, pw);
            KeyringEntry e = ring.entry(local, remote).orElseThrow(() -> new CommandException(file
                    + " has no entry for " + local + " -> " + remote, 1, null));
            Map<String, String> flags = new TreeMap<>(e.flags());
            if (titles == null) {
                flags.remove(IsclConfig.AE_TITLES_FLAG);
            } else {
                flags.put(IsclConfig.AE_TITLES_FLAG, titles);
            }
            ring.setFlags(local, remote, flags);
            ring.save(file, pw);
            if (!o.quiet()) {
                out.println("updated in " + file + ": " + row(ring.entry(local, remote).orElseThrow()));
            }
        } finally {
            Arrays.fill(pw, '\0');
        }
        return 0;
    }

    // ------------------------------------------------------------------ export

    static final OptionParser EXPORT = KeyringPassword.Options.KEYRING.declare(new OptionParser("keys iscl export",
            "Print the long-term key of the pair (LOCAL, REMOTE) as 16 hex digits, for an ISCL implementation that"
                    + " does not read dicomsec keyrings. The key is secret: this is the only command that shows one."),
                    "the keyring")
            .value(LOCAL, '\0', "NAME", "this side's ISCL entity name")
            .value(REMOTE, '\0', "NAME", "the peer's ISCL entity name")
            .flag(HEX, '\0', "print the key as 16 upper-case hex digits (the only format; required)")
            .flag(FORCE, 'f', "print even when standard output is a terminal")
            .positional("FILE", "the keyring file")
            .note("Standard output must be a file or a pipe (dicomsec keys iscl export ... --hex > key.txt); on a"
                    + " terminal the key would stay on screen and in scroll-back, so it is refused without --force."
                    + "\nA warning goes to standard error. Delete the copy once the peer has imported it, and compare"
                    + " key check values (keys iscl list) by another channel.");

    private int export(String[] args, PrintStream out, PrintStream err) throws Exception {
        ParsedOptions o = EXPORT.parse(args);
        if (o.helpRequested()) {
            out.print(EXPORT.help());
            return 0;
        }
        Path file = Path.of(o.positional("FILE"));
        String local = entity(o, LOCAL);
        String remote = entity(o, REMOTE);
        if (!o.has(HEX)) {
            throw new UsageException("give --hex: the key is printed as 16 hex digits (the only export format)");
        }
        if (terminal.test(out) && !o.has(FORCE)) {
            throw new CommandException("refusing to print a secret key onto a terminal; redirect standard output to"
                    + " a file or a pipe, or give --force", 1, null);
        }
        char[] pw = KeyringPassword.read(o, KeyringPassword.Options.KEYRING, err, env, prompt, "keyring " + file,
                false);
        DesKey k;
        String kcv;
        try {
            IsclKeyring ring = load(file, pw);
            k = ring.exportKey(local, remote);
            if (k == null) {
                throw new CommandException(file + " has no entry for " + local + " -> " + remote, 1, null);
            }
            kcv = ring.entry(local, remote).orElseThrow().keyCheckValue();
        } finally {
            Arrays.fill(pw, '\0');
        }
        byte[] b = k.bytes();
        char[] hex = HexFormat.of().withUpperCase().formatHex(b).toCharArray();
        try {
            err.println("warning: the secret ISCL key of " + local + " -> " + remote + " (key check value " + kcv
                    + ") is written to standard output; whoever reads it can act as either entity. Give it to the peer"
                    + " by a trusted channel and delete this copy.");
            out.println(hex);
            out.flush();
        } finally {
            Arrays.fill(b, (byte) 0);
            Arrays.fill(hex, '\0');
            k.destroy();
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

    /** The key of --key-hex or --key-file, or null; the digits are never echoed in a message. */
    private static DesKey givenKey(ParsedOptions o) throws UsageException, CommandException {
        if (o.has(KEY_HEX) && o.has(KEY_FILE)) {
            throw new UsageException("give --key-hex or --key-file, not both");
        }
        String hex;
        if (o.has(KEY_HEX)) {
            hex = o.value(KEY_HEX);
        } else if (o.has(KEY_FILE)) {
            Path f = Path.of(o.value(KEY_FILE));
            try {
                hex = Files.readString(f, java.nio.charset.StandardCharsets.US_ASCII).strip();
            } catch (IOException e) {
                throw new CommandException("--key-file " + f + ": " + Main.describe(e), 2, e);
            }
        } else {
            return null;
        }
        try {
            return DesKey.parseHex(hex.replace(" ", ""));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + (o.has(KEY_HEX) ? KEY_HEX : KEY_FILE) + ": " + e.getMessage());
        }
    }

    /** The --ae-title values as the flag's comma-separated list; each a valid AE title without commas. */
    private static String aeTitles(ParsedOptions o) throws UsageException {
        List<String> titles = new java.util.ArrayList<>();
        for (String t : o.values(AE_TITLE)) {
            String v = t.strip();
            try {
                AeTitle.validate(v);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--" + AE_TITLE + ": " + e.getMessage());
            }
            if (v.isEmpty() || v.contains(",")) {
                throw new UsageException("--" + AE_TITLE + ": '" + t + "' is not an AE title (1..16 characters, no"
                        + " comma)");
            }
            if (!titles.contains(v)) {
                titles.add(v);
            }
        }
        return String.join(",", titles);
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
