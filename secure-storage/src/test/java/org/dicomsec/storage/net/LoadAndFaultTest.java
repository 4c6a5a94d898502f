package org.dicomsec.storage.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.UID;
import org.dicomsec.data.VR;
import org.dicomsec.iscl.Iscl;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.storage.folder.FolderScp;
import org.dicomsec.tls.TlsTransport;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.net.DicomServer;
import org.dicomsec.ul.pdu.PduEncoder;
import org.dicomsec.ul.transport.PlainTcp;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load and fault suite of issue 13: idle sockets beside concurrent storing associations, a
 * trickled handshake on each transport (plain, TLS, ISCL), mutated A-ASSOCIATE-RQs, bit flips
 * through a relay on TLS and ISCL. Each part prints served / refused / stored / lost counts and
 * fails on any loss (success answered for an instance not on disk, or on disk altered), a hang,
 * or a legitimate peer refused.
 *
 * <p>{@code mvn verify} runs the short version (under a minute on 2 cores); {@code -Pload}
 * (system property {@code dicomsec.load=true}) the long one: 500 idle sockets and 100 storing
 * associations, 3,000 mutated requests, 50 bit flips per secure transport.
 */
class LoadAndFaultTest {
    static final boolean LONG = Boolean.getBoolean("dicomsec.load");
    static final int IDLE = LONG ? 500 : 100;
    static final int STORERS = LONG ? 100 : 16;
    static final int STORES_EACH = LONG ? 5 : 3;
    static final int MUTATED = LONG ? 3000 : 300;
    static final int FLIPS = LONG ? 50 : 6;
    static final String SC = UID.SecondaryCaptureImageStorage;

    static NetworkFixture.Pki pki;
    static IsclConfig[] iscl;

    @TempDir
    Path tmp;

    @BeforeAll
    static void keys() throws Exception {
        pki = new NetworkFixture.Pki();
        iscl = NetworkFixture.iscl(true, true);
    }

    @AfterAll
    static void report() {
        System.out.println("[load] " + (LONG ? "long" : "short") + " version done");
    }

    static AssociationSettings settings() {
        return AssociationSettings.DEFAULT.withArtimTimeout(Duration.ofSeconds(3)).withReadTimeoutMillis(10_000)
                .withDimseTimeoutMillis(20_000).withConnectTimeoutMillis(10_000);
    }

    /** A folder SCP on {@code acceptor} with short set-up deadlines. */
    static DicomServer server(TransportAcceptor acceptor, Path dir, int workers, BlockingQueue<DicomServer.AssociationEnd> ends)
            throws IOException {
        FolderScp scp = FolderScp.open(dir, true);
        DicomServer s = DicomServer.builder(acceptor)
                .policy(AcceptorPolicy.builder().anyAbstractSyntax(UID.ExplicitVRLittleEndian,
                        UID.ImplicitVRLittleEndian).build())
                .handlers(DimseHandlers.builder().cstore(scp.handler(null, null)).build()).settings(settings())
                .workers(workers).maxPending(DicomServer.DEFAULT_MAX_PENDING).maxPendingPerHost(0)
                .setupTimeout(Duration.ofMillis(2500)).pduTimeout(Duration.ofSeconds(10))
                .associationEnded(ends == null ? e -> { } : ends::add).whenClosed(scp::close).build();
        s.start();
        return s;
    }

    static byte[] instance(String uid, int pixelBytes, long seed) {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, SC);
        ds.setString(Tag.SOPInstanceUID, VR.UI, uid);
        ds.setString(0x00100010, VR.PN, "Load^Test");
        byte[] px = new byte[pixelBytes];
        new Random(seed).nextBytes(px);
        ds.setBytes(Tag.PixelData, VR.OW, px);
        return DicomWriter.encode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    static AssociationRequest rq(String calling) {
        return AssociationRequest.builder("SCP", calling).presentationContext(SC, UID.ExplicitVRLittleEndian)
                .settings(settings()).build();
    }

