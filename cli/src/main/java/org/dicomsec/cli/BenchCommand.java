package org.dicomsec.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.dicomsec.iscl.bench.IsclBench;
import org.dicomsec.tls.TlsProfile;
import org.dicomsec.tls.bench.TlsBench;
import org.dicomsec.ul.bench.BenchRow;
import org.dicomsec.ul.bench.CStoreThroughput;
import org.dicomsec.ul.bench.CryptoThroughput;
import org.dicomsec.ul.bench.Loopback;
import org.dicomsec.ul.bench.Machine;
import org.dicomsec.ul.bench.OpenSslSpeed;
import org.dicomsec.ul.bench.PDataThroughput;

/**
 * {@code dicomsec bench}: a quick crypto and transfer throughput table for
 * this machine in well under a minute. The measuring is the libraries'
 * ({@link CryptoThroughput}, {@link PDataThroughput}, {@link CStoreThroughput};
 * the tasks and loopback pairs from {@link IsclBench} and {@link TlsBench});
 * this class chooses the rows and prints them. A quick estimate, not a benchmark: the JMH figures, with their
 * method and noise, are in docs/benchmarks.md.
 */
final class BenchCommand extends OptionCommand {

    static final double DEFAULT_SECONDS = 2.0;

    /** The Maximum Length the CLI announces by default (store/echo --max-pdu): 16,384. */
    static final int DEFAULT_MAX_PDU = 16_384;

