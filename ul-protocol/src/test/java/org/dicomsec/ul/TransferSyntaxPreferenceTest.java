package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dicomsec.data.UID;
import org.dicomsec.ul.pdu.AAssociateAc;
import org.junit.jupiter.api.Test;

/** Which transfer syntax the acceptor takes when the requestor proposes several (issue 13, point 11). */
class TransferSyntaxPreferenceTest {
    private static final String SC = UID.SecondaryCaptureImageStorage;

    private static String chosen(AcceptorPolicy policy, String... proposed) {
        AAssociateAc ac = policy.decide(AssociationRequest.builder("SCP", "SCU").presentationContext(SC, proposed)
                .build().toPdu(), 16384).accept();
        return AcceptorPolicy.norm(ac.presentationContext(1).transferSyntax().name());
    }

    private static AcceptorPolicy.Builder storage() {
        return AcceptorPolicy.builder().anyAbstractSyntax(UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian,
                UID.ExplicitVRBigEndian, UID.JPEGBaseline8Bit);
    }

    @Test
    void explicitLittleEndianIsTakenOverImplicitWhicheverComesFirst() {
        assertEquals(UID.ExplicitVRLittleEndian, chosen(storage().build(), UID.ImplicitVRLittleEndian,
                UID.ExplicitVRLittleEndian));
        assertEquals(UID.ExplicitVRLittleEndian, chosen(storage().build(), UID.ExplicitVRLittleEndian,
                UID.ImplicitVRLittleEndian));
        assertEquals(UID.ImplicitVRLittleEndian, chosen(storage().build(), UID.ImplicitVRLittleEndian));
    }

    @Test
    void aSyntaxOutsideThePreferenceProposedFirstStillWins() {
        assertEquals(UID.JPEGBaseline8Bit, chosen(storage().build(), UID.JPEGBaseline8Bit,
                UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian));
        assertEquals(UID.ExplicitVRLittleEndian, chosen(storage().build(), UID.ImplicitVRLittleEndian,
                UID.JPEGBaseline8Bit, UID.ExplicitVRLittleEndian));
    }

    @Test
    void theOrderIsConfigurable() {
        assertEquals(UID.ImplicitVRLittleEndian, chosen(storage().preferTransferSyntaxes().build(),
                UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian));
        assertEquals(UID.ExplicitVRBigEndian, chosen(storage().preferTransferSyntaxes(UID.ExplicitVRBigEndian,
                UID.ExplicitVRLittleEndian).build(), UID.ExplicitVRLittleEndian, UID.ExplicitVRBigEndian));
    }
}
