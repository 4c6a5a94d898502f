package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.UID;
import org.dicomsec.data.VR;
import org.dicomsec.ul.dimse.NActionRsp;
import org.dicomsec.ul.dimse.NEventReportRsp;
import org.dicomsec.ul.dimse.Status;
import org.junit.jupiter.api.Test;

/**
 * N-ACTION and N-EVENT-REPORT as Storage Commitment uses them (PS3.4 J.3): the SCU's N-ACTION,
 * then the SCP's N-EVENT-REPORT on the same association and on a new one it requests.
 */
class NServicesTest {
    static final String SCM = UID.StorageCommitmentPushModel;
    static final String SCM_INSTANCE = UID.StorageCommitmentPushModelInstance;
    static final int TRANSACTION_UID = 0x00081195;

    static Dataset info(String transaction) {
        Dataset d = new Dataset();
        d.setString(TRANSACTION_UID, VR.UI, transaction);
        return d;
    }

    @Test
    void nActionThenNEventReportOnTheSameAssociation() throws Exception {
        BlockingQueue<Association> scpSide = new ArrayBlockingQueue<>(1);
        DimseHandlers scp = DimseHandlers.builder().naction(SCM, (a, pc, rq, ds) -> {
            assertEquals(1, rq.actionTypeId());
            scpSide.add(a);
            Dataset reply = new Dataset();
            reply.setString(TRANSACTION_UID, VR.UI, ds.getString(TRANSACTION_UID));
            return new DimseReply(Status.OK, reply);
        }).build();
        AcceptorPolicy policy = AcceptorPolicy.builder().abstractSyntax(SCM, UID.ImplicitVRLittleEndian).build();
        try (Loopback lb = new Loopback(policy, scp, Loopback.quick(), 2)) {
            BlockingQueue<String> events = new ArrayBlockingQueue<>(1);
            DimseHandlers scu = DimseHandlers.builder().neventReport(SCM, (a, pc, rq, ds) -> {
                events.add(rq.eventTypeId() + ":" + ds.getString(TRANSACTION_UID));
                return DimseReply.of(Status.OK);
            }).build();
            Association a = lb.connect(AssociationRequest.builder("SCP", "SCU")
                    .presentationContext(SCM, UID.ImplicitVRLittleEndian).build(), scu);
            DimseResult<NActionRsp> r = a.naction(SCM, SCM_INSTANCE, 1, info("1.2.3.77"));
            assertTrue(r.response().status().isSuccess());
            assertEquals("1.2.3.77", r.dataSet().getString(TRANSACTION_UID));
            AtomicReference<Throwable> err = new AtomicReference<>();
            CountDownLatch served = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try {
                    a.serve(); // the SCU listens for the event report
                } catch (Throwable e) {
                    err.set(e);
                }
                served.countDown();
            });
            reader.start();
            Association server = scpSide.poll(10, TimeUnit.SECONDS);
            // sent from a thread other than the one serving the SCP side: the response comes through it
            DimseResult<NEventReportRsp> ev = server.neventReport(SCM, SCM_INSTANCE, 1, info("1.2.3.77"));
            assertTrue(ev.response().status().isSuccess());
            assertEquals(1, ev.response().eventTypeId());
            assertNull(ev.dataSet());
            assertEquals("1:1.2.3.77", events.poll(10, TimeUnit.SECONDS));
            a.release();
            assertTrue(served.await(10, TimeUnit.SECONDS));
            assertNull(err.get());
        }
    }

    @Test
    void nEventReportOnANewAssociationRequestedByTheScp() throws Exception {
        BlockingQueue<String> events = new ArrayBlockingQueue<>(1);
        DimseHandlers scuListener = DimseHandlers.builder().neventReport(SCM, (a, pc, rq, ds) -> {
            events.add(a.callingAeTitle() + ":" + ds.getString(TRANSACTION_UID));
            return DimseReply.of(Status.OK);
        }).build();
        // PS3.4 J.3.3: the SCP requests the association and takes the SCP role by role selection
        AcceptorPolicy policy = AcceptorPolicy.builder().abstractSyntax(SCM, UID.ImplicitVRLittleEndian)
                .scpRole(SCM).build();
        try (Loopback scu = new Loopback(policy, scuListener, Loopback.quick(), 1)) {
            Association a = scu.connect(AssociationRequest.builder("SCU", "SCP")
                    .presentationContext(SCM, UID.ImplicitVRLittleEndian).roleSelection(SCM, false, true).build());
            assertEquals(1, a.associateAc().userInformation().roleSelections().get(0).scpRole());
            DimseResult<NEventReportRsp> r = a.neventReport(SCM, SCM_INSTANCE, 2, info("1.2.3.88"));
            assertTrue(r.response().status().isSuccess());
            assertEquals("SCP:1.2.3.88", events.poll(10, TimeUnit.SECONDS));
            a.release();
        }
    }

    @Test
    void requestWithoutHandlerGetsSopClassNotSupported() throws Exception {
        AcceptorPolicy policy = AcceptorPolicy.builder().abstractSyntax(SCM, UID.ImplicitVRLittleEndian).build();
        try (Loopback lb = new Loopback(policy, DimseHandlers.NONE, Loopback.quick(), 1)) {
            Association a = lb.connect(AssociationRequest.builder("SCP", "SCU")
                    .presentationContext(SCM, UID.ImplicitVRLittleEndian).build());
            DimseResult<NActionRsp> r = a.naction(SCM, SCM_INSTANCE, 1, null);
            assertEquals(Status.SOP_CLASS_NOT_SUPPORTED, r.response().status().code());
            assertEquals("Refused: SOP class not supported", r.response().status().meaning());
            a.release();
        }
    }
}
