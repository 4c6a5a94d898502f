package org.dicomsec.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.dicomsec.iscl.IntegrityMechanism;
import org.dicomsec.iscl.Iscl;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.iscl.PrivacyMechanism;
import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.iscl.keys.SoftwareKeyCard;
import org.dicomsec.tls.demo.DemoPki;
import org.dicomsec.tls.TlsConfig;
import org.dicomsec.tls.TlsProfile;
import org.dicomsec.tls.TlsTransport;
import org.dicomsec.ul.pdu.PDataWriter;
import org.dicomsec.ul.pdu.PduDecoder;
import org.dicomsec.ul.pdu.PduReader;
import org.dicomsec.ul.pdu.PduTruncatedException;
import org.dicomsec.ul.pdu.PduType;
import org.dicomsec.ul.transport.PendingConnection;
import org.dicomsec.ul.transport.PlainTcp;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnection;
import org.dicomsec.ul.transport.TransportConnector;

/**
 * The transfer rows of {@code dicomsec bench}: P-DATA-TF PDUs of the default
 * size streamed over loopback through each transport (raw TCP, TLS bcp195-nd
 * and basic, ISCL with and without privacy) for the given time, written with
 * {@link PDataWriter} from one buffer and read with {@link PduReader} PDV by
 * PDV, as the Upper Layer does. Throughput is counted at the receiver, after a
 * warm-up of a fifth of the time.
 *
 * <p>Then the same through the whole association ({@link BenchCStore}): C-STORE
 * over plain TCP, TLS bcp195-nd and ISCL with privacy, to show what the Upper
 * Layer and DIMSE add on top of each transport; and a study of small instances
 * over plain TCP and TLS bcp195-nd (instances per second).
 */
final class BenchTransfer {

    /** The Maximum Length the CLI announces by default (store/echo --max-pdu): 16,384. */
    static final int DEFAULT_MAX_PDU = 16_384;

    private BenchTransfer() {
    }

    /** A connector/acceptor pair for one row; setup is not timed. */
    private record Pair(String name, TransportConnector connector, TransportAcceptor acceptor) {
    }

    static List<BenchRow> run(double seconds, int maxPdu, Consumer<BenchRow> progress) throws Exception {
        List<BenchRow> rows = new ArrayList<>();
        InetAddress lo = InetAddress.getLoopbackAddress();
        rows.add(measure(new Pair("raw TCP", PlainTcp.connector(), PlainTcp.acceptor(lo, 0)), seconds, maxPdu, progress));

        DemoPki pki = DemoPki.generate("dicomsec bench CA");
        for (TlsProfile p : List.of(TlsProfile.BCP195_ND, TlsProfile.BASIC)) {
            TlsConfig server = TlsConfig.builder().profile(p).keyMaterial(pki.server())
                    .trustAnchors(List.of(pki.ca().certificate())).build();
            TlsConfig client = TlsConfig.builder().profile(p).keyMaterial(pki.client())
                    .trustAnchors(List.of(pki.ca().certificate())).build();
            rows.add(measure(new Pair("TLS " + p.profileName(), TlsTransport.connector(client),
                    TlsTransport.acceptor(server, lo, 0)), seconds, maxPdu, progress));
        }

        IsclKeyring scu = IsclKeyring.create();
        IsclKeyring scp = IsclKeyring.create();
        scu.putGenerated("BENCH-SCU", "BENCH-SCP", Map.of());
        scu.mirrorInto(scp, "BENCH-SCU", "BENCH-SCP", Map.of());
        for (PrivacyMechanism privacy : List.of(PrivacyMechanism.DES_CBC, PrivacyMechanism.NONE)) {
            IsclConfig c = IsclConfig.builder(new SoftwareKeyCard(scu), "BENCH-SCU")
                    .integrity(IntegrityMechanism.DES_MAC).privacy(privacy).build();
            IsclConfig s = IsclConfig.builder(new SoftwareKeyCard(scp), "BENCH-SCP").build();
            String name = privacy == PrivacyMechanism.NONE ? "ISCL without privacy" : "ISCL with privacy";
            rows.add(measure(new Pair(name, Iscl.connector(c, "BENCH-SCP"), Iscl.acceptor(s, lo, 0)), seconds,
                    maxPdu, progress));
        }

        // C-STORE over an association on the same transports (BenchCStore)
        rows.add(cStore("C-STORE plain", PlainTcp.connector(), PlainTcp.acceptor(lo, 0), seconds, maxPdu, progress));
        TlsConfig server = TlsConfig.builder().keyMaterial(pki.server()).trustAnchors(List.of(pki.ca().certificate()))
                .build();
        TlsConfig client = TlsConfig.builder().keyMaterial(pki.client()).trustAnchors(List.of(pki.ca().certificate()))
                .build();
        rows.add(cStore("C-STORE TLS " + TlsProfile.DEFAULT.profileName(), TlsTransport.connector(client),
                TlsTransport.acceptor(server, lo, 0), seconds, maxPdu, progress));
        IsclConfig c = IsclConfig.builder(new SoftwareKeyCard(scu), "BENCH-SCU").integrity(IntegrityMechanism.DES_MAC)
                .privacy(PrivacyMechanism.DES_CBC).build();
        IsclConfig s = IsclConfig.builder(new SoftwareKeyCard(scp), "BENCH-SCP").build();
        rows.add(cStore("C-STORE ISCL privacy", Iscl.connector(c, "BENCH-SCP"), Iscl.acceptor(s, lo, 0), seconds,
                maxPdu, progress));

        // a study: many small instances in one association (per-instance cost, in instances per second);
        // half the time of a row, thousands of instances either way
        rows.add(study("C-STORE study plain", PlainTcp.connector(), PlainTcp.acceptor(lo, 0), seconds / 2, maxPdu,
                progress));
        rows.add(study("C-STORE study TLS " + TlsProfile.DEFAULT.profileName(), TlsTransport.connector(client),
                TlsTransport.acceptor(server, lo, 0), seconds / 2, maxPdu, progress));
        return rows;
    }

