package org.dicomsec.bench.iscl;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.dicomsec.iscl.crypto.DesBlock;
import org.dicomsec.iscl.crypto.DesKey;
import org.dicomsec.iscl.crypto.DesMac;
import org.dicomsec.iscl.crypto.Md5Des;
import org.dicomsec.iscl.crypto.Md5Order;
import org.dicomsec.iscl.crypto.RandomBytes;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the ISCL primitives (PS3.15 Table B.2-1) over one buffer of
 * {@code size} bytes per operation, as the record layer uses them
 * (docs/iscl-wire-format.md section 8.3):
 * <ul>
 * <li>{@code desCbcEncrypt} / {@code desCbcDecrypt}: DES-CBC (FIPS 81) in place, {@link DesBlock}
 *     (BouncyCastle's DESEngine); {@code desCbcJca}: the JDK's "DES/CBC/NoPadding" for comparison;</li>
 * <li>{@code desMac}: ISO 8730 / ISO/IEC 9797-1 MAC algorithm 1, {@link DesMac};</li>
 * <li>{@code md5}: RFC 1321, the JDK's MessageDigest;</li>
 * <li>{@code md5DesEncryptRandomThenHash}, {@code md5DesHashThenEncrypt}: "MD-5 encrypted with DES"
 *     in the two orders, {@link Md5Des}.</li>
 * </ul>
 * MB/s = aux counter {@code bytes} per second / 10^6 (wall time); MB per CPU second =
 * {@code cpuBytes / cpuNanos * 1000} from the thread's CPU time around each invocation
 * (Level.Invocation fixtures cost about a microsecond against the 200 us or more of an
 * operation). See docs/benchmarks.md, section ISCL.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class IsclPrimitivesBenchmark {

    @Param({"16384", "65536"})
    public int size;

    private byte[] buf;
    private final byte[] out = new byte[16];
    private final byte[] iv = new byte[8];
    private DesBlock des;
    private DesMac desMac;
    private MessageDigest md5;
    private Md5Des md5Des;
    private Cipher jcaEnc;
    private long seq;

    /** Bytes processed, reported by JMH as a rate (bytes/s). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void clear() {
            bytes = 0;
        }
    }

    /**
     * Totals per iteration: bytes and the CPU time of the benchmark thread spent on them
     * (MB per CPU second = cpuBytes / cpuNanos * 1000), steadier than wall time on a shared machine.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        public long cpuBytes;
        public long cpuNanos;
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private long start;

        @Setup(Level.Iteration)
        public void clear() {
            cpuBytes = 0;
            cpuNanos = 0;
        }

        @Setup(Level.Invocation)
        public void begin() {
            start = threads.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Invocation)
        public void end() {
            cpuNanos += threads.getCurrentThreadCpuTime() - start;
        }
    }

    @Setup(Level.Trial)
    public void setup() throws Exception {
        buf = new byte[size];
        for (int i = 0; i < size; i++) {
            buf[i] = (byte) (i * 31 + 7);
        }
        RandomBytes random = RandomBytes.secure();
        DesKey k = DesKey.generate(random);
        byte[] raw = k.bytes();
        des = new DesBlock(k);
        desMac = new DesMac(k);
        md5 = MessageDigest.getInstance("MD5");
        byte[] n = new byte[8];
        random.nextBytes(n);
        md5Des = new Md5Des(k, n);
        jcaEnc = Cipher.getInstance("DES/CBC/NoPadding");
        jcaEnc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(raw, "DES"), new IvParameterSpec(iv));
        java.util.Arrays.fill(raw, (byte) 0);
    }

    @Benchmark
    public byte desCbcEncrypt(Bytes b, Cpu c) {
        des.cbcEncrypt(iv, buf, 0, size);
        b.bytes += size;
        c.cpuBytes += size;
        return buf[size - 1];
    }

    @Benchmark
    public byte desCbcDecrypt(Bytes b, Cpu c) {
        des.cbcDecrypt(iv, buf, 0, size);
        b.bytes += size;
        c.cpuBytes += size;
        return buf[size - 1];
    }

    @Benchmark
    public byte desCbcJca(Bytes b, Cpu c) throws Exception {
        // in place; doFinal resets the cipher to the IV given at init
        jcaEnc.doFinal(buf, 0, size, buf, 0);
        b.bytes += size;
        c.cpuBytes += size;
        return buf[size - 1];
    }

    @Benchmark
    public byte desMac(Bytes b, Cpu c) {
        desMac.update(buf, 0, size);
        desMac.doFinal(out, 0);
        b.bytes += size;
        c.cpuBytes += size;
        return out[0];
    }

    @Benchmark
    public byte md5(Bytes b, Cpu c) {
        md5.update(buf, 0, size);
        byte[] h = md5.digest();
        b.bytes += size;
        c.cpuBytes += size;
        return h[0];
    }

    @Benchmark
    public byte md5DesEncryptRandomThenHash(Bytes b, Cpu c) {
        return md5Des(b, c, Md5Order.ENCRYPT_RANDOM_THEN_HASH);
    }

    @Benchmark
    public byte md5DesHashThenEncrypt(Bytes b, Cpu c) {
        return md5Des(b, c, Md5Order.HASH_THEN_ENCRYPT);
    }

    private byte md5Des(Bytes b, Cpu c, Md5Order order) {
        md5Des.begin(order, seq++);
        md5Des.update(buf, 0, size);
        md5Des.doFinal(order, out, 0);
        b.bytes += size;
        c.cpuBytes += size;
        return out[0];
    }
}
