package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;

import org.dicomsec.data.CommandSet;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Tag;
import org.dicomsec.data.UID;
import org.dicomsec.ul.dimse.CEchoRq;
import org.dicomsec.ul.dimse.CStoreRq;
import org.dicomsec.ul.dimse.CommandField;
import org.dicomsec.ul.dimse.DimseCodec;
import org.dicomsec.ul.dimse.CStoreRsp;
import org.dicomsec.ul.dimse.Status;
import org.junit.jupiter.api.Test;

/**
 * PS3.7 9.1.1 / 9.3.1.2: a request the performer cannot carry out is answered with a failure
 * status, not by ending the association (issue 13 point 4).
 */
class HandlerFailureTest {
    static final String SC = UID.SecondaryCaptureImageStorage;

    private static AssociationRequest request() {
        return AssociationRequest.builder("STORE_SCP", "STORE_SCU").presentationContext(SC, UID.ImplicitVRLittleEndian)
                .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian).settings(Loopback.quick()).build();
    }

    @Test
    void nulInTheAffectedSopInstanceUidIsAnsweredNotReleased() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        DimseHandlers h = DimseHandlers.builder().cstore((as, pc, rq, in) -> {
            calls.incrementAndGet();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return Status.OK;
        }).build();
        try (Loopback lb = new Loopback(EchoStoreTest.storagePolicy(), h, Loopback.quick(), 1);
             RawPeer p = RawPeer.connect(lb.address())) {
            p.associate();
            byte[] cmd = DimseCodec.encode(CStoreRq.of(5, SC, "1.2.3.9"), true);
            int at = indexOf(cmd, "1.2.3.9".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            cmd[at + 5] = 0; // "1.2.3\u00009": a NUL inside the UID, as a hostile peer sends it
            p.send(RawPeer.pdata(3, 0x03, cmd));
            p.send(RawPeer.pdata(3, 0x02, TestData.encode(TestData.instance("1.2.3.9", 64, 9),
                    UID.ImplicitVRLittleEndian)));
            byte[] rsp = p.readPdu();
            assertEquals(4, rsp[0], "a P-DATA-TF (the C-STORE-RSP), not an A-RELEASE-RQ");
            Dataset c = CommandSet.decode(rsp, 12, rsp.length - 12);
            assertEquals(CommandField.C_STORE_RSP, c.getInt(Tag.CommandField, 0));
            assertEquals(5, c.getInt(Tag.MessageIDBeingRespondedTo, 0));
            assertEquals(Status.INVALID_OBJECT_INSTANCE, c.getInt(Tag.Status, 0));
            assertNotNull(c.getString(Tag.ErrorComment));
            assertEquals(0, calls.get(), "the handler never sees an invalid UID");
            p.send(RawPeer.pdata(1, 0x03, DimseCodec.encode(new CEchoRq(6, UID.Verification), false)));
            byte[] echo = p.readPdu();
            assertEquals(4, echo[0], "the association goes on");
            assertEquals(Status.SUCCESS, CommandSet.decode(echo, 12, echo.length - 12).getInt(Tag.Status, -1));
        }
    }

    private static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void runtimeExceptionInAHandlerIsAProcessingFailureWithTheReason() throws Exception {
        DimseHandlers h = DimseHandlers.builder().cstore((as, pc, rq, in) -> {
            throw new IllegalStateException("index corrupt");
        }).build();
        try (Loopback lb = new Loopback(EchoStoreTest.storagePolicy(), h, Loopback.quick(), 1)) {
            Association a = lb.connect(request());
            byte[] bytes = TestData.encode(TestData.instance("1.2.3.10", 40_000, 10), UID.ImplicitVRLittleEndian);
            CStoreRsp rsp = a.cstore(SC, "1.2.3.10", UID.ImplicitVRLittleEndian, new ByteArrayInputStream(bytes));
            assertEquals(Status.PROCESSING_FAILURE, rsp.status().code());
            assertTrue(rsp.status().errorComment().contains("index corrupt"), rsp.status().errorComment());
            assertTrue(a.cecho().status().isSuccess(), "the association goes on");
            a.release();
        }
    }

    @Test
    void handlerExceptionOnTheExecutorIsAnsweredToo() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            DimseHandlers h = DimseHandlers.builder().cstore((as, pc, rq, in) -> {
                in.readNBytes(100);
                if (rq.affectedSopInstanceUid().endsWith(".2")) {
                    throw new java.io.IOException("disk full");
                }
                in.transferTo(java.io.OutputStream.nullOutputStream());
                return Status.OK;
            }).concurrentStores(2, pool).build();
            try (Loopback lb = new Loopback(EchoStoreTest.storagePolicy(), h, Loopback.quick(), 1)) {
                Association a = lb.connect(AssociationRequest.builder("STORE_SCP", "STORE_SCU")
                        .presentationContext(SC, UID.ImplicitVRLittleEndian)
                        .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian)
                        .asynchronousOperationsWindow(2, 1).settings(Loopback.quick()).build());
                java.util.List<java.util.concurrent.CompletableFuture<CStoreRsp>> f = new java.util.ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    byte[] bytes = TestData.encode(TestData.instance("1.2.3." + i, 40_000, i), UID.ImplicitVRLittleEndian);
                    f.add(a.cstoreAsync(SC, "1.2.3." + i, UID.ImplicitVRLittleEndian, new ByteArrayInputStream(bytes)));
                }
                assertEquals(Status.SUCCESS, f.get(0).join().status().code());
                assertEquals(Status.PROCESSING_FAILURE, f.get(1).join().status().code());
                assertEquals("disk full", f.get(1).join().status().errorComment());
                assertEquals(Status.SUCCESS, f.get(2).join().status().code());
                assertTrue(a.cecho().status().isSuccess());
                a.release();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
