package org.dicomsec.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.dicomsec.ul.transport.PendingConnection;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnection;

/**
 * A loopback TLS echo server for tests: one thread accepts, one thread per
 * connection handshakes and echoes until EOF. Established connections and
 * handshake or read failures are queued for the test to examine.
 */
final class EchoServer implements AutoCloseable {

    final TransportAcceptor acceptor;
    final LinkedBlockingQueue<TransportConnection> established = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<IOException> failures = new LinkedBlockingQueue<>();
    final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Thread acceptThread;

    EchoServer(TlsConfig config) throws IOException {
        acceptor = TlsTransport.acceptor(config, InetAddress.getLoopbackAddress(), 0);
        acceptThread = new Thread(this::acceptLoop, "echo-accept");
        acceptThread.setDaemon(true);
        acceptThread.start();
    }

    int port() {
        return acceptor.localPort();
    }

    /** A bcp195-nd client handshake to this server over {@code s} (a socket the test made, not yet connected). */
    TlsConnection connectClient(java.net.Socket s) throws IOException {
        s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 10_000);
        return TlsTransport.clientHandshake(TestPki.get().client(TlsProfile.BCP195_ND).build(), s, "localhost", 10_000);
    }

    private void acceptLoop() {
        while (true) {
            PendingConnection p;
            try {
                p = acceptor.accept();
            } catch (IOException e) {
                return; // closed
            }
            Thread t = new Thread(() -> serve(p), "echo-" + p.remoteAddress());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void serve(PendingConnection p) {
        TransportConnection c;
        try {
            c = p.handshake(10_000);
        } catch (IOException e) {
            failures.add(e);
            return;
        }
        established.add(c);
        try (c) {
            InputStream in = c.input();
            OutputStream out = c.output();
            byte[] buf = new byte[20000];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            failures.add(e);
        }
    }

    IOException nextFailure() throws InterruptedException {
        return failures.poll(20, TimeUnit.SECONDS);
    }

    TransportConnection nextConnection() throws InterruptedException {
        return established.poll(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        acceptor.close();
        for (TransportConnection c : established) {
            c.abort();
        }
    }
}
