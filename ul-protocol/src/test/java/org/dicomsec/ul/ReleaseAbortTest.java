package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.dicomsec.data.UID;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.pdu.AAbort;
import org.dicomsec.ul.pdu.AAssociateAc;
import org.dicomsec.ul.pdu.AAssociateRq;
import org.dicomsec.ul.pdu.PduDecoder;
import org.dicomsec.ul.transport.PlainTcp;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnection;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Release (PS3.8 7.2, with collisions), abort (7.3) from each side, and the transport vanishing (7.4). */
class ReleaseAbortTest {
    static final byte[] RELEASE_RQ = {5, 0, 0, 0, 0, 4, 0, 0, 0, 0};
    static final byte[] RELEASE_RP = {6, 0, 0, 0, 0, 4, 0, 0, 0, 0};

    static AssociationRequest echoRq() {
        return AssociationRequest.builder("STORE_SCP", "SCU").presentationContext(UID.Verification,
                UID.ImplicitVRLittleEndian).settings(Loopback.quick()).build();
    }

    static AcceptorPolicy policy() {
        return AcceptorPolicy.builder().abstractSyntax(UID.Verification, UID.ImplicitVRLittleEndian)
                .abstractSyntax(UID.SecondaryCaptureImageStorage, UID.ImplicitVRLittleEndian).build();
    }

    @Test
    void releaseCollisionOnTheRequestorSide() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Association> client = CompletableFuture.supplyAsync(() -> {
                try {
                    return Association.request(PlainTcp.connector(),
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), ss.getLocalPort()), echoRq());
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            try (RawPeer acceptor = new RawPeer(ss.accept())) {
                AAssociateRq rq = (AAssociateRq) new PduDecoder().decode(acceptor.readPdu());
                acceptor.send(AAssociateAc.builder(rq).accept(1, UID.ImplicitVRLittleEndian).maximumLength(16384).build());
                Association a = client.get(10, TimeUnit.SECONDS);
                CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                    try {
                        a.release();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                assertArrayEquals(RELEASE_RQ, acceptor.readPdu());
                acceptor.send(RELEASE_RQ); // collision: both sides requested release
                // the requestor (Sta9) answers first with AR-9, then waits for ours (Sta11)
                assertArrayEquals(RELEASE_RP, acceptor.readPdu());
                acceptor.send(RELEASE_RP);
                release.get(10, TimeUnit.SECONDS);
                assertEquals(AssociationState.Sta1, a.state());
                assertTrue(acceptor.closedWithin(5000), "AR-3 closed the transport");
            }
        }
    }

