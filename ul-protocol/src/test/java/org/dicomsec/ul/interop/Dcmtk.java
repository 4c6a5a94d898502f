package org.dicomsec.ul.interop;

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

/** Runs DCMTK tools (Debian package dcmtk); skips visibly when absent, fails under CI=true. */
final class Dcmtk {
    private Dcmtk() {
    }

    record Result(int exitCode, String output) {
    }

    static Path require(String tool) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, tool);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        String msg = "DCMTK tool '" + tool + "' not found on PATH: DCMTK interop test skipped (apt-get install dcmtk)";
        if ("true".equals(System.getenv("CI"))) {
            fail(msg + " -- CI=true requires it");
        }
        System.err.println("SKIPPED: " + msg);
        Assumptions.abort(msg);
        return null;
    }

    /** Runs a tool to its end (at most {@code seconds}); output and error merged. */
    static Result run(int seconds, String... cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of(cmd));
        c.set(0, require(cmd[0]).toString());
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out;
        try (var in = p.getInputStream()) {
            out = in.readAllBytes(); // ends when the process closes its output
        }
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not end within " + seconds + " s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Starts a long-running tool (storescp); output goes to {@code log}. */
    static Process start(Path log, String... cmd) throws IOException {
        List<String> c = new ArrayList<>(List.of(cmd));
        c.set(0, require(cmd[0]).toString());
        return new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
