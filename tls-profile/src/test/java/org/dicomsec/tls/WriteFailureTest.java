package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnection;
import org.dicomsec.ul.transport.TransportIntegrityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A write that fails because the peer dropped the connection (PS3.15 B.1): the
 * writer never reads, so only {@link TlsConnection}'s read after the failed
 * write can tell a peer that found a tampered record (fatal bad_record_mac, then
 * reset) from one that sent its last data and went away, or one that vanished.
 */
class WriteFailureTest {

    /** Far more than the socket buffers on the path: the writer blocks long before this. */
    private static final int MAX_RECORDS = 16_384;

    private final TestPki t = TestPki.get();

    /** Accepts one connection; {@code serve} runs on it, its exception (if any) completes the future. */
    private static CompletableFuture<TransportConnection> serveOne(TransportAcceptor acceptor, Server serve) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                TransportConnection c = acceptor.accept().handshake(10_000);
                serve.on(c);
                return c;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    interface Server {
        void on(TransportConnection c) throws IOException;
    }

    /** Writes full records until a write fails; fails the test if none does. */
    private static IOException writeUntilFailure(TransportConnection c) {
        byte[] record = new byte[TlsConnection.MAX_RECORD_PAYLOAD];
        try {
            OutputStream out = c.output();
            for (int i = 0; i < MAX_RECORDS; i++) {
                out.write(record);
            }
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("no write failed after " + MAX_RECORDS + " records");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"bcp195-nd, JCA", "bcp195-nd, BC", "basic, JCA", "aes, BC"})
    void writeAfterThePeerSentBadRecordMacAndResetIsAnIntegrityFailure(String profileName, TlsCryptoChoice crypto)
            throws Exception {
        TlsProfile profile = TlsProfile.byName(profileName);
        try (TransportAcceptor acceptor = TlsTransport.acceptor(t.server(profile).crypto(crypto).build(),
                InetAddress.getLoopbackAddress(), 0);
             // past the client's encrypted handshake records (TLS 1.3): a record of the data written below
             CountingFlipRelay relay = new CountingFlipRelay(acceptor.localPort(), 12)) {
            CompletableFuture<TransportConnection> server = serveOne(acceptor, c -> {
                byte[] buf = new byte[8192];
                while (c.input().read(buf) >= 0) {
                    // reads until the tampered record fails
                }
            });
            TransportConnection c = TlsTransport.connector(t.client(profile).crypto(crypto).build())
                    .connect(new InetSocketAddress("127.0.0.1", relay.port()), 10_000);
            try (c) {
                IOException failure = writeUntilFailure(c);
                assertTrue(relay.flipped.await(10, TimeUnit.SECONDS));

                // receiver: found the flipped byte
                Exception s = assertThrows(Exception.class, () -> server.get(20, TimeUnit.SECONDS));
                TransportIntegrityException se = assertInstanceOf(TransportIntegrityException.class, s.getCause(),
                        String.valueOf(s));
                assertTrue(se.getMessage().contains("bad_record_mac(20) raised here"), se.getMessage());

                // sender: its write failed on the reset; the alert read after it names the cause
                TransportIntegrityException ce = assertInstanceOf(TransportIntegrityException.class, failure,
                        String.valueOf(failure));
                assertEquals("tls", ce.transport());
                assertTrue(ce.getMessage().contains("bad_record_mac(20) received from the peer"), ce.getMessage());
                assertInstanceOf(SocketException.class, ce.getCause(), "the write failure is the cause");
                // and it stays one: reads and writes keep failing with it
                assertThrows(TransportIntegrityException.class, () -> c.input().read());
                assertThrows(TransportIntegrityException.class, () -> c.output().write(new byte[20_000]));
                assertTrue(relay.directionsEnded.await(10, TimeUnit.SECONDS), "connection dropped on both sides");
            }
        }
    }

    @Test
    void writeAfterThePeerSentDataAndResetIsNotAnIntegrityFailureAndTheDataIsDelivered() throws Exception {
        byte[] last = "A-ABORT from the peer".getBytes(StandardCharsets.US_ASCII);
        try (TransportAcceptor acceptor = TlsTransport.acceptor(t.server(TlsProfile.BCP195_ND).build(),
                InetAddress.getLoopbackAddress(), 0)) {
            CompletableFuture<TransportConnection> server = serveOne(acceptor, c -> {
                new DataInputStream(c.input()).readFully(new byte[100_000]);
                c.output().write(last);
                c.output().flush();
                c.abort(); // reset: the client's next writes fail
            });
            TransportConnection c = TlsTransport.connector(t.client(TlsProfile.BCP195_ND).build())
                    .connect(new InetSocketAddress("127.0.0.1", acceptor.localPort()), 10_000);
            try (c) {
                IOException failure = writeUntilFailure(c);
                server.get(20, TimeUnit.SECONDS);
                assertFalse(failure instanceof TransportIntegrityException, String.valueOf(failure));
                // what the peer sent before the reset is still delivered, in order, then the stream ends
                InputStream in = c.input();
                assertArrayEquals(last, new DataInputStream(in).readNBytes(last.length));
                IOException after = assertThrows(IOException.class, () -> {
                    if (in.read() < 0) {
                        throw new java.io.EOFException("end of stream");
                    }
                });
                assertFalse(after instanceof TransportIntegrityException, String.valueOf(after));
            }
        }
    }

    @Test
    void writeAfterThePeerVanishedIsNotAnIntegrityFailure() throws Exception {
        try (TransportAcceptor acceptor = TlsTransport.acceptor(t.server(TlsProfile.BCP195_ND).build(),
                InetAddress.getLoopbackAddress(), 0)) {
            CompletableFuture<TransportConnection> server = serveOne(acceptor, c -> {
                new DataInputStream(c.input()).readFully(new byte[100_000]);
                c.abort(); // no alert, no data: gone
            });
            TransportConnection c = TlsTransport.connector(t.client(TlsProfile.BCP195_ND).build())
                    .connect(new InetSocketAddress("127.0.0.1", acceptor.localPort()), 10_000);
            try (c) {
                IOException failure = writeUntilFailure(c);
                server.get(20, TimeUnit.SECONDS);
                assertFalse(failure instanceof TransportIntegrityException, String.valueOf(failure));
                assertThrows(IOException.class, () -> {
                    if (c.input().read() < 0) {
                        throw new java.io.EOFException("end of stream");
                    }
                });
            }
        }
    }

    @Test
    void writeAfterALocalAbortIsNotAnIntegrityFailure() throws Exception {
        try (EchoServer server = new EchoServer(t.server(TlsProfile.BCP195_ND).build())) {
            TransportConnection c = TlsTransport.connector(t.client(TlsProfile.BCP195_ND).build())
                    .connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
            LoopbackProfilesTest.echo(c, 1000);
            c.abort();
            IOException e = assertThrows(IOException.class, () -> {
                c.output().write(new byte[20_000]);
                c.output().flush();
            });
            assertFalse(e instanceof TransportIntegrityException, String.valueOf(e));
        }
    }
}