    /** True when {@code file} ends with exactly the data set bytes sent (the file holds them as received). */
    static boolean holds(Path file, byte[] sent) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        byte[] all = Files.readAllBytes(file);
        return all.length >= sent.length
                && Arrays.equals(all, all.length - sent.length, all.length, sent, 0, sent.length);
    }

    // ------------------------------------------------------------------ idle sockets and load

    @Test
    void idleSocketsBesideConcurrentStoringAssociations() throws Exception {
        Path dir = tmp.resolve("plain");
        List<Socket> idle = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(STORERS);
        AtomicInteger served = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger stored = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        long t0 = System.nanoTime();
        try (DicomServer srv = server(PlainTcp.acceptor(NetworkFixture.LOOPBACK, 0), dir, STORERS, null)) {
            InetSocketAddress at = NetworkFixture.loopback(srv.localPort());
            for (int i = 0; i < IDLE; i++) {
                Socket s = new Socket();
                s.connect(at, 10_000);
                idle.add(s);
            }
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < STORERS; c++) {
                int id = c;
                done.add(clients.submit(() -> {
                    Association a;
                    try {
                        a = Association.request(PlainTcp.connector(), at, rq("LOAD" + id));
                    } catch (IOException e) {
                        refused.incrementAndGet();
                        System.out.println("[load] refused: " + e);
                        return null;
                    }
                    served.incrementAndGet();
                    for (int k = 0; k < STORES_EACH; k++) {
                        String uid = "1.2.826.0.1.3680043.13." + id + "." + k;
                        byte[] ds = instance(uid, 40_000, id * 100L + k);
                        if (a.cstore(SC, uid, UID.ExplicitVRLittleEndian, new ByteArrayInputStream(ds)).status()
                                .isSuccess()) {
                            stored.incrementAndGet();
                            if (!holds(dir.resolve(uid + ".dcm"), ds)) {
                                lost.incrementAndGet();
                            }
                        }
                    }
                    a.release();
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS); // a hang fails here
            }
            System.out.printf("[load] plain: %d idle sockets, %d associations served, %d refused, %d stored, %d lost,"
                    + " %d connections closed by admission control, %d ms%n", IDLE, served.get(), refused.get(),
                    stored.get(), lost.get(), srv.connectionsRefused(), (System.nanoTime() - t0) / 1_000_000);
            assertEquals(0, refused.get(), "no legitimate peer refused");
            assertEquals(STORERS, served.get());
            assertEquals(STORERS * STORES_EACH, stored.get(), "every store answered success");
            assertEquals(0, lost.get(), "nothing answered success is missing or altered");
            assertTrue(srv.pendingConnections() <= DicomServer.DEFAULT_MAX_PENDING);
        } finally {
            clients.shutdownNow();
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    // ------------------------------------------------------------------ trickled handshakes

    /** Trickles bytes one every 200 ms; returns how long until the server closed (ms), or -1 if it did not in 10 s. */
    static long trickle(InetSocketAddress at, byte[] bytes) throws Exception {
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        try (Socket s = new Socket()) {
            s.connect(at, 5000);
            OutputStream out = s.getOutputStream();
            AtomicInteger i = new AtomicInteger();
            long t0 = System.nanoTime();
            pace.scheduleAtFixedRate(() -> {
                int k = i.getAndIncrement();
                if (k < bytes.length - 1) {
                    try {
                        out.write(bytes[k]);
                        out.flush();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }
            }, 0, 200, TimeUnit.MILLISECONDS);
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            try {
                while (in.read() >= 0) {
                    // an A-ABORT or alert may come first; the close is what counts
                }
            } catch (SocketTimeoutException e) {
                return -1;
            } catch (IOException e) {
                // reset: closed
            }
            return (System.nanoTime() - t0) / 1_000_000;
        } finally {
            pace.shutdownNow();
        }
    }

    @Test
    void aTrickledHandshakeIsCutOnEveryTransportWhileOthersAreServed() throws Exception {
        byte[] assocRq = PduEncoder.toBytes(rq("TRICKLE").toPdu());
        byte[] clientHello = new byte[200];
        new Random(3).nextBytes(clientHello);
        clientHello[0] = 0x16; // a TLS handshake record header announcing more than is ever sent
        clientHello[1] = 0x03;
        clientHello[2] = 0x03;
        clientHello[3] = 0x10;
        clientHello[4] = 0x00;
        byte[] isclConnect = new byte[200];
        new Random(4).nextBytes(isclConnect);
        Object[][] transports = {
            {"plain", PlainTcp.acceptor(NetworkFixture.LOOPBACK, 0), PlainTcp.connector(), assocRq},
            {"TLS", TlsTransport.acceptor(pki.tls(pki.nodeB), NetworkFixture.LOOPBACK, 0),
                TlsTransport.connector(pki.tls(pki.nodeA)), clientHello},
            {"ISCL", Iscl.acceptor(iscl[1], NetworkFixture.LOOPBACK, 0),
                Iscl.connector(iscl[0], NetworkFixture.ISCL_B), isclConnect}};
        for (Object[] t : transports) {
            String name = (String) t[0];
            try (DicomServer srv = server((TransportAcceptor) t[1], tmp.resolve(name), 2, null)) {
                InetSocketAddress at = NetworkFixture.loopback(srv.localPort());
                ExecutorService bg = Executors.newSingleThreadExecutor();
                try {
                    Future<Long> cut = bg.submit(() -> trickle(at, (byte[]) t[3]));
                    Association a = Association.request((TransportConnector) t[2], at, AssociationRequest.builder(
                            "SCP", "LEGIT").presentationContext(UID.Verification, UID.ImplicitVRLittleEndian)
                            .settings(settings()).build());
                    assertTrue(a.cecho().status().isSuccess(), name + ": a legitimate peer is served");
                    a.release();
                    long ms = cut.get(20, TimeUnit.SECONDS);
                    System.out.printf("[load] %s: trickled handshake closed after %d ms (deadline 2500)%n", name, ms);
                    assertTrue(ms > 0 && ms < 6000, name + ": the trickling connection is closed at the set-up "
                            + "deadline, not held: " + ms + " ms");
                } finally {
                    bg.shutdownNow();
                }
            }
        }
    }

    // ------------------------------------------------------------------ mutated A-ASSOCIATE-RQ

    @Test
    void mutatedAssociateRequestsEndCleanly() throws Exception {
        byte[] good = PduEncoder.toBytes(rq("MUTANT").toPdu());
        ExecutorService peers = Executors.newFixedThreadPool(8);
        AtomicLong ac = new AtomicLong();
        AtomicLong rj = new AtomicLong();
        AtomicLong abort = new AtomicLong();
        AtomicLong closed = new AtomicLong();
        AtomicLong hung = new AtomicLong();
        long t0 = System.nanoTime();
        try (DicomServer srv = server(PlainTcp.acceptor(NetworkFixture.LOOPBACK, 0), tmp.resolve("mutants"), 4, null)) {
            InetSocketAddress at = NetworkFixture.loopback(srv.localPort());
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < MUTATED; i++) {
                long seed = i;
                all.add(peers.submit(() -> {
                    byte[] m = mutate(good, new Random(seed));
                    try (Socket s = new Socket()) {
                        s.connect(at, 5000);
                        s.setSoTimeout(10_000);
                        s.getOutputStream().write(m);
                        s.shutdownOutput(); // no more bytes: the server must not wait for what a length promised
                        DataInputStream in = new DataInputStream(s.getInputStream());
                        int type = in.read();
                        switch (type) {
                            case 2 -> ac.incrementAndGet();
                            case 3 -> rj.incrementAndGet();
                            case 7 -> abort.incrementAndGet();
                            default -> closed.incrementAndGet();
                        }
                    } catch (SocketTimeoutException e) {
                        hung.incrementAndGet();
                    } catch (EOFException e) {
                        closed.incrementAndGet();
                    } catch (IOException e) {
                        closed.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get(120, TimeUnit.SECONDS);
            }
            Association a = Association.request(PlainTcp.connector(), at, AssociationRequest.builder("SCP", "AFTER")
                    .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian).settings(settings()).build());
            assertTrue(a.cecho().status().isSuccess(), "still serving after the mutants");
            a.release();
            System.out.printf("[load] %d mutated A-ASSOCIATE-RQ: %d AC, %d RJ, %d A-ABORT, %d closed, %d hung, %d ms%n",
                    MUTATED, ac.get(), rj.get(), abort.get(), closed.get(), hung.get(),
                    (System.nanoTime() - t0) / 1_000_000);
            assertEquals(0, hung.get(), "every mutant ends within 10 s");
        } finally {
            peers.shutdownNow();
        }
    }

    /** One to four changes: a flipped byte, a changed length byte, a truncation or garbage appended. */
    static byte[] mutate(byte[] good, Random r) {
        byte[] m = good.clone();
        int changes = 1 + r.nextInt(4);
        for (int c = 0; c < changes; c++) {
            switch (r.nextInt(4)) {
                case 0 -> m[r.nextInt(m.length)] ^= (byte) (1 << r.nextInt(8));
                case 1 -> m[r.nextInt(Math.min(m.length, 80))] = (byte) r.nextInt(256);
                case 2 -> m = Arrays.copyOf(m, 1 + r.nextInt(m.length));
                default -> {
                    byte[] more = new byte[r.nextInt(64)];
                    r.nextBytes(more);
                    byte[] n = Arrays.copyOf(m, m.length + more.length);
                    System.arraycopy(more, 0, n, m.length, more.length);
                    m = n;
                }
            }
        }
        return m;
    }

    // ------------------------------------------------------------------ bit flips on TLS and ISCL

    @Test
    void bitFlipsThroughARelayNeverStoreAlteredData() throws Exception {
        ExecutorService exec = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "flip-relay");
            t.setDaemon(true);
            return t;
        });
        Object[][] transports = {
            {"TLS", TlsTransport.acceptor(pki.tls(pki.nodeB), NetworkFixture.LOOPBACK, 0),
                TlsTransport.connector(pki.tls(pki.nodeA))},
            {"ISCL", Iscl.acceptor(iscl[1], NetworkFixture.LOOPBACK, 0), Iscl.connector(iscl[0], NetworkFixture.ISCL_B)}};
        try {
            for (Object[] t : transports) {
                String name = (String) t[0];
                Path dir = tmp.resolve("flip-" + name);
                BlockingQueue<DicomServer.AssociationEnd> ends = new LinkedBlockingQueue<>();
                int detected = 0;
                int stored = 0;
                int lost = 0;
                try (DicomServer srv = server((TransportAcceptor) t[1], dir, 2, ends)) {
                    Random r = new Random(name.hashCode());
                    for (int i = 0; i < FLIPS; i++) {
                        String uid = "1.2.826.0.1.3680043.13.9." + name.length() + "." + i;
                        byte[] ds = instance(uid, 60_000, i);
                        long flipAt = 100 + r.nextInt(60_000);
                        try (FlippingRelay relay = new FlippingRelay(srv.localPort(), flipAt, exec)) {
                            boolean success = false;
                            try {
                                Association a = Association.request((TransportConnector) t[2], relay.address(),
                                        rq("FLIP"));
                                success = a.cstore(SC, uid, UID.ExplicitVRLittleEndian, new ByteArrayInputStream(ds))
                                        .status().isSuccess();
                                a.close();
                            } catch (IOException e) {
                                detected++;
                            }
                            if (success) {
                                stored++;
                                if (!holds(dir.resolve(uid + ".dcm"), ds)) {
                                    lost++;
                                }
                            } else {
                                assertFalse(Files.exists(dir.resolve(uid + ".dcm")) && !holds(dir.resolve(uid
                                        + ".dcm"), ds), name + ": nothing altered kept");
                            }
                            assertNotNull(ends.poll(30, TimeUnit.SECONDS), name + ": the server side ended");
                        }
                    }
                }
                System.out.printf("[load] %s bit flips: %d relayed, %d detected (aborted), %d stored, %d lost%n", name,
                        FLIPS, detected, stored, lost);
                assertEquals(0, lost, name + ": a flip never ends in altered data answered success");
                try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                    assertEquals(0, files.filter(p -> p.getFileName().toString().endsWith(".part")).count(),
                            "no partial files left");
                }
            }
        } finally {
            exec.shutdownNow();
        }
    }
}
