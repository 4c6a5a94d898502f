package org.dicomsec.storage.commitment;

import java.util.List;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Tag;
import org.dicomsec.data.VR;

/**
 * The data set of the N-ACTION Request Storage Commitment (Action Type ID 1,
 * PS3.4 J.3.2.1, table J.3-1): Transaction UID (0008,1195) and the Referenced
 * SOP Sequence (0008,1199) of (SOP Class, SOP Instance) pairs.
 *
 * @param transactionUid (0008,1195), chosen by the SCU, unique per request
 * @param references     at least one; unmodifiable
 */
public record CommitmentRequest(String transactionUid, List<SopReference> references) {

    public CommitmentRequest {
        if (!StorageCommitment.isUid(transactionUid)) {
            throw new IllegalArgumentException("Transaction UID is not a UID: " + transactionUid);
        }
        references = List.copyOf(references);
        if (references.isEmpty()) {
            throw new IllegalArgumentException("a Storage Commitment request references at least one instance");
        }
    }

    /** The N-ACTION data set. */
    public Dataset toDataset() {
        Dataset ds = new Dataset();
        ds.setString(Tag.TransactionUID, VR.UI, transactionUid);
        ReferenceSequences.write(ds, Tag.ReferencedSOPSequence, references);
        return ds;
    }

    /** Reads an N-ACTION data set with the default bound on references. */
    public static CommitmentRequest fromDataset(Dataset ds) throws CommitmentFormatException {
        return fromDataset(ds, StorageCommitment.DEFAULT_MAX_REFERENCES);
    }

    /** Reads an N-ACTION data set; more than {@code maxReferences} items is refused before reading them. */
    public static CommitmentRequest fromDataset(Dataset ds, int maxReferences) throws CommitmentFormatException {
        String tx = ReferenceSequences.transactionUid(ds);
        List<SopReference> refs = ReferenceSequences.references(ds, Tag.ReferencedSOPSequence, maxReferences);
        if (refs.isEmpty()) {
            throw new CommitmentFormatException("Referenced SOP Sequence missing or empty", Tag.ReferencedSOPSequence,
                    CommitmentFormatException.INVALID_ARGUMENT_VALUE);
        }
        return new CommitmentRequest(tx, refs);
    }
}
