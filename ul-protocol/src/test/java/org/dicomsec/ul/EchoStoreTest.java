package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.dicomsec.data.UID;
import org.dicomsec.ul.dimse.CEchoRsp;
import org.dicomsec.ul.dimse.CStoreRsp;
import org.dicomsec.ul.dimse.Status;
import org.junit.jupiter.api.Test;

/** C-ECHO and C-STORE over loopback TCP between this implementation's requestor and acceptor. */
class EchoStoreTest {

    static final String SC = UID.SecondaryCaptureImageStorage;

    static AcceptorPolicy storagePolicy() {
        return AcceptorPolicy.builder().calledAeTitles("STORE_SCP")
                .abstractSyntax(UID.Verification, UID.ImplicitVRLittleEndian)
                .abstractSyntax(SC, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian, UID.ExplicitVRBigEndian)
                .build();
    }

    @Test
    void echoReturnsSuccessAndReleases() throws Exception {
        try (Loopback lb = new Loopback(storagePolicy(), DimseHandlers.NONE, Loopback.quick(), 2)) {
            Association a = lb.connect(AssociationRequest.builder("STORE_SCP", "ECHO_SCU")
                    .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build());
            assertEquals(AssociationState.Sta6, a.state());
            assertEquals(UID.ImplementationClassUID, a.peerImplementationClassUid());
            CEchoRsp rsp = a.cecho();
            assertEquals(Status.SUCCESS, rsp.status().code());
            assertEquals(1, rsp.messageIdBeingRespondedTo());
            assertEquals(2, a.cecho().messageIdBeingRespondedTo(), "Message IDs are unique per association");
            a.release();
            assertEquals(AssociationState.Sta1, a.state());
        }
    }

    @Test
    void storedDataSetArrivesByteIdentical() throws Exception {
        Map<String, byte[]> received = new ConcurrentHashMap<>();
        DimseHandlers h = DimseHandlers.builder().cstore((as, pc, rq, in) -> {
            received.put(rq.affectedSopInstanceUid(), in.readAllBytes());
            assertEquals(UID.ExplicitVRLittleEndian, pc.transferSyntax());
            return Status.OK;
        }).build();
        AssociationSettings small = Loopback.quick().withMaxPduLength(4096);
        try (Loopback lb = new Loopback(storagePolicy(), h, small, 2)) {
            Association a = lb.connect(AssociationRequest.builder("STORE_SCP", "STORE_SCU")
                    .presentationContext(SC, UID.ExplicitVRLittleEndian).settings(small.withMaxPduLength(8192))
                    .build());
            assertEquals(4096, a.peerMaxPduLength());
            for (int i = 0; i < 3; i++) {
                String uid = "1.2.3.4." + i;
                byte[] bytes = TestData.encode(TestData.instance(uid, 100_000 + i * 7, i), UID.ExplicitVRLittleEndian);
                CStoreRsp rsp = a.cstore(SC, uid, UID.ExplicitVRLittleEndian, new ByteArrayInputStream(bytes));
                assertTrue(rsp.status().isSuccess(), rsp.status().toString());
                assertEquals(uid, rsp.affectedSopInstanceUid());
                assertArrayEquals(bytes, received.get(uid));
            }
            a.release();
        }
    }

    @Test
    void handlerFailureAnswersFailureStatusAndAssociationGoesOn() throws Exception {
        DimseHandlers h = DimseHandlers.builder().cstore((as, pc, rq, in) -> {
            in.readNBytes(10);
            throw new java.io.IOException("disk full");
        }).build();
        try (Loopback lb = new Loopback(storagePolicy(), h, Loopback.quick(), 1)) {
            Association a = lb.connect(AssociationRequest.builder("STORE_SCP", "STORE_SCU")
                    .presentationContext(SC, UID.ImplicitVRLittleEndian)
                    .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build());
            byte[] bytes = TestData.encode(TestData.instance("1.2.3.9", 50_000, 9), UID.ImplicitVRLittleEndian);
            CStoreRsp rsp = a.cstore(SC, "1.2.3.9", UID.ImplicitVRLittleEndian, new ByteArrayInputStream(bytes));
            assertEquals(Status.PROCESSING_FAILURE, rsp.status().code());
            assertEquals(Status.Category.FAILURE, rsp.status().category());
            assertFalse(rsp.status().errorComment() == null);
            assertTrue(a.cecho().status().isSuccess());
            a.release();
        }
    }
}
