package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.dicomsec.ul.transport.TransportConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A TLS 1.3 client ends its handshake before the server has checked its
 * certificate (RFC 8446 4.4.2.4). An OpenSSL server that refuses it sends its
 * alert and closes; when this side's first write then meets the closed socket,
 * the server's kernel answers with a reset and the alert is lost. The client
 * must still say that it was most likely refused, and which certificate; a
 * reset after application data, or after a TLS 1.2 handshake (which includes
 * the server's check), is an ordinary lost connection.
 *
 * <p>The server here is the JDK's (SunJSSE): it completes the handshake, then
 * resets the connection (SO_LINGER 0) after sending {@code before} application
 * bytes, with no alert.
 */
class LateRefusalTest {

    private final TestPki t = TestPki.get();

    /** One connection: handshake, {@code before} bytes of application data, then a reset. */
    private static final class ResettingServer implements AutoCloseable {
        final ServerSocket socket;
        final CompletableFuture<String> done = new CompletableFuture<>();

        ResettingServer(SSLContext ctx, String protocol, int before) throws IOException {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread th = new Thread(() -> {
                try (Socket raw = socket.accept()) {
                    raw.setSoTimeout(20_000);
                    // layered, so that the socket can be reset under it without a close_notify
                    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, null, raw.getPort(), false);
                    s.setUseClientMode(false);
                    s.setNeedClientAuth(true);
                    s.setEnabledProtocols(new String[] {protocol});
                    s.startHandshake();
                    if (before > 0) {
                        s.getOutputStream().write(new byte[before]);
                        s.getOutputStream().flush();
                    }
                    // wait for the client's first byte, so that a reset, not a FIN, ends the connection
                    InputStream in = s.getInputStream();
                    if (in.read() < 0) {
                        throw new IOException("client closed first");
                    }
                    raw.setSoLinger(true, 0);
                    done.complete(s.getSession().getProtocol());
                } catch (Exception e) {
                    done.completeExceptionally(e);
                }
            }, "resetting-tls-server");
            th.setDaemon(true);
            th.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Writes one byte, then reads until the connection ends; returns what was read before the failure. */
    private static byte[] writeThenRead(TransportConnection c, ResettingServer server, int expect) throws Exception {
        c.output().write(7);
        c.output().flush();
        byte[] got = new byte[expect];
        for (int n = 0; n < expect; ) {
            int r = c.input().read(got, n, expect - n);
            assertTrue(r > 0, "application data before the reset");
            n += r;
        }
        server.done.get(20, TimeUnit.SECONDS);
        return got;
    }

    @ParameterizedTest(name = "{0}, {1} application bytes before the reset")
    @CsvSource({"TLSv1.3, 0, true", "TLSv1.3, 100, false", "TLSv1.2, 0, false"})
    void aResetIsCalledARefusalOnlyAfterATls13HandshakeAndBeforeAnyData(String protocol, int before, boolean refusal)
            throws Exception {
        try (ResettingServer server = new ResettingServer(JdkTls.context(t, "server"), protocol, before);
             TransportConnection c = TlsTransport.connector(t.client(TlsProfile.BCP195_ND).build())
                     .connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000)) {
            assertEquals(protocol, c.security().protocol());
            assertArrayEquals(new byte[before], writeThenRead(c, server, before));
            IOException e = assertThrows(IOException.class, () -> {
                // the reset reaches the next read (or, when it is already in, a write)
                while (true) {
                    if (c.input().read() < 0) {
                        throw new IOException("end of stream without a reset");
                    }
                }
            });
            if (refusal) {
                TlsHandshakeException h = assertThrows(TlsHandshakeException.class, () -> { throw e; });
                String m = h.getMessage();
                assertFalse(m.contains("\n"), m);
                assertTrue(m.startsWith("TLS peer 127.0.0.1:" + server.port() + " refused this side (profile bcp195-nd)"), m);
                assertTrue(m.contains("without an alert that could be read"), m);
                assertTrue(m.contains(t.pki.client().certificate().getSubjectX500Principal().getName()), m);
                assertTrue(m.contains("likely cause: the peer does not trust the issuer"), m);
                assertEquals(-1, h.alert());
                assertFalse(h.raisedLocally());
            } else {
                assertFalse(e instanceof TlsHandshakeException, e.toString());
            }
        }
    }
}
