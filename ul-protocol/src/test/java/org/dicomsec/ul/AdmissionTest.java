package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.dicomsec.data.UID;
import org.dicomsec.ul.net.DicomServer;
import org.dicomsec.ul.pdu.PduEncoder;
import org.dicomsec.ul.transport.PlainTcp;
import org.junit.jupiter.api.Test;

/**
 * Admission control of {@link DicomServer}: idle connections before association hold no worker,
 * the pre-association phase and each PDU have deadlines that trickled bytes do not extend, and
 * the association-ended listener reports every connection's end.
 */
class AdmissionTest {

    private static AssociationRequest echoRq(String calling) {
        return AssociationRequest.builder("SCP", calling).presentationContext(UID.Verification,
                UID.ImplicitVRLittleEndian).settings(Loopback.quick()).build();
    }

    private static DicomServer server(int workers, int maxPending, Duration setup, Duration pdu,
                                      BlockingQueue<DicomServer.AssociationEnd> ends) throws IOException {
        AssociationSettings s = AssociationSettings.DEFAULT.withArtimTimeout(Duration.ofSeconds(30))
                .withReadTimeoutMillis(30_000);
        DicomServer srv = DicomServer.builder(PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0))
                .policy(ServerTest.policy()).settings(s).workers(workers).maxPending(maxPending)
                .setupTimeout(setup).pduTimeout(pdu).associationEnded(ends::add).build();
        srv.start();
        return srv;
    }

    private static InetSocketAddress address(DicomServer s) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), s.localPort());
    }

    @Test
    void idleConnectionsHoldNoWorkerAndTheOldestAreClosedBeyondTheLimit() throws Exception {
        BlockingQueue<DicomServer.AssociationEnd> ends = new LinkedBlockingQueue<>();
        List<Socket> idle = new ArrayList<>();
        try (DicomServer srv = server(1, 8, Duration.ofSeconds(30), Duration.ofSeconds(30), ends)) {
            for (int i = 0; i < 40; i++) {
                Socket s = new Socket();
                s.connect(address(srv), 5000);
                idle.add(s);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                Association a = Association.request(PlainTcp.connector(), address(srv), echoRq("LEGIT" + i));
                assertTrue(a.cecho().status().isSuccess());
                a.release();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 10_000, "three echoes past 40 idle sockets with one worker took " + ms + " ms");
            assertTrue(srv.pendingConnections() <= 8, "at most 8 in setup: " + srv.pendingConnections());
            assertTrue(srv.connectionsRefused() >= 32, "the oldest idle sockets were closed: " + srv.connectionsRefused());
            int released = 0;
            while (released < 3) {
                DicomServer.AssociationEnd e = ends.poll(10, TimeUnit.SECONDS);
                assertNotNull(e, "every legitimate association ended and was reported");
                if (e.outcome() == DicomServer.Outcome.RELEASED) {
                    assertTrue(e.callingAeTitle().startsWith("LEGIT"));
                    released++;
                }
            }
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void aTrickledAssociateRequestIsCutAtTheSetupDeadline() throws Exception {
        BlockingQueue<DicomServer.AssociationEnd> ends = new LinkedBlockingQueue<>();
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        try (DicomServer srv = server(2, 8, Duration.ofMillis(1500), Duration.ofSeconds(30), ends);
             RawPeer peer = RawPeer.connect(address(srv))) {
            byte[] rq = PduEncoder.toBytes(echoRq("SLOW").toPdu());
            AtomicInteger sent = new AtomicInteger();
            long t0 = System.nanoTime();
            // one byte every 200 ms: each read gets a byte well within any read timeout or ARTIM
            pace.scheduleAtFixedRate(() -> {
                int i = sent.get();
                if (i < rq.length - 1) {
                    try {
                        peer.out.write(rq[i]);
                        peer.out.flush();
                        sent.incrementAndGet();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }
            }, 0, 200, TimeUnit.MILLISECONDS);
            DicomServer.AssociationEnd e = ends.poll(10, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertNotNull(e, "the trickling connection ended");
            assertEquals(DicomServer.Outcome.NOT_ASSOCIATED, e.outcome());
            assertTrue(ms >= 1400 && ms < 4000, "closed at the 1.5 s setup deadline, not later: " + ms + " ms");
            assertTrue(sent.get() < rq.length - 1, "before the request was complete");
            assertTrue(peer.closedWithin(5000));
            assertEquals(1, srv.deadlinesExpired());
        } finally {
            pace.shutdownNow();
        }
    }

    @Test
    void aTrickledPduIsCutAtThePduDeadline() throws Exception {
        BlockingQueue<DicomServer.AssociationEnd> ends = new LinkedBlockingQueue<>();
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        try (DicomServer srv = server(2, 8, Duration.ofSeconds(30), Duration.ofMillis(1500), ends);
             RawPeer peer = RawPeer.connect(address(srv))) {
            peer.associate();
            byte[] pdata = RawPeer.pdata(1, 3, new byte[200]);
            AtomicInteger sent = new AtomicInteger();
            long t0 = System.nanoTime();
            pace.scheduleAtFixedRate(() -> {
                int i = sent.get();
                if (i < pdata.length - 1) {
                    try {
                        peer.out.write(pdata[i]);
                        peer.out.flush();
                        sent.incrementAndGet();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            DicomServer.AssociationEnd e = ends.poll(10, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertNotNull(e, "the trickling association ended");
            assertEquals(DicomServer.Outcome.ABORTED, e.outcome());
            assertTrue(ms >= 1400 && ms < 4000, "aborted at the 1.5 s PDU deadline: " + ms + " ms");
            assertEquals(1, srv.deadlinesExpired());
        } finally {
            pace.shutdownNow();
        }
    }

    @Test
    void artimIsADeadlineInSta13EvenWhilePdusKeepComing() throws Exception {
        BlockingQueue<DicomServer.AssociationEnd> ends = new LinkedBlockingQueue<>();
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        AssociationSettings s = AssociationSettings.DEFAULT.withArtimTimeout(Duration.ofMillis(1500))
                .withReadTimeoutMillis(30_000);
        try (DicomServer srv = DicomServer.builder(PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0))
                .policy(ServerTest.policy()).settings(s).associationEnded(ends::add).build()) {
            srv.start();
            try (RawPeer peer = RawPeer.connect(address(srv))) {
                peer.associate();
                byte[] bad = {0x55, 0, 0, 0, 0, 0}; // unrecognized PDU: AA-8, then AA-7 for each in Sta13
                long t0 = System.nanoTime();
                pace.scheduleAtFixedRate(() -> {
                    try {
                        peer.out.write(bad);
                        peer.out.flush();
                    } catch (IOException e) {
                        throw new RuntimeException(e); // the server closed: the task stops
                    }
                }, 0, 200, TimeUnit.MILLISECONDS);
                DicomServer.AssociationEnd e = ends.poll(10, TimeUnit.SECONDS);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertNotNull(e, "the server ended the connection although a PDU came every 200 ms");
                assertTrue(ms < 5000, "ARTIM (1.5 s) ended Sta13: " + ms + " ms");
            }
        } finally {
            pace.shutdownNow();
        }
    }

    @Test
    void theListenerSeesRejectionsAndReleases() throws Exception {
        BlockingQueue<DicomServer.AssociationEnd> ends = new LinkedBlockingQueue<>();
        try (DicomServer srv = server(2, 8, Duration.ofSeconds(5), Duration.ofSeconds(5), ends)) {
            Association a = Association.request(PlainTcp.connector(), address(srv), echoRq("FIRST"));
            a.release();
            DicomServer.AssociationEnd e = ends.poll(10, TimeUnit.SECONDS);
            assertNotNull(e);
            assertEquals(DicomServer.Outcome.RELEASED, e.outcome());
            assertEquals("FIRST", e.callingAeTitle());
            try {
                Association.request(PlainTcp.connector(), address(srv), AssociationRequest.builder("SCP", "NOPE")
                        .presentationContext("1.2.3.4.5.6", UID.ImplicitVRLittleEndian).settings(Loopback.quick())
                        .build());
            } catch (AssociationRejectedException expected) {
                // no context accepted: rejected
            }
            e = ends.poll(10, TimeUnit.SECONDS);
            assertNotNull(e);
            assertEquals(DicomServer.Outcome.REJECTED, e.outcome());
        }
    }
}
