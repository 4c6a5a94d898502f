package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./dicomsec} launcher as a user runs it, on the packaged jar (a copy with its
 * {@code lib/}, named by {@code DICOMSEC_JAR}, so the source check and build are not part of
 * it): the class data sharing archive it keeps per subcommand and transport is written on the
 * first run and used on the next without changing a byte of the output or the exit status; an
 * archive older than the jar is made anew; {@code DICOMSEC_CDS=0} writes none.
 */
class LauncherIT {

    @TempDir
    Path tmp;

    private Path jar;
    private Path cds;

    record Run(int status, String out, String err) {
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

    private Run run(Map<String, String> env, String... args) throws Exception {
        Path launcher = Path.of(System.getProperty("dicomsec.launcher", "../dicomsec")).toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of("sh", launcher.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("DICOMSEC_JAR", jar.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("DICOMSEC_JAVA_OPTS");
        pb.environment().remove("DICOMSEC_CDS");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(cmd + " did not end");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Run run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private List<Path> archives(String prefix) throws IOException {
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cds)) {
            return s.filter(p -> p.getFileName().toString().matches(Pattern.quote(prefix) + "-\\d+\\.jsa")).toList();
        }
    }

    @Test
    void theFirstRunWritesTheArchiveAndTheNextUsesItWithTheSameOutput() throws Exception {
        Run first = run("--version");
        assertEquals(0, first.status(), first.toString());
        assertTrue(first.out().matches("dicomsec \\S+\\R"), first.toString());
        assertEquals(1, archives("--version").size(), "archive written at the first run's exit");
        Run second = run("--version");
        assertEquals(first, second, "nothing of CDS in the output of the run that maps the archive");
        assertEquals("", second.err());
    }

    @Test
    void jsonOutputAndExitStatusPassThroughUnchanged() throws Exception {
        Run first = run("dump", "--sample", "--json");
        assertEquals(0, first.status(), first.err());
        assertTrue(first.out().startsWith("{"), "JSON from its first byte: " + first.out().lines().findFirst());
        Run second = run("dump", "--sample", "--json");
        assertEquals(first, second);

        Path missing = tmp.resolve("no-such.dcm");
        Run bad = run("copy", missing.toString(), tmp.resolve("x.dcm").toString());
        assertEquals(2, bad.status(), "the archiving run keeps the exit status: " + bad);
        assertEquals(1, archives("copy").size());
        Run badAgain = run("copy", missing.toString(), tmp.resolve("x.dcm").toString());
        assertEquals(bad, badAgain);
    }

    @Test
    void anArchiveOlderThanTheJarIsMadeAnew() throws Exception {
        assertEquals(0, run("--version").status());
        Path archive = archives("--version").get(0);
        // as after a `mvn package`: the jar is newer than the archive
        FileTime jarTime = Files.getLastModifiedTime(jar);
        FileTime earlier = FileTime.fromMillis(jarTime.toMillis() - 60_000);
        Files.setLastModifiedTime(archive, earlier);
        Run r = run("--version");
        assertEquals(0, r.status(), r.toString());
        assertEquals("", r.err(), "a stale archive is neither used nor complained about");
        List<Path> now = archives("--version");
        assertEquals(1, now.size());
        assertTrue(Files.getLastModifiedTime(now.get(0)).compareTo(jarTime) > 0, "made anew, newer than the jar");
    }

    @Test
    void tlsOptionsGetAnArchiveOfTheirOwnAndCdsOffWritesNone() throws Exception {
        Run plain = run("echo", "--help");
        Run tls = run("echo", "--tls", "bcp195-nd", "--help");
        assertEquals(0, plain.status(), plain.toString());
        assertEquals(0, tls.status(), tls.toString());
        assertEquals(1, archives("echo").size());
        assertEquals(1, archives("echo-tls").size());

        Run off = run(Map.of("DICOMSEC_CDS", "0"), "scan", "--help");
        assertEquals(0, off.status(), off.toString());
        assertFalse(off.out().isEmpty());
        assertTrue(archives("scan").isEmpty(), "DICOMSEC_CDS=0 writes no archive");
    }

    /**
     * Every path of the launcher (archive being written, archive mapped, CDS off) gives the JVM
     * the option that compiles the JCA provider's AES-GCM callers early (docs/benchmarks.md);
     * the JVM prints the options it was started with ({@code -XX:+PrintCommandLineFlags}).
     */
    @Test
    void everyRunGetsTheCryptoJitOption() throws Exception {
        String option = "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.G*::*,0.01"
                + " -XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.CounterMode::*,0.01";
        Map<String, String> flags = Map.of("DICOMSEC_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        Run writing = run(flags, "--version");
        Run mapped = run(flags, "--version");
        Map<String, String> off = new java.util.HashMap<>(flags);
        off.put("DICOMSEC_CDS", "0");
        Run noCds = run(off, "--version");
        for (Run r : List.of(writing, mapped, noCds)) {
            assertEquals(0, r.status(), r.toString());
            assertTrue(r.out().contains(option), "launcher passes " + option + ": " + r.out());
            assertTrue(r.out().contains("dicomsec "), r.toString());
        }
        assertEquals(1, archives("--version").size());
    }
}
