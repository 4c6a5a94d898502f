package org.dicomsec.iscl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.dicomsec.ul.transport.Transport;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConfig;
import org.dicomsec.ul.transport.TransportConnection;
import org.dicomsec.ul.transport.Transports;
import org.junit.jupiter.api.Test;

/** The "iscl" kind is found by the Upper Layer's factory (ServiceLoader) and makes working ISCL transports. */
class IsclTransportProviderTest {

    @Test
    void foundThroughTheFactoryWithIsclDefaultsAndAHandshake() throws Exception {
        IsclEndpoint alice = IsclEndpoint.builder(IsclFixture.ring("ALICE", "BOB", IsclFixture.K,
                IsclFixture.BOB_FLAGS), "ALICE").build();
        IsclEndpoint bob = IsclEndpoint.builder(IsclFixture.ring("BOB", "ALICE", IsclFixture.K,
                IsclFixture.ALICE_FLAGS), "BOB").peerEntity("ALICE").build();
        assertTrue(Transports.kinds().contains("iscl"), Transports.kinds().toString());
        Transport a = Transports.of(IsclTransportProvider.config(alice));
        Transport b = Transports.of(TransportConfig.of("iscl", bob));
        assertEquals("iscl", a.kind());
        assertEquals(Iscl.DEFAULT_PORT, b.defaultPort());
        assertEquals(16_384, a.defaultMaxPduLength());
        assertTrue(a.describe().contains("ISCL entity ALICE"), a.describe());
        try (TransportAcceptor acceptor = b.acceptor(InetAddress.getLoopbackAddress(), 0)) {
            CompletableFuture<Integer> got = CompletableFuture.supplyAsync(() -> {
                try (TransportConnection t = acceptor.accept().handshake(30_000); InputStream in = t.input()) {
                    return in.read();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (TransportConnection t = a.connector().connect(IsclFixture.loopback(acceptor.localPort()), 30_000)) {
                t.output().write(9);
                t.output().flush();
                assertEquals(9, got.get(30, TimeUnit.SECONDS));
                assertTrue(t.security().protocol().startsWith("ISCL"), t.security().protocol());
            }
        }
    }

    @Test
    void wrongSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Transports.of(TransportConfig.of("iscl", "no endpoint")));
    }
}
