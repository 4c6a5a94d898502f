package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

import org.dicomsec.data.UID;
import org.dicomsec.ul.dimse.Status;
import org.junit.jupiter.api.Test;

/** The SCP: many associations at once on a bounded pool, clean shutdown, streaming of a large instance. */
class ServerTest {
    static AcceptorPolicy policy() {
        return AcceptorPolicy.builder().abstractSyntax(UID.Verification, UID.ImplicitVRLittleEndian)
                .abstractSyntax(UID.SecondaryCaptureImageStorage, UID.ImplicitVRLittleEndian).build();
    }

    @Test
    void servesManyAssociationsAtOnceWithABoundedPool() throws Exception {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        DimseHandlers h = DimseHandlers.builder().cstore((a, pc, rq, in) -> {
            int now = concurrent.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            in.readAllBytes();
            concurrent.decrementAndGet();
            return Status.OK;
        }).build();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try (Loopback lb = new Loopback(policy(), h, Loopback.quick(), 3)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int id = c;
                results.add(clients.submit(() -> {
                    Association a = lb.connect(AssociationRequest.builder("SCP", "SCU" + id).presentationContext(
                            UID.SecondaryCaptureImageStorage, UID.ImplicitVRLittleEndian).build());
                    int ok = 0;
                    for (int i = 0; i < 5; i++) {
                        ok += a.cstore(UID.SecondaryCaptureImageStorage, "1.2." + id + "." + i,
                                UID.ImplicitVRLittleEndian, new java.io.ByteArrayInputStream(new byte[20_000]))
                                .status().isSuccess() ? 1 : 0;
                    }
                    a.release();
                    return ok;
                }));
            }
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(40, total);
            assertTrue(peak.get() <= 3, "never more than the 3 workers: " + peak.get());
            assertEquals(8, lb.server.associationsServed());
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void closeAbortsAssociationsLeftAfterTheGracePeriod() throws Exception {
        Loopback lb = new Loopback(policy(), DimseHandlers.NONE, Loopback.quick(), 2);
        Association a = lb.connect(AssociationRequest.builder("SCP", "IDLE").presentationContext(UID.Verification,
                UID.ImplicitVRLittleEndian).build());
        assertTrue(a.cecho().status().isSuccess());
        java.util.concurrent.atomic.AtomicReference<Throwable> seen = new java.util.concurrent.atomic.AtomicReference<>();
        CountDownLatch ended = new CountDownLatch(1);
        Thread listener = new Thread(() -> {
            try {
                a.serve(); // an idle SCU waiting for requests from the SCP
            } catch (Throwable e) {
                seen.set(e);
            }
            ended.countDown();
        });
        listener.start();
        long t0 = System.nanoTime();
        lb.server.close(Duration.ofMillis(300));
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "close returned in bounded time");
        assertEquals(0, lb.server.activeAssociations());
        assertTrue(ended.await(10, TimeUnit.SECONDS));
        AssociationAbortedException x = assertInstanceOf(AssociationAbortedException.class, seen.get());
        assertEquals(AssociationAbortedException.Kind.A_ABORT, x.kind());
        assertThrows(IOException.class, a::cecho);
        assertThrows(IOException.class, lb::connect0, "no longer accepting");
    }

    @Test
    void whenClosedRunsOnceAfterTheLastAssociationHasEnded() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger activeThen = new AtomicInteger(-1);
        org.dicomsec.ul.net.DicomServer[] server = new org.dicomsec.ul.net.DicomServer[1];
        CountDownLatch inStore = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        DimseHandlers h = DimseHandlers.builder().cstore((a, pc, rq, in) -> {
            inStore.countDown();
            try {
                proceed.await(10, TimeUnit.SECONDS); // held until the test has looked
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            in.readAllBytes();
            return Status.OK;
        }).build();
        server[0] = org.dicomsec.ul.net.DicomServer.builder(org.dicomsec.ul.transport.PlainTcp.acceptor(
                java.net.InetAddress.getLoopbackAddress(), 0)).policy(policy()).handlers(h).workers(1)
                .whenClosed(() -> {
                    runs.incrementAndGet();
                    activeThen.set(server[0].activeAssociations());
                }).build();
        server[0].start();
        Association a = Association.request(org.dicomsec.ul.transport.PlainTcp.connector(),
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), server[0].localPort()),
                AssociationRequest.builder("SCP", "SCU").presentationContext(UID.SecondaryCaptureImageStorage,
                        UID.ImplicitVRLittleEndian).settings(Loopback.quick()).build());
        Thread sender = new Thread(() -> {
            try {
                a.cstore(UID.SecondaryCaptureImageStorage, "1.2.3", UID.ImplicitVRLittleEndian,
                        new java.io.ByteArrayInputStream(new byte[1000]));
                a.release();
            } catch (IOException ignored) {
                // the server may close first
            }
        });
        sender.start();
        assertTrue(inStore.await(10, TimeUnit.SECONDS));
        assertEquals(0, runs.get(), "not while an association is served");
        proceed.countDown();
        server[0].close(Duration.ofSeconds(5));
        server[0].close(Duration.ofSeconds(5));
        assertEquals(1, runs.get(), "once, however often close is called");
        assertEquals(0, activeThen.get(), "after the association ended");
        sender.join(10_000);
        AtomicInteger never = new AtomicInteger();
        org.dicomsec.ul.net.DicomServer unstarted = org.dicomsec.ul.net.DicomServer.builder(
                org.dicomsec.ul.transport.PlainTcp.acceptor(java.net.InetAddress.getLoopbackAddress(), 0))
                .policy(policy()).whenClosed(never::incrementAndGet).build();
        unstarted.close();
        assertEquals(1, never.get(), "a server never started runs it too");
    }

    @Test
    void largeInstanceStreamsThroughWithBoundedMemory() throws Exception {
        long size = 192L << 20; // 192 MiB: never held in memory on either side
        CRC32 sentCrc = new CRC32();
        CRC32 gotCrc = new CRC32();
        long[] got = new long[1];
        DimseHandlers h = DimseHandlers.builder().cstore((a, pc, rq, in) -> {
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                gotCrc.update(buf, 0, n);
                got[0] += n;
            }
            return Status.OK;
        }).build();
        AssociationSettings s = Loopback.quick().withMaxPduLength(131072);
        try (Loopback lb = new Loopback(policy(), h, s, 1)) {
            Association a = lb.connect(AssociationRequest.builder("SCP", "BIG").presentationContext(
                    UID.SecondaryCaptureImageStorage, UID.ImplicitVRLittleEndian).settings(s).build());
            InputStream source = new InputStream() {
                long left = size;
                long x = 0x9E3779B97F4A7C15L;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (left == 0) {
                        return -1;
                    }
                    int n = (int) Math.min(len, left);
                    for (int i = 0; i < n; i++) {
                        x ^= x << 13;
                        x ^= x >>> 7;
                        x ^= x << 17;
                        b[off + i] = (byte) x;
                    }
                    sentCrc.update(b, off, n);
                    left -= n;
                    return n;
                }
            };
            assertTrue(a.cstore(UID.SecondaryCaptureImageStorage, "1.2.999", UID.ImplicitVRLittleEndian, source)
                    .status().isSuccess());
            a.release();
        }
        assertEquals(size, got[0]);
        assertEquals(sentCrc.getValue(), gotCrc.getValue());
    }
}
