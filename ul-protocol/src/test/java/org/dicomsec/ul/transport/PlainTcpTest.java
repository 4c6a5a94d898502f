package org.dicomsec.ul.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The plain TCP transport over real loopback sockets. */
class PlainTcpTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void bytesCrossBothWaysAndTheConnectionSaysItIsNotSecure() throws Exception {
        try (TransportAcceptor acceptor = PlainTcp.acceptor(LOOPBACK, 0)) {
            CompletableFuture<byte[]> served = CompletableFuture.supplyAsync(() -> {
                try (TransportConnection c = acceptor.accept().handshake(5000)) {
                    byte[] got = c.input().readNBytes(5);
                    c.output().write(new byte[] {9, 8, 7});
                    c.output().flush();
                    return got;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (TransportConnection c = PlainTcp.connector()
                    .connect(new InetSocketAddress(LOOPBACK, acceptor.localPort()), 5000)) {
                c.output().write(new byte[] {1, 2, 3, 4, 5});
                c.output().flush();
                assertArrayEquals(new byte[] {9, 8, 7}, c.input().readNBytes(3));
                assertFalse(c.security().secure());
                assertEquals("plain", c.security().profile());
                assertFalse(c.peer().isAuthenticated());
                assertEquals(0, c.recordPayloadSize());
                assertTrue(c.remoteAddress().endsWith(":" + acceptor.localPort()), c.remoteAddress());
            }
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, served.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void readTimeoutEndsABlockedRead() throws Exception {
        try (TransportAcceptor acceptor = PlainTcp.acceptor(LOOPBACK, 0);
             TransportConnection c = PlainTcp.connector()
                     .connect(new InetSocketAddress(LOOPBACK, acceptor.localPort()), 5000)) {
            PendingConnection silent = acceptor.accept();
            try {
                c.setReadTimeout(200);
                InputStream in = c.input();
                assertThrows(SocketTimeoutException.class, in::read);
            } finally {
                silent.abort();
            }
        }
    }

    @Test
    void abortIsSeenByThePeerAsAnEndOfStreamOrReset() throws Exception {
        try (TransportAcceptor acceptor = PlainTcp.acceptor(LOOPBACK, 0);
             TransportConnection c = PlainTcp.connector()
                     .connect(new InetSocketAddress(LOOPBACK, acceptor.localPort()), 5000)) {
            TransportConnection server = acceptor.accept().handshake(5000);
            server.setReadTimeout(5000);
            c.abort();
            c.abort(); // idempotent, never throws
            int r;
            try {
                r = server.input().read();
            } catch (IOException reset) {
                r = -2; // an RST surfaces as "connection reset"
            }
            assertTrue(r == -1 || r == -2, "peer should see end of stream or reset, got " + r);
            server.close();
        }
    }

    @Test
    void connectingToAClosedPortFailsWithTheAddressInTheMessage() throws Exception {
        int port;
        try (TransportAcceptor acceptor = PlainTcp.acceptor(LOOPBACK, 0)) {
            port = acceptor.localPort();
        }
        IOException e = assertThrows(IOException.class, () -> PlainTcp.connector()
                .connect(new InetSocketAddress(LOOPBACK, port), 2000));
        assertTrue(e.getMessage().contains(":" + port), e.getMessage());
    }
}
