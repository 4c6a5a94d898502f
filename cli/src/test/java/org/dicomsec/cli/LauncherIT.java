package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./dicomsec} launcher as a user runs it, on the packaged jar (a copy with its
 * {@code lib/}, named by {@code DICOMSEC_JAR}, so the source check and build are not part of
 * it). It ends in {@code exec} of the JVM on every path, so the launcher's PID is the JVM's and
 * a TERM sent to it ends the JVM. The warm-start archive it keeps per subcommand and transport
 * (a static AppCDS archive before JDK 25, an AOT cache from 25) comes in two steps: the first run
 * writes what it loaded (a class list, an AOT configuration) as NAME.PID.part, renamed by a later
 * run once that JVM is gone and the file is whole; the second run starts a detached JVM that
 * makes the archive from it (again a NAME.PID.part) and goes on without one; the runs after that
 * map the archive, without changing a byte of the output or the exit status. A half-written
 * file is removed, never used; an archive older than the jar is made anew; {@code DICOMSEC_CDS=0}
 * writes none. The launcher's memory defaults (Serial GC, a capped heap) give way to the user's
 * options.
 */
class LauncherIT {

    /**
     * The files of a subcommand's archive: NAME-KEY.jsa (AppCDS) or .aot (AOT cache), the first
     * run's NAME-KEY.classlist or .aotconf it is made from, and while written NAME-KEY.EXT.PID.part.
     */
    private static final Pattern ARCHIVE =
            Pattern.compile("(.+)-(\\d+)\\.(jsa|aot|aotconf|classlist)(?:\\.(\\d+)\\.part)?");

    /**
     * The environment of the tests of an archive's life (written, renamed, made anew, its writer
     * ended by a TERM): the AppCDS archive on every JDK; the AOT cache's own steps are tested by
     * {@link #fromJdk25TheFirstRunsWriteAnAotCacheQuietly}.
     */
    private static final Map<String, String> LIFECYCLE =
            Runtime.version().feature() >= 25 ? Map.of("DICOMSEC_CDS", "appcds") : Map.of();

    /** The archive a run makes without DICOMSEC_CDS, as its maker's part names it: ".aot." from JDK 25, else ".jsa.". */
    private static final String DEFAULT_ARCHIVE = Runtime.version().feature() >= 25 ? ".aot." : ".jsa.";

    @TempDir
    Path tmp;

    private Path jar;
    private Path cds;

    record Run(int status, String out, String err) {
    }

