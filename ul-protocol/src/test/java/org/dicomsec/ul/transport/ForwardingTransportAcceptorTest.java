package org.dicomsec.ul.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The forwarding acceptor over real loopback sockets: what it hands on, refuses and reports. */
class ForwardingTransportAcceptorTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void establishedConnectionIsReplacedByTheSubclassWrapper() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        try (TransportAcceptor a = new ForwardingTransportAcceptor(PlainTcp.acceptor(LOOPBACK, 0)) {
            @Override
            protected TransportConnection established(TransportConnection c) {
                seen.incrementAndGet();
                return new ForwardingTransportConnection(c) {
                    @Override
                    public String localAddress() {
                        return "wrapped";
                    }
                };
            }
        }; TransportConnection client = PlainTcp.connector().connect(new InetSocketAddress(LOOPBACK, a.localPort()), 5000)) {
            PendingConnection p = a.accept();
            assertTrue(p.remoteAddress().contains(String.valueOf(client.localAddress().replaceAll(".*:", ""))),
                    p.remoteAddress() + " / " + client.localAddress());
            try (TransportConnection server = p.handshake(5000)) {
                assertEquals("wrapped", server.localAddress());
                assertEquals(1, seen.get());
                client.output().write(42);
                client.output().flush();
                assertEquals(42, server.input().read());
            }
        }
    }

    @Test
    void aRefusalInEstablishedReachesTheCallerAndTheConnectionGoes() throws Exception {
        try (TransportAcceptor a = new ForwardingTransportAcceptor(PlainTcp.acceptor(LOOPBACK, 0)) {
            @Override
            protected TransportConnection established(TransportConnection c) throws IOException {
                c.abort();
                throw new IOException("refused: not on the list");
            }
        }; TransportConnection client = PlainTcp.connector().connect(new InetSocketAddress(LOOPBACK, a.localPort()), 5000)) {
            PendingConnection p = a.accept();
            IOException e = assertThrows(IOException.class, () -> p.handshake(5000));
            assertEquals("refused: not on the list", e.getMessage());
            client.setReadTimeout(5000);
            int r;
            try {
                r = client.input().read();
            } catch (IOException reset) {
                r = -1; // an abort may arrive as a reset
            }
            assertEquals(-1, r);
        }
    }

    @Test
    void aFailedHandshakeIsReportedThenThrown() throws Exception {
        IOException failure = new IOException("handshake failed: bad_record_mac");
        List<String> reported = new ArrayList<>();
        try (TransportAcceptor plain = PlainTcp.acceptor(LOOPBACK, 0)) {
            // the delegate accepts a real connection whose handshake fails, as a security handshake can
            TransportAcceptor failing = new ForwardingTransportAcceptor(plain) {
                @Override
                public PendingConnection accept() throws IOException {
                    PendingConnection real = delegate.accept();
                    return new PendingConnection() {
                        @Override
                        public TransportConnection handshake(int timeoutMillis) throws IOException {
                            real.abort();
                            throw failure;
                        }

                        @Override
                        public String remoteAddress() {
                            return real.remoteAddress();
                        }

                        @Override
                        public void abort() {
                            real.abort();
                        }
                    };
                }
            };
            TransportAcceptor watching = new ForwardingTransportAcceptor(failing) {
                @Override
                protected void handshakeFailed(PendingConnection p, IOException e) {
                    reported.add(p.remoteAddress() + ": " + e.getMessage());
                }
            };
            try (TransportConnection client = PlainTcp.connector().connect(new InetSocketAddress(LOOPBACK,
                    watching.localPort()), 5000)) {
                PendingConnection p = watching.accept();
                assertSame(failure, assertThrows(IOException.class, () -> p.handshake(5000)));
                assertEquals(List.of(p.remoteAddress() + ": handshake failed: bad_record_mac"), reported);
            }
            assertEquals(plain.localPort(), watching.localPort());
        }
    }
}
