package org.dicomsec.cli;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.dicomsec.ul.transport.PendingConnection;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnection;

/**
 * An in-process server for the scan tests: accepts on a transport acceptor in
 * one daemon thread, one connection at a time (the scan probes one after the
 * other), runs the handshake and hands the connection to a handler; failed
 * handshakes are counted. Closing stops it.
 */
final class ScanTestServer implements AutoCloseable {

    /** What the server does with an established connection. */
    interface Handler {
        void serve(TransportConnection c) throws IOException;
    }

    private final TransportAcceptor acceptor;
    private final Thread thread;
    final AtomicInteger handshakesOk = new AtomicInteger();
    final AtomicInteger handshakesFailed = new AtomicInteger();

    ScanTestServer(TransportAcceptor acceptor, Handler handler) {
        this.acceptor = acceptor;
        this.thread = new Thread(() -> loop(handler), "scan-test-server-" + acceptor.localPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads until the client goes: what a DICOM server does while it waits for the A-ASSOCIATE-RQ. */
    static void drain(TransportConnection c) throws IOException {
        c.setReadTimeout(10_000);
        byte[] b = new byte[4096];
        while (c.input().read(b) >= 0) {
            // discard
        }
    }

    int port() {
        return acceptor.localPort();
    }

    String address() {
        return "127.0.0.1:" + port();
    }

    private void loop(Handler handler) {
        while (true) {
            PendingConnection p;
            try {
                p = acceptor.accept();
            } catch (IOException e) {
                return; // closed
            }
            TransportConnection c;
            try {
                c = p.handshake(5000);
                handshakesOk.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                handshakesFailed.incrementAndGet();
                p.abort();
                continue;
            }
            try {
                handler.serve(c);
            } catch (IOException | RuntimeException e) {
                // the probe went away: next one
            } finally {
                c.abort();
            }
        }
    }

    @Override
    public void close() throws Exception {
        acceptor.close();
        thread.join(10_000);
    }
}
