package org.dicomsec.storage.commitment;

import java.util.ArrayList;
import java.util.List;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Sequence;
import org.dicomsec.data.Tag;
import org.dicomsec.data.VR;

/** Reads and writes the reference sequences of PS3.4 J.3.2/J.3.3, bounds first. */
final class ReferenceSequences {

    private ReferenceSequences() {
    }

    static String transactionUid(Dataset ds) throws CommitmentFormatException {
        String uid = ds.getString(Tag.TransactionUID);
        if (uid == null) {
            throw new CommitmentFormatException("no Transaction UID", Tag.TransactionUID,
                    CommitmentFormatException.INVALID_ARGUMENT_VALUE);
        }
        if (!StorageCommitment.isUid(uid)) {
            throw new CommitmentFormatException("Transaction UID is not a UID: \"" + shorten(uid) + "\"",
                    Tag.TransactionUID, CommitmentFormatException.INVALID_ARGUMENT_VALUE);
        }
        return uid;
    }

    /** The items of a reference sequence; {@code null} when the sequence is absent. */
    static List<Dataset> items(Dataset ds, int tag, int max) throws CommitmentFormatException {
        if (!ds.contains(tag)) {
            return null;
        }
        Sequence s = ds.getSequence(tag);
        if (s == null) {
            throw new CommitmentFormatException("not a sequence", tag, CommitmentFormatException.INVALID_ARGUMENT_VALUE);
        }
        if (s.size() > max) {
            throw new CommitmentFormatException(s.size() + " items exceed the limit of " + max, tag,
                    CommitmentFormatException.INVALID_ARGUMENT_VALUE);
        }
        return s.items();
    }

    static SopReference reference(Dataset item, int seqTag, int index) throws CommitmentFormatException {
        String cls = item.getString(Tag.ReferencedSOPClassUID);
        String inst = item.getString(Tag.ReferencedSOPInstanceUID);
        if (!StorageCommitment.isUid(cls)) {
            throw new CommitmentFormatException("item " + index + " of " + Tag.toString(seqTag)
                    + ": Referenced SOP Class UID missing or not a UID", Tag.ReferencedSOPClassUID,
                    CommitmentFormatException.INVALID_ARGUMENT_VALUE);
        }
        if (!StorageCommitment.isUid(inst)) {
            throw new CommitmentFormatException("item " + index + " of " + Tag.toString(seqTag)
                    + ": Referenced SOP Instance UID missing or not a UID", Tag.ReferencedSOPInstanceUID,
                    CommitmentFormatException.INVALID_ARGUMENT_VALUE);
        }
        return new SopReference(cls, inst);
    }

    static List<SopReference> references(Dataset ds, int tag, int max) throws CommitmentFormatException {
        List<Dataset> items = items(ds, tag, max);
        List<SopReference> out = new ArrayList<>();
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                out.add(reference(items.get(i), tag, i));
            }
        }
        return out;
    }

    static void write(Dataset ds, int tag, List<SopReference> refs) {
        Sequence s = ds.newSequence(tag);
        for (SopReference r : refs) {
            Dataset item = s.addItem();
            item.setString(Tag.ReferencedSOPClassUID, VR.UI, r.sopClassUid());
            item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, r.sopInstanceUid());
        }
    }

    static String shorten(String s) {
        return s.length() > 70 ? s.substring(0, 70) + "..." : s;
    }
}
