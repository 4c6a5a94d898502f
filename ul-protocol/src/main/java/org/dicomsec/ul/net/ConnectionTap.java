package org.dicomsec.ul.net;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.dicomsec.ul.pdu.AAssociateAc;
import org.dicomsec.ul.pdu.AAssociateRq;
import org.dicomsec.ul.pdu.Pdu;
import org.dicomsec.ul.pdu.PduDecoder;
import org.dicomsec.ul.transport.ForwardingTransportAcceptor;
import org.dicomsec.ul.transport.ForwardingTransportConnection;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.SecurityDescription;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnection;
import org.dicomsec.ul.transport.TransportConnector;

/**
 * What an application can show of a connection, observed rather than configured (the
 * {@code dicomsec demo} prints it per step): the
 * transport's {@link SecurityDescription} and authenticated {@link PeerIdentity},
 * the Maximum Length the peer announced in the first PDU it sent (A-ASSOCIATE-RQ
 * or -AC, PS3.8 D.1), the bytes written and the first read failure. Wraps a
 * connector or an acceptor of the transport SPI; passes every byte unchanged.
 */
public final class ConnectionTap {

    /** The facts of one connection; filled in as the connection runs. */
    public static final class Seen {
        private final TransportConnection connection;
        private final AtomicLong bytesOut = new AtomicLong();
        private final AtomicLong bytesIn = new AtomicLong();
        /** (System.nanoTime, bytes read so far) after each read, for the rate of the bulk. */
        private final java.util.List<long[]> reads = new java.util.ArrayList<>();
        private final AtomicReference<IOException> readFailure = new AtomicReference<>();
        private volatile long peerMaxPdu = -1;

        Seen(TransportConnection connection) {
            this.connection = connection;
        }

        /** The transport's security facts. */
        public SecurityDescription security() {
            return connection.security();
        }

        /** The authenticated peer. */
        public PeerIdentity peer() {
            return connection.peer();
        }

        /** The peer's Maximum Length (0 = unlimited), or empty when its first PDU had none or was not seen. */
        public OptionalLong peerMaxPdu() {
            long v = peerMaxPdu;
            return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
        }

        /** Bytes written to the connection so far. */
        public long bytesOut() {
            return bytesOut.get();
        }

        /**
         * MB/s (10^6 bytes per second) at which the bulk of the bytes this side read arrived:
         * from the read that passed 10 % of all bytes read to the one that passed 90 %, so
         * that neither the handshake and association set-up nor the Storage Commitment round
         * trip count. Measured where the data set is consumed (a sender's writes may only fill
         * socket buffers). 0 when too little was read to tell.
         */
        public double bulkReadRate() {
            return rate(reads, bytesIn.get());
        }

        private static double rate(java.util.List<long[]> samples, long total) {
            synchronized (samples) {
                long[] from = null;
                long[] to = null;
                for (long[] w : samples) {
                    if (from == null && w[1] >= total / 10) {
                        from = w;
                    }
                    if (to == null && w[1] >= total - total / 10) {
                        to = w;
                    }
                }
                if (from == null || to == null || to[0] <= from[0]) {
                    return 0;
                }
                return (to[1] - from[1]) / 1e6 / ((to[0] - from[0]) / 1e9);
            }
        }

        private void read(int n) {
            long total = bytesIn.addAndGet(n);
            synchronized (reads) {
                if (reads.size() < 100_000) {
                    reads.add(new long[] {System.nanoTime(), total});
                }
            }
        }

        private void wrote(int n) {
            bytesOut.addAndGet(n);
        }

        /** The first exception a read of the connection threw, or null. */
        public IOException readFailure() {
            return readFailure.get();
        }
    }

    private final AtomicReference<Seen> last = new AtomicReference<>();

    /** A tap that has seen no connection yet. */
    public ConnectionTap() {
    }

    /** The connection made or accepted last, or null. */
    public Seen last() {
        return last.get();
    }

    /** Forgets the last connection (before a step, so that a step never reports another's). */
    public void reset() {
        last.set(null);
    }

    /** {@code inner}, with each connection it makes watched (the last one is {@link #last()}). */
    public TransportConnector connector(TransportConnector inner) {
        return (InetSocketAddress remote, int timeout) -> wrap(inner.connect(remote, timeout));
    }

    /** {@code inner}, with each connection it accepts watched once its handshake is done. */
    public TransportAcceptor acceptor(TransportAcceptor inner) {
        return new ForwardingTransportAcceptor(inner) {
            @Override
            protected TransportConnection established(TransportConnection c) {
                return wrap(c);
            }
        };
    }

    private TransportConnection wrap(TransportConnection c) {
        Seen seen = new Seen(c);
        last.set(seen);
        return new Tapped(c, seen);
    }

    /** The connection with its streams watched. */
    private static final class Tapped extends ForwardingTransportConnection {
        private final Seen seen;
        private InputStream in;
        private OutputStream out;

        Tapped(TransportConnection c, Seen seen) {
            super(c);
            this.seen = seen;
        }

        @Override
        public synchronized InputStream input() throws IOException {
            if (in == null) {
                in = new FirstPduInput(delegate.input(), seen);
            }
            return in;
        }

        @Override
        public synchronized OutputStream output() throws IOException {
            if (out == null) {
                out = new FilterOutputStream(delegate.output()) {
                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                        seen.wrote(1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                        seen.wrote(len);
                    }
                };
            }
            return out;
        }
    }

    /**
     * Copies the first PDU read (at most {@link PduDecoder#DEFAULT_MAX_ASSOCIATE_PDU_LENGTH} bytes)
     * aside and decodes it for its Maximum Length; records the first read failure.
     */
    private static final class FirstPduInput extends FilterInputStream {
        private static final int HEADER = 6;
        private final Seen seen;
        private byte[] first = new byte[HEADER];
        private int have;
        private int need = HEADER;
        private boolean headerDone;

        FirstPduInput(InputStream in, Seen seen) {
            super(in);
            this.seen = seen;
        }

        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                seen.readFailure.compareAndSet(null, e);
                throw e;
            }
            if (n > 0) {
                seen.read(n);
                if (first != null) {
                    watch(b, off, n);
                }
            }
            return n;
        }

        private void watch(byte[] b, int off, int n) {
            int take = Math.min(n, need - have);
            System.arraycopy(b, off, first, have, take);
            have += take;
            if (!headerDone && have == HEADER) {
                headerDone = true;
                // PS3.8 9.3.1: type, reserved, 4-byte length; bounds first
                long length = ((first[2] & 0xFFL) << 24) | ((first[3] & 0xFF) << 16) | ((first[4] & 0xFF) << 8)
                        | (first[5] & 0xFF);
                if (length == 0 || length > PduDecoder.DEFAULT_MAX_ASSOCIATE_PDU_LENGTH) {
                    first = null; // not an association PDU shown here
                    return;
                }
                need = HEADER + (int) length;
                first = java.util.Arrays.copyOf(first, need);
                if (n > take) {
                    watch(b, off + take, n - take);
                }
                return;
            }
            if (have == need) {
                decode();
            }
        }

        private void decode() {
            try {
                Pdu p = new PduDecoder().decode(first);
                if (p instanceof AAssociateRq rq) {
                    rq.userInformation().maximumLength().ifPresent(v -> seen.peerMaxPdu = v);
                } else if (p instanceof AAssociateAc ac) {
                    ac.userInformation().maximumLength().ifPresent(v -> seen.peerMaxPdu = v);
                }
            } catch (IOException | RuntimeException e) {
                // the Upper Layer reads the same bytes and reports what is wrong with them
            }
            first = null;
        }
    }
}
