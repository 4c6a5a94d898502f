package org.dicomsec.ul.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.dicomsec.ul.pdu.PDataWriter;
import org.dicomsec.ul.pdu.PduDecoder;
import org.dicomsec.ul.pdu.PduReader;
import org.dicomsec.ul.pdu.PduTruncatedException;
import org.dicomsec.ul.pdu.PduType;
import org.dicomsec.ul.transport.PendingConnection;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnection;

/**
 * P-DATA-TF throughput of one transport over loopback ({@code dicomsec bench},
 * transfer rows): PDUs of the given maximum length written with
 * {@link PDataWriter} from one buffer and read with {@link PduReader} PDV by PDV,
 * as the Upper Layer does, for the given time. Counted at the receiver, after a
 * warm-up ({@link CryptoThroughput#warmUpNanos}). Any transport of the SPI: plain
 * TCP, TLS and ISCL pairs come from their modules.
 */
public final class PDataThroughput {

    private PDataThroughput() {
    }

    /**
     * Streams P-DATA-TF PDUs of {@code maxPdu} bytes from {@code pair}'s connector to its acceptor
     * for {@code seconds} after a warm-up; the row is named after the pair, its implementation is
     * the negotiated protocol and suite. Closes the acceptor.
     */
    public static BenchRow measure(Loopback pair, double seconds, int maxPdu) throws Exception {
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
                long warmEnd = start + CryptoThroughput.warmUpNanos(seconds);
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
                    throw new IOException(pair.name() + ": receiver failed: " + String.valueOf(failure.get()),
                            failure.get());
                }
                long bytes = received.get() - Math.max(0, markBytes);
                double secs = (lastByteNanos.get() - markNanos) / 1e9;
                if (bytes <= 0 || secs <= 0) {
                    // a run too short to leave anything after the warm-up: count the whole transfer instead
                    bytes = received.get();
                    secs = (lastByteNanos.get() - start) / 1e9;
                }
                return BenchRow.wall("transfer", pair.name(), security.get(), bytes, secs);
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
