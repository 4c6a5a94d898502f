package org.dicomsec.bench.iscl;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.dicomsec.data.UID;
import org.dicomsec.iscl.IntegrityMechanism;
import org.dicomsec.iscl.Iscl;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.iscl.PrivacyMechanism;
import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.iscl.keys.SoftwareKeyCard;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.dimse.CStoreRsp;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.transport.TransportAcceptor;
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
 * C-STORE of a {@code mib} MiB instance over loopback ISCL (PS3.15 B.2) with
 * the Upper Layer of ul-protocol: one association per trial (handshake and
 * association set-up outside the measurement), one C-STORE per operation, the
 * data set streamed from a generator (never whole in memory) to an SCP whose
 * handler reads it to the end. {@code maxPdu} is the Maximum Length both sides
 * announce (PS3.8 D.1); the ISCL packet size is the default (65,536).
 *
 * <p>Each iteration prints {@code ISCL-CSTORE ... MB/s=... cpu-ms/MB=...}:
 * payload MB (10^6 bytes) per second of wall time, and the CPU time of both
 * ends (SCU thread and SCP thread) per MB, steadier on a shared machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class IsclCStoreBenchmark {

    /** Integrity and privacy: DES_MAC, DES_MAC+DES_CBC, MD5_DES, MD5_DES+DES_CBC. */
    @Param({"DES_MAC", "DES_MAC+DES_CBC", "MD5_DES"})
    public String mechanism;

    @Param({"16384", "65536", "262144"})
    public int maxPdu;

    @Param({"256"})
    public int mib;

    private TransportAcceptor acceptor;
    private Thread scpThread;
    private volatile long scpThreadId;
    private Association scu;
    private long size;
    private long opNanos;
    private long opCpuNanos;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Setup(Level.Trial)
    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; the module compiles for 17
    public void setup() throws Exception {
        String[] m = mechanism.split("\\+");
        IntegrityMechanism im = IntegrityMechanism.valueOf(m[0]);
        PrivacyMechanism pm = m.length > 1 ? PrivacyMechanism.valueOf(m[1]) : PrivacyMechanism.NONE;
        IsclKeyring ringA = IsclKeyring.create();
        ringA.putGenerated("SCU", "SCP", Map.of());
        IsclKeyring ringB = IsclKeyring.create();
        ringA.mirrorInto(ringB, "SCU", "SCP", Map.of());
        // 4 single-shot C-STOREs of 256 MiB per trial on one line connection: above the default 1 GiB volume limit
        IsclConfig a = IsclConfig.builder(new SoftwareKeyCard(ringA), "SCU").integrity(im).privacy(pm)
                .volumeLimit(IsclConfig.MAX_VOLUME_LIMIT).build();
        IsclConfig b = IsclConfig.builder(new SoftwareKeyCard(ringB), "SCP").integrity(im).privacy(pm).build();
        size = (long) mib << 20;
        AssociationSettings settings = AssociationSettings.DEFAULT.withMaxPduLength(maxPdu);

        acceptor = Iscl.acceptor(b, InetAddress.getLoopbackAddress(), 0);
        AcceptorPolicy policy = AcceptorPolicy.builder()
                .abstractSyntax(UID.SecondaryCaptureImageStorage, UID.ExplicitVRLittleEndian).build();
        DimseHandlers handlers = DimseHandlers.builder().cstore((assoc, pc, rq, in) -> {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) > 0) {
                // drained: the SCP side of the transfer is what is measured
            }
            return Status.OK;
        }).build();
        scpThread = new Thread(() -> {
            scpThreadId = Thread.currentThread().getId();
            try {
                Association.accept(acceptor.accept().handshake(10_000), policy, handlers, settings).serve();
            } catch (IOException e) {
                System.out.println("ISCL-SCP ended: " + e);
            }
        }, "iscl-cstore-scp");
        scpThread.setDaemon(true);
        scpThread.start();
        scu = Association.request(Iscl.connector(a, "SCP"),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), acceptor.localPort()),
                AssociationRequest.builder("SCP", "SCU")
                        .presentationContext(UID.SecondaryCaptureImageStorage, UID.ExplicitVRLittleEndian)
                        .settings(settings).build());
        System.out.printf(Locale.ROOT, "%nISCL-CSTORE-SETUP %s; peer max PDU %d, send payload %d%n", scu.security(),
                scu.peerMaxPduLength(), scu.sendPayloadLength());
    }

    /** A data set of {@code size} bytes made on the fly (a repeated 64 KiB pattern). */
    private static InputStream generated(long size) {
        byte[] pattern = new byte[1 << 16];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i * 31 + 7);
        }
        return new InputStream() {
            long left = size;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                left--;
                return pattern[(int) (left % pattern.length)] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(Math.min(len, left), pattern.length);
                System.arraycopy(pattern, 0, b, off, n);
                left -= n;
                return n;
            }
        };
    }

    @Benchmark
    public int cstore() throws IOException {
        long cpu0 = threads.getCurrentThreadCpuTime() + threads.getThreadCpuTime(scpThreadId);
        long t0 = System.nanoTime();
        CStoreRsp rsp = scu.cstore(UID.SecondaryCaptureImageStorage, "2.25.1", UID.ExplicitVRLittleEndian,
                generated(size));
        opNanos = System.nanoTime() - t0;
        opCpuNanos = threads.getCurrentThreadCpuTime() + threads.getThreadCpuTime(scpThreadId) - cpu0;
        if (!rsp.status().isSuccess()) {
            throw new IOException("C-STORE failed: " + rsp);
        }
        return rsp.status().code();
    }

    @TearDown(Level.Iteration)
    public void report() {
        if (opNanos > 0) {
            System.out.printf(Locale.ROOT, "%nISCL-CSTORE mechanism=%s maxPdu=%d MB/s=%.1f cpu-ms/MB=%.2f%n",
                    mechanism, maxPdu, size / 1e6 / (opNanos / 1e9), opCpuNanos / 1e6 / (size / 1e6));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            scu.release();
        } finally {
            acceptor.close();
            scpThread.join(10_000);
        }
    }
}
