package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

import org.dicomsec.ul.transport.TransportConnection;
import org.junit.jupiter.api.Test;

/** A read timeout (the Upper Layer's ARTIM) interrupts a read without breaking the TLS connection. */
class ReadTimeoutTest {

    private final TestPki t = TestPki.get();

    @Test
    void timeoutThenTheConnectionStillWorks() throws Exception {
        try (EchoServer s = new EchoServer(t.server(TlsProfile.BCP195_ND).build());
             TransportConnection c = TlsTransport.connector(t.client(TlsProfile.BCP195_ND).build())
                     .connect(new InetSocketAddress("127.0.0.1", s.port()), 10_000)) {
            c.setReadTimeout(200);
            assertThrows(SocketTimeoutException.class, () -> c.input().read());
            c.setReadTimeout(0);
            LoopbackProfilesTest.echo(c, 5000);
        }
    }
}
