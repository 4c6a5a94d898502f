package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.security.Security;
import java.util.Arrays;

import javax.net.ssl.SSLContext;

import org.dicomsec.ul.transport.TransportConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Basic TLS Secure Transport Connection Profile (PS3.15 B.1: TLS 1.0, RSA,
 * SHA, 3DES EDE CBC) and the AES profile (RSA key transport, AES-128-CBC)
 * against SunJSSE, both directions. The JDK disables TLS 1.0 and 3DES by
 * default, and from JDK 24 on the RSA key transport suites (TLS_RSA_*); this
 * class re-enables them for its JVM only, which is
 * why Surefire runs it in a separate execution (tls-profile/pom.xml): the
 * property must be set before any SSLContext exists in the JVM.
 */
class JdkBasicInteropTest {

    private final TestPki t = TestPki.get();

    @BeforeAll
    static void reenableLegacyAlgorithms() throws Exception {
        Security.setProperty("jdk.tls.disabledAlgorithms", "SSLv3, RC4, DES, DH keySize < 1024, EC keySize < 224, anon, NULL");
        // check it took effect: the JDK now offers TLS 1.0 and supports the 3DES suite (from JDK 25 on it is
        // no longer among the default suites; the tests name the suite they enable)
        SSLContext probe = SSLContext.getInstance("TLS");
        probe.init(null, null, null);
        assertTrue(Arrays.asList(probe.getDefaultSSLParameters().getProtocols()).contains("TLSv1"));
        assertTrue(Arrays.asList(probe.getSupportedSSLParameters().getCipherSuites()).contains(jdkName("TLS_RSA_WITH_3DES_EDE_CBC_SHA")),
                "jdk.tls.disabledAlgorithms was read before this class could change it: run it in its own JVM");
    }

    /** JSSE's standard name of the 3DES suite keeps its SSL 3.0 prefix. */
    static String jdkName(String suite) {
        return suite.equals("TLS_RSA_WITH_3DES_EDE_CBC_SHA") ? "SSL_RSA_WITH_3DES_EDE_CBC_SHA" : suite;
    }

    @ParameterizedTest(name = "dicomsec {0} client -> JDK server {1} {2}")
    @CsvSource({"basic, TLSv1, TLS_RSA_WITH_3DES_EDE_CBC_SHA", "basic, TLSv1.1, TLS_RSA_WITH_3DES_EDE_CBC_SHA",
        "basic, TLSv1.2, TLS_RSA_WITH_3DES_EDE_CBC_SHA", "basic, TLSv1, TLS_RSA_WITH_AES_128_CBC_SHA",
        "aes, TLSv1.2, TLS_RSA_WITH_AES_128_CBC_SHA"})
    void dicomsecClientToJdkServer(String profile, String protocol, String suite) throws Exception {
        byte[] data = JdkInteropTest.random(40_000);
        try (JdkTls.Server server = new JdkTls.Server(JdkTls.context(t, "server"), new String[] {protocol},
                new String[] {jdkName(suite)}, data.length);
             TransportConnection c = TlsTransport.connector(t.client(TlsProfile.byName(profile)).build())
                     .connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000)) {
            c.output().write(data);
            c.output().flush();
            byte[] echo = new byte[data.length];
            new DataInputStream(c.input()).readFully(echo);
            assertArrayEquals(data, echo);
            assertEquals(protocol, c.security().protocol());
            assertEquals(suite, c.security().cipherSuite());
            JdkTls.Session s = server.await();
            assertEquals(protocol, s.protocol());
            assertEquals(jdkName(suite), s.cipherSuite());
        }
    }

    @ParameterizedTest(name = "JDK client {1} {2} -> dicomsec {0} server")
    @CsvSource({"basic, TLSv1, TLS_RSA_WITH_3DES_EDE_CBC_SHA", "basic, TLSv1.2, TLS_RSA_WITH_3DES_EDE_CBC_SHA",
        "aes, TLSv1.2, TLS_RSA_WITH_AES_128_CBC_SHA"})
    void jdkClientToDicomsecServer(String profile, String protocol, String suite) throws Exception {
        byte[] data = JdkInteropTest.random(40_000);
        byte[] echo = new byte[data.length];
        try (EchoServer server = new EchoServer(t.server(TlsProfile.byName(profile)).build())) {
            JdkTls.Session s = JdkTls.client(JdkTls.context(t, "client"), server.port(), new String[] {protocol},
                    new String[] {jdkName(suite)}, data, echo);
            assertArrayEquals(data, echo);
            assertEquals(protocol, s.protocol());
            assertEquals(jdkName(suite), s.cipherSuite());
            TransportConnection sc = server.nextConnection();
            assertNotNull(sc);
            assertEquals(protocol, sc.security().protocol());
            assertEquals(suite, sc.security().cipherSuite());
            assertEquals(profile, sc.security().profile());
        }
    }
}
