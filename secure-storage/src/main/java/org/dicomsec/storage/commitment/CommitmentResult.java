package org.dicomsec.storage.commitment;

import java.util.ArrayList;
import java.util.List;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Sequence;
import org.dicomsec.data.Tag;
import org.dicomsec.data.VR;

/**
 * The data set of the N-EVENT-REPORT Storage Commitment result (PS3.4 J.3.3.1,
 * tables J.3-2): Transaction UID (0008,1195), the committed instances in the
 * Referenced SOP Sequence (0008,1199) and the others in the Failed SOP
 * Sequence (0008,1198) with their Failure Reason (0008,1197). Event Type ID 1
 * when nothing failed, 2 otherwise.
 *
 * @param transactionUid the request's (0008,1195)
 * @param committed      the instances the SCP committed to store; unmodifiable
 * @param failed         the others with their reasons; unmodifiable
 */
public record CommitmentResult(String transactionUid, List<SopReference> committed,
                               List<FailedSopReference> failed) {

    public CommitmentResult {
        if (!StorageCommitment.isUid(transactionUid)) {
            throw new IllegalArgumentException("Transaction UID is not a UID: " + transactionUid);
        }
        committed = List.copyOf(committed);
        failed = List.copyOf(failed);
    }

    /** The N-EVENT-REPORT Event Type ID (PS3.4 J.3.3). */
    public int eventTypeId() {
        return failed.isEmpty() ? StorageCommitment.EVENT_TYPE_SUCCESSFUL : StorageCommitment.EVENT_TYPE_FAILURES_EXIST;
    }

    /** True when {@code sopInstanceUid} was committed. */
    public boolean isCommitted(String sopInstanceUid) {
        return committed.stream().anyMatch(r -> r.sopInstanceUid().equals(sopInstanceUid));
    }

    /**
     * The N-EVENT-REPORT data set: with Event Type 1 the Failed SOP Sequence
     * is absent; with Event Type 2 the Referenced SOP Sequence is present only
     * when something was committed (PS3.4 table J.3-2).
     */
    public Dataset toDataset() {
        Dataset ds = new Dataset();
        ds.setString(Tag.TransactionUID, VR.UI, transactionUid);
        if (!failed.isEmpty()) {
            Sequence s = ds.newSequence(Tag.FailedSOPSequence);
            for (FailedSopReference f : failed) {
                Dataset item = s.addItem();
                item.setString(Tag.ReferencedSOPClassUID, VR.UI, f.reference().sopClassUid());
                item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, f.reference().sopInstanceUid());
                item.setInt(Tag.FailureReason, VR.US, f.failureReason());
            }
        }
        if (!committed.isEmpty()) {
            ReferenceSequences.write(ds, Tag.ReferencedSOPSequence, committed);
        }
        return ds;
    }

    public static CommitmentResult fromDataset(Dataset ds) throws CommitmentFormatException {
        return fromDataset(ds, StorageCommitment.DEFAULT_MAX_REFERENCES);
    }

    /** Reads an N-EVENT-REPORT data set; each sequence is bounded by {@code maxReferences}. */
    public static CommitmentResult fromDataset(Dataset ds, int maxReferences) throws CommitmentFormatException {
        String tx = ReferenceSequences.transactionUid(ds);
        List<SopReference> ok = ReferenceSequences.references(ds, Tag.ReferencedSOPSequence, maxReferences);
        List<FailedSopReference> bad = new ArrayList<>();
        List<Dataset> items = ReferenceSequences.items(ds, Tag.FailedSOPSequence, maxReferences);
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                Dataset item = items.get(i);
                SopReference r = ReferenceSequences.reference(item, Tag.FailedSOPSequence, i);
                int reason = item.getInt(Tag.FailureReason, -1);
                if (reason < 0 || reason > 0xFFFF) {
                    throw new CommitmentFormatException("item " + i + " of the Failed SOP Sequence without"
                            + " Failure Reason", Tag.FailureReason, CommitmentFormatException.INVALID_ARGUMENT_VALUE);
                }
                bad.add(new FailedSopReference(r, reason));
            }
        }
        if (ok.isEmpty() && bad.isEmpty()) {
            throw new CommitmentFormatException("neither Referenced nor Failed SOP Sequence has an item",
                    Tag.ReferencedSOPSequence, CommitmentFormatException.INVALID_ARGUMENT_VALUE);
        }
        return new CommitmentResult(tx, ok, bad);
    }
}
