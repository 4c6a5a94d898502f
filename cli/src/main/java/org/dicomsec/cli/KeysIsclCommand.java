package org.dicomsec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.dicomsec.data.json.JsonWriter;
import org.dicomsec.iscl.EntityNames;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.iscl.IsclException;
import org.dicomsec.iscl.crypto.DesKey;
import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.iscl.keys.KeyringEntry;
import org.dicomsec.storage.PeerPolicy;

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
final class KeysIsclCommand extends CommandGroup {

    /** The keyring flag that vouches for the Online Electronic Storage Secure Use Profile. */
    static final String ONLINE_STORAGE_FLAG = PeerPolicy.ISCL_PROFILE_ATTRIBUTE;

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
    static final PasswordOptions.Names KEYRING = PasswordOptions.Names.DEFAULT;
    static final PasswordOptions.Names PEER_PASSWORD =
            new PasswordOptions.Names("peer-password-file", "peer-password-env", "peer-password");

    private final UnaryOperator<String> env;
    private final PasswordOptions.Prompt prompt;
    private final Predicate<PrintStream> terminal;

    KeysIsclCommand() {
        this(System::getenv, PasswordOptions.Prompt.console());
    }

    /** With another environment and terminal (tests). */
    KeysIsclCommand(UnaryOperator<String> env, PasswordOptions.Prompt prompt) {
        this(env, prompt, KeysIsclCommand::isTerminal);
    }

