package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.dicomsec.tls.demo.DemoPki;
import org.dicomsec.ul.transport.Transport;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConfig;
import org.dicomsec.ul.transport.TransportConnection;
import org.dicomsec.ul.transport.Transports;
import org.junit.jupiter.api.Test;

/** The "tls" kind is found by the Upper Layer's factory (ServiceLoader) and makes working TLS transports. */
class TlsTransportProviderTest {

    @Test
    void foundThroughTheFactoryWithTlsDefaultsAndAHandshake() throws Exception {
        DemoPki pki = TestPki.get().pki;
        TlsConfig server = TlsConfig.builder().keyMaterial(pki.server()).trustAnchors(List.of(pki.ca().certificate()))
                .build();
        TlsConfig client = TlsConfig.builder().keyMaterial(pki.client()).trustAnchors(List.of(pki.ca().certificate()))
                .build();
        assertTrue(Transports.kinds().contains("tls"), Transports.kinds().toString());
        Transport s = Transports.of(TlsTransportProvider.config(server));
        Transport c = Transports.of(TransportConfig.of("TLS", client));
        assertEquals("tls", s.kind());
        assertEquals(2762, s.defaultPort());
        assertEquals(TlsTransport.RECOMMENDED_MAX_PDU_LENGTH, c.defaultMaxPduLength());
        assertTrue(s.describe().startsWith("TLS bcp195-nd"), s.describe());
        try (TransportAcceptor acceptor = s.acceptor(InetAddress.getLoopbackAddress(), 0)) {
            CompletableFuture<Integer> got = CompletableFuture.supplyAsync(() -> {
                try (TransportConnection t = acceptor.accept().handshake(30_000); InputStream in = t.input()) {
                    return in.read();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (TransportConnection t = c.connector().connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), acceptor.localPort()), 30_000)) {
                t.output().write(7);
                t.output().flush();
                assertEquals(7, got.get(30, TimeUnit.SECONDS));
                assertTrue(t.security().protocol().startsWith("TLS"), t.security().protocol());
            }
        }
    }

    @Test
    void aListenerWithoutOwnKeyAndWrongSettingsAreRefused() {
        TlsConfig noKey = TlsConfig.builder().trustAnchors(List.of(TestPki.get().pki.ca().certificate())).build();
        Transport t = Transports.of(TlsTransportProvider.config(noKey));
        assertThrows(IllegalStateException.class, () -> t.acceptor(InetAddress.getLoopbackAddress(), 0));
        assertThrows(IllegalArgumentException.class, () -> Transports.of(TransportConfig.of("tls", "not a TlsConfig")));
    }
}
