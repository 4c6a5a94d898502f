package org.dicomsec.ul.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

import org.dicomsec.data.UID;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.dimse.CStoreRsp;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.net.DicomServer;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnector;

/**
 * C-STORE throughput over a whole association ({@code dicomsec bench}): one association over a transport
 * (plain, TLS, ISCL) to a Storage SCP in this process that reads and discards
 * each data set, and C-STORE-RQs of {@link #INSTANCE_BYTES} each, one after the
 * other, for the given time. Counted at the sender: data set bytes of
 * instances answered with success after the warm-up, over the time they took.
 * Through the whole Upper Layer and DIMSE (fragmentation into P-DATA-TF of the
 * default maximum length, reassembly, responses), unlike the transfer rows.
 *
 * <p>The study rows send data sets of {@link #STUDY_INSTANCE_BYTES} instead: a
 * study of many small instances, where the per-instance cost (command sets,
 * responses, round trips) decides, and count instances per second. Each instance
 * waits for its response, so each wakes the SCP's thread and then the sender's:
 * where an idle CPU halts (a virtual machine's guest halt-polling), such a wake-up
 * costs tens of microseconds, and the row read up to 4 times higher while other
 * work (the JIT finishing the row's code, at the start of a row) kept the CPUs
 * awake (docs/benchmarks.md, "dicomsec bench"). Study rows therefore warm up for
 * at least {@link #STUDY_WARM_UP_NANOS} ns, so that they measure the steady state.
 */
public final class CStoreThroughput {

    /** Bytes of each data set: large enough that the per-message exchange is a small part. */
    public static final int INSTANCE_BYTES = 2 << 20;

    /** Bytes of each data set of a study row: a 128 x 128 image of 16 bits. */
    public static final int STUDY_INSTANCE_BYTES = 128 * 128 * 2;

    private CStoreThroughput() {
    }

    /** C-STOREs of {@link #INSTANCE_BYTES} from {@code pair}'s connector to an SCP on its acceptor. */
    public static BenchRow measure(Loopback pair, double seconds, int maxPdu) throws IOException {
        return measure(pair.name(), pair.connector(), pair.acceptor(), seconds, maxPdu, INSTANCE_BYTES,
                CryptoThroughput.warmUpNanos(seconds));
    }

    /** The least warm-up of a study row (see the class comment). */
    public static final long STUDY_WARM_UP_NANOS = 1_500_000_000L;

    /**
     * A study row: {@link #STUDY_INSTANCE_BYTES} per instance, counted in instances too, after a
     * warm-up of at least {@link #STUDY_WARM_UP_NANOS}.
     */
    public static BenchRow study(Loopback pair, double seconds, int maxPdu) throws IOException {
        BenchRow row = measure(pair.name(), pair.connector(), pair.acceptor(), seconds, maxPdu, STUDY_INSTANCE_BYTES,
                Math.max(CryptoThroughput.warmUpNanos(seconds), STUDY_WARM_UP_NANOS));
        return row.withInstances(row.bytes() / STUDY_INSTANCE_BYTES);
    }

    private static BenchRow measure(String name, TransportConnector connector, TransportAcceptor acceptor,
                                    double seconds, int maxPdu, int instanceBytes, long warmUpNanos)
            throws IOException {
        AtomicLong stored = new AtomicLong();
        AcceptorPolicy policy = AcceptorPolicy.builder()
                .abstractSyntax(UID.SecondaryCaptureImageStorage, UID.ExplicitVRLittleEndian).build();
        // one drain buffer per SCP thread, not per instance: the study rows measure the protocol's cost
        ThreadLocal<byte[]> drain = ThreadLocal.withInitial(() -> new byte[64 * 1024]);
        DimseHandlers handlers = DimseHandlers.builder().cstore((association, context, rq, dataSet) -> {
            byte[] b = drain.get();
            long n = 0;
            int r;
            while ((r = dataSet.read(b)) > 0) {
                n += r;
            }
            stored.addAndGet(n);
            return Status.OK;
        }).build();
        AssociationSettings settings = AssociationSettings.DEFAULT.withMaxPduLength(maxPdu);
        try (DicomServer server = new DicomServer(acceptor, policy, handlers, settings, 1)) {
            server.start();
            AssociationRequest request = AssociationRequest.builder("BENCH-SCP", "BENCH-SCU")
                    .presentationContext(UID.SecondaryCaptureImageStorage, UID.ExplicitVRLittleEndian)
                    .settings(settings).build();
            Association a = Association.request(connector,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.localPort()), request);
            try {
                byte[] chunk = new byte[64 * 1024];
                new java.util.Random(7).nextBytes(chunk);
                long start = System.nanoTime();
                long warmEnd = start + warmUpNanos;
                long end = warmEnd + (long) (seconds * 1e9);
                long markNanos = -1;
                long bytes = 0;
                long now;
                int i = 0;
                do {
                    CStoreRsp rsp = a.cstore(UID.SecondaryCaptureImageStorage, "2.25." + (++i), UID.ExplicitVRLittleEndian,
                            new Repeat(chunk, instanceBytes));
                    if (rsp.status().code() != Status.SUCCESS) {
                        throw new IOException(name + ": C-STORE answered " + rsp.status());
                    }
                    now = System.nanoTime();
                    if (markNanos >= 0) {
                        bytes += instanceBytes;
                    } else if (now >= warmEnd) {
                        markNanos = now; // instances from here on are measured
                    }
                    // at least one measured instance, however short the row
                } while (now < end || bytes == 0);
                a.release();
                if (stored.get() < bytes) {
                    throw new IOException(name + ": the SCP read " + stored.get() + " bytes, fewer than the " + bytes
                            + " acknowledged");
                }
                return BenchRow.wall("transfer", name, a.security().protocol().equals("TCP") ? "plain"
                        : a.security().protocol() + " " + a.security().cipherSuite(), bytes, (now - markNanos) / 1e9);
            } finally {
                a.close();
            }
        }
    }

    /** {@code length} bytes made of {@code chunk} over and over: a data set without the memory. */
    private static final class Repeat extends InputStream {
        private final byte[] chunk;
        private long left;
        private int pos;

        Repeat(byte[] chunk, long length) {
            this.chunk = chunk;
            this.left = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, left), chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos = (pos + n) % chunk.length;
            left -= n;
            return n;
        }
    }
}
