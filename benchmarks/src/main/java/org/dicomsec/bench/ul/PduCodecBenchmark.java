package org.dicomsec.bench.ul;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.dicomsec.data.UID;
import org.dicomsec.ul.pdu.AAssociateRq;
import org.dicomsec.ul.pdu.AsynchronousOperationsWindow;
import org.dicomsec.ul.pdu.PDataTf;
import org.dicomsec.ul.pdu.PDataWriter;
import org.dicomsec.ul.pdu.Pdu;
import org.dicomsec.ul.pdu.PduDecoder;
import org.dicomsec.ul.pdu.PduEncoder;
import org.dicomsec.ul.pdu.PduReader;
import org.dicomsec.ul.pdu.PresentationDataValue;
import org.dicomsec.ul.pdu.ScpScuRoleSelection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PDU encode and decode throughput (PS3.8 9.3), without a network:
 * <ul>
 *   <li>{@code associateRq*}: an A-ASSOCIATE-RQ proposing 16 storage SOP classes with 3
 *       transfer syntaxes each, plus Maximum Length, Implementation Class UID / Version Name,
 *       Asynchronous Operations Window and 4 SCP/SCU Role Selection sub-items; encoded by
 *       {@link PduEncoder#encode} into a reused buffer, decoded by {@link PduDecoder#decode}.</li>
 *   <li>{@code pdataEncoder}: a P-DATA-TF record (one PDV) encoded by {@link PduEncoder#encode}
 *       (the PDV data copied into the PDU buffer).</li>
 *   <li>{@code pdataWriter}: the sending hot path: payload copied into {@link PDataWriter}'s
 *       buffer (as a read from the file does), then written with its header into a sink that
 *       copies it (as the socket does).</li>
 *   <li>{@code pdataReader}: the receiving hot path: 64 PDUs read from memory by
 *       {@link PduReader} (header, PDV item, data into a 64 KiB buffer).</li>
 *   <li>{@code pdataDecoder}: the same PDU materialised as a {@link PDataTf} record by
 *       {@link PduDecoder#decode} (allocates; the association does not use this path).</li>
 * </ul>
 * {@code pduLength} is the P-DATA-TF PDU-length (variable field) of the PDUs: 16 KiB or 64 KiB.
 * The aux counter {@code bytes} counts whole PDUs (header included).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class PduCodecBenchmark {

    private static final int PDUS_READ = 64;

    @Param({"16384", "65536"})
    public int pduLength;

    private AAssociateRq rq;
    private byte[] rqBytes;
    private byte[] rqBuffer;
    private PduDecoder associateDecoder;

    private PDataTf pdata;
    private byte[] pdataBytes;
    private byte[] pdataBuffer;
    private PduDecoder pdataDecoder;
    private PDataWriter writer;
    private byte[] source;
    private CopyingSink sink;
    private byte[] stream;
    private byte[] readBuffer;

    @Setup
    public void setup() throws IOException {
        String[] sopClasses = {
            "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.5.1.4.1.1.4", "1.2.840.10008.5.1.4.1.1.1",
            "1.2.840.10008.5.1.4.1.1.1.1", "1.2.840.10008.5.1.4.1.1.6.1", "1.2.840.10008.5.1.4.1.1.7",
            "1.2.840.10008.5.1.4.1.1.7.3", "1.2.840.10008.5.1.4.1.1.12.1", "1.2.840.10008.5.1.4.1.1.20",
            "1.2.840.10008.5.1.4.1.1.128", "1.2.840.10008.5.1.4.1.1.481.1", "1.2.840.10008.5.1.4.1.1.88.11",
            "1.2.840.10008.5.1.4.1.1.88.22", "1.2.840.10008.5.1.4.1.1.104.1", "1.2.840.10008.5.1.4.1.1.2.1",
            "1.2.840.10008.5.1.4.1.1.4.1"};
        AAssociateRq.Builder b = AAssociateRq.builder("BENCH-SCP", "BENCH-SCU");
        for (String sop : sopClasses) {
            b.presentationContext(sop, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian,
                    UID.ExplicitVRBigEndian);
        }
        b.maximumLength(16_384).implementation(UID.ImplementationClassUID, UID.ImplementationVersionName)
                .subItem(new AsynchronousOperationsWindow(1, 1));
        for (int i = 0; i < 4; i++) {
            b.subItem(new ScpScuRoleSelection(sopClasses[i], true, true));
        }
        rq = b.build();
        rqBytes = PduEncoder.toBytes(rq);
        rqBuffer = new byte[rqBytes.length];
        associateDecoder = new PduDecoder();

        int payload = pduLength - 6; // PDU-length = PDV item length field (4) + ID (1) + header (1) + data
        byte[] data = new byte[payload];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        pdata = PDataTf.of(PresentationDataValue.of(1, false, false, data));
        pdataBytes = PduEncoder.toBytes(pdata);
        if (pdataBytes.length != pduLength + 6) {
            throw new IllegalStateException("P-DATA-TF of " + pdataBytes.length + " bytes, expected " + (pduLength + 6));
        }
        pdataBuffer = new byte[pdataBytes.length];
        pdataDecoder = new PduDecoder(pduLength, PduDecoder.DEFAULT_MAX_ASSOCIATE_PDU_LENGTH);

        writer = new PDataWriter(pduLength, PDataWriter.DEFAULT_UNLIMITED_PAYLOAD);
        if (writer.maxPayloadLength() != payload) {
            throw new IllegalStateException("PDataWriter payload " + writer.maxPayloadLength() + ", expected " + payload);
        }
        source = data;
        sink = new CopyingSink(1 << 20);

        ByteArrayOutputStream all = new ByteArrayOutputStream(PDUS_READ * pdataBytes.length);
        for (int i = 0; i < PDUS_READ; i++) {
            all.write(pdataBytes);
        }
        stream = all.toByteArray();
        readBuffer = new byte[64 * 1024];
    }

    @Benchmark
    public int associateRqEncode(ByteCount c) {
        int n = PduEncoder.encode(rq, rqBuffer, 0);
        c.bytes += n;
        return n;
    }

    @Benchmark
    public Pdu associateRqDecode(ByteCount c) throws IOException {
        Pdu p = associateDecoder.decode(rqBytes);
        c.bytes += rqBytes.length;
        return p;
    }

    @Benchmark
    public int pdataEncoder(ByteCount c) {
        int n = PduEncoder.encode(pdata, pdataBuffer, 0);
        c.bytes += n;
        return n;
    }

    @Benchmark
    public long pdataWriter(ByteCount c) throws IOException {
        int n = source.length;
        System.arraycopy(source, 0, writer.buffer(), writer.payloadOffset(), n);
        writer.write(sink, 1, false, false, n);
        c.bytes += PDataWriter.PREFIX_LENGTH + n;
        return sink.count();
    }

    @Benchmark
    public long pdataReader(ByteCount c) throws IOException {
        PduReader r = new PduReader(new ByteArrayInputStream(stream), pdataDecoder);
        long sum = 0;
        for (int i = 0; i < PDUS_READ; i++) {
            r.readHeader();
            while (r.nextPdv()) {
                int n;
                while ((n = r.readPdvData(readBuffer, 0, readBuffer.length)) > 0) {
                    sum += n + readBuffer[n - 1];
                }
            }
        }
        c.bytes += stream.length;
        return sum;
    }

    @Benchmark
    public Pdu pdataDecoder(ByteCount c) throws IOException {
        Pdu p = pdataDecoder.decode(pdataBytes);
        c.bytes += pdataBytes.length;
        return p;
    }
}
