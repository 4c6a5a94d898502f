package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.dicomsec.data.UID;
import org.dicomsec.ul.pdu.AAssociateRj;
import org.dicomsec.ul.pdu.AAssociateRq;
import org.dicomsec.ul.pdu.AsynchronousOperationsWindow;
import org.dicomsec.ul.pdu.PresentationContextAcItem;
import org.dicomsec.ul.pdu.ScpScuRoleSelection;
import org.dicomsec.ul.pdu.UserIdentityRq;
import org.junit.jupiter.api.Test;

/** Association negotiation (PS3.8 7.1, 9.3.2-9.3.4; PS3.7 D.3.3) between real sockets. */
class NegotiationTest {
    static final String SC = UID.SecondaryCaptureImageStorage;

    static AcceptorPolicy policy() {
        return AcceptorPolicy.builder().calledAeTitles("STORE_SCP")
                .abstractSyntax(UID.Verification, UID.ImplicitVRLittleEndian)
                .abstractSyntax(SC, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                .abstractSyntax(UID.MRImageStorage, UID.ImplicitVRLittleEndian)
                .contextFilter((rq, pc) -> !pc.abstractSyntax().name().equals(UID.MRImageStorage))
                .userIdentityCheck(id -> new String(id.primaryField(), StandardCharsets.UTF_8).equals("alice"))
                .build();
    }

    @Test
    void perContextResults() throws Exception {
        try (Loopback lb = new Loopback(policy(), DimseHandlers.NONE, Loopback.quick(), 1)) {
            Association a = lb.connect(AssociationRequest.builder("STORE_SCP", "SCU")
                    .presentationContext(SC, UID.ExplicitVRBigEndian, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                    .presentationContext(SC, UID.ExplicitVRBigEndian)
                    .presentationContext(UID.CTImageStorage, UID.ImplicitVRLittleEndian)
                    .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian)
                    .presentationContext(UID.MRImageStorage, UID.ImplicitVRLittleEndian).build());
            Map<Integer, PresentationContext> pcs = a.presentationContexts();
            // the first proposed transfer syntax that the acceptor serves wins
            assertEquals(UID.ExplicitVRLittleEndian, pcs.get(1).transferSyntax());
            assertEquals(PresentationContextAcItem.RESULT_TRANSFER_SYNTAXES_NOT_SUPPORTED, pcs.get(3).result());
            assertEquals(PresentationContextAcItem.RESULT_ABSTRACT_SYNTAX_NOT_SUPPORTED, pcs.get(5).result());
            assertTrue(pcs.get(7).accepted());
            assertEquals(PresentationContextAcItem.RESULT_USER_REJECTION, pcs.get(9).result());
            assertEquals(2, a.acceptedContexts().size());
            assertTrue(a.cecho().status().isSuccess());
            a.release();
        }
    }

    @Test
    void anyAbstractSyntaxDoesNotServeADicomdirsSopClass() throws Exception {
        // Media Storage Directory Storage (1.2.840.10008.1.3.10): a file-set's directory, not a storage SOP class
        AcceptorPolicy storage = AcceptorPolicy.builder().anyAbstractSyntax(UID.ExplicitVRLittleEndian).build();
        try (Loopback lb = new Loopback(storage, DimseHandlers.NONE, Loopback.quick(), 1)) {
            Association a = lb.connect(AssociationRequest.builder("ANY", "SCU")
                    .presentationContext("1.2.840.10008.1.3.10", UID.ExplicitVRLittleEndian)
                    .presentationContext(UID.CTImageStorage, UID.ExplicitVRLittleEndian).build());
            Map<Integer, PresentationContext> pcs = a.presentationContexts();
            assertEquals(PresentationContextAcItem.RESULT_ABSTRACT_SYNTAX_NOT_SUPPORTED, pcs.get(1).result());
            assertTrue(pcs.get(3).accepted());
            a.release();
        }
    }

    static AAssociateRj rejection(AssociationRequest rq) throws Exception {
        try (Loopback lb = new Loopback(policy(), DimseHandlers.NONE, Loopback.quick(), 1)) {
            AssociationRejectedException e = assertThrows(AssociationRejectedException.class, () -> lb.connect(rq));
            return e.reject();
        }
    }

    @Test
    void wrongCalledAeTitleIsRejectedPermanentServiceUserCalledAeNotRecognized() throws Exception {
        AAssociateRj rj = rejection(AssociationRequest.builder("SOMEONE_ELSE", "SCU")
                .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build());
        assertEquals(new AAssociateRj(1, 1, 7), rj);
    }

    @Test
    void noAcceptableContextIsRejected() throws Exception {
        AAssociateRj rj = rejection(AssociationRequest.builder("STORE_SCP", "SCU")
                .presentationContext(UID.CTImageStorage, UID.ImplicitVRLittleEndian).build());
        assertEquals(new AAssociateRj(1, 1, 1), rj);
    }

    @Test
    void refusedUserIdentityIsRejected() throws Exception {
        AAssociateRj rj = rejection(AssociationRequest.builder("STORE_SCP", "SCU")
                .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian)
                .userIdentity(new UserIdentityRq(1, 1, "mallory".getBytes(StandardCharsets.UTF_8), new byte[0]))
                .build());
        assertEquals(new AAssociateRj(1, 1, 1), rj);
    }

