package org.dicomsec.ul.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The transport factory: plain TCP built in, a clear error for a kind no module provides. */
class TransportsTest {

    @Test
    void plainIsBuiltInWithItsDefaults() throws Exception {
        Transport t = Transports.of(TransportConfig.plain());
        assertEquals("plain", t.kind());
        assertEquals(PlainTcp.DEFAULT_PORT, t.defaultPort());
        assertEquals(65_530, t.defaultMaxPduLength());
        assertTrue(Transports.kinds().contains("plain"));
        try (TransportAcceptor acceptor = t.acceptor(InetAddress.getLoopbackAddress(), 0)) {
            CompletableFuture<Integer> got = CompletableFuture.supplyAsync(() -> {
                try (TransportConnection c = acceptor.accept().handshake(10_000); InputStream in = c.input()) {
                    return in.read();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (TransportConnection c = t.connector().connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), acceptor.localPort()), 10_000)) {
                OutputStream out = c.output();
                out.write(42);
                out.flush();
                assertEquals(42, got.get(10, TimeUnit.SECONDS));
                assertEquals("TCP", c.security().protocol());
            }
        }
    }

    @Test
    void aKindWithoutProviderIsNamedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transports.of(TransportConfig.of("carrier-pigeon", new Object())));
        assertTrue(e.getMessage().contains("carrier-pigeon") && e.getMessage().contains("plain"), e.getMessage());
    }

    @Test
    void plainTakesNoSettingsAndKindsAreLowerCase() {
        assertThrows(IllegalArgumentException.class, () -> Transports.of(new TransportConfig("plain", "x")));
        assertEquals("plain", new TransportConfig("PLAIN", null).kind());
        assertThrows(IllegalArgumentException.class, () -> new TransportConfig(" ", null));
        assertThrows(IllegalArgumentException.class, () -> TransportConfig.plain().settings(String.class));
    }
}
