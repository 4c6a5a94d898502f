package org.dicomsec.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Tag;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.SecurityDescription;
import org.junit.jupiter.api.Test;

/** Rules c (receiving side), d, e and f of PS3.15 A.1.1 as decisions over real peer identities. */
class TransferRulesTest {

    private static final Optional<SopInstanceStatus> OR = Optional.of(SopInstanceStatus.OR);
    private static final Optional<SopInstanceStatus> AO = Optional.of(SopInstanceStatus.AO);
    private static final Optional<SopInstanceStatus> AC = Optional.of(SopInstanceStatus.AC);
    private static final Optional<SopInstanceStatus> NS = Optional.of(SopInstanceStatus.NS);
    private static final Optional<SopInstanceStatus> NONE = Optional.empty();

    private final TransferRules rules = TransferRules.defaults();

    /** Every way a transfer can fall short of d.1 / d.2. */
    private static List<TransferContext> notQualifying() {
        PeerPolicy policy = Peers.policy();
        return List.of(
                TransferContext.of(SecurityDescription.PLAIN, PeerIdentity.NONE, policy),         // d.1
                TransferContext.of(Peers.TLS, PeerIdentity.NONE, policy),                         // d.2 no peer auth
                TransferContext.of(Peers.TLS, Peers.x509("cert-without-policy.pem"), policy),    // d.2 no profile
                TransferContext.of(Peers.ISCL, Peers.iscl("NODE-X", false), policy),             // d.2 no flag
                TransferContext.of(SecurityDescription.PLAIN, Peers.x509("cert-with-policy.pem"), policy));
    }

    @Test
    void ruleD_transferOfTheOriginal_onlySecureMutualAndConforming() {
        assertTrue(Peers.conforming().qualifies());
        assertTrue(TransferContext.of(Peers.ISCL, Peers.iscl("NODE-B", true), Peers.policy()).qualifies());
        for (Optional<SopInstanceStatus> s : List.of(OR, AO)) {
            SendDecision d = rules.decideSend(s, SendIntent.TRANSFER_ORIGINAL, Peers.conforming(), false);
            assertTrue(d.allowed());
            assertEquals(s, d.statusSent(), "the original goes as it is held");
            assertTrue(d.edit().changes().isEmpty());
            assertTrue(d.commitmentRequired(), "d.4: confirmed by Storage Commitment");
            assertEquals('d', d.rule());
            for (TransferContext ctx : notQualifying()) {
                SendDecision no = rules.decideSend(s, SendIntent.TRANSFER_ORIGINAL, ctx, false);
                assertFalse(no.allowed(), ctx.toString());
                assertEquals('d', no.rule());
            }
        }
    }

    @Test
    void ruleD_onlyAnOriginalCanBeTransferredAsTheOriginal() {
        for (Optional<SopInstanceStatus> s : List.of(AC, NS, NONE)) {
            assertFalse(rules.decideSend(s, SendIntent.TRANSFER_ORIGINAL, Peers.conforming(), false).allowed());
        }
    }

    @Test
    void ruleD4_receiverForwardsNothingUntilCommitmentIsConfirmed() {
        ReceiveDecision r = rules.decideReceive(OR, Peers.conforming(), NONE);
        assertTrue(r.accept());
        assertTrue(r.becomesHolder(), "the receiver holds the original now, pending confirmation");
        assertEquals(OR, r.statusStored());
        for (SendIntent i : SendIntent.values()) {
            SendDecision d = rules.decideSend(OR, i, Peers.conforming(), true);
            assertFalse(d.allowed(), i.toString());
            assertTrue(d.reason().contains("d.4"));
        }
    }

    @Test
    void ruleD5_afterConfirmedCommitment_deleteOrNsOrAcFromAo() {
        assertEquals(AfterCommitment.SET_AC, rules.decideAfterCommitment(SopInstanceStatus.AO));
        assertEquals(AfterCommitment.SET_NS, rules.decideAfterCommitment(SopInstanceStatus.OR),
                "d.5.c is for AO only: an OR becomes NS");
        TransferRules deleting = new TransferRules(SopInstanceStatus.AC, false, AfterCommitment.DELETE);
        assertEquals(AfterCommitment.DELETE, deleting.decideAfterCommitment(SopInstanceStatus.OR));
        TransferRules ns = new TransferRules(SopInstanceStatus.AC, false, AfterCommitment.SET_NS);
        assertEquals(AfterCommitment.SET_NS, ns.decideAfterCommitment(SopInstanceStatus.AO));
        assertThrows(IllegalArgumentException.class, () -> rules.decideAfterCommitment(SopInstanceStatus.AC));
        assertEquals(Optional.of("AC"), TransferRules.editFor(AfterCommitment.SET_AC).changes()
                .get(Tag.SOPInstanceStatus));
    }

