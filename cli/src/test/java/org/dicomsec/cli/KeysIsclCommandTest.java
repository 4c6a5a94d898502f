package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.iscl.keys.KeyringEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dicomsec keys iscl init|add|list|remove} over real keyring files in a temp folder. */
class KeysIsclCommandTest {

    /** PBKDF2 rounds for test keyrings (the default, 600 000, costs about half a second per file). */
    static final String FAST = "10000";
    static final String PW_A = "alice keyring pass";
    static final String PW_B = "bob keyring pass";

    @TempDir
    Path tmp;
    Path pwA;
    Path pwB;

    @BeforeEach
    void passwords() throws Exception {
        pwA = tmp.resolve("a.pw");
        pwB = tmp.resolve("b.pw");
        Files.writeString(pwA, PW_A + "\n");
        Files.writeString(pwB, PW_B + "\n");
    }

    private static void assertNoSecret(CliRun r) {
        for (String s : List.of(PW_A, PW_B)) {
            assertFalse(r.out().contains(s) || r.err().contains(s), "password shown:\n" + r);
        }
    }

    private CliRun init(Path file, Path pw) {
        return CliRun.of("keys", "iscl", "init", "--kdf-iterations", FAST, "--password-file", pw.toString(),
                file.toString());
    }

    @Test
    void initCreatesAnEmptyOwnerOnlyKeyringAndRefusesToOverwrite() throws Exception {
        Path a = tmp.resolve("a.keyring");
        CliRun r = init(a, pwA);
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("ISCL keyring " + a + " created: no entries, PBKDF2-HMAC-SHA256 10000 iterations"),
                r.out());
        assertNoSecret(r);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a)));
        assertEquals(0, IsclKeyring.load(a, PW_A.toCharArray()).size());

        CliRun list = CliRun.of("keys", "iscl", "list", "--password-file", pwA.toString(), a.toString());
        assertEquals(0, list.status(), list.toString());
        assertEquals(List.of(a + ": 0 entries"), list.outLines());

        byte[] before = Files.readAllBytes(a);
        CliRun again = init(a, pwA);
        assertEquals(1, again.status(), again.toString());
        assertTrue(again.err().contains("already exists; refusing to overwrite (give --force"), again.err());
        assertArrayEquals(before, Files.readAllBytes(a));
        CliRun forced = CliRun.of("keys", "iscl", "init", "--force", "--kdf-iterations", FAST, "--password-file",
                pwB.toString(), a.toString());
        assertEquals(0, forced.status(), forced.toString());
        assertEquals(0, IsclKeyring.load(a, PW_B.toCharArray()).size(), "now under the new password");
    }

    @Test
    void addGeneratesOneKeyForBothSidesAndListShowsOnlyItsCheckValue() throws Exception {
        Path a = tmp.resolve("a.keyring");
        Path b = tmp.resolve("b.keyring");
        assertEquals(0, init(a, pwA).status());
        CliRun add = CliRun.of("keys", "iscl", "add", "--password-file", pwA.toString(), "--local", "STORE-SCU",
                "--remote", "ARCHIVE", "--online-storage", "--export-peer", b.toString(), "--peer-password-file",
                pwB.toString(), "--kdf-iterations", FAST, a.toString());
        assertEquals(0, add.status(), add.toString());
        assertNoSecret(add);

        IsclKeyring ringA = IsclKeyring.load(a, PW_A.toCharArray());
        IsclKeyring ringB = IsclKeyring.load(b, PW_B.toCharArray());
        assertEquals(10_000, ByteBuffer.wrap(Files.readAllBytes(b), 6, 4).getInt(),
                "the new peer file takes --kdf-iterations (keyring file: uint32 iterations at offset 6)");
        KeyringEntry ea = ringA.entry("STORE-SCU", "ARCHIVE").orElseThrow();
        KeyringEntry eb = ringB.entry("ARCHIVE", "STORE-SCU").orElseThrow();
        assertEquals(ea.keyCheckValue(), eb.keyCheckValue(), "the same key on both sides");
        assertTrue(ea.keyCheckValue().matches("[0-9A-F]{6}"), ea.keyCheckValue());
        assertEquals(Map.of("profile.online-storage", "true"), ea.flags());
        assertEquals(Map.of("profile.online-storage", "true"), eb.flags());
        assertEquals(1, ringA.size());
        assertEquals(1, ringB.size());
        assertTrue(add.out().contains("added to " + a + ": STORE-SCU -> ARCHIVE, key check value "
                + ea.keyCheckValue() + ", profile.online-storage=true"), add.out());
        assertTrue(add.out().contains("peer side written to " + b + ": ARCHIVE -> STORE-SCU, key check value "
                + ea.keyCheckValue()), add.out());

        // a second pair in the same keyring, the peer file of another node
        Path c = tmp.resolve("c.keyring");
        CliRun add2 = CliRun.of("keys", "iscl", "add", "--password-file", pwA.toString(), "--local", "STORE-SCU",
                "--remote", "CT01", "--export-peer", c.toString(), "--peer-password-file", pwB.toString(),
                "--kdf-iterations", FAST, a.toString());
        assertEquals(0, add2.status(), add2.toString());

        CliRun list = CliRun.of("keys", "iscl", "list", "--password-file", pwA.toString(), a.toString());
        assertEquals(0, list.status(), list.toString());
        String kcv2 = IsclKeyring.load(c, PW_B.toCharArray()).entry("CT01", "STORE-SCU").orElseThrow()
                .keyCheckValue();
        assertEquals(List.of(a + ": 2 entries",
                "LOCAL      REMOTE   KCV     FLAGS",
                "STORE-SCU  ARCHIVE  " + ea.keyCheckValue() + "  profile.online-storage=true",
                "STORE-SCU  CT01     " + kcv2 + "  -"), list.outLines());
        assertNoSecret(list);

        CliRun json = CliRun.of("keys", "iscl", "list", "--json", "--password-file", pwA.toString(), a.toString());
        assertEquals(0, json.status(), json.toString());
        assertEquals(List.of(
                Map.of("local", "STORE-SCU", "remote", "ARCHIVE", "kcv", ea.keyCheckValue(),
                        "flags", Map.of("profile.online-storage", "true")),
                Map.of("local", "STORE-SCU", "remote", "CT01", "kcv", kcv2, "flags", Map.of())),
                MiniJson.parse(json.out()));
    }

    @Test
    void addRefusesToReplaceAnEntryWithoutReplace() throws Exception {
        Path a = tmp.resolve("a.keyring");
        Path b = tmp.resolve("b.keyring");
        assertEquals(0, init(a, pwA).status());
        String[] args = {"keys", "iscl", "add", "--password-file", pwA.toString(), "--local", "A", "--remote", "B",
            "--export-peer", b.toString(), "--peer-password-file", pwB.toString(), "--kdf-iterations", FAST,
            a.toString()};
        assertEquals(0, CliRun.of(args).status());
        String kcv = IsclKeyring.load(a, PW_A.toCharArray()).entry("A", "B").orElseThrow().keyCheckValue();
        byte[] aBefore = Files.readAllBytes(a);
        byte[] bBefore = Files.readAllBytes(b);

        CliRun again = CliRun.of(args);
        assertEquals(1, again.status(), again.toString());
        assertTrue(again.err().contains(a + " already has an entry for A -> B; give --replace"), again.err());
        assertArrayEquals(aBefore, Files.readAllBytes(a));
        assertArrayEquals(bBefore, Files.readAllBytes(b));

        List<String> replace = new ArrayList<>(List.of(args));
        replace.add(3, "--replace");
        CliRun replaced = CliRun.of(replace.toArray(String[]::new));
        assertEquals(0, replaced.status(), replaced.toString());
        String kcvA = IsclKeyring.load(a, PW_A.toCharArray()).entry("A", "B").orElseThrow().keyCheckValue();
        String kcvB = IsclKeyring.load(b, PW_B.toCharArray()).entry("B", "A").orElseThrow().keyCheckValue();
        assertNotEquals(kcv, kcvA, "a fresh key");
        assertEquals(kcvA, kcvB);
    }

    @Test
    void removeDeletesTheEntryAndReportsAMissingOne() throws Exception {
        Path a = tmp.resolve("a.keyring");
        assertEquals(0, init(a, pwA).status());
        CliRun add = CliRun.of("keys", "iscl", "add", "--password-file", pwA.toString(), "--local", "A", "--remote",
                "B", a.toString());
        assertEquals(0, add.status(), add.toString());
        assertTrue(add.err().contains("warning: no --export-peer"), add.err());

        CliRun rm = CliRun.of("keys", "iscl", "remove", "--password-file", pwA.toString(), "--local", "A",
                "--remote", "B", a.toString());
        assertEquals(0, rm.status(), rm.toString());
        assertEquals(List.of("removed A -> B from " + a), rm.outLines());
        assertEquals(0, IsclKeyring.load(a, PW_A.toCharArray()).size());

        CliRun rm2 = CliRun.of("keys", "iscl", "remove", "--password-file", pwA.toString(), "--local", "A",
                "--remote", "B", a.toString());
        assertEquals(1, rm2.status(), rm2.toString());
        assertTrue(rm2.err().contains("has no entry for A -> B"), rm2.err());
    }

    @Test
    void wrongPasswordMissingFileAndBadNamesAreOneLineErrors() throws Exception {
        Path a = tmp.resolve("a.keyring");
        assertEquals(0, init(a, pwA).status());
        CliRun wrong = CliRun.of("keys", "iscl", "list", "--password-file", pwB.toString(), a.toString());
        assertEquals(2, wrong.status(), wrong.toString());
        assertEquals(1, wrong.errLines().size(), wrong.err());
        assertTrue(wrong.err().contains("wrong password or damaged file"), wrong.err());
        assertNoSecret(wrong);

        Path none = tmp.resolve("none.keyring");
        CliRun missing = CliRun.of("keys", "iscl", "list", "--password-file", pwA.toString(), none.toString());
        assertEquals(2, missing.status(), missing.toString());
        assertTrue(missing.err().contains("no keyring " + none + " (create one with: dicomsec keys iscl init"),
                missing.err());

        CliRun bad = CliRun.of("keys", "iscl", "add", "--password-file", pwA.toString(), "--local", "A\u00e9",
                "--remote", "B", a.toString());
        assertEquals(2, bad.status(), bad.toString());
        assertTrue(bad.err().contains("--local: \"A\\xE9\" is not an ISCL entity name"), bad.err());
        CliRun same = CliRun.of("keys", "iscl", "add", "--password-file", pwA.toString(), "--local", "A",
                "--remote", "A", a.toString());
        assertEquals(2, same.status(), same.toString());
        CliRun noRemote = CliRun.of("keys", "iscl", "add", "--password-file", pwA.toString(), "--local", "A",
                a.toString());
        assertEquals(2, noRemote.status(), noRemote.toString());
        assertTrue(noRemote.err().contains("--remote NAME is required"), noRemote.err());
        assertEquals(0, IsclKeyring.load(a, PW_A.toCharArray()).size(), "nothing added by the refused runs");

        CliRun unknown = CliRun.of("keys", "iscl", "rename", a.toString());
        assertEquals(2, unknown.status(), unknown.toString());
        assertTrue(unknown.err().contains("known: init, add, list, ae-titles, export, remove"), unknown.err());
        CliRun help = CliRun.of("keys", "--help");
        assertTrue(help.out().contains("iscl"), help.out());
    }

    @Test
    void passwordOnTheCommandLineOnlyWithPasswordAndAWarningAndNoTerminalMeansAnError() throws Exception {
        Path a = tmp.resolve("a.keyring");
        CliRun clear = CliRun.of("keys", "iscl", "init", "--kdf-iterations", FAST, "--password", PW_A, a.toString());
        assertEquals(0, clear.status(), clear.toString());
        assertTrue(clear.err().startsWith("warning: --password shows the password to other users"), clear.err());
        assertEquals(0, IsclKeyring.load(a, PW_A.toCharArray()).size());

        // no option and no terminal (tests have no console): refused, nothing read from anywhere else
        CliRun none = CliRun.of("keys", "iscl", "list", a.toString());
        assertEquals(2, none.status(), none.toString());
        assertTrue(none.err().contains("no password for keyring " + a + ": give --password-file FILE or"
                + " --password-env VAR (there is no terminal to ask)"), none.err());

        CliRun two = CliRun.of("keys", "iscl", "list", "--password-file", pwA.toString(), "--password", "x",
                a.toString());
        assertEquals(2, two.status(), two.toString());
        assertTrue(two.err().contains("give one of --password-file, --password-env, --password"), two.err());
    }

    /** Runs the command with a given environment and terminal answers. */
    private static CliRun run(Map<String, String> env, Deque<String> answers, List<String> prompts, String... args)
            throws Exception {
        KeysIsclCommand cmd = new KeysIsclCommand(env::get, p -> {
            prompts.add(p);
            String s = answers.poll();
            return s == null ? null : s.toCharArray();
        });
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            try {
                status = cmd.run(args, out, err);
            } catch (UsageException x) {
                err.println(x.getMessage());
                status = 2;
            }
        }
        return new CliRun(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void passwordFromTheEnvironmentOrTheTerminalTwiceForANewKeyring() throws Exception {
        Path a = tmp.resolve("a.keyring");
        List<String> prompts = new ArrayList<>();
        CliRun differ = run(Map.of(), new ArrayDeque<>(List.of(PW_A, PW_A + "x")), prompts, "init",
                "--kdf-iterations", FAST, a.toString());
        assertEquals(2, differ.status(), differ.toString());
        assertTrue(differ.err().contains("the two passwords for new keyring " + a + " differ"), differ.err());
        assertFalse(Files.exists(a));
        assertEquals(List.of("Password for new keyring " + a + ": ", "Repeat the password for new keyring " + a + ": "),
                prompts);

        CliRun ok = run(Map.of(), new ArrayDeque<>(List.of(PW_A, PW_A)), new ArrayList<>(), "init",
                "--kdf-iterations", FAST, a.toString());
        assertEquals(0, ok.status(), ok.toString());
        assertNoSecret(ok);
        assertEquals(0, IsclKeyring.load(a, PW_A.toCharArray()).size());

        // the peer's new keyring: its password from the environment, the own one from the terminal (asked once)
        Path b = tmp.resolve("b.keyring");
        List<String> asked = new ArrayList<>();
        CliRun add = run(Map.of("PEER_PW", PW_B), new ArrayDeque<>(List.of(PW_A)), asked, "add", "--local", "A",
                "--remote", "B", "--export-peer", b.toString(), "--peer-password-env", "PEER_PW", "--kdf-iterations",
                FAST, a.toString());
        assertEquals(0, add.status(), add.toString());
        assertEquals(List.of("Password for keyring " + a + ": "), asked);
        assertEquals(IsclKeyring.load(a, PW_A.toCharArray()).list().get(0).keyCheckValue(),
                IsclKeyring.load(b, PW_B.toCharArray()).list().get(0).keyCheckValue());

        CliRun unset = run(Map.of(), new ArrayDeque<>(), new ArrayList<>(), "list", "--password-env", "NOPE",
                a.toString());
        assertEquals(2, unset.status(), unset.toString());
        assertTrue(unset.err().contains("--password-env: environment variable NOPE is not set"), unset.err());
    }

    // ------------------------------------------------------------------ key exchange with other implementations

    private CliRun addHex(Path file, String local, String remote, String... more) {
        List<String> a = new ArrayList<>(List.of("keys", "iscl", "add", "--password-file", pwA.toString(), "--local",
                local, "--remote", remote));
        a.addAll(List.of(more));
        a.add(file.toString());
        return CliRun.of(a.toArray(String[]::new));
    }

    /** docs/keyring-format.md section 6 and docs/iscl-wire-format.md 12.3: the test key's check value is D5D44F. */
    @Test
    void addWithKeyHexUsesTheGivenKeyAndPrintsItsCheckValue() throws Exception {
        Path a = tmp.resolve("a.keyring");
        assertEquals(0, init(a, pwA).status());
        CliRun r = addHex(a, "ALICE", "BOB", "--key-hex", "0123456789abcdef", "--ae-title", "BOB_SCU",
                "--ae-title", "BOB_SCP");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("ALICE -> BOB, key check value D5D44F, dicom.ae-titles=BOB_SCU,BOB_SCP"), r.out());
        assertFalse(r.err().contains("warning"), "the peer has the key already: " + r.err());
        assertFalse(r.out().contains("0123456789") || r.err().contains("0123456789"), "key echoed:\n" + r);
        IsclKeyring ring = IsclKeyring.load(a, PW_A.toCharArray());
        assertArrayEquals(java.util.HexFormat.of().parseHex("0123456789ABCDEF"), ring.exportKey("ALICE", "BOB").bytes());

        // wrong parity bits are fixed (same key, same check value); a key file works like --key-hex
        Path kf = tmp.resolve("k.hex");
        Files.writeString(kf, "0022446688AACCEE\n"); // 0123456789ABCDEF with every parity bit wrong
        CliRun f = addHex(a, "ALICE", "CAROL", "--key-file", kf.toString());
        assertEquals(0, f.status(), f.toString());
        assertTrue(f.out().contains("ALICE -> CAROL, key check value D5D44F"), f.out());

        // weak keys and bad digits are refused without echoing them
        for (String bad : List.of("0101010101010101", "0123456789ABCDEG", "0123")) {
            CliRun w = addHex(a, "ALICE", "DAVE", "--key-hex", bad);
            assertEquals(2, w.status(), w.toString());
            assertFalse(w.err().contains(bad), w.err());
        }
        CliRun both = addHex(a, "ALICE", "DAVE", "--key-hex", "0123456789ABCDEF", "--key-file", kf.toString());
        assertEquals(2, both.status(), both.toString());
        assertEquals(2, IsclKeyring.load(a, PW_A.toCharArray()).size());
    }

    @Test
    void exportPrintsTheKeyWithAWarningAndRefusesATerminalUnlessForced() throws Exception {
        Path a = tmp.resolve("a.keyring");
        assertEquals(0, init(a, pwA).status());
        assertEquals(0, addHex(a, "ALICE", "BOB", "--key-hex", "0123456789ABCDEF").status());
        CliRun r = CliRun.of("keys", "iscl", "export", "--password-file", pwA.toString(), "--local", "ALICE", "--remote",
                "BOB", "--hex", a.toString());
        assertEquals(0, r.status(), r.toString());
        assertEquals(List.of("0123456789ABCDEF"), r.outLines());
        assertTrue(r.err().contains("warning: the secret ISCL key of ALICE -> BOB (key check value D5D44F)"), r.err());
        assertNoSecret(r);

        CliRun noHex = CliRun.of("keys", "iscl", "export", "--password-file", pwA.toString(), "--local", "ALICE",
                "--remote", "BOB", a.toString());
        assertEquals(2, noHex.status(), noHex.toString());
        CliRun none = CliRun.of("keys", "iscl", "export", "--password-file", pwA.toString(), "--local", "ALICE",
                "--remote", "ZED", "--hex", a.toString());
        assertEquals(1, none.status(), none.toString());
        assertTrue(none.out().isEmpty());

        // standard output a terminal: refused before the keyring is even opened, unless --force
        KeysIsclCommand onTerminal = new KeysIsclCommand(n -> null, null, out -> true);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        CommandException refused = org.junit.jupiter.api.Assertions.assertThrows(CommandException.class,
                () -> onTerminal.run(new String[] {"export", "--password-file", pwA.toString(), "--local", "ALICE",
                    "--remote", "BOB", "--hex", a.toString()}, new PrintStream(o, true), new PrintStream(e, true)));
        assertTrue(refused.getMessage().contains("refusing to print a secret key onto a terminal"), refused.getMessage());
        assertEquals(0, o.size());
        int status = onTerminal.run(new String[] {"export", "--force", "--password-file", pwA.toString(), "--local",
            "ALICE", "--remote", "BOB", "--hex", a.toString()}, new PrintStream(o, true), new PrintStream(e, true));
        assertEquals(0, status);
        assertEquals("0123456789ABCDEF", o.toString(StandardCharsets.US_ASCII).strip());
        assertFalse(KeysIsclCommand.isTerminal(new PrintStream(new ByteArrayOutputStream())));
    }

    /** A key exported by one dicomsec and imported by another gives the same key check value on both sides. */
    @Test
    void exportThenImportRoundTripsBetweenKeyrings() throws Exception {
        Path a = tmp.resolve("a.keyring");
        Path b = tmp.resolve("b.keyring");
        assertEquals(0, init(a, pwA).status());
        assertEquals(0, init(b, pwA).status());
        CliRun gen = CliRun.of("keys", "iscl", "add", "--password-file", pwA.toString(), "--local", "ALICE", "--remote",
                "BOB", a.toString());
        assertEquals(0, gen.status(), gen.toString());
        assertTrue(gen.err().contains("dicomsec keys iscl export " + a + " --local ALICE --remote BOB --hex"), gen.err());
        CliRun ex = CliRun.of("keys", "iscl", "export", "--password-file", pwA.toString(), "--local", "ALICE",
                "--remote", "BOB", "--hex", a.toString());
        String hex = ex.out().strip();
        assertEquals(16, hex.length(), ex.toString());
        CliRun imp = addHex(b, "BOB", "ALICE", "--key-hex", hex);
        assertEquals(0, imp.status(), imp.toString());
        String kcv = IsclKeyring.load(a, PW_A.toCharArray()).entry("ALICE", "BOB").orElseThrow().keyCheckValue();
        assertTrue(imp.out().contains("BOB -> ALICE, key check value " + kcv), imp.out());
    }

    @Test
    void aeTitlesSetsAndRemovesTheListOfAnEntry() throws Exception {
        Path a = tmp.resolve("a.keyring");
        assertEquals(0, init(a, pwA).status());
        assertEquals(0, addHex(a, "ARCHIVE", "MODALITY", "--key-hex", "0123456789ABCDEF", "--online-storage").status());
        CliRun set = CliRun.of("keys", "iscl", "ae-titles", "--password-file", pwA.toString(), "--local", "ARCHIVE",
                "--remote", "MODALITY", "--ae-title", "CT1", "--ae-title", "CT2", a.toString());
        assertEquals(0, set.status(), set.toString());
        KeyringEntry e = IsclKeyring.load(a, PW_A.toCharArray()).entry("ARCHIVE", "MODALITY").orElseThrow();
        assertEquals(Map.of("dicom.ae-titles", "CT1,CT2", "profile.online-storage", "true"), e.flags());
        assertEquals("D5D44F", e.keyCheckValue(), "the key is kept");
        CliRun bad = CliRun.of("keys", "iscl", "ae-titles", "--password-file", pwA.toString(), "--local", "ARCHIVE",
                "--remote", "MODALITY", "--ae-title", "A,B", a.toString());
        assertEquals(2, bad.status(), bad.toString());
        CliRun clear = CliRun.of("keys", "iscl", "ae-titles", "--password-file", pwA.toString(), "--local", "ARCHIVE",
                "--remote", "MODALITY", a.toString());
        assertEquals(0, clear.status(), clear.toString());
        assertEquals(Map.of("profile.online-storage", "true"),
                IsclKeyring.load(a, PW_A.toCharArray()).entry("ARCHIVE", "MODALITY").orElseThrow().flags());
    }
}
