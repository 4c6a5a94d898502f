package org.dicomsec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code dicomsec bench}: a quick crypto and transfer throughput table for
 * this machine ({@link BenchCrypto}, {@link BenchTransfer}) in well under a
 * minute. A quick estimate, not a benchmark: the JMH figures, with their
 * method and noise, are in docs/benchmarks.md.
 */
final class BenchCommand implements Main.Command {

    static final double DEFAULT_SECONDS = 2.0;

    static final OptionParser OPTIONS = new OptionParser("bench",
            "Measure crypto and transfer throughput on this machine (a quick estimate; JMH figures in docs/benchmarks.md).")
            .value("seconds", 's', "S", "time of each transfer row, crypto rows take half (default 2; decimals allowed)")
            .value("max-pdu", 'm', "N", "P-DATA-TF maximum length of the transfer rows (default "
                    + BenchTransfer.DEFAULT_MAX_PDU + ")")
            .flag("json", '\0', "print the results as JSON")
            .flag("crypto-only", '\0', "only the crypto rows")
            .flag("transfer-only", '\0', "only the transfer rows")
            .flag("no-openssl", '\0', "no openssl speed reference column, even when openssl is on the PATH")
            .note("rows: DES-CBC, 3DES-CBC, DES-MAC, MD5+DES (ISCL's primitives), AES-128-GCM, AES-256-GCM and\n"
                    + "ChaCha20-Poly1305 through the JDK (JCA) and BouncyCastle's lightweight engines; P-DATA-TF streams\n"
                    + "over loopback through raw TCP, TLS (bcp195-nd, basic) and ISCL (with and without privacy); C-STORE\n"
                    + "of 2 MiB data sets over an association on plain TCP, TLS bcp195-nd and ISCL with privacy; a study of\n"
                    + "32 KiB instances in one association on plain TCP and TLS bcp195-nd (instances per second).\n"
                    + "Crypto rows: all primitives warm up in turn until steady, then each is measured in 5 rounds and the\n"
                    + "median is shown (low-high beside it), per CPU second of the measuring thread as openssl speed counts;\n"
                    + "with openssl on the PATH, 'openssl speed -evp' of the same cipher on 16 KiB blocks is shown beside.\n"
                    + "Transfer rows: wall clock, after a warm-up. MB/s are 10^6 bytes per second.");

