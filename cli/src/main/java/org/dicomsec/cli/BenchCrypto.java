package org.dicomsec.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CBCModeCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.dicomsec.iscl.crypto.DesBlock;
import org.dicomsec.iscl.crypto.DesKey;
import org.dicomsec.iscl.crypto.DesMac;
import org.dicomsec.iscl.crypto.Md5Des;
import org.dicomsec.iscl.crypto.Md5Order;

/**
 * The crypto rows of {@code dicomsec bench}: each primitive encrypts (or MACs)
 * one record-sized buffer ({@link #BUFFER} bytes, a full TLS record) over and
 * over. ISCL's primitives are the iscl module's own (DES-CBC, DES-MAC, MD5+DES,
 * on BouncyCastle's DESEngine); the AEAD ciphers run twice, through the JDK's
 * JCA provider (HotSpot uses the CPU's AES and carry-less multiply
 * instructions) and through BouncyCastle's lightweight pure-Java engines: the
 * comparison that decides {@code TlsCryptoChoice}. Every AEAD operation takes a
 * fresh nonce, as the real protocols do (and as both providers insist).
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
final class BenchCrypto {

    /** Bytes per operation: one full TLS record (RFC 8446 5.1: 2^14). */
    static final int BUFFER = 16_384;

    /** Rounds of each row's measurement; the median is reported. */
    static final int ROUNDS = 5;
    static final int SLICE_MILLIS = 50;

    /** One operation on {@link #buf}; returns a byte of the result so the JIT cannot drop the work. */
    private interface Op {
        byte run() throws GeneralSecurityException, InvalidCipherTextException;
    }

    private record Task(String name, String implementation, Op op) {
    }

    private final byte[] buf = new byte[BUFFER];
    private final byte[] out = new byte[BUFFER + 64];
    private final SecureRandom random = new SecureRandom();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean cpuClock;
    private long nonceCounter;
    /** Collects a byte of each result: printed nowhere, it only keeps the work observable. */
    int sink;

    BenchCrypto() {
        random.nextBytes(buf);
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
    boolean cpuClock() {
        return cpuClock;
    }

    /**
     * Warms every primitive up, then measures each for about {@code seconds} (in {@link #ROUNDS}
     * rounds); {@code openssl}, when there, adds its figure for the same cipher to the row.
     */
    List<BenchRow> run(double seconds, Consumer<BenchRow> progress, Optional<BenchOpenSsl> openssl)
            throws Exception {
        DesKey desKey = DesKey.generate(org.dicomsec.iscl.crypto.RandomBytes.secure());
        try {
            List<Task> tasks = tasks(desKey);
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
        } finally {
            desKey.destroy();
        }
    }

    private List<Task> tasks(DesKey desKey) throws GeneralSecurityException {
        List<Task> tasks = new ArrayList<>();
        DesBlock des = new DesBlock(desKey);
        DesMac mac = new DesMac(desKey);
        byte[] r8 = bytes(8);
        Md5Des md5des = new Md5Des(desKey, r8);
        byte[] iv = new byte[8];
        byte[] tag = new byte[16];
        tasks.add(new Task("DES-CBC", "iscl (BC DESEngine)", () -> {
            des.cbcEncrypt(iv, buf, 0, BUFFER);
            return buf[0];
        }));
        byte[] k24 = bytes(24);
        Cipher jca3des = Cipher.getInstance("DESede/CBC/NoPadding");
        SecretKeySpec k3 = new SecretKeySpec(k24, "DESede");
        IvParameterSpec iv3 = new IvParameterSpec(bytes(8));
        tasks.add(new Task("3DES-CBC", "JCA " + jca3des.getProvider().getName(), () -> {
            jca3des.init(Cipher.ENCRYPT_MODE, k3, iv3);
            jca3des.doFinal(buf, 0, BUFFER, out, 0);
            return out[0];
        }));
        CBCModeCipher bc3des = CBCBlockCipher.newInstance(new DESedeEngine());
        bc3des.init(true, new ParametersWithIV(new KeyParameter(k24), bytes(8)));
        tasks.add(new Task("3DES-CBC", "BC lightweight", () -> {
            for (int off = 0; off < BUFFER; off += 8) {
                bc3des.processBlock(buf, off, out, off);
            }
            return out[0];
        }));
        tasks.add(new Task("DES-MAC", "iscl (BC DESEngine)", () -> {
            mac.update(buf, 0, BUFFER);
            mac.doFinal(tag, 0);
            return tag[0];
        }));
        long[] seq = {0};
        tasks.add(new Task("MD5+DES", "iscl (JDK MD5, BC DESEngine)", () -> {
            md5des.begin(Md5Order.ENCRYPT_RANDOM_THEN_HASH, seq[0]++);
            md5des.update(buf, 0, BUFFER);
            md5des.doFinal(Md5Order.ENCRYPT_RANDOM_THEN_HASH, tag, 0);
            return tag[0];
        }));
        for (int bits : new int[] {128, 256}) {
            String name = "AES-" + bits + "-GCM";
            SecretKeySpec k = new SecretKeySpec(bytes(bits / 8), "AES");
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            tasks.add(new Task(name, "JCA " + gcm.getProvider().getName(), () -> {
                gcm.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, nonce()));
                gcm.doFinal(buf, 0, BUFFER, out, 0);
                return out[0];
            }));
            AEADCipher bc = GCMBlockCipher.newInstance(AESEngine.newInstance());
            KeyParameter bk = new KeyParameter(k.getEncoded());
            tasks.add(new Task(name, "BC lightweight", () -> aead(bc, bk)));
        }
        SecretKeySpec ck = new SecretKeySpec(bytes(32), "ChaCha20");
        Cipher chacha = Cipher.getInstance("ChaCha20-Poly1305");
        tasks.add(new Task("ChaCha20-Poly1305", "JCA " + chacha.getProvider().getName(), () -> {
            chacha.init(Cipher.ENCRYPT_MODE, ck, new IvParameterSpec(nonce()));
            chacha.doFinal(buf, 0, BUFFER, out, 0);
            return out[0];
        }));
        ChaCha20Poly1305 bcChacha = new ChaCha20Poly1305();
        KeyParameter bck = new KeyParameter(ck.getEncoded());
        tasks.add(new Task("ChaCha20-Poly1305", "BC lightweight", () -> aead(bcChacha, bck)));
        return tasks;
    }

    private byte aead(AEADCipher c, KeyParameter k) throws InvalidCipherTextException {
        c.init(true, new AEADParameters(k, 128, nonce()));
        int n = c.processBytes(buf, 0, BUFFER, out, 0);
        c.doFinal(out, n);
        return out[0];
    }

    /**
     * The warm-up budget of one row: a fifth of the row's time, but at least half a second (or
     * the row's time when shorter): HotSpot needs some thousands of calls before C2 compiles the
     * AES and GHASH intrinsics in, and a cold row would be off by a factor of 20.
     */
    static long warmUpNanos(double seconds) {
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

    /** A 96-bit nonce never used before in this run (a counter, as TLS 1.3 derives its nonces). */
    private byte[] nonce() {
        long n = ++nonceCounter;
        byte[] b = new byte[12];
        for (int i = 0; i < 8; i++) {
            b[11 - i] = (byte) (n >>> (8 * i));
        }
        return b;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
