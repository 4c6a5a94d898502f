package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.util.Random;

import javax.net.ssl.SSLContext;

import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.TransportConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interoperation with the JDK's own TLS implementation (SunJSSE), both
 * directions, mutual authentication, for the profiles the JDK allows by
 * default. The Basic profile (TLS 1.0, 3DES) and the AES profile (RSA key
 * transport, which the JDK disables from JDK 24 on) are in
 * {@code JdkBasicInteropTest}, which runs in its own JVM because it re-enables
 * algorithms the JDK disables.
 */
class JdkInteropTest {

    private final TestPki t = TestPki.get();

    @ParameterizedTest(name = "dicomsec client {0} -> JDK server {1} {2}")
    @CsvSource({
        "bcp195-nd, TLSv1.3, TLS_AES_128_GCM_SHA256",
        "bcp195-nd, TLSv1.2, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "bcp195-nd, TLSv1.2, TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
        "bcp195, TLSv1.3, TLS_AES_256_GCM_SHA384",
        "bcp195-ex, TLSv1.3, TLS_CHACHA20_POLY1305_SHA256",
        "bcp195-ex, TLSv1.2, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    })
    void dicomsecClientToJdkServer(String profile, String protocol, String suite) throws Exception {
        SSLContext ctx = JdkTls.context(t, "server");
        byte[] data = random(50_000);
        try (JdkTls.Server server = new JdkTls.Server(ctx, new String[] {protocol}, new String[] {suite}, data.length);
             TransportConnection c = TlsTransport.connector(t.client(TlsProfile.byName(profile)).verifyHostName(true).build())
                     .connect(new InetSocketAddress("localhost", server.port()), 10_000)) {
            c.output().write(data);
            c.output().flush();
            byte[] echo = new byte[data.length];
            new DataInputStream(c.input()).readFully(echo);
            assertArrayEquals(data, echo);
            assertEquals(protocol, c.security().protocol());
            assertEquals(suite, c.security().cipherSuite());
            assertEquals(PeerIdentity.Kind.X509, c.peer().kind());
            JdkTls.Session s = server.await();
            assertEquals(protocol, s.protocol());
            assertEquals(suite, s.cipherSuite());
            assertEquals(t.pki.client().certificate().getSubjectX500Principal().getName(), s.peer());
        }
    }

    @ParameterizedTest(name = "JDK client {1} {2} -> dicomsec server {0}")
    @CsvSource({
        "bcp195-nd, TLSv1.3, TLS_AES_256_GCM_SHA384",
        "bcp195-nd, TLSv1.2, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "bcp195, TLSv1.2, TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
        "bcp195-ex, TLSv1.3, TLS_AES_128_GCM_SHA256",
    })
    void jdkClientToDicomsecServer(String profile, String protocol, String suite) throws Exception {
        SSLContext ctx = JdkTls.context(t, "client");
        byte[] data = random(50_000);
        byte[] echo = new byte[data.length];
        try (EchoServer server = new EchoServer(t.server(TlsProfile.byName(profile)).build())) {
            JdkTls.Session s = JdkTls.client(ctx, server.port(), new String[] {protocol}, new String[] {suite}, data, echo);
            assertArrayEquals(data, echo);
            assertEquals(protocol, s.protocol());
            assertEquals(suite, s.cipherSuite());
            assertEquals(t.pki.server().certificate().getSubjectX500Principal().getName(), s.peer());
            TransportConnection sc = server.nextConnection();
            assertNotNull(sc);
            assertEquals(suite, sc.security().cipherSuite());
            assertEquals(t.pki.client().certificate().getSubjectX500Principal().getName(), sc.peer().name());
        }
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
