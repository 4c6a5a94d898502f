package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.dicomsec.data.CommandSet;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Tag;
import org.dicomsec.data.UID;
import org.dicomsec.ul.dimse.CStoreRq;
import org.dicomsec.ul.dimse.CStoreRsp;
import org.dicomsec.ul.dimse.CommandField;
import org.dicomsec.ul.dimse.DimseCodec;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.pdu.AAssociateAc;
import org.dicomsec.ul.pdu.AAssociateRq;
import org.dicomsec.ul.pdu.AsynchronousOperationsWindow;
import org.dicomsec.ul.pdu.PduDecoder;
import org.dicomsec.ul.transport.PlainTcp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pipelining (PS3.7 D.3.3.3, Asynchronous Operations Window): the negotiation cell by cell,
 * responses in any order, handlers performed concurrently up to the window and never beyond, and
 * a peer exceeding the window aborted.
 */
class AsyncWindowTest {
    static final String SC = UID.SecondaryCaptureImageStorage;

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    private static AssociationRequest.Builder request() {
        return AssociationRequest.builder("STORE_SCP", "STORE_SCU").presentationContext(SC, UID.ImplicitVRLittleEndian)
                .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian).settings(Loopback.quick());
    }

    private static DimseHandlers readAll(ExecutorService pool, int window) {
        DimseHandlers.Builder b = DimseHandlers.builder().cstore((as, pc, rq, in) -> {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return Status.OK;
        });
        return pool == null ? b.build() : b.concurrentStores(window, pool).build();
    }

    private static Optional<AsynchronousOperationsWindow> acWindow(Association a) {
        return a.associateAc().userInformation().asynchronousOperationsWindow();
    }

    // ------------------------------------------------------------------ negotiation

    @Test
    void bothOfferTheSmallerWindowIsUsed() throws Exception {
        try (Loopback lb = new Loopback(EchoStoreTest.storagePolicy(), readAll(pool, 4), Loopback.quick(), 1)) {
            Association a = lb.connect(request().asynchronousOperationsWindow(8, 1).build());
            assertEquals(Optional.of(new AsynchronousOperationsWindow(1, 4)), acWindow(a));
            assertEquals(new AsynchronousOperationsWindow(4, 1), a.asynchronousOperationsWindow());
            a.release();
        }
    }

    @Test
    void requestorOffersAcceptorWithoutConcurrencyAnswersOneByOne() throws Exception {
        try (Loopback lb = new Loopback(EchoStoreTest.storagePolicy(), readAll(null, 1), Loopback.quick(), 1)) {
            Association a = lb.connect(request().asynchronousOperationsWindow(8, 1).build());
            assertEquals(Optional.of(new AsynchronousOperationsWindow(1, 1)), acWindow(a));
            assertEquals(new AsynchronousOperationsWindow(1, 1), a.asynchronousOperationsWindow());
            a.release();
        }
    }

    @Test
    void requestorDoesNotOfferNoSubItemAndOneAtATime() throws Exception {
        try (Loopback lb = new Loopback(EchoStoreTest.storagePolicy(), readAll(pool, 4), Loopback.quick(), 1)) {
            Association a = lb.connect(request().build());
            assertEquals(Optional.empty(), acWindow(a), "no proposal, no answer (PS3.7 D.3.3.3)");
            assertEquals(new AsynchronousOperationsWindow(1, 1), a.asynchronousOperationsWindow());
            a.release();
        }
    }

    @Test
    void zeroIsUnlimitedAndCappedOnBothSides() throws Exception {
        try (Loopback lb = new Loopback(EchoStoreTest.storagePolicy(), readAll(pool, 5), Loopback.quick(), 1)) {
            Association a = lb.connect(request().asynchronousOperationsWindow(0, 0).build());
            assertEquals(Optional.of(new AsynchronousOperationsWindow(1, 5)), acWindow(a),
                    "the acceptor answers its own limit to an unlimited proposal");
            assertEquals(5, a.asynchronousOperationsWindow().maxOperationsInvoked());
            a.release();
        }
        // an acceptor answering 0 (unlimited) to an unlimited proposal: capped at 64
        withRawAcceptor(new AsynchronousOperationsWindow(0, 0), request().asynchronousOperationsWindow(0, 1),
                (a, peer) -> assertEquals(DimseService.MAX_WINDOW, a.asynchronousOperationsWindow()
                        .maxOperationsInvoked()));
    }

    // ------------------------------------------------------------------ pipelining

    @Test
    void responsesInAnyOrderCompleteTheirOwnRequests() throws Exception {
        withRawAcceptor(new AsynchronousOperationsWindow(1, 3), request().asynchronousOperationsWindow(3, 1),
                (a, peer) -> {
                    assertEquals(3, a.asynchronousOperationsWindow().maxOperationsInvoked());
                    List<CompletableFuture<CStoreRsp>> f = new ArrayList<>();
                    for (int i = 1; i <= 3; i++) {
                        byte[] ds = TestData.encode(TestData.instance("1.2.3." + i, 500, i), UID.ImplicitVRLittleEndian);
                        f.add(a.cstoreAsync(SC, "1.2.3." + i, UID.ImplicitVRLittleEndian, new ByteArrayInputStream(ds)));
                    }
                    // all three sent before any response: the peer reads them all first
                    List<Dataset> requests = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        requests.add(readCommandSkippingData(peer));
                    }
                    for (Dataset rq : requests) {
                        assertEquals(CommandField.C_STORE_RQ, rq.getInt(Tag.CommandField, 0));
                    }
                    assertFalse(f.get(0).isDone());
                    int[] order = {2, 0, 1};
                    for (int k : order) {
                        Dataset rq = requests.get(k);
                        peer.send(RawPeer.pdata(1, 0x03, DimseCodec.encode(new CStoreRsp(rq.getInt(Tag.MessageID, 0),
                                SC, rq.getString(Tag.AffectedSOPInstanceUID), new Status(0xB000 + k, null)), false)));
                    }
                    for (int i = 0; i < 3; i++) {
                        CStoreRsp r = f.get(i).get(10, TimeUnit.SECONDS);
                        assertEquals("1.2.3." + (i + 1), r.affectedSopInstanceUid());
                        assertEquals(0xB000 + i, r.status().code(), "each response completes its own request");
                    }
                    a.awaitResponses();
                });
    }

    @Test
    void windowFullTheNextRequestWaitsForAResponse() throws Exception {
        withRawAcceptor(new AsynchronousOperationsWindow(1, 2), request().asynchronousOperationsWindow(5, 1),
                (a, peer) -> {
                    byte[] ds = TestData.encode(TestData.instance("1.2.3.1", 200, 1), UID.ImplicitVRLittleEndian);
                    a.cstoreAsync(SC, "1.2.3.1", UID.ImplicitVRLittleEndian, new ByteArrayInputStream(ds));
                    a.cstoreAsync(SC, "1.2.3.2", UID.ImplicitVRLittleEndian, new ByteArrayInputStream(ds));
                    CompletableFuture<CompletableFuture<CStoreRsp>> third = CompletableFuture.supplyAsync(() -> {
                        try {
                            return a.cstoreAsync(SC, "1.2.3.3", UID.ImplicitVRLittleEndian,
                                    new ByteArrayInputStream(ds));
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                    });
                    Dataset first = readCommandSkippingData(peer);
                    readCommandSkippingData(peer);
                    peer.socket.setSoTimeout(300);
                    assertThrows(java.net.SocketTimeoutException.class, peer::readPdu,
                            "no third request while two are outstanding");
                    peer.socket.setSoTimeout(10_000);
                    peer.send(RawPeer.pdata(1, 0x03, DimseCodec.encode(new CStoreRsp(first.getInt(Tag.MessageID, 0),
                            SC, "1.2.3.1", Status.OK), false)));
                    Dataset rq3 = readCommandSkippingData(peer);
                    assertEquals("1.2.3.3", rq3.getString(Tag.AffectedSOPInstanceUID));
                    assertTrue(third.get(10, TimeUnit.SECONDS) != null);
                });
    }

    @Test
    void scpPerformsUpToTheWindowAtOnceAndNeverMore() throws Exception {
        int window = 3;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch allIn = new CountDownLatch(window);
        Map<String, byte[]> stored = new ConcurrentHashMap<>();
        DimseHandlers h = DimseHandlers.builder().cstore((as, pc, rq, in) -> {
            int now = running.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            try {
                stored.put(rq.affectedSopInstanceUid(), in.readAllBytes());
                allIn.countDown();
                // the first three wait for each other: only possible when performed concurrently
                if (!allIn.await(10, TimeUnit.SECONDS)) {
                    return new Status(Status.PROCESSING_FAILURE, "not concurrent");
                }
                return Status.OK;
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            } finally {
                running.decrementAndGet();
            }
        }).concurrentStores(window, pool).build();
        try (Loopback lb = new Loopback(EchoStoreTest.storagePolicy(), h, Loopback.quick(), 1)) {
            Association a = lb.connect(request().asynchronousOperationsWindow(8, 1).build());
            assertEquals(window, a.asynchronousOperationsWindow().maxOperationsInvoked());
            List<CompletableFuture<CStoreRsp>> f = new ArrayList<>();
            Map<String, byte[]> sent = new ConcurrentHashMap<>();
            for (int i = 0; i < 12; i++) {
                String uid = "1.2.3." + i;
                byte[] ds = TestData.encode(TestData.instance(uid, 30_000 + i, i), UID.ImplicitVRLittleEndian);
                sent.put(uid, ds);
                f.add(a.cstoreAsync(SC, uid, UID.ImplicitVRLittleEndian, new ByteArrayInputStream(ds)));
            }
            a.awaitResponses();
            for (CompletableFuture<CStoreRsp> r : f) {
                assertTrue(r.isDone());
                assertEquals(Status.SUCCESS, r.join().status().code(), r.join().status().toString());
            }
            assertTrue(a.cecho().status().isSuccess());
            a.release();
            assertEquals(window, most.get(), "never more handlers than the window, and that many at once");
            for (Map.Entry<String, byte[]> e : sent.entrySet()) {
                assertArrayEquals(e.getValue(), stored.get(e.getKey()), e.getKey());
            }
        }
    }

    @Test
    void stagedHandlerReadsOnTheReadingThreadAndCompletesOnTheExecutor() throws Exception {
        int window = 3;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch allIn = new CountDownLatch(window);
        java.util.Set<String> readers = ConcurrentHashMap.newKeySet();
        java.util.Set<String> completers = ConcurrentHashMap.newKeySet();
        Map<String, byte[]> stored = new ConcurrentHashMap<>();
        CStoreHandler.Staged staged = (as, pc, rq, in) -> {
            readers.add(Thread.currentThread().getName());
            byte[] data = in.readAllBytes();
            String uid = rq.affectedSopInstanceUid();
            if (uid.endsWith(".90")) {
                throw new IOException("refused while reading");
            }
            return () -> {
                completers.add(Thread.currentThread().getName());
                if (uid.endsWith(".91")) {
                    throw new IllegalStateException("failed while completing");
                }
                if (uid.endsWith(".92")) {
                    return null;
                }
                int now = running.incrementAndGet();
                most.accumulateAndGet(now, Math::max);
                try {
                    allIn.countDown();
                    // the first three wait for each other: only possible when completed concurrently
                    if (!allIn.await(10, TimeUnit.SECONDS)) {
                        return new Status(Status.PROCESSING_FAILURE, "not concurrent");
                    }
                    stored.put(uid, data);
                    return Status.OK;
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                } finally {
                    running.decrementAndGet();
                }
            };
        };
        DimseHandlers h = DimseHandlers.builder().cstore(staged).concurrentStores(window, pool).build();
        try (Loopback lb = new Loopback(EchoStoreTest.storagePolicy(), h, Loopback.quick(), 1)) {
            Association a = lb.connect(request().asynchronousOperationsWindow(8, 1).build());
            assertEquals(window, a.asynchronousOperationsWindow().maxOperationsInvoked());
            Map<String, byte[]> sent = new ConcurrentHashMap<>();
            Map<String, CompletableFuture<CStoreRsp>> f = new java.util.LinkedHashMap<>();
            for (int i = 0; i < 12; i++) {
                String uid = "1.2.3." + i;
                byte[] ds = TestData.encode(TestData.instance(uid, 30_000 + i, i), UID.ImplicitVRLittleEndian);
                sent.put(uid, ds);
                f.put(uid, a.cstoreAsync(SC, uid, UID.ImplicitVRLittleEndian, new ByteArrayInputStream(ds)));
            }
            for (String uid : List.of("1.2.3.90", "1.2.3.91", "1.2.3.92")) {
                byte[] ds = TestData.encode(TestData.instance(uid, 100, 1), UID.ImplicitVRLittleEndian);
                f.put(uid, a.cstoreAsync(SC, uid, UID.ImplicitVRLittleEndian, new ByteArrayInputStream(ds)));
            }
            a.awaitResponses();
            for (Map.Entry<String, CompletableFuture<CStoreRsp>> e : f.entrySet()) {
                Status st = e.getValue().join().status();
                if (e.getKey().startsWith("1.2.3.9") && e.getKey().length() == 8) {
                    assertEquals(Status.PROCESSING_FAILURE, st.code(), e.getKey() + ": " + st);
                } else {
                    assertEquals(Status.SUCCESS, st.code(), e.getKey() + ": " + st);
                }
            }
            assertTrue(f.get("1.2.3.90").join().status().toString().contains("refused while reading"),
                    f.get("1.2.3.90").join().status().toString());
            assertTrue(f.get("1.2.3.91").join().status().toString().contains("failed while completing"),
                    f.get("1.2.3.91").join().status().toString());
            assertTrue(a.cecho().status().isSuccess());
            a.release();
            assertEquals(window, most.get(), "completions run concurrently, up to the window");
            assertEquals(1, readers.size(), "every data set read on the association's reading thread: " + readers);
            assertTrue(completers.stream().allMatch(t -> t.startsWith("pool-")), completers.toString());
            assertFalse(readers.iterator().next().startsWith("pool-"), readers.toString());
            for (Map.Entry<String, byte[]> e : sent.entrySet()) {
                assertArrayEquals(e.getValue(), stored.get(e.getKey()), e.getKey());
            }
        }
    }

    @Test
    void peerExceedingTheWindowIsAborted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        DimseHandlers h = DimseHandlers.builder().cstore((as, pc, rq, in) -> {
            in.readAllBytes();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Status.OK;
        }).concurrentStores(2, pool).build();
        try (Loopback lb = new Loopback(EchoStoreTest.storagePolicy(), h, Loopback.quick(), 1);
             RawPeer p = RawPeer.connect(lb.address())) {
            p.send(request().asynchronousOperationsWindow(2, 1).build().toPdu());
            AAssociateAc ac = (AAssociateAc) new PduDecoder().decode(p.readPdu());
            assertEquals(Optional.of(new AsynchronousOperationsWindow(1, 2)),
                    ac.userInformation().asynchronousOperationsWindow());
            byte[] ds = TestData.encode(TestData.instance("1.2.3.1", 100, 1), UID.ImplicitVRLittleEndian);
            for (int id = 1; id <= 3; id++) { // one more than negotiated, none answered yet
                p.send(RawPeer.pdata(1, 0x03, DimseCodec.encode(CStoreRq.of(id, SC, "1.2.3." + id), true)));
                p.send(RawPeer.pdata(1, 0x02, ds));
            }
            assertArrayEquals(RawPeer.abort(0, 0), p.readPdu(), "A-ABORT: the peer exceeded the window");
        } finally {
            release.countDown();
        }
    }

    // ------------------------------------------------------------------ a raw acceptor

    @FunctionalInterface
    interface Scenario {
        void run(Association a, RawPeer peer) throws Exception;
    }

    /** A requestor (this implementation) against a hand-driven acceptor answering {@code window}. */
    static void withRawAcceptor(AsynchronousOperationsWindow window, AssociationRequest.Builder rqb, Scenario s)
            throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Association> client = CompletableFuture.supplyAsync(() -> {
                try {
                    return Association.request(PlainTcp.connector(),
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), ss.getLocalPort()), rqb.build());
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            try (RawPeer peer = new RawPeer(ss.accept())) {
                AAssociateRq rq = (AAssociateRq) new PduDecoder().decode(peer.readPdu());
                peer.send(AAssociateAc.builder(rq).accept(1, UID.ImplicitVRLittleEndian)
                        .accept(3, UID.ImplicitVRLittleEndian).maximumLength(16384).subItem(window).build());
                Association a = client.get(10, TimeUnit.SECONDS);
                try {
                    s.run(a, peer);
                } finally {
                    peer.close(); // first, so that the abort does not wait for the peer's close (ARTIM)
                    a.abort();
                }
            }
        }
    }

    /** Reads one message's command (one PDV here) and skips the data set PDUs that follow it. */
    static Dataset readCommandSkippingData(RawPeer peer) throws IOException {
        while (true) {
            byte[] pdu = peer.readPdu();
            assertEquals(4, pdu[0], "a P-DATA-TF");
            int mch = pdu[11];
            if ((mch & 1) != 0) {
                assertTrue((mch & 2) != 0, "a command in one fragment");
                Dataset cmd = CommandSet.decode(pdu, 12, pdu.length - 12);
                if (cmd.getInt(Tag.CommandDataSetType, DimseCodec.NO_DATA_SET) != DimseCodec.NO_DATA_SET) {
                    byte[] d;
                    do {
                        d = peer.readPdu();
                    } while ((d[11] & 2) == 0);
                }
                return cmd;
            }
        }
    }

    private static <T extends Throwable> void assertThrows(Class<T> type,
                                                           org.junit.jupiter.api.function.Executable e, String m) {
        org.junit.jupiter.api.Assertions.assertThrows(type, e, m);
    }
}
