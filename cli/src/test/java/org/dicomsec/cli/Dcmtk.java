package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the DCMTK command-line tools (dcmdump, dump2dcm, dcmconv, dcm2json) as the
 * independent peer of the interop tests: each run has a timeout, its output
 * goes to files (no pipe can fill up and block), and a tool that does not end
 * in time is killed.
 */
final class Dcmtk {

    /** What a tool printed and how it ended. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /**
         * Fails the test unless the tool exited 0 and printed no error or warning on stderr. The one
         * warning accepted is dcmdump's note that it reads an undefined-length UN element as an
         * implicit-VR sequence (CP-246): that is how PS3.5 6.2.2 wants such an element read.
         */
        Result assertClean() {
            String warnings = stderr.lines().filter(l -> !(l.startsWith("W: ") && l.contains("(CP-246)")))
                    .reduce("", (a, b) -> a + b + "\n");
            if (exitCode != 0 || warnings.contains("E: ") || warnings.contains("W: ") || warnings.contains("F: ")) {
                fail(String.join(" ", command) + " ended with status " + exitCode + ":\n" + stderr + stdout);
            }
            return this;
        }
    }

    private static final long TIMEOUT_SECONDS = 60;
    private static final Boolean AVAILABLE = probe();

    private Dcmtk() {
    }

    /**
     * Skips the calling test (visibly, with the reason) when DCMTK is not
     * installed; fails it instead when the environment variable CI is "true",
     * since CI installs DCMTK and a missing peer there must not pass as a skip.
     */
    static void assumeAvailable() {
        if (AVAILABLE) {
            return;
        }
        String why = "DCMTK (dcmdump, dump2dcm, dcmconv, dcm2json) not found on PATH: interop test SKIPPED;"
                + " install it with 'apt-get install -y dcmtk' (.ci/run does)";
        if ("true".equals(System.getenv("CI"))) {
            fail(why.replace("SKIPPED", "FAILED because CI=true"));
        }
        System.err.println(why);
        Assumptions.assumeTrue(false, why);
    }

    static Result dcmdump(Path file, String... options) throws IOException, InterruptedException {
        // +L: long values in full; -Un: UIDs as numbers, not names; +U8: text as UTF-8 whatever the character set
        List<String> cmd = new ArrayList<>(List.of("dcmdump", "+L", "-Un", "+U8"));
        cmd.addAll(List.of(options));
        cmd.add(file.toString());
        return run(cmd);
    }

    static Result dcm2json(Path file) throws IOException, InterruptedException {
        return run(List.of("dcm2json", "-fc", file.toString()));
    }

    static Result dump2dcm(Path dumpText, Path out, String... options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("dump2dcm"));
        cmd.addAll(List.of(options));
        cmd.add(dumpText.toString());
        cmd.add(out.toString());
        return run(cmd);
    }

    static Result dcmconv(Path in, Path out, String... options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("dcmconv"));
        cmd.addAll(List.of(options));
        cmd.add(in.toString());
        cmd.add(out.toString());
        return run(cmd);
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        File stdout = File.createTempFile("dcmtk-out", ".txt");
        File stderr = File.createTempFile("dcmtk-err", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(stdout).redirectError(stderr)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail(String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(List.copyOf(command), p.exitValue(),
                    Files.readString(stdout.toPath(), StandardCharsets.UTF_8),
                    Files.readString(stderr.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout.toPath());
            Files.deleteIfExists(stderr.toPath());
        }
    }

    private static Boolean probe() {
        for (String tool : List.of("dcmdump", "dump2dcm", "dcmconv", "dcm2json")) {
            try {
                Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return false;
                }
                if (p.exitValue() != 0) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
