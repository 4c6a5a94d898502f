package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.dicomsec.ul.transport.TransportConnection;
import org.junit.jupiter.api.Test;

/** A client that asks to renegotiate (TLS 1.2, SunJSSE) is refused; no second handshake happens. */
class RenegotiationTest {

    private final TestPki t = TestPki.get();

    @Test
    void renegotiationIsRefused() throws Exception {
        SSLContext ctx = JdkTls.context(t, "client");
        try (EchoServer server = new EchoServer(t.server(TlsProfile.BCP195_ND).build());
             SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10_000);
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.startHandshake();
            byte[] data = {1, 2, 3, 4};
            s.getOutputStream().write(data);
            byte[] echo = new byte[4];
            new DataInputStream(s.getInputStream()).readFully(echo);
            assertArrayEquals(data, echo);
            TransportConnection sc = server.nextConnection();
            assertNotNull(sc);
            String suite = sc.security().cipherSuite();

            s.startHandshake(); // a renegotiation request: a new ClientHello on the established connection
            IOException e = assertThrows(IOException.class, () -> {
                s.getOutputStream().write(data);
                new DataInputStream(s.getInputStream()).readFully(echo);
            });
            // RFC 5746 4.2 / RFC 5246 7.2.2: the server answers a renegotiation ClientHello with no_renegotiation
            assertTrue(String.valueOf(e.getMessage()).contains("no_renegotiation"), String.valueOf(e));
            assertEquals(suite, sc.security().cipherSuite());
        }
    }
}