    static final OptionParser OPTIONS = new OptionParser("bench",
            "Measure crypto and transfer throughput on this machine (a quick estimate; JMH figures in docs/benchmarks.md).")
            .value("seconds", 's', "S", "time of each transfer row, crypto rows take half (default 2; decimals allowed)")
            .value("max-pdu", 'm', "N", "P-DATA-TF maximum length of the transfer rows (default "
                    + DEFAULT_MAX_PDU + ")")
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
                    + "Transfer rows: wall clock, after a warm-up. Study rows wait for each response, so their\n"
                    + "figure is mostly the wake-ups of two threads; they warm up for at least "
                    + CStoreThroughput.STUDY_WARM_UP_NANOS / 1_000_000_000.0 + " s, for the steady\n"
                    + "state of the CPUs (docs/benchmarks.md, \"dicomsec bench\"). MB/s are 10^6 bytes per second.");

    BenchCommand() {
        super(OPTIONS, "quick crypto and loopback transfer throughput table for this machine");
    }

    @Override
    int run(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
        if (o.has("crypto-only") && o.has("transfer-only")) {
            throw new UsageException("--crypto-only and --transfer-only exclude each other");
        }
        double seconds = seconds(o.value("seconds"));
        int maxPdu = o.intValue("max-pdu", DEFAULT_MAX_PDU, 1024, 16 << 20);
        boolean json = o.has("json");
        boolean quiet = json || o.quiet();
        Optional<OpenSslSpeed> openssl = o.has("no-openssl") || o.has("transfer-only") ? Optional.empty()
                : OpenSslSpeed.onPath();
        String opensslVersion = openssl.map(OpenSslSpeed::version).orElse(null);
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
            TlsBench tls = new TlsBench();
            try (IsclBench iscl = new IsclBench()) {
                if (!o.has("transfer-only")) {
                    if (!quiet) {
                        out.printf(Locale.ROOT, "(crypto rows measured together, all in turn: about %.0f s)%n",
                                11 * (CryptoThroughput.warmUpNanos(seconds / 2) / 1e9 + seconds / 2)
                                        + (openssl.isPresent() ? OpenSslSpeed.CIPHERS.size() * 1.2 : 0));
                        out.flush();
                    }
                    rows.addAll(new CryptoThroughput().run(cryptoTasks(iscl, tls), seconds / 2, progress, openssl));
                }
                if (!o.has("crypto-only")) {
                    transferRows(tls, iscl, seconds, maxPdu, progress, rows);
                }
            }
        } finally {
            libraries.setLevel(before);
        }
        double total = (System.nanoTime() - start) / 1e9;
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("quickEstimate", true);
            m.put("note", "a quick estimate; JMH figures are in docs/benchmarks.md");
            m.putAll(Machine.current().toJson());
            m.put("secondsPerTransferRow", seconds);
            m.put("cryptoBufferBytes", CryptoThroughput.BUFFER);
            m.put("cryptoRounds", CryptoThroughput.ROUNDS);
            m.put("openssl", opensslVersion);
            m.put("studyInstanceBytes", CStoreThroughput.STUDY_INSTANCE_BYTES);
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

    /** The crypto rows in table order: DES-CBC, 3DES-CBC (JCA, BC), DES-MAC, MD5+DES, then the AEAD ciphers. */
    private static List<CryptoThroughput.Task> cryptoTasks(IsclBench iscl, TlsBench tls) throws Exception {
        List<CryptoThroughput.Task> i = iscl.cryptoTasks();
        List<CryptoThroughput.Task> t = tls.cryptoTasks();
        List<CryptoThroughput.Task> all = new ArrayList<>();
        all.add(i.get(0));
        all.addAll(t.subList(0, 2));
        all.addAll(i.subList(1, i.size()));
        all.addAll(t.subList(2, t.size()));
        return all;
    }

    /**
     * P-DATA-TF over raw TCP, TLS bcp195-nd and basic, ISCL with and without privacy; C-STORE over
     * plain, TLS bcp195-nd and ISCL with privacy; a study of small instances over plain and TLS.
     */
    private static void transferRows(TlsBench tls, IsclBench iscl, double seconds, int maxPdu,
                                     Consumer<BenchRow> progress, List<BenchRow> rows) throws Exception {
        String tlsDefault = "TLS " + TlsProfile.DEFAULT.profileName();
        for (Loopback pair : List.of(Loopback.plain("raw TCP"), tls.loopback(tlsDefault, TlsProfile.BCP195_ND),
                tls.loopback("TLS " + TlsProfile.BASIC.profileName(), TlsProfile.BASIC),
                iscl.loopback("ISCL with privacy", true), iscl.loopback("ISCL without privacy", false))) {
            add(rows, progress, PDataThroughput.measure(pair, seconds, maxPdu));
        }
        for (Loopback pair : List.of(Loopback.plain("C-STORE plain"), tls.loopback("C-STORE " + tlsDefault,
                TlsProfile.DEFAULT), iscl.loopback("C-STORE ISCL privacy", true))) {
            add(rows, progress, CStoreThroughput.measure(pair, seconds, maxPdu));
        }
        // a study: many small instances in one association (per-instance cost, in instances per second);
        // half the time of a row, thousands of instances either way
        for (Loopback pair : List.of(Loopback.plain("C-STORE study plain"), tls.loopback("C-STORE study "
                + tlsDefault, TlsProfile.DEFAULT))) {
            add(rows, progress, CStoreThroughput.study(pair, seconds / 2, maxPdu));
        }
    }

    private static void add(List<BenchRow> rows, Consumer<BenchRow> progress, BenchRow row) {
        rows.add(row);
        progress.accept(row);
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
        Machine m = Machine.current();
        out.println("JDK     " + m.jdk());
        out.println("CPU     " + m.cpu() + " (" + m.logicalCpus() + " logical CPUs), " + m.os());
        out.printf(Locale.ROOT, "timing  crypto rows %.1f s on %,d-byte buffers, median of %d rounds per CPU second of the"
                + " thread; transfer rows %.1f s of P-DATA-TF PDUs of max length %,d over loopback, wall clock;"
                + " each after a warm-up%n",
                seconds / 2, CryptoThroughput.BUFFER, CryptoThroughput.ROUNDS, seconds, maxPdu);
    }
}