    @Test
    void ruleE_authorizedCopy_sentAsACorNS_sameUid() throws Exception {
        TransferRules asNs = new TransferRules(SopInstanceStatus.NS, false, AfterCommitment.SET_AC);
        for (Optional<SopInstanceStatus> s : List.of(AO, AC)) {
            SendDecision d = rules.decideSend(s, SendIntent.COPY, Peers.conforming(), false);
            assertTrue(d.allowed());
            assertEquals(AC, d.statusSent());
            assertEquals('e', d.rule());
            assertFalse(d.commitmentRequired());
            assertEquals(NS, asNs.decideSend(s, SendIntent.COPY, Peers.conforming(), false).statusSent());
        }
        // e.3: the copy carries the same SOP Instance UID; only the status changes
        Dataset ao = TestData.ctImage(TestData.newUid());
        ao.setString(Tag.SOPInstanceStatus, org.dicomsec.data.VR.CS, "AO");
        Dataset copy = ControlledChanges.apply(ao, rules.decideSend(AO, SendIntent.COPY, Peers.conforming(), false)
                .edit());
        assertEquals(ao.getString(Tag.SOPInstanceUID), copy.getString(Tag.SOPInstanceUID));
        assertEquals("AC", copy.getString(Tag.SOPInstanceStatus));
        assertEquals(List.of(), NoCoercionCheck.violations(ao, copy));
        assertThrows(IllegalArgumentException.class,
                () -> new TransferRules(SopInstanceStatus.OR, false, AfterCommitment.DELETE));
    }

    @Test
    void ruleE_andC_aCopyOfAnUnauthorizedOriginalIsNeverAnOriginal() {
        SendDecision d = rules.decideSend(OR, SendIntent.COPY, Peers.conforming(), false);
        assertEquals(NS, d.statusSent());
        assertEquals(NONE, rules.decideSend(NONE, SendIntent.COPY, Peers.conforming(), false).statusSent());
        assertEquals(NS, rules.decideSend(NS, SendIntent.COPY, Peers.conforming(), false).statusSent());
    }

    @Test
    void ruleF_senderSetsNSOrLeavesTheStatusOut_overUnsecuredOrToNonConformingPeers() {
        TransferRules stripping = new TransferRules(SopInstanceStatus.AC, true, AfterCommitment.SET_AC);
        for (TransferContext ctx : notQualifying()) {
            for (Optional<SopInstanceStatus> s : List.of(OR, AO, AC, NS)) {
                SendDecision d = rules.decideSend(s, SendIntent.COPY, ctx, false);
                assertTrue(d.allowed());
                assertEquals('f', d.rule());
                assertEquals(NS, d.statusSent(), ctx + " " + s);
                SendDecision st = stripping.decideSend(s, SendIntent.COPY, ctx, false);
                assertEquals(NONE, st.statusSent());
                assertEquals(StatusEdit.strip(), st.edit());
            }
        }
        Dataset ao = TestData.ctImage(TestData.newUid());
        ao = ControlledChanges.apply(ao, StatusEdit.certified(SopInstanceStatus.AO, Certification.now("EQ")));
        Dataset out = ControlledChanges.apply(ao, StatusEdit.strip());
        for (int t : StatusAttributes.CONTROLLED) {
            assertFalse(out.contains(t), Tag.toString(t));
        }
    }

    @Test
    void ruleF_receiverSetsNS_onAnythingInsecureOrFromNonConformingPeers() {
        for (TransferContext ctx : notQualifying()) {
            for (Optional<SopInstanceStatus> s : List.of(OR, AO, AC, NS, NONE)) {
                ReceiveDecision r = rules.decideReceive(s, ctx, NONE);
                assertTrue(r.accept());
                assertEquals(NS, r.statusStored(), ctx + " " + s);
                assertEquals(StatusEdit.status(SopInstanceStatus.NS), r.edit());
                assertFalse(r.becomesHolder());
                assertEquals('f', r.rule());
            }
        }
    }

    @Test
    void ruleC_receiverRefusesAnyCopyOfAnInstanceItHoldsAsOriginal() {
        for (Optional<SopInstanceStatus> held : List.of(OR, AO)) {
            for (Optional<SopInstanceStatus> s : List.of(OR, AO, AC, NS, NONE)) {
                ReceiveDecision r = rules.decideReceive(s, Peers.conforming(), held);
                assertFalse(r.accept());
                assertEquals('c', r.rule());
            }
        }
        assertTrue(rules.decideReceive(OR, Peers.conforming(), AC).accept(), "a copy holder may receive the original");
    }
}
