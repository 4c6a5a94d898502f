package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.TransportConnection;
import org.junit.jupiter.api.Test;

/** ECDSA (P-256) certificates: the Extended BCP 195 profile's ECDHE_ECDSA suites and TLS 1.3. */
class EcdsaTest {

    private final TestPki t = TestPki.get();

    private TlsConfig.Builder ec(KeyMaterial km) {
        return TlsConfig.builder().profile(TlsProfile.BCP195_EX).keyMaterial(km).trustAnchors(t.pki.ca().chain());
    }

    @Test
    void ecdsaBothSidesTls13() throws Exception {
        try (EchoServer s = new EchoServer(ec(t.ecServer).build());
             TransportConnection c = TlsTransport.connector(ec(t.ecClient).build())
                     .connect(new InetSocketAddress("127.0.0.1", s.port()), 10_000)) {
            LoopbackProfilesTest.echo(c, 20_000);
            assertEquals("TLSv1.3", c.security().protocol());
            assertEquals(t.ecServer.certificate(), c.peer().certificateChain().get(0));
            TransportConnection sc = s.nextConnection();
            assertNotNull(sc);
            assertEquals(PeerIdentity.Kind.X509, sc.peer().kind());
            assertEquals(t.ecClient.certificate(), sc.peer().certificateChain().get(0));
        }
    }

    @Test
    void jdkClientTls12EcdheEcdsaToDicomsecServer() throws Exception {
        byte[] data = JdkInteropTest.random(10_000);
        byte[] echo = new byte[data.length];
        try (EchoServer s = new EchoServer(ec(t.ecServer).build())) {
            JdkTls.Session js = JdkTls.client(context(t.ecClient), s.port(), new String[] {"TLSv1.2"},
                    new String[] {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"}, data, echo);
            assertArrayEquals(data, echo);
            assertEquals("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", js.cipherSuite());
            TransportConnection sc = s.nextConnection();
            assertNotNull(sc);
            assertEquals("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", sc.security().cipherSuite());
            assertEquals(t.ecClient.certificate(), sc.peer().certificateChain().get(0));
        }
    }

    @Test
    void dicomsecEcClientTls12ToJdkServer() throws Exception {
        byte[] data = JdkInteropTest.random(10_000);
        try (JdkTls.Server server = new JdkTls.Server(context(t.pki.server()), new String[] {"TLSv1.2"},
                new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"}, data.length);
             TransportConnection c = TlsTransport.connector(ec(t.ecClient).build())
                     .connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000)) {
            c.output().write(data);
            c.output().flush();
            byte[] echo = new byte[data.length];
            new DataInputStream(c.input()).readFully(echo);
            assertArrayEquals(data, echo);
            assertEquals(t.ecClient.certificate().getSubjectX500Principal().getName(), server.await().peer());
        }
    }

    /** A SunJSSE context with {@code km} as its key and the demo CA as trust anchor. */
    private SSLContext context(KeyMaterial km) throws Exception {
        char[] pw = "x".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", km.privateKey(), pw, km.chain().toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", t.pki.ca().certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }
}