    @Test
    void unsupportedApplicationContextIsRejectedOnTheWire() throws Exception {
        try (Loopback lb = new Loopback(policy(), DimseHandlers.NONE, Loopback.quick(), 1);
             RawPeer p = RawPeer.connect(lb.address())) {
            p.send(AAssociateRq.builder("STORE_SCP", "RAW").applicationContext("1.2.3.4.5")
                    .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build());
            assertArrayEquals(new byte[] {3, 0, 0, 0, 0, 4, 0, 1, 1, 2}, p.readPdu());
            assertTrue(p.closedWithin(5000), "the acceptor closes after ARTIM at the latest");
        }
    }

    @Test
    void unsupportedProtocolVersionIsRejectedByTheProvider() throws Exception {
        try (Loopback lb = new Loopback(policy(), DimseHandlers.NONE, Loopback.quick(), 1);
             RawPeer p = RawPeer.connect(lb.address())) {
            AAssociateRq ok = AssociationRequest.builder("STORE_SCP", "RAW")
                    .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build().toPdu();
            p.send(new AAssociateRq(2, ok.calledAeTitle(), ok.callingAeTitle(), ok.applicationContext(),
                    ok.presentationContexts(), ok.userInformation(), List.of()));
            // PS3.8 AE-6: rejected-permanent, service-provider (ACSE), protocol-version-not-supported
            assertArrayEquals(new byte[] {3, 0, 0, 0, 0, 4, 0, 1, 2, 2}, p.readPdu());
        }
    }

    @Test
    void roleSelectionAsyncWindowAndUserIdentityAreAnswered() throws Exception {
        try (Loopback lb = new Loopback(policy(), DimseHandlers.NONE, Loopback.quick(), 1)) {
            Association a = lb.connect(AssociationRequest.builder("STORE_SCP", "SCU")
                    .presentationContext(SC, UID.ImplicitVRLittleEndian)
                    .roleSelection(SC, true, true)
                    .asynchronousOperationsWindow(true)
                    .userIdentity(new UserIdentityRq(1, 1, "alice".getBytes(StandardCharsets.UTF_8), new byte[0]))
                    .settings(Loopback.quick().withMaxPduLength(32768)).build());
            var ui = a.associateAc().userInformation();
            assertEquals(List.of(new ScpScuRoleSelection(SC, 1, 0)), ui.roleSelections(),
                    "SCU role granted, SCP role not configured for the requestor");
            assertEquals(new AsynchronousOperationsWindow(1, 1), ui.asynchronousOperationsWindow().orElseThrow());
            assertTrue(ui.userIdentityAc().isPresent());
            assertEquals(UID.ImplementationVersionName, a.peerImplementationVersionName());
            assertEquals(16_384, a.peerMaxPduLength());
            assertEquals(32_768, a.associateRq().userInformation().maximumLength().getAsLong());
            a.release();
        }
    }

    @Test
    void aeTitlesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> AssociationRequest.builder("ABCDEFGHIJKLMNOPQ", "SCU"));
        assertThrows(IllegalArgumentException.class, () -> AssociationRequest.builder("A\\B", "SCU"));
        assertThrows(IllegalArgumentException.class, () -> AssociationRequest.builder("   ", "SCU"));
        assertFalse(AssociationRequest.builder("ABCDEFGHIJKLMNOP", "SCU").presentationContext(UID.Verification,
                UID.ImplicitVRLittleEndian).build().calledAeTitle().isEmpty());
    }
}
