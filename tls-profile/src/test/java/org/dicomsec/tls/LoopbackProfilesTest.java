package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Random;

import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.TransportConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each profile, dicomsec client against dicomsec server, mutual authentication, both TlsCrypto implementations. */
class LoopbackProfilesTest {

    private final TestPki t = TestPki.get();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "basic, JCA, TLSv1.2, TLS_RSA_WITH_3DES_EDE_CBC_SHA",
        "basic, BC, TLSv1.2, TLS_RSA_WITH_3DES_EDE_CBC_SHA",
        "aes, JCA, TLSv1.2, TLS_RSA_WITH_AES_128_CBC_SHA",
        "aes, BC, TLSv1.2, TLS_RSA_WITH_AES_128_CBC_SHA",
        "bcp195, JCA, TLSv1.3, TLS_AES_256_GCM_SHA384",
        "bcp195-nd, JCA, TLSv1.3, TLS_AES_256_GCM_SHA384",
        "bcp195-nd, BC, TLSv1.3, TLS_AES_256_GCM_SHA384",
        "bcp195-ex, JCA, TLSv1.3, TLS_AES_256_GCM_SHA384",
        "bcp195-ex, BC, TLSv1.3, TLS_AES_256_GCM_SHA384",
    })
    void mutualAuthenticationAndEcho(String profileName, TlsCryptoChoice crypto, String version, String suite) throws Exception {
        TlsProfile profile = TlsProfile.byName(profileName);
        try (EchoServer server = new EchoServer(t.server(profile).crypto(crypto).build())) {
            TlsConfig clientConfig = t.client(profile).crypto(crypto).verifyHostName(true).build();
            try (TransportConnection c = TlsTransport.connector(clientConfig)
                    .connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000)) {
                assertEquals(profileName, c.security().profile());
                assertEquals(version, c.security().protocol());
                assertEquals(suite, c.security().cipherSuite());
                assertTrue(c.security().secure());
                assertEquals(16384, c.recordPayloadSize());
                PeerIdentity peer = c.peer();
                assertEquals(PeerIdentity.Kind.X509, peer.kind());
                assertEquals(t.pki.server().certificate().getSubjectX500Principal().getName(), peer.name());
                assertEquals(t.pki.server().certificate(), peer.certificateChain().get(0));
                assertEquals(TlsConnection.fingerprint(t.pki.server().certificate()), peer.attributes().get("x509.sha256"));

                echo(c, 100_000);

                TransportConnection s = server.nextConnection();
                assertNotNull(s, "server side established");
                assertEquals(PeerIdentity.Kind.X509, s.peer().kind());
                assertEquals(t.pki.client().certificate().getSubjectX500Principal().getName(), s.peer().name());
                assertEquals(suite, s.security().cipherSuite());
                assertEquals(version, s.security().protocol());
            }
        }
    }

    /** Writes {@code size} random bytes in pieces and reads the echo back, concurrently. */
    static void echo(TransportConnection c, int size) throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        byte[] back = new byte[size];
        Thread writer = new Thread(() -> {
            try {
                int off = 0;
                while (off < size) {
                    int n = Math.min(7000, size - off);
                    c.output().write(data, off, n);
                    off += n;
                }
                c.output().flush();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        new DataInputStream(c.input()).readFully(back);
        writer.join(10_000);
        assertArrayEquals(data, back);
    }
}