    /**
     * A second run leaves a detached JVM making the archive in this test's folder: each test ends
     * only once none is left, so that the folder can go.
     */
    @AfterEach
    void awaitTheCreators() {
        if (cds == null) {
            return;
        }
        String folder = cds.toString();
        List<ProcessHandle> creators = ProcessHandle.allProcesses()
                .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(folder)).orElse(false))
                .toList();
        for (ProcessHandle h : creators) {
            h.onExit().orTimeout(120, TimeUnit.SECONDS).join();
        }
    }

    @BeforeEach
    void copyThePackagedJar() throws IOException {
        Path built = Path.of(System.getProperty("dicomsec.jar", "target/dicomsec.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(built), "the packaged CLI jar: " + built);
        Path dist = Files.createDirectories(tmp.resolve("dist"));
        jar = Files.copy(built, dist.resolve("dicomsec.jar"));
        Files.createDirectories(dist.resolve("lib"));
        try (Stream<Path> s = Files.list(built.resolveSibling("lib"))) {
            for (Path p : s.toList()) {
                Files.copy(p, dist.resolve("lib").resolve(p.getFileName()));
            }
        }
        cds = dist.resolve("cds");
    }

    private ProcessBuilder launcher(Map<String, String> env, String... args) {
        Path launcher = Path.of(System.getProperty("dicomsec.launcher", "../dicomsec")).toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of("sh", launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("DICOMSEC_JAR", jar.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("DICOMSEC_JAVA_OPTS");
        pb.environment().remove("DICOMSEC_CDS");
        pb.environment().putAll(env);
        return pb;
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = launcher(env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(List.of(args) + " did not end");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Run run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    /** Finished archives of the subcommand {@code prefix} (its first word, plus -tls or -iscl). */
    private List<Path> archives(String prefix) throws IOException {
        return files(prefix, false);
    }

    /** Archives of {@code prefix} written by a first run and not yet renamed. */
    private List<Path> parts(String prefix) throws IOException {
        return files(prefix, true);
    }

    private List<Path> files(String prefix, boolean part) throws IOException {
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cds)) {
            return s.filter(p -> {
                Matcher m = ARCHIVE.matcher(p.getFileName().toString());
                return m.matches() && m.group(1).equals(prefix) && (m.group(4) != null) == part;
            }).toList();
        }
    }

    private static long writerPid(Path part) {
        Matcher m = ARCHIVE.matcher(part.getFileName().toString());
        assertTrue(m.matches() && m.group(4) != null, part.toString());
        return Long.parseLong(m.group(4));
    }

    /**
     * The first run leaves its class list as NAME.PID.part; the second renames it and starts the
     * detached JVM that dumps the archive from it; the third maps the archive, the list gone;
     * the output never changes.
     */
    @Test
    void theFirstRunsMakeTheArchiveAndTheNextUseItWithTheSameOutput() throws Exception {
        Run first = run(LIFECYCLE, "--version");
        assertEquals(0, first.status(), first.toString());
        assertTrue(first.out().matches("dicomsec \\S+\\R"), first.toString());
        List<Path> listed = parts("--version");
        assertEquals(1, listed.size(), "the class list, under its JVM's PID");
        assertTrue(listed.get(0).getFileName().toString().contains(".classlist."), listed.toString());
        assertTrue(archives("--version").isEmpty(), "not renamed by the run that wrote it");
        Run second = run(LIFECYCLE, "--version");
        assertEquals(first, second, "nothing of CDS in the output of the run that starts the archive's dump");
        assertTrue(archives("--version").stream().anyMatch(p -> p.getFileName().toString().endsWith(".classlist")),
                "the list renamed by the second run: " + archives("--version"));
        assertEquals(19, makersNiceness(awaitCreatorsPart("--version", ".jsa.", Duration.ofSeconds(120))),
                "the maker runs at the lowest CPU priority (nice 19)");
        awaitTheCreator("--version", ".jsa.");
        Run third = run(LIFECYCLE, "--version");
        assertEquals(first, third);
        assertEquals("", third.err());
        assertEquals(List.of(), parts("--version"));
        List<Path> done = archives("--version");
        assertEquals(1, done.size(), "the archive, the list gone: " + done);
        assertTrue(done.get(0).getFileName().toString().endsWith(".jsa"), done.toString());
        assertEquals(first, run(LIFECYCLE, "--version"));
    }

    /**
     * A first run that fails (here a file that is not there: exit status 2) went another way than
     * the command's real runs: it leaves nothing to make an archive from, and the next run records
     * anew. On JDK 25 and later the AOT configuration too, when such a JDK is there.
     */
    @Test
    void aFailedFirstRunLeavesNothingToMakeAnArchiveFrom() throws Exception {
        for (Map<String, String> env : lifecycleAndJdk25()) {
            Run failed = run(env, "dump", tmp.resolve("no-such.dcm").toString());
            assertEquals(2, failed.status(), failed.toString());
            assertTrue(failed.err().contains("no-such.dcm"), failed.toString());
            assertEquals(List.of(), parts("dump"), env + ": the failed run's record deleted");
            Run second = run(env, "dump", tmp.resolve("no-such.dcm").toString());
            assertEquals(failed, second);
            assertEquals(List.of(), parts("dump"), env.toString());
            assertEquals(List.of(), archives("dump"), env + ": nothing to make an archive from");
            Run ok = run(env, "dump", "--sample", "--json");
            assertEquals(0, ok.status(), ok.toString());
            assertEquals(1, parts("dump").size(), env + ": a run that succeeds records: " + parts("dump"));
            Run next = run(env, "dump", "--sample", "--json");
            assertEquals(ok, next);
            assertEquals(1, archives("dump").size(), env + ": its record kept: " + archives("dump"));
            awaitTheCreator("dump", env.containsKey("JAVA_HOME") ? ".aot." : ".jsa.");
            try (Stream<Path> s = Files.list(cds)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * A first run that a TERM of the launcher's PID ends while the command is still at work (here
     * an {@code echo} waiting for the answer of a peer that accepted the connection and says
     * nothing) recorded part of the command's path: it leaves nothing to make an archive from, and
     * the next run records anew. On JDK 25 and later the AOT configuration too, when such a JDK is
     * there. ({@code scp}, which runs until it is stopped, keeps what it recorded:
     * {@link #termOfTheLauncherPidEndsTheJvmOnTheFirstRunAndLater}.)
     */
    @Test
    void aFirstRunEndedByASignalLeavesNothingToMakeAnArchiveFrom() throws Exception {
        for (Map<String, String> env : lifecycleAndJdk25()) {
            try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                silent.setSoTimeout(120_000);
                Process p = launcher(env, "echo", "--aec", "QUIET", "127.0.0.1:" + silent.getLocalPort())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                try (java.net.Socket peer = silent.accept()) {
                    assertEquals(1, parts("echo").size(), env + ": the first run records: " + parts("echo"));
                    p.destroy(); // SIGTERM to the launcher's PID, the JVM's
                    assertTrue(p.waitFor(60, TimeUnit.SECONDS), env + ": TERM ends the JVM");
                    assertEquals(143, p.exitValue(), env.toString());
                } finally {
                    p.destroyForcibly();
                }
            }
            assertEquals(List.of(), parts("echo"), env + ": the stopped run's record deleted");
            assertEquals(0, run(env, "echo", "--help").status());
            assertEquals(List.of(), archives("echo"), env + ": nothing to make an archive from");
        }
    }

    /**
     * An {@code scp} runs until it is stopped, so a TERM is its normal end and it keeps what its
     * first run recorded ({@link #termOfTheLauncherPidEndsTheJvmOnTheFirstRunAndLater}); but one
     * stopped before it accepted any association recorded only its start: it leaves nothing to make
     * an archive from. On JDK 25 and later the AOT configuration too, when such a JDK is there.
     */
    @Test
    void anScpStoppedBeforeItServedAnyoneLeavesNothingToMakeAnArchiveFrom() throws Exception {
        for (Map<String, String> env : lifecycleAndJdk25()) {
            Process p = launcher(env, "scp", "--port", "0", "--dir", tmp.resolve("idle").toString())
                    .redirectErrorStream(true).start();
            try {
                String line = listening(p);
                assertTrue(line != null, env + ": the scp started listening");
                assertEquals(1, parts("scp").size(), env + ": the first run records: " + parts("scp"));
                p.destroy(); // SIGTERM to the launcher's PID, the JVM's
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), env + ": TERM ends the JVM");
            } finally {
                p.destroyForcibly();
            }
            assertEquals(List.of(), parts("scp"), env + ": the idle scp's record deleted");
            assertEquals(0, run(env, "scp", "--help").status());
            assertEquals(List.of(), archives("scp"), env + ": nothing to make an archive from");
        }
    }

    /** The environment {@link #LIFECYCLE}, and one running JDK 25 or later when it is installed. */
    private static List<Map<String, String>> lifecycleAndJdk25() throws IOException {
        List<Map<String, String>> envs = new ArrayList<>(List.of(LIFECYCLE));
        jdk25().ifPresent(j -> envs.add(Map.of("JAVA_HOME", j.toString())));
        return envs;
    }

    /** The scp's "listening on port N" line, read from its output (null when it ended first), within 120 s. */
    private static String listening(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> {
            try {
                for (String l; (l = out.readLine()) != null; ) {
                    if (l.startsWith("listening on port")) {
                        return l;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        }).get(120, TimeUnit.SECONDS);
    }

    /**
     * The niceness of the shell that waits for the archive's maker JVM, whose PID names
     * {@code part} (field 19 of its /proc stat); the JVM is its child and inherits it. Read as
     * soon as the part is there: the shell lives as long as the making, which takes a JVM's start
     * and more.
     */
    private static int makersNiceness(Path part) throws IOException {
        Path stat = Path.of("/proc/" + writerPid(part) + "/stat");
        assertTrue(Files.exists(stat), "the maker's shell of " + part + " is running");
        String line = Files.readString(stat);
        String[] after = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(after[16]);
    }

    /**
     * Waits for the detached JVM a second run started to make the archive ({@code kind}: ".jsa."
     * or ".aot."): for its NAME.PID.part to appear (it is nobody's child, and its part may not be
     * there yet when the second run ends), then for that process to end.
     */
    private void awaitTheCreator(String prefix, String kind) throws Exception {
        Path creating = awaitCreatorsPart(prefix, kind, Duration.ofSeconds(120));
        ProcessHandle.of(writerPid(creating)).ifPresent(h -> h.onExit().orTimeout(120, TimeUnit.SECONDS).join());
    }

    @Test
    void jsonOutputAndExitStatusPassThroughUnchanged() throws Exception {
        Run first = run("dump", "--sample", "--json");
        assertEquals(0, first.status(), first.err());
        assertTrue(first.out().startsWith("{"), "JSON from its first byte: " + first.out().lines().findFirst());
        Run second = run("dump", "--sample", "--json");
        assertEquals(first, second);
        assertEquals(1, archives("dump").size());
        awaitTheCreator("dump", DEFAULT_ARCHIVE);
        assertEquals(first, run("dump", "--sample", "--json"), "with the archive mapped");

        Path missing = tmp.resolve("no-such.dcm");
        Run bad = run("copy", missing.toString(), tmp.resolve("x.dcm").toString());
        assertEquals(2, bad.status(), "the listing run keeps the exit status: " + bad);
        Run badAgain = run("copy", missing.toString(), tmp.resolve("x.dcm").toString());
        assertEquals(bad, badAgain);
        assertEquals(List.of(), parts("copy"), "a failed run's record is not kept");
    }

    @Test
    void anArchiveOlderThanTheJarIsMadeAnew() throws Exception {
        assertEquals(0, run(LIFECYCLE, "--version").status());
        assertEquals(0, run(LIFECYCLE, "--version").status());
        awaitTheCreator("--version", ".jsa.");
        assertEquals(0, run(LIFECYCLE, "--version").status());
        List<Path> made = archives("--version");
        assertEquals(1, made.size(), made.toString());
        Path archive = made.get(0);
        // as after a `mvn package`: the jar is newer than the archive
        FileTime jarTime = Files.getLastModifiedTime(jar);
        FileTime earlier = FileTime.fromMillis(jarTime.toMillis() - 60_000);
        Files.setLastModifiedTime(archive, earlier);
        Run r = run(LIFECYCLE, "--version");
        assertEquals(0, r.status(), r.toString());
        assertEquals("", r.err(), "a stale archive is neither used nor complained about");
        assertTrue(archives("--version").isEmpty(), "the stale archive is gone");
        assertEquals(1, parts("--version").size(), "and its class list written anew");
        assertEquals(0, run(LIFECYCLE, "--version").status());
        awaitTheCreator("--version", ".jsa.");
        assertEquals(0, run(LIFECYCLE, "--version").status());
        List<Path> now = archives("--version");
        assertEquals(1, now.size());
        assertTrue(Files.getLastModifiedTime(now.get(0)).compareTo(jarTime) > 0, "made anew, newer than the jar");
    }

    @Test
    void tlsOptionsGetAnArchiveOfTheirOwnAndCdsOffWritesNone() throws Exception {
        Path pki = tmp.resolve("pki");
        assertEquals(0, CliRun.of("keys", "init", pki.toString()).status());
        List<String> server = List.of("--port", "0", "--dir", tmp.resolve("in").toString(), "-q");
        List<String> serverTls = new ArrayList<>(server);
        serverTls.addAll(List.of("--tls", "bcp195-nd", "--key", pki.resolve("server.key").toString(),
                "--cert", pki.resolve("server.pem").toString(), "--trust", pki.resolve("ca.pem").toString()));
        java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        try (org.dicomsec.ul.net.DicomServer p = ScpCommand.start(ScpCommand.OPTIONS.parse(server.toArray(String[]::new)), quiet);
             org.dicomsec.ul.net.DicomServer t = ScpCommand.start(ScpCommand.OPTIONS.parse(serverTls.toArray(String[]::new)), quiet)) {
            Run plain = run("echo", "127.0.0.1:" + p.localPort());
            Run tls = run("echo", "--tls", "bcp195-nd", "--key", pki.resolve("client.key").toString(),
                    "--cert", pki.resolve("client.pem").toString(), "--trust", pki.resolve("ca.pem").toString(),
                    "127.0.0.1:" + t.localPort());
            assertEquals(0, plain.status(), plain.toString());
            assertEquals(0, tls.status(), tls.toString());
        }
        assertEquals(1, parts("echo").size());
        assertEquals(1, parts("echo-tls").size());

        Run off = run(Map.of("DICOMSEC_CDS", "0"), "scan", "--help");
        assertEquals(0, off.status(), off.toString());
        assertFalse(off.out().isEmpty());
        assertTrue(parts("scan").isEmpty() && archives("scan").isEmpty(), "DICOMSEC_CDS=0 writes no archive");
        // the user's own class sharing option: no archive of the launcher's beside it
        Run version = run(Map.of("DICOMSEC_CDS", "0"), "--version");
        for (String own : List.of("-Xshare:off", "-XX:SharedArchiveFile=" + tmp.resolve("own.jsa"))) {
            Run r = run(Map.of("DICOMSEC_JAVA_OPTS", own), "--version");
            assertEquals(version, r);
            assertEquals(List.of(), parts("--version"), own);
        }
        assertTrue(archives("--version").isEmpty());
    }

    /**
     * A {@code cds} folder the user cannot write (an installation of another user's): the
     * command runs without an archive, and not a byte of the JDK's ("Cannot open file ...") on
     * its output. As root, whom no permission stops, the run is made as {@code nobody}.
     */
    @Test
    void aCdsFolderTheUserCannotWriteGetsNoArchiveAndNoWarning() throws Exception {
        Run expected = run(Map.of("DICOMSEC_CDS", "0"), "--version");
        assertEquals(0, expected.status(), expected.toString());
        Files.createDirectories(cds);
        boolean root = "root".equals(System.getProperty("user.name"));
        Run r;
        if (!root) {
            assertTrue(cds.toFile().setWritable(false, false));
            try {
                r = run(Map.of(), "--version");
            } finally {
                assertTrue(cds.toFile().setWritable(true, true));
            }
        } else {
            Path su = Path.of("/usr/sbin/runuser");
            assumeTrue(Files.isExecutable(su), "root, and no runuser to run the launcher as another user");
            // nobody reads the copied jar (and its folders up to this test's own), cannot write the cds
            // folder; the folders above the test's are left as they are
            for (Path p = cds; p.startsWith(tmp); p = p.getParent()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            try (Stream<Path> s = Files.walk(jar.getParent())) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
            Path launcher = Path.of(System.getProperty("dicomsec.launcher", "../dicomsec")).toAbsolutePath();
            Path out = tmp.resolve("nobody.out");
            Path err = tmp.resolve("nobody.err");
            Process p = new ProcessBuilder(su.toString(), "-u", "nobody", "--", "env",
                    "DICOMSEC_JAR=" + jar, "JAVA_HOME=" + System.getProperty("java.home"),
                    "sh", launcher.toString(), "--version")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher as nobody did not end");
            r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
            // a JDK or folder that nobody may not read: nothing to learn here
            assumeTrue(r.status() == 0 || !r.err().contains("ermission denied"), "nobody cannot run the launcher: " + r);
        }
        assertEquals(expected, r, "the command's own output only");
        try (Stream<Path> s = Files.list(cds)) {
            assertEquals(List.of(), s.toList(), "nothing written");
        }
    }

    /**
     * A help run writes no class list and starts no archive's maker: an archive made of it would
     * serve the command's real runs worse than none.
     */
    @Test
    void aHelpRunWritesNoArchive() throws Exception {
        Run help = run("dump", "--help");
        assertEquals(0, help.status(), help.toString());
        assertTrue(parts("dump").isEmpty() && archives("dump").isEmpty(), "no archive from a help run");
        assertEquals(0, run("dump", "--sample").status());
        assertEquals(1, parts("dump").size(), "the real run writes it");
        Run again = run("dump", "-h");
        assertEquals(help.out(), again.out());
        assertEquals(1, archives("dump").size(), "renamed by the help run");
        assertTrue(parts("dump").isEmpty(), "and no archive made by a help run: " + parts("dump"));
    }

    /**
     * A making that fails (here a class list or AOT configuration the JDK cannot read, with the
     * header of a whole one) deletes the list or configuration, so that the next run records anew,
     * and keeps what the JDK said, naming the file, as NAME.failed; the next making that succeeds
     * removes it. The AppCDS archive on every JDK; the AOT cache too when a JDK 25 is there.
     */
    @Test
    void aFailedMakingKeepsTheJdksWordsAndTheNextRunRecordsAnew() throws Exception {
        for (Map<String, String> env : lifecycleAndJdk25()) {
            boolean aot = env.containsKey("JAVA_HOME");
            assertEquals(0, run(env, "--version").status());
            List<Path> listed = parts("--version");
            assertEquals(1, listed.size(), listed.toString());
            byte[] header = aot ? new byte[] {0x7c, (byte) 0xa0, (byte) 0xfe, (byte) 0xca} // an AOT configuration's
                    : "# NOTE: Do not modify this file.\n".getBytes(StandardCharsets.US_ASCII);
            byte[] cut = "@lambda-proxy cut\n".getBytes(StandardCharsets.US_ASCII);
            byte[] bad = java.util.Arrays.copyOf(header, header.length + cut.length);
            System.arraycopy(cut, 0, bad, header.length, cut.length);
            Files.write(listed.get(0), bad);
            Run second = run(env, "--version");
            assertEquals(0, second.status(), second.toString());
            String name = listed.get(0).getFileName().toString().replaceAll("\\.\\d+\\.part$", "");
            Path failed = cds.resolve(name.replaceAll("\\.(classlist|aotconf)$", aot ? ".aot.failed" : ".jsa.failed"));
            assertNotEquals(cds.resolve(name), failed);
            assertTrue(awaitIn(cds, () -> Files.exists(failed), Duration.ofSeconds(120), () -> true),
                    env + ": the failure kept: " + cdsFolder());
            // the maker's shell deletes the list and its part, then moves its output into place
            assertTrue(parts("--version").isEmpty() && archives("--version").isEmpty(),
                    env + ": the list and the part deleted: " + cdsFolder());
            String words = Files.readString(failed);
            assertTrue(words.contains(name), env + ": the JDK's words, naming the file: " + words);
            assertEquals(0, run(env, "--version").status());
            assertEquals(1, parts("--version").size(), env + ": recorded anew: " + cdsFolder());
            assertEquals(0, run(env, "--version").status());
            awaitTheCreator("--version", aot ? ".aot." : ".jsa.");
            assertFalse(Files.exists(failed), env + ": removed by the making that succeeded: " + cdsFolder());
            assertEquals(0, run(env, "--version").status());
            assertEquals(1, archives("--version").size(), cdsFolder());
            try (Stream<Path> s = Files.list(cds)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * A writer killed while the JDK wrote the file leaves a part without its header (the JDK writes
     * an archive's header last; a class list or AOT configuration starts with its own): the next
     * run removes it and maps nothing. A part whose writer still runs is
     * left alone, and that run neither maps nor writes an archive.
     */
    @Test
    void aHalfWrittenArchiveIsRemovedNeverMappedAndALiveWritersIsLeftAlone() throws Exception {
        assertEquals(0, run("--version").status());
        Path whole = parts("--version").get(0);
        long deadPid = deadPid();
        Path half = whole.resolveSibling(whole.getFileName().toString().replace("." + writerPid(whole) + ".part",
                "." + deadPid + ".part"));
        Files.delete(whole);
        // as the JDK leaves it when killed mid-write: regions written after a hole where the header goes
        byte[] b = new byte[64 * 1024];
        new Random(1).nextBytes(b);
        java.util.Arrays.fill(b, 0, 4096, (byte) 0);
        Files.write(half, b);
        Files.write(half.resolveSibling(half.getFileName() + ".config"), b); // the JDK's AOT configuration
        // and an archive its maker left half-written: NAME.jsa (or .aot) beside the list
        Path halfArchive = half.resolveSibling(half.getFileName().toString()
                .replace(".classlist.", ".jsa.").replace(".aotconf.", ".aot."));
        assertNotEquals(half, halfArchive);
        Files.write(halfArchive, b);
        Run r = run("--version");
        assertEquals(0, r.status(), r.toString());
        assertEquals("", r.err(), r.toString());
        assertFalse(Files.exists(half), "the half list of a gone writer is removed");
        assertFalse(Files.exists(halfArchive), "the half archive of a gone writer is removed");
        assertFalse(Files.exists(half.resolveSibling(half.getFileName() + ".config")));
        assertTrue(archives("--version").isEmpty(), "and never becomes the archive");
        List<Path> fresh = parts("--version");
        assertEquals(1, fresh.size(), "this run wrote a whole one");
        assertNotEquals(deadPid, writerPid(fresh.get(0)));

        // a part of a live writer (this test's JVM stands in for it): kept, and the run does without
        Files.delete(fresh.get(0));
        long livePid = ProcessHandle.current().pid();
        Path live = half.resolveSibling(half.getFileName().toString().replace("." + deadPid + ".part",
                "." + livePid + ".part"));
        Files.write(live, b);
        Run beside = run("--version");
        assertEquals(r, beside);
        assertTrue(Files.exists(live), "a live writer's part is left alone");
        assertEquals(List.of(live), parts("--version"), "and no second writer starts");
        assertTrue(archives("--version").isEmpty());
    }

    /** A PID no process has now: a child's, once it has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        long pid = p.pid();
        assertTrue(ProcessHandle.of(pid).isEmpty() || !ProcessHandle.of(pid).get().isAlive());
        return pid;
    }

    /** Whether signal {@code n} is ignored in this JVM, as in every process it starts (/proc/self/status). */
    private static boolean ignoredHere(int n) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(l.substring("SigIgn:".length()).trim(), 16) & (1L << (n - 1))) != 0;
            }
        }
        return false;
    }

    /** A checkout of the launcher with a pom and one source, and no build yet: the first run builds. */
    private Path checkout() throws IOException {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Path launcher = Path.of(System.getProperty("dicomsec.launcher", "../dicomsec")).toAbsolutePath();
        Files.copy(launcher, repo.resolve("dicomsec"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Path src = Files.createDirectories(repo.resolve("cli/src/main/java"));
        Files.writeString(src.resolve("X.java"), "class X {}");
        return repo;
    }

    /** {@code pb} runs the checkout's launcher with the stand-in {@code mvn} of {@code bin} first on the PATH. */
    private static void building(ProcessBuilder pb, Path bin) {
        pb.environment().remove("DICOMSEC_JAR");
        pb.environment().put("DICOMSEC_CDS", "0");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    }

    /**
     * Two commands started together after a source change (a checkout of the launcher, a source
     * and a stand-in for {@code mvn} on the PATH that takes a second and then puts the packaged
     * jar in place): one builds, the other waits for it and runs on the finished jar; a lock left
     * by a killed build does not stop the next run for ever (it is older than 10 minutes).
     */
    @Test
    void commandsStartedTogetherAfterAChangeBuildOnce() throws Exception {
        Path repo = checkout();
        Path src = repo.resolve("cli/src/main/java");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path count = tmp.resolve("builds");
        Files.writeString(bin.resolve("mvn"), "#!/bin/sh\n"
                + "echo build >> '" + count + "'\n"
                + "sleep 1\n"
                + "mkdir -p cli/target/lib\n"
                + "cp '" + jar.getParent().resolve("lib") + "'/* cli/target/lib/\n"
                + "cp '" + jar + "' cli/target/dicomsec.jar\n");
        assertTrue(bin.resolve("mvn").toFile().setExecutable(true));
        List<Process> ps = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ProcessBuilder pb = new ProcessBuilder("sh", repo.resolve("dicomsec").toString(), "--version")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            building(pb, bin);
            Path out = tmp.resolve("out" + i);
            outs.add(out);
            ps.add(pb.redirectErrorStream(true).redirectOutput(out.toFile()).start());
        }
        for (Process p : ps) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "a launcher did not end");
            assertEquals(0, p.exitValue());
        }
        for (Path out : outs) {
            assertTrue(Files.readString(out).contains("dicomsec "), Files.readString(out));
        }
        assertEquals(1, Files.readAllLines(count).size(), "builds");
        assertFalse(Files.exists(repo.resolve(".dicomsec-build.lock")));
        // a killed build's lock: a run waits for it while it is fresh, takes it over once it is old
        Files.writeString(src.resolve("X.java"), "class X { }");
        Path lock = Files.createDirectory(repo.resolve(".dicomsec-build.lock"));
        Files.setLastModifiedTime(lock, FileTime.fromMillis(
                System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(11)));
        Files.setLastModifiedTime(repo.resolve("cli/target/dicomsec.jar"), FileTime
                .fromMillis(System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(1)));
        ProcessBuilder pb = new ProcessBuilder("sh", repo.resolve("dicomsec").toString(), "--version")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true);
        building(pb, bin);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "a stale lock stopped the launcher");
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(2, Files.readAllLines(count).size(), "builds");
        assertFalse(Files.exists(lock));
    }

    /**
     * What Maven prints while the launcher builds is kept from the command's output (Debian's
     * Maven 3.8 writes colour codes even with -q -B), unless the build fails: then its errors are
     * shown, without colour codes, before the launcher's own line. No log file stays behind.
     */
    @Test
    void aBuildShowsMavensOutputOnlyWhenItFails() throws Exception {
        Path repo = checkout();
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\n"
                + "printf '\\033[0m\\033[0m'\n"
                + "echo '[WARNING] some noise' >&2\n"
                + "mkdir -p cli/target/lib\n"
                + "cp '" + jar.getParent().resolve("lib") + "'/* cli/target/lib/\n"
                + "cp '" + jar + "' cli/target/dicomsec.jar\n");
        assertTrue(mvn.toFile().setExecutable(true));
        ProcessBuilder pb = new ProcessBuilder("sh", repo.resolve("dicomsec").toString(), "--version")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true);
        building(pb, bin);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not end");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("dicomsec: building (first run, or sources changed) ...\ndicomsec "), out);
        assertFalse(out.contains("\033") || out.contains("noise"), out);
        assertFalse(Files.exists(repo.resolve(".dicomsec-build.log")));

        Files.writeString(repo.resolve("cli/src/main/java/X.java"), "class X {");
        Files.writeString(mvn, "#!/bin/sh\n"
                + "printf '\\033[0m'\n"
                + "printf '\\033[1;31m[ERROR]\\033[m X.java:[1,10] reached end of file while parsing\\n'\n"
                + "exit 1\n");
        p = pb.start();
        out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not end");
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("\n[ERROR] X.java:[1,10] reached end of file while parsing\n"
                + "dicomsec: build failed (Maven's errors above)"), out);
        assertFalse(out.contains("\033"), out);
        assertFalse(Files.exists(repo.resolve(".dicomsec-build.log")));
        assertFalse(Files.exists(repo.resolve("cli/target/dicomsec.jar")), "no jar after a failed build");
    }

    /**
     * A TERM or an INT to the launcher's PID while it builds (a stand-in {@code mvn} that sleeps)
     * stops the build at once: the launcher ends with 130, the build process is gone, the lock is
     * removed, and no jar is left for the next run to take as built.
     */
    @Test
    void aSignalDuringTheBuildStopsTheBuildAtOnce() throws Exception {
        Path repo = checkout();
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path building = tmp.resolve("building");
        Files.writeString(bin.resolve("mvn"), "#!/bin/sh\n"
                + "mkdir -p cli/target\n"
                + "echo partial > cli/target/dicomsec.jar\n"
                + "echo $$ > '" + building + ".tmp'\n"
                + "mv '" + building + ".tmp' '" + building + "'\n"
                + "exec sleep 120\n");
        assertTrue(bin.resolve("mvn").toFile().setExecutable(true));
        // a shell cannot trap a signal that was ignored when it started: a test run started as a background
        // job of a non-interactive shell (SIGINT ignored, and so for every child) checks TERM alone
        for (String signal : ignoredHere(2) ? List.of("TERM") : List.of("TERM", "INT")) {
            Files.deleteIfExists(building);
            ProcessBuilder pb = new ProcessBuilder("sh", repo.resolve("dicomsec").toString(), "--version")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("out-" + signal).toFile());
            building(pb, bin);
            Process p = pb.start();
            try {
                assertTrue(awaitIn(tmp, () -> Files.exists(building), Duration.ofSeconds(60), p::isAlive),
                        "the build started: " + Files.readString(tmp.resolve("out-" + signal)));
                long mvn = Long.parseLong(Files.readString(building).trim());
                ProcessHandle build = ProcessHandle.of(mvn).orElseThrow();
                Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
                assertEquals(0, kill.waitFor());
                assertTrue(p.waitFor(20, TimeUnit.SECONDS), signal + " ends the launcher before the build would have");
                assertEquals(130, p.exitValue(), Files.readString(tmp.resolve("out-" + signal)));
                assertTrue(build.onExit().get(20, TimeUnit.SECONDS) != null && !build.isAlive(),
                        signal + ": the build was stopped");
                assertFalse(Files.exists(repo.resolve(".dicomsec-build.lock")), signal + ": the lock is removed");
                assertFalse(Files.exists(repo.resolve("cli/target/dicomsec.jar")), signal + ": no jar left");
            } finally {
                p.destroyForcibly();
            }
        }
    }

    /**
     * The launcher's PID is the JVM's on the first run of a subcommand (the run that lists its
     * classes), on the second (which starts the archive's maker) and on the runs that map the
     * archive (seen in the JVM's /proc maps): a TERM sent to it ends the JVM, which leaves no
     * process behind; the next run uses what the TERMed run wrote only if it is whole.
     */
    @Test
    void termOfTheLauncherPidEndsTheJvmOnTheFirstRunAndLater() throws Exception {
        for (int i = 0; i < 3; i++) {
            Process p = launcher(LIFECYCLE, "scp", "--port", "0", "--dir", tmp.resolve("in").toString())
                    .redirectErrorStream(true).start();
            try {
                String line = listening(p);
                assertTrue(line != null, "the scp started listening");
                // one association served: a first run stopped before any drops its recording (below)
                Matcher port = Pattern.compile("listening on port (\\d+)").matcher(line);
                assertTrue(port.find(), line);
                Run echo = run(LIFECYCLE, "echo", "127.0.0.1:" + port.group(1));
                assertEquals(0, echo.status(), echo.toString());
                Optional<String> command = p.info().command();
                assertTrue(command.isPresent() && command.get().endsWith("/java"),
                        "run " + i + ": the launcher's PID is the JVM (exec): " + command);
                if (i == 2) {
                    List<Path> archive = archives("scp");
                    assertEquals(1, archive.size(), archive.toString());
                    String maps = Files.readString(Path.of("/proc/" + p.pid() + "/maps"));
                    assertTrue(maps.contains(archive.get(0).toString()), "the archive is mapped: " + archive);
                }
                List<ProcessHandle> below = p.descendants().toList();
                p.destroy(); // SIGTERM to the launcher's PID
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "run " + i + ": TERM ends the JVM");
                for (ProcessHandle h : below) {
                    assertTrue(h.onExit().get(60, TimeUnit.SECONDS) != null && !h.isAlive(),
                            "nothing left running: " + h.info());
                }
            } finally {
                p.destroyForcibly();
            }
            if (i == 0) {
                List<Path> written = parts("scp");
                assertTrue(written.size() <= 1, written.toString());
                for (Path part : written) {
                    assertEquals(p.pid(), writerPid(part), "named after the JVM's PID, the launcher's");
                }
            }
            Run help = run(LIFECYCLE, "scp", "--help");
            assertEquals(0, help.status(), help.toString());
            for (Path part : parts("scp")) {
                assertTrue(part.getFileName().toString().contains(".jsa.")
                        && ProcessHandle.of(writerPid(part)).map(ProcessHandle::isAlive).orElse(false),
                        "renamed or removed once its writer is gone; only the detached maker of the archive may"
                                + " still write: " + part);
            }
            if (i == 1) {
                awaitTheCreator("scp", ".jsa.");
            }
        }
    }

    /**
     * Every path of the launcher (the first run's list being written, the second run without an
     * archive, the archive mapped, CDS off) gives the JVM the option that compiles the JCA
     * provider's AES-GCM callers early (docs/benchmarks.md) and the memory defaults; the JVM
     * prints the options it was started with ({@code -XX:+PrintCommandLineFlags}; from JDK 25 the
     * recording run keeps the JVM's own output quiet, as the JDK writes its AOT configuration
     * there, so that run is not asked).
     */
    @Test
    void everyRunGetsTheCryptoJitOptionAndTheMemoryDefaults() throws Exception {
        String option = "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.G*::*,0.01"
                + " -XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.CounterMode::*,0.01";
        Map<String, String> flags = Map.of("DICOMSEC_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        Run writing = run(flags, "--version");
        Run second = run(flags, "--version");
        awaitTheCreator("--version", DEFAULT_ARCHIVE);
        Run mapped = run(flags, "--version");
        Map<String, String> off = new HashMap<>(flags);
        off.put("DICOMSEC_CDS", "0");
        Run noCds = run(off, "--version");
        List<Run> runs = Runtime.version().feature() >= 25 ? List.of(second, mapped, noCds)
                : List.of(writing, second, mapped, noCds);
        for (Run r : runs) {
            assertEquals(0, r.status(), r.toString());
            assertTrue(r.out().contains(option), "launcher passes " + option + ": " + r.out());
            assertTrue(r.out().contains("-XX:+UseSerialGC"), r.out());
            assertTrue(maxHeap(r.out()) <= 256L << 20, "heap capped at 256 MiB: " + r.out());
            assertTrue(r.out().contains("dicomsec "), r.toString());
        }
        assertEquals(0, writing.status(), writing.toString());
        assertEquals(1, archives("--version").size());
    }

    /**
     * A plain store runs C1 only (a short copy job); over TLS and elsewhere tiered compilation
     * stays, for a TLS store with C2 for the crypto classes only (JDK 25 and later: at 3x the usual
     * thresholds) and with less inlining; a one-shot command leaves the TLS handshake's curve arithmetic to C1, a server does not.
     */
    @Test
    void plainStoreRunsC1Only_tlsStoreAndTheUsersChoiceDoNot() throws Exception {
        Map<String, String> flags = Map.of("DICOMSEC_JAVA_OPTS", "-XX:+PrintCommandLineFlags", "DICOMSEC_CDS", "0");
        Run plain = run(flags, "store", "--help");
        assertEquals(0, plain.status(), plain.toString());
        assertTrue(plain.out().contains("-XX:TieredStopAtLevel=1"), plain.out());
        // with one compiler thread (the JVM would start two on two CPUs)
        assertTrue(plain.out().contains("-XX:CICompilerCount=1 "), plain.out());
        Run tls = run(flags, "store", "--tls", "bcp195-nd", "--help");
        assertEquals(0, tls.status(), tls.toString());
        assertFalse(tls.out().contains("TieredStopAtLevel"), tls.out());
        Run scp = run(flags, "scp", "--help");
        assertFalse(scp.out().contains("TieredStopAtLevel"), scp.out());
        for (Run r : List.of(tls, scp)) {
            assertFalse(r.out().contains("-XX:CICompilerCount=1 "), r.out());
        }
        Run ownCount = run(Map.of("DICOMSEC_JAVA_OPTS", "-XX:+PrintCommandLineFlags -XX:CICompilerCount=2",
                "DICOMSEC_CDS", "0"), "store", "--help");
        assertEquals(0, ownCount.status(), ownCount.toString());
        assertTrue(ownCount.out().contains("-XX:CICompilerCount=2 ") && !ownCount.out().contains("-XX:CICompilerCount=1 "),
                ownCount.out());
        // a TLS store compiles with C2 only the crypto classes (C2 gives up on every other method), on
        // every JDK; a plain one and a server not
        String onlyCrypto = "-XX:CompileCommand=MaxNodeLimit,*::*,1";
        String crypto = "-XX:CompileCommand=MaxNodeLimit,com.sun.crypto.provider.*::*,80000";
        String tlsJit = onlyCrypto;
        assertTrue(tls.out().contains(tlsJit), tls.out());
        assertTrue(tls.out().contains(crypto), tls.out());
        // of AES-GCM, C2 compiles what the CPU's instructions need, not GaloisCounterMode's bookkeeping
        // (the last CompileCommand that matches a method wins)
        String gcm = "-XX:CompileCommand=MaxNodeLimit,com.sun.crypto.provider.GaloisCounterMode*::*,1";
        String gcmCrypt = "-XX:CompileCommand=MaxNodeLimit,com.sun.crypto.provider.GaloisCounterMode::implGCMCrypt,80000";
        assertTrue(tls.out().indexOf(crypto) < tls.out().indexOf(gcm)
                && tls.out().indexOf(gcm) < tls.out().indexOf(gcmCrypt), tls.out());
        assertFalse(tls.out().contains("-XX:CompileThresholdScaling="), tls.out());
        for (Run r : List.of(plain, scp)) {
            assertFalse(r.out().contains("-XX:CompileThresholdScaling=") || r.out().contains(onlyCrypto), r.out());
        }
        Run ownScaling = run(Map.of("DICOMSEC_JAVA_OPTS", "-XX:+PrintCommandLineFlags -XX:CompileThresholdScaling=1",
                "DICOMSEC_CDS", "0"), "store", "--tls", "bcp195-nd", "--help");
        assertFalse(ownScaling.out().contains(onlyCrypto), ownScaling.out());
        // and C2 inlines less into a TLS store's compilations (their compiler memory is its RSS peak)
        assertTrue(tls.out().contains("-XX:InlineSmallCode=1000"), tls.out());
        assertFalse(plain.out().contains("-XX:InlineSmallCode="), plain.out());
        assertFalse(scp.out().contains("-XX:InlineSmallCode="), scp.out());
        Run ownInline = run(Map.of("DICOMSEC_JAVA_OPTS", "-XX:+PrintCommandLineFlags -XX:InlineSmallCode=2500",
                "DICOMSEC_CDS", "0"), "store", "--tls", "bcp195-nd", "--help");
        assertFalse(ownInline.out().contains("-XX:InlineSmallCode=1000"), ownInline.out());
        assertTrue(ownInline.out().contains(tlsJit), ownInline.out());
        // the handshake's curve arithmetic is left to C1 in a one-shot command, not in a server
        String curves = "-XX:CompileCommand=MaxNodeLimit,sun.security.ec.*::*,4000";
        assertTrue(tls.out().contains(curves) && plain.out().contains(curves), tls.out());
        assertFalse(scp.out().contains(curves), scp.out());
        // and a server's young generation is 16 MiB (instances in flight are not promoted as garbage)
        assertTrue(scp.out().contains("-XX:NewSize=16777216"), scp.out());
        assertFalse(plain.out().contains("-XX:NewSize=16777216"), plain.out());
        Run own = run(Map.of("DICOMSEC_JAVA_OPTS", "-XX:+PrintCommandLineFlags -XX:TieredStopAtLevel=3",
                "DICOMSEC_CDS", "0"), "store", "--help");
        assertTrue(own.out().contains("-XX:TieredStopAtLevel=3") && !own.out().contains("-XX:TieredStopAtLevel=1"),
                own.out());
    }

    /** The user's -Xmx and GC (DICOMSEC_JAVA_OPTS) win over the launcher's defaults, without a conflict. */
    @Test
    void theUsersHeapAndGcWin() throws Exception {
        for (String cds : List.of("0", "1")) {
            Run big = run(Map.of("DICOMSEC_CDS", cds, "DICOMSEC_JAVA_OPTS", "-Xmx700m -XX:+PrintCommandLineFlags"),
                    "--version");
            assertEquals(0, big.status(), big.toString());
            if (cds.equals("0") || Runtime.version().feature() < 25) {
                assertEquals(700L << 20, maxHeap(big.out()), big.out());
            }
            Run g1 = run(Map.of("DICOMSEC_CDS", cds, "DICOMSEC_JAVA_OPTS", "-XX:+UseG1GC -XX:+PrintCommandLineFlags"),
                    "--version");
            assertEquals(0, g1.status(), "no 'conflicting collector' error: " + g1);
            assertTrue(g1.out().contains("dicomsec "), g1.toString());
            if (cds.equals("0") || Runtime.version().feature() < 25) {
                assertTrue(g1.out().contains("-XX:+UseG1GC") && !g1.out().contains("-XX:+UseSerialGC"), g1.out());
            }
        }
    }

    private static long maxHeap(String flags) {
        Matcher m = Pattern.compile("-XX:MaxHeapSize=(\\d+)").matcher(flags);
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        assertTrue(last > 0, "no MaxHeapSize in " + flags);
        return last;
    }

    /**
     * With a JDK 25 or later (found in /usr/lib/jvm, or named by -Ddicomsec.jdk25): the first run
     * records its configuration, the second creates the AOT cache from it in a detached JVM of
     * its own, the runs after it map the cache; not a byte of the JDK's own messages on stdout or
     * stderr of any run (the JDK's one-step training prints "Picked up JAVA_TOOL_OPTIONS" there),
     * the same output every time. Skipped, with a message, when there is no such JDK.
     */
    @Test
    void fromJdk25TheFirstRunsWriteAnAotCacheQuietly() throws Exception {
        Optional<Path> jdk = jdk25();
        assumeTrue(jdk.isPresent(), "no JDK 25+ in /usr/lib/jvm (or -Ddicomsec.jdk25): AOT cache not tested");
        Map<String, String> env = Map.of("JAVA_HOME", jdk.get().toString());
        Run first = run(env, "dump", "--sample", "--json");
        assertEquals(0, first.status(), first.toString());
        assertTrue(first.out().startsWith("{"), "JSON from its first byte, nothing of the AOT cache: " + first.out());
        assertEquals("", first.err());
        List<Path> written = parts("dump");
        assertEquals(1, written.size(), "the recorded configuration of the first run");
        assertTrue(written.get(0).getFileName().toString().contains(".aotconf."), written.toString());
        Run second = run(env, "dump", "--sample", "--json");
        assertEquals(first, second);
        assertTrue(archives("dump").stream().anyMatch(p -> p.getFileName().toString().endsWith(".aotconf")),
                archives("dump").toString());
        awaitTheCreator("dump", ".aot.");
        Run third = run(env, "dump", "--sample", "--json");
        assertEquals(second, third);
        assertEquals(List.of(), parts("dump"));
        List<Path> done = archives("dump");
        assertEquals(1, done.size(), "the AOT cache, the configuration gone: " + done);
        assertTrue(done.get(0).getFileName().toString().endsWith(".aot"), done.toString());
        Run fourth = run(env, "dump", "--sample", "--json");
        assertEquals(third, fourth);
        // DICOMSEC_CDS=appcds: the AppCDS archive on JDK 25 too
        Run appcds = run(Map.of("JAVA_HOME", jdk.get().toString(), "DICOMSEC_CDS", "appcds"), "dump", "--sample", "--json");
        assertEquals(second, appcds);
        assertTrue(parts("dump").stream().anyMatch(p -> p.getFileName().toString().contains(".classlist.")),
                parts("dump").toString());
    }

    /** The archive part of {@code prefix} a creator writes, waiting up to {@code timeout} for it to appear. */
    private Path awaitCreatorsPart(String prefix, String kind, Duration timeout) throws Exception {
        if (!awaitIn(cds, () -> !creatorsParts(prefix, kind).isEmpty(), timeout, () -> true)) {
            fail("no archive maker started by the second run: " + cdsFolder());
        }
        List<Path> parts = creatorsParts(prefix, kind);
        assertEquals(1, parts.size(), "one maker: " + parts);
        return parts.get(0);
    }

    /** The cds folder's files, and what the JDK said of a making that failed (NAME.failed). */
    private String cdsFolder() throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.list(cds)) {
            for (Path p : s.sorted().toList()) {
                b.append(p.getFileName()).append(' ');
                if (p.getFileName().toString().endsWith(".failed")) {
                    b.append("[").append(Files.readString(p).strip()).append("] ");
                }
            }
        }
        return b.toString();
    }

    private List<Path> creatorsParts(String prefix, String kind) {
        try {
            return parts(prefix).stream().filter(p -> p.getFileName().toString().contains(kind)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until {@code done} holds, woken by every file created in {@code dir}, for at most
     * {@code timeout} and while {@code alive} holds (looked at every half second): whether
     * {@code done} holds.
     */
    private static boolean awaitIn(Path dir, BooleanSupplier done, Duration timeout, BooleanSupplier alive)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (WatchService w = dir.getFileSystem().newWatchService()) {
            dir.register(w, StandardWatchEventKinds.ENTRY_CREATE); // before the first look: no creation missed
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !alive.getAsBoolean()) {
                    return done.getAsBoolean();
                }
                WatchKey k = w.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)), TimeUnit.NANOSECONDS);
                if (k != null) {
                    k.pollEvents();
                    k.reset();
                }
            }
            return true;
        }
    }

    private static Optional<Path> jdk25() throws IOException {
        String named = System.getProperty("dicomsec.jdk25");
        List<Path> candidates = new ArrayList<>();
        if (named != null && !named.isBlank()) {
            candidates.add(Path.of(named));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> s = Files.list(jvms)) {
                s.sorted().forEach(candidates::add);
            }
        }
        Pattern version = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);
        for (Path home : candidates) {
            Path release = home.resolve("release");
            if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/java"))) {
                Matcher m = version.matcher(Files.readString(release, StandardCharsets.UTF_8));
                if (m.find() && Integer.parseInt(m.group(1)) >= 25) {
                    return Optional.of(home);
                }
            }
        }
        return Optional.empty();
    }
}
