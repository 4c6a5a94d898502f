package org.dicomsec.storage.commitment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.storage.AfterCommitment;
import org.dicomsec.storage.Certification;
import org.dicomsec.storage.OriginalCreator;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.StatusEdit;
import org.dicomsec.storage.TestData;
import org.dicomsec.storage.TransferRules;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.storage.store.Provenance;
import org.dicomsec.storage.store.StoredInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storage Commitment over real stores: what is reported committed, and rule d.4 / d.5 around it. */
class CommitmentEvaluatorTest {

    @TempDir
    Path tmp;

    private static final Provenance PEER = new Provenance("STORE_A CN=store-a.example", "bcp195");

    private static Dataset original() throws Exception {
        return OriginalCreator.createOriginal(TestData.ctImage(TestData.newUid()), Certification.now("EQ"), null);
    }

    private static SopReference ref(Dataset ds) {
        return new SopReference(ds.getString(Tag.SOPClassUID), ds.getString(Tag.SOPInstanceUID));
    }

    @Test
    void commitsOnlyWhatIsDurablyStoredUnderItsClassAndIntact() throws Exception {
        InstanceStore store = InstanceStore.open(tmp.resolve("b"));
        Dataset good = original();
        Dataset tampered = original();
        store.store(good, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, PEER, true);
        StoredInstance t = store.store(tampered, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, PEER, true);
        byte[] f = Files.readAllBytes(t.file());
        f[f.length - 1] ^= 1;
        Files.write(t.file(), f);

        CommitmentEvaluator ev = new CommitmentEvaluator(store, TestData.CT_IMAGE_STORAGE::equals);
        SopReference unknown = new SopReference(TestData.CT_IMAGE_STORAGE, TestData.newUid());
        SopReference wrongClass = new SopReference("1.2.840.10008.5.1.4.1.1.4", good.getString(Tag.SOPInstanceUID));
        CommitmentResult r = ev.evaluate(new CommitmentRequest("1.2.3.100",
                List.of(ref(good), unknown, wrongClass, ref(tampered))));

        assertEquals(List.of(ref(good)), r.committed());
        Map<String, Integer> reasons = r.failed().stream().collect(Collectors.toMap(
                x -> x.reference().sopInstanceUid() + "/" + x.reference().sopClassUid(), FailedSopReference::failureReason));
        assertEquals(Map.of(
                unknown.sopInstanceUid() + "/" + unknown.sopClassUid(), FailureReason.NO_SUCH_OBJECT_INSTANCE,
                wrongClass.sopInstanceUid() + "/" + wrongClass.sopClassUid(), FailureReason.REFERENCED_SOP_CLASS_NOT_SUPPORTED,
                tampered.getString(Tag.SOPInstanceUID) + "/" + TestData.CT_IMAGE_STORAGE, FailureReason.PROCESSING_FAILURE),
                reasons);
        assertEquals(StorageCommitment.EVENT_TYPE_FAILURES_EXIST, r.eventTypeId());

        // a class the SCP supports, but not the one the instance was stored with
        CommitmentEvaluator any = new CommitmentEvaluator(store, c -> true);
        CommitmentResult conflict = any.evaluate(new CommitmentRequest("1.2.3.101", List.of(wrongClass)));
        assertEquals(FailureReason.CLASS_INSTANCE_CONFLICT, conflict.failed().get(0).failureReason());
        // the same Transaction UID again
        CommitmentResult dup = any.evaluate(new CommitmentRequest("1.2.3.101", List.of(ref(good))));
        assertEquals(FailureReason.DUPLICATE_TRANSACTION_UID, dup.failed().get(0).failureReason());
    }

