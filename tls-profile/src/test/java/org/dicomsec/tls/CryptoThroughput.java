package org.dicomsec.tls;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnection;

/**
 * A quick loopback measurement (not a test, not JMH) used to choose
 * {@link TlsCryptoChoice#DEFAULT}: bulk one-way throughput of a TLS connection
 * per crypto implementation and profile. Run with the test class path:
 * {@code java -cp ... org.dicomsec.tls.CryptoThroughput [MiB]}.
 */
public final class CryptoThroughput {

    private CryptoThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        TestPki t = TestPki.get();
        String[] profiles = {"bcp195-nd", "aes", "basic"};
        for (int round = 0; round < 2; round++) {
            for (String profile : profiles) {
                for (TlsCryptoChoice crypto : TlsCryptoChoice.values()) {
                    int size = round == 0 ? 16 : (profile.equals("basic") ? Math.max(16, mib / 4) : mib);
                    double mbs = run(t, TlsProfile.byName(profile), crypto, size);
                    if (round > 0) {
                        System.out.printf("%-10s %-4s %5d MiB  %8.1f MB/s%n", profile, crypto, size, mbs);
                    }
                }
            }
        }
    }

    static double run(TestPki t, TlsProfile profile, TlsCryptoChoice crypto, int mib) throws Exception {
        try (TransportAcceptor acc = TlsTransport.acceptor(t.server(profile).crypto(crypto).build(),
                InetAddress.getLoopbackAddress(), 0)) {
            long total = (long) mib << 20;
            CompletableFuture<Long> sink = CompletableFuture.supplyAsync(() -> {
                try (TransportConnection c = acc.accept().handshake(10_000)) {
                    InputStream in = c.input();
                    byte[] buf = new byte[65536];
                    long got = 0;
                    int n;
                    while (got < total && (n = in.read(buf)) > 0) {
                        got += n;
                    }
                    c.output().write(1);
                    c.output().flush();
                    return got;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            try (TransportConnection c = TlsTransport.connector(t.client(profile).crypto(crypto).build())
                    .connect(new InetSocketAddress("127.0.0.1", acc.localPort()), 10_000)) {
                byte[] chunk = new byte[65536];
                long start = System.nanoTime();
                for (long sent = 0; sent < total; sent += chunk.length) {
                    c.output().write(chunk);
                }
                c.output().flush();
                c.input().read();
                long nanos = System.nanoTime() - start;
                sink.get(60, TimeUnit.SECONDS);
                return total / 1e6 / (nanos / 1e9);
            }
        }
    }
}
