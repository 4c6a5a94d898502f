package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

import org.dicomsec.ul.transport.TransportAcceptor;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Any bytes a client sends to the TLS listener instead of a valid handshake end
 * in a clean {@link TlsHandshakeException} naming the peer; never a hang, never
 * another exception type.
 */
class HandshakeInputProperties {

    private static TransportAcceptor acceptor;

    private static synchronized TransportAcceptor acceptor() throws IOException {
        if (acceptor == null) {
            acceptor = TlsTransport.acceptor(TestPki.get().server(TlsProfile.BCP195_ND).build(),
                    InetAddress.getLoopbackAddress(), 0);
        }
        return acceptor;
    }

    @AfterContainer
    static synchronized void closeAcceptor() throws IOException {
        if (acceptor != null) {
            acceptor.close();
            acceptor = null;
        }
    }

    @Property(tries = 40)
    void garbageEndsInACleanRefusal(@ForAll @Size(max = 600) byte[] bytes, @ForAll boolean looksLikeHandshake)
            throws Exception {
        TransportAcceptor acc = acceptor();
        if (looksLikeHandshake && bytes.length >= 3) {
            // a handshake record header with a plausible version, so the parser goes further in
            bytes[0] = 22;
            bytes[1] = 3;
            bytes[2] = 3;
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), acc.localPort())) {
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            s.shutdownOutput();
            TlsHandshakeException e = assertThrows(TlsHandshakeException.class, () -> acc.accept().handshake(5000));
            assertTrue(e.getMessage().startsWith("TLS handshake from 127.0.0.1:"), e.getMessage());
        }
    }
}