    @Test
    void ruleD_originalTransferConfirmed_receiverMayForward_senderAppliesD5() throws Exception {
        InstanceStore sender = InstanceStore.open(tmp.resolve("a"));
        InstanceStore receiver = InstanceStore.open(tmp.resolve("b"));
        Dataset or = original();
        Dataset ao = OriginalCreator.createOriginal(TestData.ctImage(TestData.newUid()), Certification.now("EQ"), null);
        sender.store(or, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
        sender.store(ao, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
        sender.authorize(ao.getString(Tag.SOPInstanceUID), new org.dicomsec.storage.Authorization("dr",
                Certification.now("WS")), org.dicomsec.storage.Authorizer.of(Set.of("dr")));
        Dataset aoSent = sender.read(ao.getString(Tag.SOPInstanceUID)).dataset();
        Dataset notSent = original();

        // receiver: both arrive as originals under rule d, not forwardable yet (d.4)
        receiver.store(or, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, PEER, true);
        receiver.store(aoSent, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, PEER, true);
        CommitmentEvaluator ev = new CommitmentEvaluator(receiver, c -> true);
        CommitmentRequest req = CommitmentRequest.fromDataset(new CommitmentRequest("1.2.3.200",
                List.of(ref(or), ref(aoSent), ref(notSent))).toDataset());
        CommitmentResult result = ev.evaluate(req);
        assertEquals(2, result.committed().size());
        assertTrue(receiver.get(or.getString(Tag.SOPInstanceUID)).orElseThrow().awaitingCommitment());
        ev.confirmed(result);
        assertFalse(receiver.get(or.getString(Tag.SOPInstanceUID)).orElseThrow().awaitingCommitment());
        assertTrue(receiver.holdsAsOriginal(or.getString(Tag.SOPInstanceUID)));

        // sender: d.5 with the default rules - OR becomes NS, AO becomes AC
        List<TransferCompletion.Outcome> outcomes = TransferCompletion.apply(
                CommitmentResult.fromDataset(result.toDataset()),
                Set.of(or.getString(Tag.SOPInstanceUID), aoSent.getString(Tag.SOPInstanceUID)), sender,
                TransferRules.defaults());
        assertEquals(3, outcomes.size());
        assertEquals(Optional.of(SopInstanceStatus.NS), sender.get(or.getString(Tag.SOPInstanceUID)).orElseThrow()
                .status());
        assertEquals(Optional.of(SopInstanceStatus.AC), sender.get(aoSent.getString(Tag.SOPInstanceUID))
                .orElseThrow().status());
        assertFalse(sender.holdsAsOriginal(or.getString(Tag.SOPInstanceUID)), "rule c: one holder, the receiver");
        assertEquals(Optional.of(AfterCommitment.SET_AC), outcomes.stream()
                .filter(o -> o.sopInstanceUid().equals(aoSent.getString(Tag.SOPInstanceUID))).findFirst()
                .orElseThrow().action());
        assertTrue(outcomes.stream().anyMatch(o -> o.sopInstanceUid().equals(notSent.getString(Tag.SOPInstanceUID))
                && o.action().isEmpty()));
    }

    @Test
    void ruleD5_failedCommitmentLeavesTheOriginalWithTheSender() throws Exception {
        InstanceStore sender = InstanceStore.open(tmp.resolve("a"));
        Dataset or = original();
        String uid = or.getString(Tag.SOPInstanceUID);
        sender.store(or, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
        CommitmentResult failed = new CommitmentResult("1.2.3.300", List.of(),
                List.of(new FailedSopReference(ref(or), FailureReason.PROCESSING_FAILURE)));
        TransferCompletion.apply(failed, Set.of(uid), sender,
                new TransferRules(SopInstanceStatus.AC, false, AfterCommitment.DELETE));
        assertTrue(sender.holdsAsOriginal(uid));
        // and with DELETE configured, a confirmed one goes away
        CommitmentResult ok = new CommitmentResult("1.2.3.301", List.of(ref(or)), List.of());
        TransferCompletion.apply(ok, Set.of(uid), sender,
                new TransferRules(SopInstanceStatus.AC, false, AfterCommitment.DELETE));
        assertFalse(sender.isDurablyStored(uid));
        assertTrue(StatusEdit.none().changes().isEmpty());
    }
}
