package org.dicomsec.tls;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JDK's own TLS (SunJSSE) as an independent peer: SSLContexts from the demo
 * PKI's PKCS#12 files, an echo server for one connection, and a client.
 */
final class JdkTls {

    private JdkTls() {
    }

    /** SSLContext with {@code entity} ("server" or "client") key from its .p12 and the demo trust store. */
    static SSLContext context(TestPki t, String entity) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(t.dir.resolve(entity + ".p12"))) {
            ks.load(in, TestPki.PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, TestPki.PASSWORD);
        KeyStore ts = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(t.dir.resolve("truststore.p12"))) {
            ts.load(in, TestPki.PASSWORD);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    /** What the JDK side saw. */
    record Session(String protocol, String cipherSuite, String peer) {
    }

    /** A SunJSSE server that demands a client certificate and echoes {@code size} bytes on one connection. */
    static final class Server implements AutoCloseable {
        final SSLServerSocket socket;
        final CompletableFuture<Session> session = new CompletableFuture<>();

        Server(SSLContext ctx, String[] protocols, String[] suites, int size) throws Exception {
            socket = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
            socket.setNeedClientAuth(true);
            socket.setEnabledProtocols(protocols);
            socket.setEnabledCipherSuites(suites);
            Thread th = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) socket.accept()) {
                    s.setSoTimeout(20_000);
                    s.startHandshake();
                    byte[] buf = new byte[size];
                    new DataInputStream(s.getInputStream()).readFully(buf);
                    s.getOutputStream().write(buf);
                    s.getOutputStream().flush();
                    session.complete(new Session(s.getSession().getProtocol(), s.getSession().getCipherSuite(),
                            s.getSession().getPeerPrincipal().getName()));
                } catch (Exception e) {
                    session.completeExceptionally(e);
                }
            }, "jdk-tls-server");
            th.setDaemon(true);
            th.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        Session await() throws Exception {
            return session.get(20, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    /** A SunJSSE client: connects, writes {@code data}, reads the echo, returns what it negotiated. */
    static Session client(SSLContext ctx, int port, String[] protocols, String[] suites, byte[] data, byte[] echo)
            throws Exception {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(20_000);
            s.setEnabledProtocols(protocols);
            s.setEnabledCipherSuites(suites);
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            out.write(data);
            out.flush();
            new DataInputStream(s.getInputStream()).readFully(echo);
            return new Session(s.getSession().getProtocol(), s.getSession().getCipherSuite(),
                    s.getSession().getPeerPrincipal().getName());
        }
    }
}
