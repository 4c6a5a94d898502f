package org.dicomsec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dicomsec.data.json.JsonWriter;

/**
 * {@code dicomsec demo [--keep DIR] [--json] [--verbose]}: the Online
 * Electronic Storage Secure Use Profile (PS3.15 A.1) end to end on loopback,
 * with nothing to set up: a demo PKI, an ISCL keyring pair, an in-process SCP
 * with TLS, ISCL and plain listeners ({@link DemoNodes}), and seven checked
 * steps ({@link DemoSteps}), one line each. Exit status 0 only when every step
 * behaved as the profile says, 1 otherwise (the failed steps are named).
 */
final class DemoCommand extends OptionCommand {

    static final OptionParser OPTIONS = new OptionParser("demo",
            "Runs the Online Electronic Storage Secure Use Profile (PS3.15 A.1) end to end on loopback:\n"
                    + "makes a throw-away demo PKI and ISCL keyrings, starts an in-process SCP with TLS\n"
                    + "(bcp195-nd, port 2762 if free), ISCL (2761 if free) and plain listeners, then creates an\n"
                    + "original (OR), authorizes it (AO), transfers it over TLS with Storage Commitment (sender's\n"
                    + "copy turns AC), sends an authorized copy over ISCL (AC) and one over plain TCP (NS),\n"
                    + "tampers with one ISCL record (A-P-ABORT 0x80 on both sides) and offers a second original\n"
                    + "(refused). Each step is checked; exit status 0 only when every step passed.")
            .value("keep", '\0', "DIR", "keep the folder (PKI, keyrings, stores, audit logs) in DIR, new or"
                    + " empty (default: a temporary folder, deleted)")
            .flag("json", '\0', "print the steps as JSON")
            .note("examples:\n  dicomsec demo\n  dicomsec demo --keep /tmp/demo --verbose\n  dicomsec demo --json");

    private final boolean tamper;

    DemoCommand() {
        this(true);
    }

    /** @param tamper false: the relay of step 6 alters nothing (test hook: the demo must then fail) */
    DemoCommand(boolean tamper) {
        super(OPTIONS, "run the secure storage profile end to end on loopback (TLS, ISCL, plain) and check each step");
        this.tamper = tamper;
    }

    @Override
    int run(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
        boolean json = o.has("json");
        boolean quiet = o.quiet();
        Path keep = o.has("keep") ? keepFolder(o.value("keep")) : null;
        long t0 = System.nanoTime();
        List<DemoStep> steps;
        List<String> listeners;
        long setupMillis;
        Path dir = keep != null ? keep : Files.createTempDirectory("dicomsec-demo-");
        List<String> logLines;
        try (DemoLog log = DemoLog.install(o.verbose(), err)) {
            boolean text = !json && !quiet;
            try {
                if (text) {
                    out.println("dicomsec demo: Online Electronic Storage Secure Use Profile (PS3.15 A.1) on loopback");
                    out.println("  folder    " + dir
                            + (keep != null ? "" : " (deleted at the end; --keep DIR keeps it)"));
                    out.flush();
                }
                try (DemoNodes nodes = DemoNodes.start(dir)) {
                    setupMillis = (System.nanoTime() - t0) / 1_000_000;
                    listeners = List.copyOf(nodes.listeners);
                    if (text) {
                        header(out, listeners);
                    }
                    steps = new DemoSteps(nodes, tamper).run(s -> {
                        if (!json) {
                            out.println(s.line());
                            out.flush();
                        }
                    });
                }
            } finally {
                logLines = log.lines();
            }
            if (keep != null) {
                Files.write(keep.resolve("demo.log"), logLines, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new CommandException("demo could not set up its nodes in " + dir + ": " + Main.describe(e), 1, e);
        } finally {
            if (keep == null) {
                deleteTree(dir);
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        List<DemoStep> failed = steps.stream().filter(s -> !s.ok()).toList();
        if (json) {
            out.println(JsonWriter.write(json(steps, listeners, keep, setupMillis, ms)));
        } else if (failed.isEmpty()) {
            out.println("all " + steps.size() + " steps behaved as PS3.15 A.1 says (" + ms + " ms)"
                    + (keep != null ? "; folder kept: " + keep : ""));
        } else if (keep != null) {
            out.println("folder kept: " + keep);
        }
        out.flush();
        for (DemoStep s : failed) {
            err.println("dicomsec demo: step " + s.number() + " (" + s.name() + ") failed: "
                    + String.join("; ", s.problems()));
        }
        if (!failed.isEmpty() && !o.verbose()) {
            for (String l : logLines) {
                err.println("  " + l);
            }
        }
        return failed.isEmpty() ? 0 : 1;
    }

    private static void header(PrintStream out, List<String> listeners) {
        out.println("  PKI       demo CA \"dicomsec Demo CA\" (RSA " + org.dicomsec.tls.demo.DemoPki.RSA_BITS
                + "); peers confirmed by certificate SHA-256 and ISCL keyring flag "
                + org.dicomsec.storage.PeerPolicy.ISCL_PROFILE_ATTRIBUTE);
        out.println("  SCP       " + String.join(" | ", listeners));
        out.println("  sender    " + DemoNodes.MODALITY + " (TLS client certificate, ISCL entity " + DemoNodes.MODALITY
                + ")");
        out.flush();
    }

    private static Path keepFolder(String name) throws UsageException, IOException {
        Path p = Path.of(name).toAbsolutePath().normalize();
        if (Files.exists(p)) {
            if (!Files.isDirectory(p)) {
                throw new UsageException("option --keep: " + p + " is not a folder");
            }
            try (var s = Files.list(p)) {
                if (s.findAny().isPresent()) {
                    throw new UsageException("option --keep: " + p + " is not empty (give a new or empty folder)");
                }
            }
        }
        Files.createDirectories(p);
        return p;
    }

    private static Map<String, Object> json(List<DemoStep> steps, List<String> listeners, Path keep,
                                            long setupMillis, long ms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", steps.stream().allMatch(DemoStep::ok));
        m.put("millis", ms);
        m.put("setupMillis", setupMillis);
        m.put("folder", keep == null ? null : keep.toString());
        m.put("listeners", listeners);
        List<Object> list = new ArrayList<>();
        for (DemoStep s : steps) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("step", s.number());
            j.put("name", s.name());
            j.put("ok", s.ok());
            j.put("rule", s.rule());
            j.put("statuses", new LinkedHashMap<String, Object>(s.statuses()));
            s.link().ifPresent(l -> j.put("connection", l.toJson()));
            j.put("detail", s.detail());
            j.put("problems", new ArrayList<Object>(s.problems()));
            j.put("millis", s.millis());
            j.put("line", s.line());
            list.add(j);
        }
        m.put("steps", list);
        return m;
    }

    /** Deletes the demo's temporary folder (best effort: it is under the system's temp folder). */
    static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary folder is not worth failing the demo for
        }
    }
}
