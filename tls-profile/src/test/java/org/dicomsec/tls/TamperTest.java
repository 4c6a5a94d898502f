package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import org.dicomsec.ul.transport.TransportConnection;
import org.dicomsec.ul.transport.TransportIntegrityException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PS3.15 B.1: "When an integrity check fails, the connection shall be dropped per
 * the TLS protocol, causing both the sender and the receiver to issue an
 * A-P-ABORT indication". A relay flips one byte of an application data record in
 * flight; the receiver's read fails with TransportIntegrityException
 * (bad_record_mac raised), the sender's with the same (bad_record_mac received),
 * and the connection ends on both sides.
 */
class TamperTest {

    private final TestPki t = TestPki.get();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"bcp195-nd, JCA", "bcp195-nd, BC", "bcp195-ex, JCA", "basic, JCA", "aes, BC"})
    void flippedByteDropsTheConnectionOnBothSides(String profileName, TlsCryptoChoice crypto) throws Exception {
        TlsProfile profile = TlsProfile.byName(profileName);
        try (EchoServer server = new EchoServer(t.server(profile).crypto(crypto).build());
             CountingFlipRelay relay = new CountingFlipRelay(server.port(), CountingFlipRelay.ARMED)) {
            TransportConnection c = TlsTransport.connector(t.client(profile).crypto(crypto).build())
                    .connect(new InetSocketAddress("127.0.0.1", relay.port()), 10_000);
            try (c) {
                // untampered data passes first
                LoopbackProfilesTest.echo(c, 3000);
                assertNotNull(server.nextConnection(), "server handshake done");
                relay.arm();
                c.output().write(new byte[2000]);
                c.output().flush();

                // receiver: the server's read fails its integrity check
                IOException serverSide = server.nextFailure();
                TransportIntegrityException se = assertInstanceOf(TransportIntegrityException.class, serverSide,
                        String.valueOf(serverSide));
                assertEquals("tls", se.transport());
                assertTrue(se.getMessage().contains("bad_record_mac(20) raised here"), se.getMessage());

                // sender: learns it from the alert
                TransportIntegrityException ce = assertThrows(TransportIntegrityException.class, () -> c.input().read());
                assertTrue(ce.getMessage().contains("bad_record_mac(20) received"), ce.getMessage());
                assertTrue(relay.tampered.get());

                // dropped on both sides: the relay sees both directions end, reads keep failing
                assertTrue(relay.directionsEnded.await(10, TimeUnit.SECONDS), "connection dropped on both sides");
                assertThrows(TransportIntegrityException.class, () -> c.input().read());
            }
        }
    }

    /** A peer that vanishes mid-record is a plain I/O failure, not an integrity failure. */
    @org.junit.jupiter.api.Test
    void peerVanishingMidRecordIsNotAnIntegrityFailure() throws Exception {
        try (EchoServer server = new EchoServer(t.server(TlsProfile.BCP195_ND).build());
             CountingFlipRelay relay = new CountingFlipRelay(server.port(), CountingFlipRelay.ARMED)) {
            TransportConnection c = TlsTransport.connector(t.client(TlsProfile.BCP195_ND).build())
                    .connect(new InetSocketAddress("127.0.0.1", relay.port()), 10_000);
            try (c) {
                LoopbackProfilesTest.echo(c, 100);
                assertNotNull(server.nextConnection());
                relay.armCut();
                c.output().write(new byte[3000]);
                c.output().flush();
                IOException serverSide = server.nextFailure();
                assertNotNull(serverSide, "server read ended with an error");
                assertTrue(!(serverSide instanceof TransportIntegrityException), String.valueOf(serverSide));
                IOException clientSide = assertThrows(IOException.class, () -> {
                    if (c.input().read() < 0) {
                        throw new java.io.EOFException("closed");
                    }
                });
                assertTrue(!(clientSide instanceof TransportIntegrityException), String.valueOf(clientSide));
                assertTrue(relay.directionsEnded.await(10, TimeUnit.SECONDS));
            }
        }
    }
}
