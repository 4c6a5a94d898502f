package org.dicomsec.bench.tls;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.dicomsec.tls.demo.DemoPki;
import org.dicomsec.tls.TlsConfig;
import org.dicomsec.tls.TlsConnection;
import org.dicomsec.tls.TlsCryptoChoice;
import org.dicomsec.tls.TlsTransport;
import org.dicomsec.ul.pdu.PDataWriter;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnection;
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
 * The hot path of a secure C-STORE at the transport level: a 256 MiB data set
 * sent as P-DATA-TF PDUs (PS3.8 9.3.5: 6-byte PDU header, 6-byte PDV header,
 * payload; written by the Upper Layer's own {@link PDataWriter}) over loopback
 * TLS from a {@link TlsTransport} connector to a {@link TlsTransport} acceptor
 * whose thread drains and acknowledges each 256 MiB. One operation = one
 * 256 MiB transfer (the handshake is outside the measurement).
 *
 * <p>Parameters: the profile, the record crypto (JCA or BC), the Maximum
 * Length the receiver announced ({@code maxPdu}, PS3.8 D.1: the P-DATA-TF
 * variable field, so a PDU is {@code maxPdu + 6} bytes on the wire), and how
 * the sender writes a PDU ({@code output}):
 * <ul>
 * <li>{@code direct}: one write per PDU straight into the TLS stream
 *     ({@link TlsConnection#unbufferedOutput()});</li>
 * <li>{@code buffered16k}, {@code buffered64k}: the same through a
 *     {@link BufferedOutputStream} of 16 / 64 KiB;</li>
 * <li>{@code split}: the 12 header bytes and the payload as two writes;</li>
 * <li>{@code aligned}: one write per PDU into {@link TlsConnection#output()},
 *     which cuts the stream into full 16,384-byte records.</li>
 * </ul>
 * Each iteration prints a line {@code TLS-RESULT ...} with MB/s (10^6 payload
 * bytes per second of wall time), the CPU milliseconds both ends spent per MB
 * (sender and acceptor thread; on a shared machine this is steadier than wall
 * time), TLS records per PDU and socket writes per PDU, counted by
 * {@link RecordCounter} on the client socket. Run a subset with {@code -p},
 * e.g. {@code -p profile=bcp195-nd -p crypto=JCA}; see docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class PduOverTlsBenchmark {

    @Param({"bcp195-nd", "bcp195", "bcp195-ex", "aes", "basic"})
    public String profile;

    @Param({"JCA", "BC"})
    public String crypto;

    @Param({"16372", "16378", "16384", "32762", "65530", "131072", "1048576"})
    public int maxPdu;

    @Param({"direct", "buffered16k", "buffered64k", "split", "aligned"})
    public String output;

    /** MiB of payload per operation (256; less for a quick look at the slow suites). */
    @Param({"256"})
    public int mib;

    private TransportAcceptor acceptor;
    private Thread server;
    private TlsConnection connection;
    private RecordCounter counter;
    private OutputStream sink;
    private InputStream ack;
    private PDataWriter writer;
    private long payloadPerOp;
    private long pdusPerOp;

    private long opNanos;
    private long opRecords;
    private long opWrites;
    private long opCpuNanos;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Setup(Level.Trial)
    public void setup() throws Exception {
        DemoPki pki = DemoPki.generate();
        TlsCryptoChoice choice = TlsCryptoChoice.valueOf(crypto);
        TlsConfig serverConfig = TlsConfig.builder().profile(profile).crypto(choice)
                .keyMaterial(pki.server()).trustAnchors(pki.ca().chain()).build();
        TlsConfig clientConfig = TlsConfig.builder().profile(profile).crypto(choice)
                .keyMaterial(pki.client()).trustAnchors(pki.ca().chain()).build();

        payloadPerOp = (long) mib << 20;
        writer = new PDataWriter(maxPdu, maxPdu);
        int maxPayload = writer.maxPayloadLength();
        pdusPerOp = (payloadPerOp + maxPayload - 1) / maxPayload;
        long wirePerOp = payloadPerOp + pdusPerOp * PDataWriter.PREFIX_LENGTH;
        byte[] b = writer.buffer();
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + 7);
        }

        acceptor = TlsTransport.acceptor(serverConfig, InetAddress.getLoopbackAddress(), 0);
        server = new Thread(() -> drain(acceptor, wirePerOp), "tls-bench-server");
        server.setDaemon(true);
        server.start();

        CountingSocket s = new CountingSocket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), acceptor.localPort()), 10_000);
        counter = s.counter();
        connection = TlsTransport.clientHandshake(clientConfig, s, "localhost", 10_000);
        ack = connection.input();
        sink = switch (output) {
            case "direct", "split" -> connection.unbufferedOutput();
            case "buffered16k" -> new BufferedOutputStream(connection.unbufferedOutput(), 16 * 1024);
            case "buffered64k" -> new BufferedOutputStream(connection.unbufferedOutput(), 64 * 1024);
            case "aligned" -> connection.output();
            default -> throw new IllegalArgumentException("unknown output mode " + output);
        };
        System.out.printf(Locale.ROOT, "%nTLS-SETUP %s %s: %s; %d PDUs of at most %d payload bytes per op%n",
                profile, crypto, connection.security(), pdusPerOp, maxPayload);
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
            System.out.println("TLS-SERVER ended: " + e);
        }
    }

    @Benchmark
    public long send() throws IOException {
        long records0 = counter.records;
        long writes0 = counter.socketWrites;
        long cpu0 = threads.getCurrentThreadCpuTime() + threads.getThreadCpuTime(server.getId());
        long t0 = System.nanoTime();
        byte[] b = writer.buffer();
        int max = writer.maxPayloadLength();
        long left = payloadPerOp;
        while (left > 0) {
            int n = (int) Math.min(max, left);
            left -= n;
            if (output.equals("split")) {
                fillPrefix(b, n, left == 0);
                sink.write(b, 0, PDataWriter.PREFIX_LENGTH);
                sink.write(b, PDataWriter.PREFIX_LENGTH, n);
            } else {
                writer.write(sink, 1, false, left == 0, n);
            }
        }
        sink.flush();
        int a = ack.read();
        if (a != 1) {
            throw new IOException("acceptor did not acknowledge (" + a + ")");
        }
        opNanos = System.nanoTime() - t0;
        // CPU time of both ends (sender thread, acceptor thread): less disturbed by other load than wall time
        opCpuNanos = threads.getCurrentThreadCpuTime() + threads.getThreadCpuTime(server.getId()) - cpu0;
        // the acknowledgement travels the other way: only the client's records are counted
        opRecords = counter.records - records0;
        opWrites = counter.socketWrites - writes0;
        return opRecords;
    }

    /** The same 12 bytes {@link PDataWriter#write} puts in front (PS3.8 table 9-22, 9.3.5.1). */
    private static void fillPrefix(byte[] b, int n, boolean last) {
        b[0] = 0x04;
        b[1] = 0;
        put32(b, 2, 6 + n);
        put32(b, 6, 2 + n);
        b[10] = 1;
        b[11] = (byte) (last ? 0x02 : 0x00);
    }

    private static void put32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    @TearDown(Level.Iteration)
    public void report() {
        if (opNanos > 0) {
            System.out.printf(Locale.ROOT,
                    "%nTLS-RESULT profile=%s crypto=%s maxPdu=%d output=%s MB/s=%.1f cpu-ms/MB=%.3f records/PDU=%.3f"
                            + " writes/PDU=%.3f%n",
                    profile, crypto, maxPdu, output, payloadPerOp / 1e6 / (opNanos / 1e9),
                    opCpuNanos / 1e6 / (payloadPerOp / 1e6), (double) opRecords / pdusPerOp, (double) opWrites / pdusPerOp);
        }
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
