package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The client's first ClientHello offers its TLS 1.3 key share for secp256r1, so that a peer
 * allowing only NIST curves (DCMTK's BCP 195 profile) does not send a HelloRetryRequest. Read
 * off the wire: a plain socket takes the ClientHello record and closes.
 */
class KeyShareTest {

    private static final int KEY_SHARE = 0x0033;
    private static final int SECP256R1 = 0x0017;

    @Test
    void firstClientHelloOffersSecp256r1() throws Exception {
        TlsConfig client = TestPki.get().client(TlsProfile.BCP195_ND).build();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<Integer>> groups = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    return keyShareGroups(readRecord(new DataInputStream(s.getInputStream())));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThrows(IOException.class, () -> TlsTransport.connector(client)
                    .connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), 10_000).close());
            assertEquals(List.of(SECP256R1), groups.get(30, TimeUnit.SECONDS));
        }
    }

    /** The body of one TLS record (a handshake record holding the whole ClientHello). */
    private static ByteBuffer readRecord(DataInputStream in) throws IOException {
        byte[] header = new byte[5];
        in.readFully(header);
        assertEquals(22, header[0], "a handshake record");
        byte[] body = new byte[(header[3] & 0xFF) << 8 | header[4] & 0xFF];
        in.readFully(body);
        return ByteBuffer.wrap(body);
    }

    /** The groups of the key_share extension of a ClientHello (RFC 8446 4.1.2, 4.2.8). */
    private static List<Integer> keyShareGroups(ByteBuffer b) {
        assertEquals(1, b.get(), "ClientHello");
        b.position(b.position() + 3 + 2 + 32); // length, legacy_version, random
        skip(b, b.get() & 0xFF); // legacy_session_id
        skip(b, b.getShort() & 0xFFFF); // cipher_suites
        skip(b, b.get() & 0xFF); // legacy_compression_methods
        int end = b.getShort() & 0xFFFF;
        end += b.position();
        List<Integer> groups = new ArrayList<>();
        while (b.position() < end) {
            int type = b.getShort() & 0xFFFF;
            int length = b.getShort() & 0xFFFF;
            int next = b.position() + length;
            if (type == KEY_SHARE) {
                int sharesEnd = b.getShort() & 0xFFFF;
                sharesEnd += b.position();
                while (b.position() < sharesEnd) {
                    groups.add(b.getShort() & 0xFFFF);
                    skip(b, b.getShort() & 0xFFFF); // key_exchange
                }
            }
            b.position(next);
        }
        return groups;
    }

    private static void skip(ByteBuffer b, int n) {
        b.position(b.position() + n);
    }
}
