package org.dicomsec.ul.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * The timing of crypto rows ({@code dicomsec bench}): each {@link Task} encrypts
 * (or MACs) one record-sized buffer ({@link #BUFFER} bytes, a full TLS record)
 * over and over. The tasks come from the modules that own the primitives
 * ({@code org.dicomsec.iscl.bench.IsclCryptoTasks}: DES-CBC, DES-MAC, MD5+DES;
 * {@code org.dicomsec.tls.bench.CipherTasks}: 3DES and the AEAD ciphers through
 * the JCA and BouncyCastle's lightweight engines, the comparison that decides
 * {@code TlsCryptoChoice}); this class only runs and times them, JDK only.
 *
 * <p>How, and why so: the JCA's AES-GCM reaches the CPU's instructions only once
 * C2 has compiled its callers, which takes seconds of calls on a busy machine. When
 * each row warmed up alone, just before its own measurement, the first AES-GCM row
 * (AES-128) was measured half in the interpreter's Java GHASH and the second
 * (AES-256) on code the first had made hot: AES-256 read faster than AES-128
 * (about 5,000 against 3,100 MB/s), the order of the rows, not the ciphers. Now
 * <ol>
 * <li>every primitive warms up first, all in turn, in slices of {@value #SLICE_MILLIS} ms,
 *     for the whole warm-up time (the rows' warm-ups together);
 * <li>then all are measured in {@value #ROUNDS} rounds, all in turn within each round,
 *     and each row reports its median round (its low and high are kept);
 * <li>time is the measuring thread's CPU time, as {@code openssl speed} counts it,
 *     so that other processes on the machine do not lower the figure (and the
 *     openssl column compares); each operation's result feeds a sink, so the JIT
 *     cannot drop the work.
 * </ol>
 */
public final class CryptoThroughput {

    /** Bytes per operation: one full TLS record (RFC 8446 5.1: 2^14). */
    public static final int BUFFER = 16_384;

    /** Rounds of each row's measurement; the median is reported. */
    public static final int ROUNDS = 5;
    static final int SLICE_MILLIS = 50;

    /** One operation on a {@link #BUFFER}-byte buffer; returns a byte of the result so the JIT cannot drop the work. */
    @FunctionalInterface
    public interface Op {
        byte run() throws Exception;
    }

    /**
     * One crypto row to measure.
     *
     * @param name           the primitive ("AES-128-GCM")
     * @param implementation who computes it ("JCA SunJCE", "BC lightweight")
     * @param op             one operation on {@link #BUFFER} bytes
     */
    public record Task(String name, String implementation, Op op) {
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean cpuClock;
    /** Collects a byte of each result: printed nowhere, it only keeps the work observable. */
    private int sink;

    public CryptoThroughput() {
        boolean cpu = false;
        try {
            cpu = threads.isCurrentThreadCpuTimeSupported();
            if (cpu && !threads.isThreadCpuTimeEnabled()) {
                threads.setThreadCpuTimeEnabled(true);
            }
            cpu = threads.getCurrentThreadCpuTime() >= 0;
        } catch (UnsupportedOperationException | SecurityException e) {
            cpu = false;
        }
        cpuClock = cpu;
    }

    /** Whether rows are timed by the thread's CPU time (else by the wall clock). */
    public boolean cpuClock() {
        return cpuClock;
    }

    /**
     * Warms every task up, then measures each for about {@code seconds} (in {@link #ROUNDS}
     * rounds); {@code openssl}, when there, adds its figure for the same cipher to the row.
     * Rows come in the order of the tasks, each also given to {@code progress}.
     */
    public List<BenchRow> run(List<Task> tasks, double seconds, Consumer<BenchRow> progress,
                              Optional<OpenSslSpeed> openssl) throws Exception {
        warmUp(tasks, warmUpNanos(seconds) * tasks.size());
        List<BenchRow> rows = new ArrayList<>();
        for (BenchRow measured : measure(tasks, seconds)) {
            BenchRow row = measured;
            if (openssl.isPresent()) {
                OptionalDouble ref = openssl.get().megabytesPerSecond(row.name());
                if (ref.isPresent()) {
                    row = row.withOpenSsl(ref.getAsDouble());
                }
            }
            rows.add(row);
            progress.accept(row);
        }
        return rows;
    }

    /**
     * The warm-up budget of one row: a fifth of the row's time, but at least half a second (or
     * the row's time when shorter): HotSpot needs some thousands of calls before C2 compiles the
     * AES and GHASH intrinsics in, and a cold row would be off by a factor of 20.
     */
    public static long warmUpNanos(double seconds) {
        return (long) (Math.max(seconds * 0.2, Math.min(0.5, seconds)) * 1e9);
    }

    /**
     * All primitives in turn, a slice each, for the whole of {@code budgetNanos} of wall time. In
     * turn rather than one after the other, so that the JIT compiles them all while the others run
     * and none is measured on code that another row made hot; for the whole budget, not until the
     * rates look steady, since a primitive still in the interpreter looks as steady as a compiled
     * one while C2 works through its queue (seen: AES-128-GCM "steady" at a third of its speed).
     */
    private void warmUp(List<Task> tasks, long budgetNanos) throws Exception {
        int n = tasks.size();
        long sliceNanos = Math.min(SLICE_MILLIS * 1_000_000L, Math.max(1_000_000L, budgetNanos / (3L * n)));
        long end = System.nanoTime() + budgetNanos;
        while (System.nanoTime() < end) {
            for (Task t : tasks) {
                slice(t.op(), sliceNanos);
            }
        }
    }

    /** Runs {@code op} for {@code nanos} of wall time: {operations per clock second, operations, clock nanos}. */
    private double[] slice(Op op, long nanos) throws Exception {
        long t0 = clock();
        long start = System.nanoTime();
        long end = start + nanos;
        long ops = 0;
        do {
            sink += op.run();
            ops++;
        } while (System.nanoTime() < end);
        long spent = Math.max(1, clock() - t0);
        return new double[] {ops * 1e9 / spent, ops, spent};
    }

    /**
     * {@link #ROUNDS} rounds of {@code seconds / ROUNDS} for each task, the tasks in turn within
     * each round: whatever happens to the machine or the JIT during the measurement (a late
     * compilation, another process) falls on every row alike, not on the row that happens to be
     * measured at the time. Measured one after the other, the first AES-GCM row of the JCA read
     * 25-35% below the second, whichever key size came first. Each row is its median round.
     */
    private List<BenchRow> measure(List<Task> tasks, double seconds) throws Exception {
        long roundNanos = Math.max(1_000_000L, (long) (seconds * 1e9 / ROUNDS));
        double[][][] rounds = new double[tasks.size()][ROUNDS][];
        for (int r = 0; r < ROUNDS; r++) {
            for (int i = 0; i < tasks.size(); i++) {
                rounds[i][r] = slice(tasks.get(i).op(), roundNanos);
            }
        }
        List<BenchRow> rows = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            double[][] sorted = rounds[i].clone();
            Arrays.sort(sorted, Comparator.comparingDouble(x -> x[0]));
            double[] median = sorted[ROUNDS / 2];
            double low = sorted[0][0] * BUFFER / 1e6;
            double high = sorted[ROUNDS - 1][0] * BUFFER / 1e6;
            Task t = tasks.get(i);
            rows.add(new BenchRow("crypto", t.name(), t.implementation(), (long) median[1] * BUFFER, median[2] / 1e9,
                    cpuClock, 0, low, high, Double.NaN));
        }
        return rows;
    }

    /** The thread's CPU time in nanoseconds, or the wall clock where the JVM has none. */
    private long clock() {
        return cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }
}