    /** @param terminal true when a stream goes to a terminal (export refuses it without --force) */
    KeysIsclCommand(UnaryOperator<String> env, PasswordOptions.Prompt prompt, Predicate<PrintStream> terminal) {
        super("keys iscl", "ISCL keyrings: init FILE, add, list, ae-titles, export, remove (PS3.15 B.2 long-term DES"
                + " keys)", "FILE",
                "The ISCL keyring: long-term DES keys shared by pairs of entities (PS3.15 B.2), in a file",
                "encrypted under a password (PBKDF2-HMAC-SHA256, AES-256-GCM; docs/keyring-format.md). Keys are",
                "shown only by their key check value, except by an explicit export --hex.");
        this.env = env;
        this.prompt = prompt;
        this.terminal = terminal;
        add("init", OptionCommand.of(INIT, "create an empty ISCL keyring file", this::init));
        add("add", OptionCommand.of(ADD, "add a pair's DES key: generated (and the peer's keyring), or given by"
                + " --key-hex/--key-file", this::add));
        add("list", OptionCommand.of(LIST, "list the entries: entity pair, flags, key check value (never the key)",
                this::list));
        add("ae-titles", OptionCommand.of(AE_TITLES, "set the AE titles the remote entity may call with (scp"
                + " --iscl-check-ae-title)", this::aeTitles));
        add("export", OptionCommand.of(EXPORT, "print a pair's key as hex for another ISCL implementation (--hex; not"
                + " onto a terminal)", this::export));
        add("remove", OptionCommand.of(REMOVE, "remove the entry of a pair", this::remove));
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

    // ------------------------------------------------------------------ init

    static final OptionParser INIT = KEYRING.declare(new OptionParser("keys iscl init",
            "Create an empty ISCL keyring file, owner-only, encrypted under a password."), "the keyring")
            .flag(FORCE, 'f', "replace an existing file (its keys are lost)")
            .value(KDF_ITERATIONS, '\0', "N", "PBKDF2 iterations (default " + IsclKeyring.DEFAULT_KDF_ITERATIONS
                    + "; later writes keep the file's count)")
            .positional("FILE", "the keyring file to create")
            .note("Without a password option the password is asked on the terminal, twice, without echo.\n"
                    + "Then: dicomsec keys iscl add FILE --local A --remote B --export-peer PEER-FILE");

    private int init(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
        Path file = Path.of(o.positional("FILE"));
        if (Files.exists(file) && !o.has(FORCE)) {
            throw new CommandException(file + " already exists; refusing to overwrite (give --force to replace it and"
                    + " lose its keys)", 1, null);
        }
        int iterations = iterations(o);
        char[] pw = PasswordOptions.read(o, KEYRING, err, env, prompt, "new keyring " + file, true);
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

    static final OptionParser ADD = PEER_PASSWORD.declare(KEYRING.declare(
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
                    + IsclKeyring.DEFAULT_KDF_ITERATIONS + ")")
            .positional("FILE", "the keyring to add to (made by keys iscl init)")
            .note("A generated key comes from the JDK's SecureRandom and is never shown: both keyrings list the same"
                    + " key check value.\nGive FILE2 to the peer by a secure channel, with its password apart."
                    + "\nA key given by --key-hex/--key-file gets its parity bits fixed; weak keys are refused."
                    + "\nFormat and key exchange: docs/keyring-format.md.");

    private int add(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
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
        if (peerFile == null && PEER_PASSWORD.given(o)) {
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
        char[] pw = null;
        char[] peerPw = null;
        try {
            pw = PasswordOptions.read(o, KEYRING, err, env, prompt, "keyring " + file, false);
            IsclKeyring ring = load(file, pw);
            refuseExisting(o, ring, file, local, remote);
            IsclKeyring peerRing = null;
            boolean peerExists = peerFile != null && Files.exists(peerFile);
            if (peerFile != null) {
                peerPw = PasswordOptions.read(o, PEER_PASSWORD, err, env, prompt,
                        (peerExists ? "keyring " : "new keyring ") + peerFile, !peerExists);
                peerRing = peerExists ? load(peerFile, peerPw) : IsclKeyring.create();
                refuseExisting(o, peerRing, peerFile, remote, local);
            }
            KeyringEntry e = ring.putPair(local, remote, given, flags, peerRing);
            ring.save(file, pw);
            if (!o.quiet()) {
                out.println("added to " + file + ": " + e.describe());
            }
            if (peerRing != null) {
                try {
                    peerRing.save(peerFile, peerPw, peerExists ? peerRing.kdfIterations() : peerIterations);
                } catch (IOException x) {
                    throw new CommandException("the key is in " + file + " but " + peerFile + " could not be written: "
                            + Main.describe(x) + "; run again with --replace", 1, x);
                }
                if (!o.quiet()) {
                    out.println("peer side written to " + peerFile + ": "
                            + peerRing.entry(remote, local).orElseThrow().describe());
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
            PasswordOptions.wipe(pw);
            PasswordOptions.wipe(peerPw);
        }
    }

    private static void refuseExisting(ParsedOptions o, IsclKeyring ring, Path file, String local, String remote)
            throws CommandException {
        if (ring.entry(local, remote).isPresent() && !o.has(REPLACE)) {
            throw new CommandException(file + " already has an entry for " + local + " -> " + remote
                    + "; give --replace to generate a new key", 1, null);
        }
    }

    // ------------------------------------------------------------------ list

    static final OptionParser LIST = KEYRING.declare(new OptionParser("keys iscl list",
            "List the entries of an ISCL keyring: local and remote entity, key check value (first 3 bytes of"
                    + " DES_K(0), never the key), flags."), "the keyring")
            .flag("json", '\0', "print the entries as a JSON array of {local, remote, kcv, flags}")
            .positional("FILE", "the keyring file");

    private int list(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
        List<KeyringEntry> entries = load(Path.of(o.positional("FILE")), o, err, env, prompt).list();
        if (o.has("json")) {
            out.println(JsonWriter.write(entries.stream().map(KeyringEntry::toJson).toList()));
            return 0;
        }
        if (!o.quiet()) {
            out.println(Path.of(o.positional("FILE")) + ": " + entries.size() + (entries.size() == 1 ? " entry" : " entries"));
        }
        KeyringEntry.table(entries).forEach(out::println);
        return 0;
    }

    // ------------------------------------------------------------------ ae-titles

    static final OptionParser AE_TITLES = KEYRING.declare(new OptionParser(
            "keys iscl ae-titles", "Set the AE titles the entity REMOTE may use as calling AE title towards LOCAL"
                    + " (flag dicom.ae-titles of the entry; checked by scp --iscl --iscl-check-ae-title). No --ae-title:"
                    + " the list is removed."), "the keyring")
            .value(LOCAL, '\0', "NAME", "this side's ISCL entity name")
            .value(REMOTE, '\0', "NAME", "the peer's ISCL entity name")
            .repeatable(AE_TITLE, '\0', "TITLE", "an AE title REMOTE may call with; repeatable")
            .positional("FILE", "the keyring file");

    private int aeTitles(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
        String local = entity(o, LOCAL);
        String remote = entity(o, REMOTE);
        String titles = o.has(AE_TITLE) ? aeTitles(o) : null;
        try (Opened k = open(o, err)) {
            if (!k.ring.setFlag(local, remote, IsclConfig.AE_TITLES_FLAG, titles)) {
                throw noEntry(k.file, local, remote);
            }
            k.save();
            if (!o.quiet()) {
                out.println("updated in " + k.file + ": " + k.ring.entry(local, remote).orElseThrow().describe());
            }
        }
        return 0;
    }

    // ------------------------------------------------------------------ export

    static final OptionParser EXPORT = KEYRING.declare(new OptionParser("keys iscl export",
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

    private int export(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
        String local = entity(o, LOCAL);
        String remote = entity(o, REMOTE);
        if (!o.has(HEX)) {
            throw new UsageException("give --hex: the key is printed as 16 hex digits (the only export format)");
        }
        if (terminal.test(out) && !o.has(FORCE)) {
            throw new CommandException("refusing to print a secret key onto a terminal; redirect standard output to"
                    + " a file or a pipe, or give --force", 1, null);
        }
        DesKey k;
        String kcv;
        try (Opened keyring = open(o, err)) {
            k = keyring.ring.exportKey(local, remote);
            if (k == null) {
                throw noEntry(keyring.file, local, remote);
            }
            kcv = keyring.ring.entry(local, remote).orElseThrow().keyCheckValue();
        }
        char[] hex = k.hexDigits();
        try {
            err.println("warning: the secret ISCL key of " + local + " -> " + remote + " (key check value " + kcv
                    + ") is written to standard output; whoever reads it can act as either entity. Give it to the peer"
                    + " by a trusted channel and delete this copy.");
            out.println(hex);
            out.flush();
        } finally {
            Arrays.fill(hex, '\0');
            k.destroy();
        }
        return 0;
    }

    // ------------------------------------------------------------------ remove

    static final OptionParser REMOVE = KEYRING.declare(new OptionParser("keys iscl remove",
            "Remove the entry of the pair (LOCAL, REMOTE) from an ISCL keyring."), "the keyring")
            .value(LOCAL, '\0', "NAME", "this side's ISCL entity name")
            .value(REMOTE, '\0', "NAME", "the peer's ISCL entity name")
            .positional("FILE", "the keyring file");

    private int remove(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
        String local = entity(o, LOCAL);
        String remote = entity(o, REMOTE);
        try (Opened k = open(o, err)) {
            if (!k.ring.remove(local, remote)) {
                throw noEntry(k.file, local, remote);
            }
            k.save();
        }
        if (!o.quiet()) {
            out.println("removed " + local + " -> " + remote + " from " + Path.of(o.positional("FILE")));
        }
        return 0;
    }

    // ------------------------------------------------------------------ helpers

    /** The keyring FILE loaded with its password, which {@link #close} clears. */
    private record Opened(Path file, char[] password, IsclKeyring ring) implements AutoCloseable {
        void save() throws IOException {
            ring.save(file, password);
        }

        @Override
        public void close() {
            Arrays.fill(password, '\0');
        }
    }

    private Opened open(ParsedOptions o, PrintStream err) throws UsageException, CommandException {
        Path file = Path.of(o.positional("FILE"));
        char[] pw = PasswordOptions.read(o, KEYRING, err, env, prompt, "keyring " + file, false);
        try {
            return new Opened(file, pw, load(file, pw));
        } catch (CommandException e) {
            PasswordOptions.wipe(pw);
            throw e;
        }
    }

    /** Loads a keyring with the password of the options, else of the terminal (cleared after). */
    static IsclKeyring load(Path file, ParsedOptions o, PrintStream err, UnaryOperator<String> env,
                            PasswordOptions.Prompt prompt) throws UsageException, CommandException {
        char[] pw = PasswordOptions.read(o, KEYRING, err, env, prompt, "keyring " + file, false);
        try {
            return load(file, pw);
        } finally {
            PasswordOptions.wipe(pw);
        }
    }

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

    private static CommandException noEntry(Path file, String local, String remote) {
        return new CommandException(file + " has no entry for " + local + " -> " + remote, 1, null);
    }

    /** The option's value, required, as an ISCL entity name. */
    static String entity(ParsedOptions o, String option) throws UsageException {
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
        try {
            if (o.has(KEY_HEX)) {
                return DesKey.parseHex(o.value(KEY_HEX).replace(" ", ""));
            }
            return o.has(KEY_FILE) ? DesKey.readHex(Path.of(o.value(KEY_FILE))) : null;
        } catch (IOException e) {
            throw new CommandException("--key-file " + o.value(KEY_FILE) + ": " + Main.describe(e), 2, e);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + (o.has(KEY_HEX) ? KEY_HEX : KEY_FILE) + ": " + e.getMessage());
        }
    }

    /** The --ae-title values as the flag's comma-separated list. */
    private static String aeTitles(ParsedOptions o) throws UsageException {
        return ParsedOptions.parse("--" + AE_TITLE + ": ", () -> IsclConfig.aeTitlesFlag(o.values(AE_TITLE)));
    }

    private static int iterations(ParsedOptions o) throws UsageException {
        return o.intValue(KDF_ITERATIONS, IsclKeyring.DEFAULT_KDF_ITERATIONS, IsclKeyring.MIN_KDF_ITERATIONS,
                IsclKeyring.MAX_KDF_ITERATIONS);
    }
}