    @Override
    public String summary() {
        return "quick crypto and loopback transfer throughput table for this machine";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        ParsedOptions o = OPTIONS.parse(args);
        if (o.helpRequested()) {
            out.print(OPTIONS.help());
            return 0;
        }
        if (o.has("crypto-only") && o.has("transfer-only")) {
            throw new UsageException("--crypto-only and --transfer-only exclude each other");
        }
        double seconds = seconds(o.value("seconds"));
        int maxPdu = o.intValue("max-pdu", BenchTransfer.DEFAULT_MAX_PDU, 1024, 16 << 20);
        boolean json = o.has("json");
        boolean quiet = json || o.quiet();
        Optional<BenchOpenSsl> openssl = o.has("no-openssl") || o.has("transfer-only") ? Optional.empty()
                : BenchOpenSsl.onPath();
        String opensslVersion = openssl.map(BenchOpenSsl::version).orElse(null);
        if (!quiet) {
            header(out, seconds, maxPdu);
            out.println(opensslVersion == null ? "openssl none on the PATH (or --no-openssl): no reference column"
                    : "openssl " + opensslVersion + ": 'openssl speed' reference on the crypto rows");
            out.println();
            out.printf("%-9s %-22s %-46s %10s  %s%n", "group", "what", "implementation", "MB/s",
                    "low-high (crypto), openssl speed MB/s, instances/s");
            out.flush();
        }
        // rows appear as they are measured (a table that takes half a minute should show it is alive)
        Consumer<BenchRow> progress = quiet ? r -> { } : r -> {
            out.printf(Locale.ROOT, "%-9s %-22s %-46s %10.1f%s%n", r.group(), r.name(), r.implementation(),
                    r.megabytesPerSecond(), r.note().isEmpty() ? "" : "  " + r.note());
            out.flush();
        };
        long start = System.nanoTime();
        List<BenchRow> rows = new ArrayList<>();
        // the loopback peers log each listener and handshake at INFO, and warn about the basic profile on
        // purpose: not news in a benchmark, so only errors are shown unless --verbose
        java.util.logging.Logger libraries = java.util.logging.Logger.getLogger("org.dicomsec");
        java.util.logging.Level before = libraries.getLevel();
        if (!o.verbose()) {
            libraries.setLevel(java.util.logging.Level.SEVERE);
        }
        try {
            BenchCrypto crypto = new BenchCrypto();
            if (!o.has("transfer-only")) {
                if (!quiet) {
                    out.printf(Locale.ROOT, "(crypto rows measured together, all in turn: about %.0f s)%n",
                            11 * (BenchCrypto.warmUpNanos(seconds / 2) / 1e9 + seconds / 2)
                                    + (openssl.isPresent() ? BenchOpenSsl.CIPHERS.size() * 1.2 : 0));
                    out.flush();
                }
                rows.addAll(crypto.run(seconds / 2, progress, openssl));
            }
            if (!o.has("crypto-only")) {
                rows.addAll(BenchTransfer.run(seconds, maxPdu, progress));
            }
        } finally {
            libraries.setLevel(before);
        }
        double total = (System.nanoTime() - start) / 1e9;
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("quickEstimate", true);
            m.put("note", "a quick estimate; JMH figures are in docs/benchmarks.md");
            m.put("jdk", jdk());
            m.put("cpu", cpu());
            m.put("logicalCpus", Runtime.getRuntime().availableProcessors());
            m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            m.put("secondsPerTransferRow", seconds);
            m.put("cryptoBufferBytes", BenchCrypto.BUFFER);
            m.put("cryptoRounds", BenchCrypto.ROUNDS);
            m.put("openssl", opensslVersion);
            m.put("studyInstanceBytes", BenchCStore.STUDY_INSTANCE_BYTES);
            m.put("maxPduLength", maxPdu);
            m.put("totalSeconds", total);
            m.put("rows", rows.stream().map(BenchRow::toJson).toList());
            out.println(org.dicomsec.data.json.JsonWriter.write(m));
        } else if (!o.quiet()) {
            out.printf(Locale.ROOT, "%ntook %.1f s. A quick estimate (one run, no forks, short warm-up): see"
                    + " docs/benchmarks.md for the JMH figures.%n", total);
        } else {
            for (BenchRow r : rows) {
                out.printf(Locale.ROOT, "%s\t%s\t%s\t%.1f\t%s%n", r.group(), r.name(), r.implementation(),
                        r.megabytesPerSecond(), r.note());
            }
        }
        return 0;
    }

    static double seconds(String v) throws UsageException {
        if (v == null) {
            return DEFAULT_SECONDS;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (d >= 0.01 && d <= 60) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("option --seconds needs a number from 0.01 to 60, not '" + v + "'");
    }

    private static void header(PrintStream out, double seconds, int maxPdu) {
        out.println("dicomsec bench: a QUICK ESTIMATE of throughput on this machine (JMH figures: docs/benchmarks.md)");
        out.println("JDK     " + jdk());
        out.println("CPU     " + cpu() + " (" + Runtime.getRuntime().availableProcessors() + " logical CPUs), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        out.printf(Locale.ROOT, "timing  crypto rows %.1f s on %,d-byte buffers, median of %d rounds per CPU second of the"
                + " thread; transfer rows %.1f s of P-DATA-TF PDUs of max length %,d over loopback, wall clock;"
                + " each after a warm-up%n",
                seconds / 2, BenchCrypto.BUFFER, BenchCrypto.ROUNDS, seconds, maxPdu);
    }

    static String jdk() {
        return System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.name") + ")";
    }

    /** The CPU model from /proc/cpuinfo on Linux, else the architecture. */
    static String cpu() {
        try {
            Path info = Path.of("/proc/cpuinfo");
            if (Files.isReadable(info)) {
                for (String line : Files.readAllLines(info, StandardCharsets.UTF_8)) {
                    if (line.startsWith("model name") && line.indexOf(':') > 0) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall back to the architecture
        }
        return System.getProperty("os.arch") + " (model unknown)";
    }
}