    @Test
    void releaseCollisionOnTheAcceptorSide() throws Exception {
        try (TransportAcceptor acc = PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0);
             RawPeer requestor = RawPeer.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), acc.localPort()))) {
            TransportConnection conn = acc.accept().handshake(5000);
            requestor.send(echoRq().toPdu());
            Association a = Association.accept(conn, policy(), DimseHandlers.NONE, Loopback.quick());
            assertEquals(2, requestor.readPdu()[0]);
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    a.release();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertArrayEquals(RELEASE_RQ, requestor.readPdu());
            requestor.send(RELEASE_RQ); // collision; as requestor we answer first (AR-9)
            requestor.send(RELEASE_RP);
            // the acceptor (Sta10) takes our RP (AR-10, Sta12), then answers (AR-4)
            assertArrayEquals(RELEASE_RP, requestor.readPdu());
            requestor.close(); // AR-3 on our side: the acceptor sees Evt17 in Sta13 (AR-5)
            release.get(10, TimeUnit.SECONDS);
            assertEquals(AssociationState.Sta1, a.state());
        }
    }

    @Test
    void abortByTheRequestorReachesTheAcceptorAsAAbort() throws Exception {
        try (TransportAcceptor acc = PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0)) {
            CompletableFuture<Association> client = CompletableFuture.supplyAsync(() -> {
                try {
                    return Association.request(PlainTcp.connector(),
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), acc.localPort()), echoRq());
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            Association server = Association.accept(acc.accept().handshake(5000), policy(), DimseHandlers.NONE,
                    Loopback.quick());
            Association a = client.get(10, TimeUnit.SECONDS);
            AtomicReference<Throwable> served = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            Thread t = new Thread(() -> {
                try {
                    server.serve();
                } catch (Throwable e) {
                    served.set(e);
                }
                done.countDown();
            });
            t.start();
            assertTrue(a.cecho().status().isSuccess());
            a.abort();
            assertTrue(done.await(10, TimeUnit.SECONDS));
            AssociationAbortedException e = assertInstanceOf(AssociationAbortedException.class, served.get());
            assertEquals(AssociationAbortedException.Kind.A_ABORT, e.kind());
            assertEquals(0, e.source());
            assertEquals(AssociationState.Sta1, server.state());
            assertEquals(AssociationState.Sta1, a.state());
            t.join();
        }
    }

    @Test
    void abortByTheAcceptorReachesTheRequestor() throws Exception {
        DimseHandlers h = DimseHandlers.builder().cstore((as, pc, rq, in) -> {
            as.abort();
            return Status.OK;
        }).build();
        try (Loopback lb = new Loopback(policy(), h, Loopback.quick(), 1)) {
            Association a = lb.connect(AssociationRequest.builder("X", "SCU").presentationContext(
                    UID.SecondaryCaptureImageStorage, UID.ImplicitVRLittleEndian).build());
            AssociationAbortedException e = assertThrows(AssociationAbortedException.class, () -> a.cstore(
                    UID.SecondaryCaptureImageStorage, "1.2.3", UID.ImplicitVRLittleEndian,
                    new ByteArrayInputStream(new byte[3000])));
            assertEquals(AssociationAbortedException.Kind.A_ABORT, e.kind());
            assertEquals(AssociationState.Sta1, a.state());
            assertThrows(IOException.class, () -> a.cstore(UID.SecondaryCaptureImageStorage, "1.2.4",
                    UID.ImplicitVRLittleEndian, new ByteArrayInputStream(new byte[10])), "no use after the abort");
        }
    }

    /**
     * The acceptor aborts while the requestor is still sending a large data set. The acceptor
     * (AA-1, then Sta13) reads and discards what still arrives until the transport closes or
     * ARTIM expires, so the requestor's writes do not meet a reset: it reads the A-ABORT after
     * its data set and reports the peer's A-ABORT (Evt16, AA-3), not a lost connection.
     */
    @RepeatedTest(3)
    void abortByTheAcceptorInTheMiddleOfALargeDataSetReachesTheSendingRequestorAsAAbort() throws Exception {
        DimseHandlers h = DimseHandlers.builder().cstore((as, pc, rq, in) -> {
            in.readNBytes(256 * 1024);
            as.abort();
            return Status.OK;
        }).build();
        try (Loopback lb = new Loopback(policy(), h, Loopback.quick(), 1)) {
            Association a = lb.connect(AssociationRequest.builder("X", "SCU").presentationContext(
                    UID.SecondaryCaptureImageStorage, UID.ImplicitVRLittleEndian).build());
            AssociationAbortedException e = assertThrows(AssociationAbortedException.class, () -> a.cstore(
                    UID.SecondaryCaptureImageStorage, "1.2.3", UID.ImplicitVRLittleEndian,
                    new ByteArrayInputStream(new byte[64 << 20])));
            assertEquals(AssociationAbortedException.Kind.A_ABORT, e.kind(), e.toString());
            assertEquals(AAbort.SOURCE_SERVICE_USER, e.source(), e.toString());
            assertEquals(AssociationState.Sta1, a.state());
        }
    }

    @Test
    void transportDroppedByTheAcceptorIsAnAPAbort() throws Exception {
        try (TransportAcceptor acc = PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0)) {
            CompletableFuture<Association> client = CompletableFuture.supplyAsync(() -> {
                try {
                    return Association.request(PlainTcp.connector(),
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), acc.localPort()), echoRq());
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            TransportConnection conn = acc.accept().handshake(5000);
            Association.accept(conn, policy(), DimseHandlers.NONE, Loopback.quick());
            Association a = client.get(10, TimeUnit.SECONDS);
            conn.abort();
            AssociationAbortedException e = assertThrows(AssociationAbortedException.class, a::cecho);
            assertEquals(AssociationAbortedException.Kind.A_P_ABORT, e.kind());
            assertEquals(AssociationState.Sta1, a.state());
        }
    }

    @Test
    void releaseRequestedWhileAnotherThreadServes() throws Exception {
        try (Loopback lb = new Loopback(policy(), DimseHandlers.NONE, Loopback.quick(), 1)) {
            Association a = lb.connect(echoRq());
            CountDownLatch served = new CountDownLatch(1);
            AtomicReference<Throwable> err = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    a.serve();
                } catch (Throwable e) {
                    err.set(e);
                }
                served.countDown();
            });
            t.start();
            assertTrue(a.cecho().status().isSuccess(), "the response arrives through the serving thread");
            a.release();
            assertTrue(served.await(10, TimeUnit.SECONDS));
            assertEquals(null, err.get());
            assertEquals(AssociationState.Sta1, a.state());
        }
    }

    @Test
    void connectionRefusedIsAnIOException() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        IOException e = assertThrows(IOException.class, () -> Association.request(PlainTcp.connector(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), echoRq()));
        assertTrue(e.getMessage().contains("cannot open a transport connection"), e.getMessage());
        String where = new InetSocketAddress(InetAddress.getLoopbackAddress(), port).getHostString() + ":" + port;
        assertEquals(1, e.getMessage().split(java.util.regex.Pattern.quote(where), -1).length - 1,
                "the peer named once: " + e.getMessage());
    }

    @Test
    void acceptorClosingBeforeItsAnswerIsAnAPAbortForTheRequestor() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Association> client = CompletableFuture.supplyAsync(() -> {
                try {
                    return Association.request(PlainTcp.connector(),
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), ss.getLocalPort()), echoRq());
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            try (RawPeer acceptor = new RawPeer(ss.accept())) {
                assertEquals(1, acceptor.readPdu()[0]);
            } // closed in Sta5: Evt17, AA-4
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> client.get(10, TimeUnit.SECONDS));
            AssociationAbortedException x = assertInstanceOf(AssociationAbortedException.class, e.getCause());
            assertEquals(AssociationAbortedException.Kind.A_P_ABORT, x.kind());
        }
    }

    @Test
    void acceptorThatNeverAnswersIsAbortedAfterTheTimeout() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Association> client = CompletableFuture.supplyAsync(() -> {
                try {
                    return Association.request(PlainTcp.connector(),
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), ss.getLocalPort()),
                            AssociationRequest.builder("X", "SCU").presentationContext(UID.Verification,
                                    UID.ImplicitVRLittleEndian).settings(Loopback.quick().withDimseTimeoutMillis(500))
                                    .build());
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            try (RawPeer acceptor = new RawPeer(ss.accept())) {
                assertEquals(1, acceptor.readPdu()[0]);
                // no answer: after 500 ms the requestor gives up with an A-ABORT (Evt15, AA-1)
                assertArrayEquals(RawPeer.abort(0, 0), acceptor.readPdu());
            }
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> client.get(10, TimeUnit.SECONDS));
            AssociationAbortedException x = assertInstanceOf(AssociationAbortedException.class, e.getCause());
            assertEquals(AssociationAbortedException.Kind.LOCAL_ABORT, x.kind());
        }
    }

    @Test
    void abortEndsASendBlockedOnAPeerThatStoppedReading() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Association> client = CompletableFuture.supplyAsync(() -> {
                try {
                    return Association.request(PlainTcp.connector(),
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), ss.getLocalPort()),
                            AssociationRequest.builder("X", "SCU").presentationContext(
                                    UID.SecondaryCaptureImageStorage, UID.ImplicitVRLittleEndian)
                                    .settings(Loopback.quick()).build());
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            try (RawPeer acceptor = new RawPeer(ss.accept())) {
                AAssociateRq rq = (AAssociateRq) new PduDecoder().decode(acceptor.readPdu());
                acceptor.send(AAssociateAc.builder(rq).accept(1, UID.ImplicitVRLittleEndian).maximumLength(16384)
                        .build());
                Association a = client.get(10, TimeUnit.SECONDS);
                CompletableFuture<Object> store = CompletableFuture.supplyAsync(() -> {
                    try {
                        // endless data set; the peer reads nothing more, so the socket buffers fill up
                        return a.cstore(UID.SecondaryCaptureImageStorage, "1.2.3", UID.ImplicitVRLittleEndian,
                                new java.io.InputStream() {
                                    @Override
                                    public int read() {
                                        return 0;
                                    }

                                    @Override
                                    public int read(byte[] b, int off, int len) {
                                        return len;
                                    }
                                });
                    } catch (IOException e) {
                        return e;
                    }
                });
                long end = System.nanoTime() + 10_000_000_000L;
                while (!a.dimse.sendBlockedForTest() && System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                long t0 = System.nanoTime();
                a.abort();
                assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "abort returned in bounded time");
                assertInstanceOf(IOException.class, store.get(10, TimeUnit.SECONDS));
            }
        }
    }
}
