package org.dicomsec.bench.ul;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.dicomsec.data.UID;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.CStoreHandler;
import org.dicomsec.ul.DicomFiles;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.dimse.CStoreRsp;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.pdu.PDataWriter;
import org.dicomsec.ul.net.DicomServer;
import org.dicomsec.tls.demo.DemoPki;
import org.dicomsec.tls.TlsConfig;
import org.dicomsec.tls.TlsConnection;
import org.dicomsec.tls.TlsTransport;
import org.dicomsec.ul.transport.PlainTcp;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnector;
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
 * End-to-end C-STORE (PS3.7 9.1.1) of a 256 MiB instance ({@link UlData}: 512 frames of
 * 512 x 512 16-bit OW Pixel Data, Explicit VR Little Endian, made once per fork in
 * {@code @Setup} as a temporary PS3.10 file) over loopback plain TCP or TLS: each operation opens an
 * association, sends the file with {@link Association#cstore(Path)}, checks the success
 * status and releases. The SCP is an in-process {@link DicomServer} in the same JVM.
 * <ul>
 *   <li>{@code maxPdu}: the Maximum Length both sides announce (PS3.8 D.1), so the SCU sends
 *       P-DATA-TF PDUs of that length.</li>
 *   <li>{@code sink = drain}: the C-STORE handler reads the data set into a 64 KiB buffer and
 *       checks its length (the network and the Upper Layer alone).</li>
 *   <li>{@code sink = durable}: the handler writes as {@code dicomsec scp} does: a temporary
 *       file, meta information, the data set as received, fsync, atomic rename, folder fsync.</li>
 *   <li>{@code sink = unforced}: the data set written to a new file through 1 MiB blocks and
 *       left to the page cache, as {@code storescp +B} stores (no fsync): the like-for-like
 *       counterpart of DCMTK's storing SCP, to tell the cost of the durable sink's forces.</li>
 *   <li>{@code transport}: {@code plain} (TCP), or the name of a TLS profile ({@code bcp195-nd},
 *       {@code bcp195}, {@code bcp195-ex}, {@code aes}, {@code basic}): both sides use
 *       {@link TlsTransport} with that profile, the default (JCA) record crypto and keys from
 *       {@link DemoPki}; the handshake is part of each operation, as in a real association.
 *       Only {@code plain} runs unless asked for: {@code -p transport=bcp195-nd}.</li>
 * </ul>
 * The aux counter {@code bytes} counts data set bytes (the file less its preamble and meta
 * information) per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class CStoreBenchmark {

    @Param({"4096", "16384", "65536", "131072", "1048576"})
    public int maxPdu;

    @Param({"drain", "durable", "unforced"})
    public String sink;

    @Param({"plain"})
    public String transport;

    private TransportConnector connector;

    private Path dir;
    private Path file;
    private Path received;
    private DicomFiles.Info info;
    private long dataSetLength;
    private DicomServer server;
    private InetSocketAddress address;
    private AssociationRequest request;

    @Setup
    public void setup() throws IOException {
        dir = Files.createTempDirectory("dicomsec-ulbench");
        file = dir.resolve("instance-256MiB.dcm");
        UlData.writeInstance(file, UlData.FRAMES_256_MIB);
        info = DicomFiles.inspect(file);
        dataSetLength = info.length() - info.dataSetOffset();
        received = Files.createDirectories(dir.resolve("received"));

        CStoreHandler handler = switch (sink) {
            case "drain" -> drain(dataSetLength);
            case "durable" -> DurableStore.handler(received);
            case "unforced" -> DurableStore.unforced(received);
            default -> throw new IllegalArgumentException("unknown sink " + sink);
        };
        AssociationSettings settings = AssociationSettings.DEFAULT.withMaxPduLength(maxPdu);
        TransportAcceptor acceptor;
        if (transport.equals("plain")) {
            connector = PlainTcp.connector();
            acceptor = PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0);
        } else {
            DemoPki pki = DemoPki.generate();
            connector = TlsTransport.connector(TlsConfig.builder().profile(transport)
                    .keyMaterial(pki.client()).trustAnchors(pki.ca().chain()).build());
            acceptor = TlsTransport.acceptor(TlsConfig.builder().profile(transport)
                    .keyMaterial(pki.server()).trustAnchors(pki.ca().chain()).build(),
                    InetAddress.getLoopbackAddress(), 0);
        }
        server = new DicomServer(acceptor,
                AcceptorPolicy.builder().anyAbstractSyntax(UID.ExplicitVRLittleEndian).build(),
                DimseHandlers.builder().cstore(handler).build(), settings, 2);
        server.start();
        address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.localPort());
        request = AssociationRequest.builder("BENCH-SCP", "BENCH-SCU")
                .presentationContext(info.sopClassUid(), info.transferSyntaxUid())
                .settings(settings).build();
    }

    /** Reads the data set into a reused buffer and checks its length. */
    private static CStoreHandler drain(long expected) {
        return (a, pc, rq, in) -> {
            byte[] buf = new byte[64 * 1024];
            long n = 0;
            int r;
            while ((r = in.read(buf, 0, buf.length)) >= 0) {
                n += r;
            }
            return n == expected ? Status.OK
                    : Status.failure(Status.PROCESSING_FAILURE, "received " + n + " bytes, expected " + expected);
        };
    }

    @Benchmark
    public CStoreRsp cstore(ByteCount c) throws IOException {
        Association a = Association.request(connector, address, request);
        CStoreRsp rsp;
        try {
            // over TLS the Upper Layer keeps a PDU within 4 records (UpperLayer.peerMaxLength): 65,530 at most
            int expected = transport.equals("plain") ? maxPdu - 6
                    : Math.min(maxPdu - 6, 4 * TlsConnection.MAX_RECORD_PAYLOAD - PDataWriter.PREFIX_LENGTH);
            if (a.sendPayloadLength() != expected) {
                throw new IllegalStateException("PDV payload " + a.sendPayloadLength() + " for max PDU " + maxPdu);
            }
            rsp = a.cstore(file);
            a.release();
        } finally {
            a.close();
        }
        if (!rsp.status().isSuccess()) {
            throw new IllegalStateException("C-STORE failed: " + rsp.status());
        }
        c.bytes += dataSetLength;
        return rsp;
    }

    /** The stored files of the last operation go between operations, outside the measured time. */
    @TearDown(Level.Invocation)
    public void clearReceived() throws IOException {
        if (!sink.equals("drain")) {
            DurableStore.clear(received);
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
