package org.dicomsec.storage.commitment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomReader;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.ElementDictionary;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.VR;
import org.junit.jupiter.api.Test;

/** The Storage Commitment Push Model data sets of PS3.4 J.3.2 and J.3.3. */
class StorageCommitmentModelTest {

    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";

    private static byte[] encode(Dataset ds) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(bos, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        w.writeDataset(ds);
        w.finish();
        return bos.toByteArray();
    }

    private static Dataset wire(Dataset ds) throws Exception {
        return DicomReader.read(encode(ds), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    }

    @Test
    void uidsAndTagsAreTheStandardOnes() {
        assertEquals("1.2.840.10008.1.20.1", StorageCommitment.SOP_CLASS_UID);
        assertEquals("1.2.840.10008.1.20.1.1", StorageCommitment.WELL_KNOWN_INSTANCE_UID);
        ElementDictionary d = ElementDictionary.standard();
        assertEquals("TransactionUID", d.lookup(Tag.of(0x0008, 0x1195)).keyword());
        assertEquals(VR.UI, d.lookup(Tag.TransactionUID).vr());
        assertEquals("ReferencedSOPSequence", d.lookup(Tag.of(0x0008, 0x1199)).keyword());
        assertEquals(VR.SQ, d.lookup(Tag.ReferencedSOPSequence).vr());
        assertEquals("FailedSOPSequence", d.lookup(Tag.of(0x0008, 0x1198)).keyword());
        assertEquals("FailureReason", d.lookup(Tag.of(0x0008, 0x1197)).keyword());
        assertEquals(VR.US, d.lookup(Tag.FailureReason).vr());
        assertEquals(0x0110, FailureReason.PROCESSING_FAILURE);
        assertEquals(0x0112, FailureReason.NO_SUCH_OBJECT_INSTANCE);
        assertEquals(0x0119, FailureReason.CLASS_INSTANCE_CONFLICT);
        assertEquals(0x0122, FailureReason.REFERENCED_SOP_CLASS_NOT_SUPPORTED);
    }

    @Test
    void requestEncodesAsPs35Says_implicitLittleEndian() throws Exception {
        CommitmentRequest req = new CommitmentRequest("1.2.3", List.of(new SopReference("1.2", "1.2.4")));
        // hand-assembled from PS3.5 7.1.3 and 7.5 (UI padded with 00H to even length):
        String expected = "08009511" + "06000000" + "312e322e3300"          // (0008,1195) "1.2.3\0"
                + "08009911" + "ffffffff"                                   // (0008,1199) undefined length
                + "feff00e0" + "ffffffff"                                   // item, undefined length
                + "08005011" + "04000000" + "312e3200"                      // (0008,1150) "1.2\0"
                + "08005511" + "06000000" + "312e322e3400"                  // (0008,1155) "1.2.4\0"
                + "feff0de0" + "00000000"                                   // item delimitation
                + "feffdde0" + "00000000";                                  // sequence delimitation
        assertArrayEquals(HexFormat.of().parseHex(expected), encode(req.toDataset()));
        assertEquals(req, CommitmentRequest.fromDataset(wire(req.toDataset())));
    }

    @Test
    void resultEventType1WithoutFailedSequence_type2WithIt() throws Exception {
        SopReference a = new SopReference(CT, "1.2.3.1");
        SopReference b = new SopReference(CT, "1.2.3.2");
        CommitmentResult ok = new CommitmentResult("1.2.9", List.of(a, b), List.of());
        assertEquals(StorageCommitment.EVENT_TYPE_SUCCESSFUL, ok.eventTypeId());
        assertNull(ok.toDataset().get(Tag.FailedSOPSequence));
        assertEquals(ok, CommitmentResult.fromDataset(wire(ok.toDataset())));

        CommitmentResult mixed = new CommitmentResult("1.2.9", List.of(a),
                List.of(new FailedSopReference(b, FailureReason.NO_SUCH_OBJECT_INSTANCE)));
        assertEquals(StorageCommitment.EVENT_TYPE_FAILURES_EXIST, mixed.eventTypeId());
        Dataset ds = wire(mixed.toDataset());
        assertEquals(0x0112, ds.getSequence(Tag.FailedSOPSequence).get(0).getInt(Tag.FailureReason, -1));
        assertEquals(mixed, CommitmentResult.fromDataset(ds));
        assertTrue(mixed.isCommitted("1.2.3.1"));
        assertFalse(mixed.isCommitted("1.2.3.2"));

        CommitmentResult allFailed = new CommitmentResult("1.2.9", List.of(),
                List.of(new FailedSopReference(a, FailureReason.PROCESSING_FAILURE)));
        assertNull(allFailed.toDataset().get(Tag.ReferencedSOPSequence), "absent when nothing was committed");
        assertEquals(allFailed, CommitmentResult.fromDataset(wire(allFailed.toDataset())));
    }

    @Test
    void malformedDataSetsAreRefusedNamingTheAttribute() throws Exception {
        Dataset noTx = new CommitmentRequest("1.2.3", List.of(new SopReference(CT, "1.2.4"))).toDataset();
        noTx.remove(Tag.TransactionUID);
        assertEquals(Tag.TransactionUID, assertThrows(CommitmentFormatException.class,
                () -> CommitmentRequest.fromDataset(noTx)).tag());

        Dataset badTx = new CommitmentRequest("1.2.3", List.of(new SopReference(CT, "1.2.4"))).toDataset();
        badTx.setString(Tag.TransactionUID, VR.UI, "1.02.x");
        CommitmentFormatException e = assertThrows(CommitmentFormatException.class,
                () -> CommitmentRequest.fromDataset(badTx));
        assertEquals(CommitmentFormatException.INVALID_ARGUMENT_VALUE, e.status());

        Dataset noInstance = new CommitmentRequest("1.2.3", List.of(new SopReference(CT, "1.2.4"))).toDataset();
        noInstance.getSequence(Tag.ReferencedSOPSequence).get(0).remove(Tag.ReferencedSOPInstanceUID);
        assertEquals(Tag.ReferencedSOPInstanceUID, assertThrows(CommitmentFormatException.class,
                () -> CommitmentRequest.fromDataset(noInstance)).tag());

        Dataset empty = new Dataset();
        empty.setString(Tag.TransactionUID, VR.UI, "1.2.3");
        empty.newSequence(Tag.ReferencedSOPSequence);
        assertThrows(CommitmentFormatException.class, () -> CommitmentRequest.fromDataset(empty));

        Dataset many = new CommitmentRequest("1.2.3", List.of(new SopReference(CT, "1.2.4"),
                new SopReference(CT, "1.2.5"), new SopReference(CT, "1.2.6"))).toDataset();
        assertTrue(assertThrows(CommitmentFormatException.class, () -> CommitmentRequest.fromDataset(many, 2))
                .getMessage().contains("limit"));

        Dataset noReason = new CommitmentResult("1.2.9", List.of(), List.of(new FailedSopReference(
                new SopReference(CT, "1.2.4"), FailureReason.PROCESSING_FAILURE))).toDataset();
        noReason.getSequence(Tag.FailedSOPSequence).get(0).remove(Tag.FailureReason);
        assertEquals(Tag.FailureReason, assertThrows(CommitmentFormatException.class,
                () -> CommitmentResult.fromDataset(noReason)).tag());

        assertThrows(IllegalArgumentException.class, () -> new SopReference(CT, "1.2.03"));
        assertThrows(IllegalArgumentException.class, () -> new CommitmentRequest("1.2.3", List.of()));
    }
}
