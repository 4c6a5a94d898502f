package org.dicomsec.bench.iscl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.dicomsec.iscl.IntegrityMechanism;
import org.dicomsec.iscl.Iscl;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.iscl.PrivacyMechanism;
import org.dicomsec.iscl.engine.RecordOutputStream;
import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.iscl.keys.SoftwareKeyCard;
import org.dicomsec.ul.pdu.PDataWriter;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnection;
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
 * ISCL record throughput over loopback (docs/iscl-wire-format.md section 8):
 * an {@link Iscl#connector} sends P-DATA-TF PDUs (PS3.8 9.3.5: 6-byte PDU
 * header, 6-byte PDV header, payload, written by the Upper Layer's own
 * {@link PDataWriter}) to an {@link Iscl#acceptor} whose thread drains them and
 * acknowledges each operation with one byte. One operation = {@code kib} KiB
 * of payload; the handshake is outside the measurement.
 *
 * <p>Parameters: integrity and privacy mechanism; {@code maxPdu}, the Maximum
 * Length the receiver announced (PS3.8 D.1: a PDU is {@code maxPdu + 6} bytes
 * on the wire); {@code packetSize}, the maximum packet size P of both sides
 * (section 5.4); {@code flush}: {@code message} flushes once per operation, as
 * the Upper Layer does (it flushes after the last fragment of a message), so
 * records are cut at P whatever the PDU boundaries; {@code pdu} flushes after
 * every PDU (the worst case: each PDU ends a record).
 *
 * <p>Aux counters: {@code bytes} (payload bytes, as a rate: MB/s = bytes/s /
 * 10^6 of wall time), {@code records} and {@code pdus} (totals per iteration:
 * records per PDU = records / pdus, counted on the sender), {@code payload} and
 * {@code cpuNanos} (CPU time of both ends: CPU ms per MB = cpuNanos / payload).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class IsclRecordBenchmark {

    @Param({"DES_MAC", "MD5_DES"})
    public String integrity;

    @Param({"NONE", "DES_CBC"})
    public String privacy;

    @Param({"4096", "16384", "65512", "65536", "262144"})
    public int maxPdu;

    @Param({"16384", "65536", "262144"})
    public int packetSize;

    @Param({"message", "pdu"})
    public String flush;

    /** KiB of payload per operation. */
    @Param({"2048"})
    public int kib;

    private TransportAcceptor acceptor;
    private Thread server;
    private TransportConnection connection;
    private RecordOutputStream records;
    private OutputStream sink;
    private InputStream ack;
    private PDataWriter writer;
    private long payloadPerOp;
    private long pdusPerOp;

    /** Counters of the sending thread. */
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
     * Totals per iteration: records and PDUs sent, payload bytes, and the CPU time of
     * both ends (sender thread and acceptor thread) in nanoseconds: CPU ms per MB =
     * cpuNanos / payload, steadier than wall time on a shared machine.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public long records;
        public long pdus;
        public long payload;
        public long cpuNanos;

        @Setup(Level.Iteration)
        public void clear() {
            records = 0;
            pdus = 0;
            payload = 0;
            cpuNanos = 0;
        }
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Setup(Level.Trial)
    public void setup() throws Exception {
        IsclKeyring ringA = IsclKeyring.create();
        ringA.putGenerated("SCU", "SCP", Map.of());
        IsclKeyring ringB = IsclKeyring.create();
        ringA.mirrorInto(ringB, "SCU", "SCP", Map.of());
        IntegrityMechanism im = IntegrityMechanism.valueOf(integrity);
        PrivacyMechanism pm = PrivacyMechanism.valueOf(privacy);
        IsclConfig a = IsclConfig.builder(new SoftwareKeyCard(ringA), "SCU").integrity(im).privacy(pm)
                .volumeLimit(IsclConfig.MAX_VOLUME_LIMIT) // one line connection per trial
                .maxPacketSize(packetSize).build();
        IsclConfig b = IsclConfig.builder(new SoftwareKeyCard(ringB), "SCP").integrity(im).privacy(pm)
                .maxPacketSize(packetSize).build();

        payloadPerOp = (long) kib << 10;
        writer = new PDataWriter(maxPdu, maxPdu);
        int maxPayload = writer.maxPayloadLength();
        pdusPerOp = (payloadPerOp + maxPayload - 1) / maxPayload;
        long wirePerOp = payloadPerOp + pdusPerOp * PDataWriter.PREFIX_LENGTH;
        byte[] buf = writer.buffer();
        for (int i = 0; i < buf.length; i++) {
            buf[i] = (byte) (i * 31 + 7);
        }

        acceptor = Iscl.acceptor(b, InetAddress.getLoopbackAddress(), 0);
        server = new Thread(() -> drain(acceptor, wirePerOp), "iscl-bench-server");
        server.setDaemon(true);
        server.start();
        connection = Iscl.connector(a, "SCP").connect(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), acceptor.localPort()), 10_000);
        sink = connection.output();
        records = (RecordOutputStream) sink;
        ack = connection.input();
        System.out.printf(Locale.ROOT, "%nISCL-SETUP %s, packet size %d; %d PDUs of at most %d payload bytes per op%n",
                connection.security(), connection.recordPayloadSize(), pdusPerOp, maxPayload);
    }

    /** The acceptor's side: reads each operation's bytes to the end and answers one byte. */
    private static void drain(TransportAcceptor acceptor, long wirePerOp) {
        try (TransportConnection c = acceptor.accept().handshake(10_000)) {
            InputStream in = c.input();
            OutputStream out = c.output();
            byte[] buf = new byte[1 << 16];
            while (true) {
                long need = wirePerOp;
                while (need > 0) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, need));
                    if (n < 0) {
                        return;
                    }
                    need -= n;
                }
                out.write(1);
                out.flush();
            }
        } catch (IOException e) {
            System.out.println("ISCL-SERVER ended: " + e);
        }
    }

    @Benchmark
    public int send(Bytes bytes, Counts counts) throws IOException {
        long records0 = records.recordsSent();
        long cpu0 = cpu();
        boolean perPdu = flush.equals("pdu");
        int max = writer.maxPayloadLength();
        long left = payloadPerOp;
        while (left > 0) {
            int n = (int) Math.min(max, left);
            left -= n;
            writer.write(sink, 1, false, left == 0, n);
            if (perPdu) {
                sink.flush();
            }
        }
        sink.flush();
        int a = ack.read();
        if (a != 1) {
            throw new IOException("acceptor did not acknowledge (" + a + ")");
        }
        bytes.bytes += payloadPerOp;
        counts.pdus += pdusPerOp;
        counts.records += records.recordsSent() - records0;
        counts.payload += payloadPerOp;
        counts.cpuNanos += cpu() - cpu0;
        return a;
    }

    /** CPU time of this thread and the acceptor's thread. */
    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; the module compiles for 17
    private long cpu() {
        return threads.getCurrentThreadCpuTime() + threads.getThreadCpuTime(server.getId());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            connection.close();
        } finally {
            acceptor.close();
            server.join(10_000);
        }
    }
}