    private static BenchRow cStore(String name, TransportConnector connector, TransportAcceptor acceptor,
                                   double seconds, int maxPdu, Consumer<BenchRow> progress) throws IOException {
        BenchRow row = BenchCStore.measure(name, connector, acceptor, seconds, maxPdu);
        progress.accept(row);
        return row;
    }

    private static BenchRow study(String name, TransportConnector connector, TransportAcceptor acceptor,
                                  double seconds, int maxPdu, Consumer<BenchRow> progress) throws IOException {
        BenchRow row = BenchCStore.study(name, connector, acceptor, seconds, maxPdu);
        progress.accept(row);
        return row;
    }

    private static BenchRow measure(Pair pair, double seconds, int maxPdu, Consumer<BenchRow> progress)
            throws Exception {
        AtomicLong received = new AtomicLong();
        AtomicLong lastByteNanos = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicReference<String> security = new AtomicReference<>("");
        Thread receiver;
        try (TransportAcceptor acceptor = pair.acceptor()) {
            receiver = new Thread(() -> receive(acceptor, maxPdu, received, lastByteNanos, failure),
                    "bench-receiver");
            receiver.setDaemon(true);
            receiver.start();
            try (TransportConnection c = pair.connector().connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), acceptor.localPort()), 30_000)) {
                security.set(c.security().protocol().equals("TCP") ? "plain" : c.security().protocol() + " "
                        + c.security().cipherSuite());
                PDataWriter w = new PDataWriter(maxPdu);
                byte[] b = w.buffer();
                byte[] fill = new byte[w.maxPayloadLength()];
                new SecureRandom().nextBytes(fill);
                System.arraycopy(fill, 0, b, w.payloadOffset(), fill.length);
                long start = System.nanoTime();
                long warmEnd = start + BenchCrypto.warmUpNanos(seconds);
                long end = warmEnd + (long) (seconds * 1e9);
                long markBytes = -1;
                long markNanos = 0;
                var out = c.output();
                long now;
                do {
                    w.write(out, 1, false, false, w.maxPayloadLength());
                    now = System.nanoTime();
                    if (markBytes < 0 && now >= warmEnd) {
                        out.flush();
                        markNanos = System.nanoTime();
                        markBytes = received.get();
                    }
                } while (now < end && failure.get() == null);
                out.flush();
                c.close(); // TLS close_notify / ISCL disconnection: the receiver sees the end
                receiver.join(30_000);
                if (failure.get() != null) {
                    throw new IOException(pair.name() + ": receiver failed: " + Main.describe(failure.get()),
                            failure.get());
                }
                long bytes = received.get() - Math.max(0, markBytes);
                double secs = (lastByteNanos.get() - markNanos) / 1e9;
                if (bytes <= 0 || secs <= 0) {
                    // a run too short to leave anything after the warm-up: count the whole transfer instead
                    bytes = received.get();
                    secs = (lastByteNanos.get() - start) / 1e9;
                }
                BenchRow row = BenchRow.wall("transfer", pair.name(), security.get(), bytes, secs);
                progress.accept(row);
                return row;
            }
        }
    }

    /** Accepts one connection and reads PDUs PDV by PDV until the sender closes. */
    private static void receive(TransportAcceptor acceptor, int maxPdu, AtomicLong received, AtomicLong lastByteNanos,
                                AtomicReference<Exception> failure) {
        PendingConnection p;
        try {
            p = acceptor.accept();
        } catch (IOException e) {
            failure.set(e);
            return;
        }
        try (TransportConnection c = p.handshake(30_000)) {
            c.setReadTimeout(30_000);
            PduReader reader = new PduReader(c.input(), new PduDecoder(maxPdu, PduDecoder.DEFAULT_MAX_ASSOCIATE_PDU_LENGTH));
            byte[] data = new byte[64 * 1024];
            while (true) {
                int type;
                try {
                    type = reader.readHeader();
                } catch (PduTruncatedException e) {
                    return; // the sender closed at a PDU boundary: done
                }
                if (type != PduType.P_DATA_TF) {
                    reader.skipRest();
                    continue;
                }
                long n = 0;
                while (reader.nextPdv()) {
                    int r;
                    while ((r = reader.readPdvData(data, 0, data.length)) > 0) {
                        n += r;
                    }
                }
                received.addAndGet(n);
                lastByteNanos.set(System.nanoTime());
            }
        } catch (IOException | RuntimeException e) {
            failure.set(e);
            p.abort();
        }
    }
}
