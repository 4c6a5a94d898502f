package org.dicomsec.ul.dimse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.dicomsec.data.CommandSet;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Tag;
import org.dicomsec.data.UID;
import org.dicomsec.data.VR;
import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Command sets of PS3.7 Annex E: encoding, decoding, required fields; status categories of Annex C. */
class DimseCodecTest {

    @Test
    void cEchoRqIsTheCommandSetOfPs37() throws Exception {
        byte[] b = DimseCodec.encode(new CEchoRq(1, UID.Verification), false);
        // Implicit VR LE: (0000,0000) UL group length first, then (0000,0002) "1.2.840.10008.1.1\0",
        // (0000,0100) 0030H, (0000,0110) 1, (0000,0800) 0101H
        String hex = HexFormat.of().formatHex(b);
        assertTrue(hex.startsWith("0000000004000000"), hex);
        assertTrue(hex.contains("00000200120000003" + "12e322e3834302e31303030382e312e3100"), hex);
        assertTrue(hex.contains("0000000102000000" + "3000"), hex);
        assertTrue(hex.endsWith("0000000802000000" + "0101"), hex);
        Dataset d = CommandSet.decode(b);
        assertEquals(b.length - 12, d.getLong(Tag.CommandGroupLength, -1));
    }

    @Test
    void decodeGivesTheRecordsBack() throws Exception {
        DimseMessage[] all = {
            new CEchoRq(3, UID.Verification),
            new CEchoRsp(3, UID.Verification, Status.OK),
            new CStoreRq(9, UID.CTImageStorage, "1.2.3.4", CStoreRq.HIGH, "MOVER", 77),
            CStoreRq.of(10, UID.CTImageStorage, "1.2.3.5"),
            new CStoreRsp(9, UID.CTImageStorage, "1.2.3.4", new Status(0xB000, "coerced")),
            new NActionRq(11, UID.StorageCommitmentPushModel, UID.StorageCommitmentPushModelInstance, 1),
            new NActionRsp(11, UID.StorageCommitmentPushModel, UID.StorageCommitmentPushModelInstance, 1, Status.OK),
            new NEventReportRq(12, UID.StorageCommitmentPushModel, UID.StorageCommitmentPushModelInstance, 2),
            new NEventReportRsp(12, UID.StorageCommitmentPushModel, UID.StorageCommitmentPushModelInstance, 2,
                    Status.of(Status.NO_SUCH_EVENT_TYPE))};
        for (DimseMessage m : all) {
            boolean data = m instanceof CStoreRq || m instanceof NActionRq;
            byte[] b = DimseCodec.encode(m, data);
            DecodedCommand c = DimseCodec.decode(b, 0, b.length);
            assertEquals(m, c.message());
            assertEquals(data, c.dataSetPresent());
            assertEquals(m.commandField(), c.commandField());
            assertEquals(CommandField.isResponse(m.commandField()), c.isResponse());
        }
    }

    @Test
    void missingRequiredFieldsAreDimseErrors() {
        Dataset d = new Dataset();
        d.setInt(Tag.CommandField, VR.US, CommandField.C_STORE_RQ);
        d.setInt(Tag.CommandDataSetType, VR.US, 1);
        d.setInt(Tag.MessageID, VR.US, 1);
        d.setString(Tag.AffectedSOPClassUID, VR.UI, UID.CTImageStorage);
        byte[] b = CommandSet.encode(d);
        assertThrows(DimseException.class, () -> DimseCodec.decode(b, 0, b.length)); // no Affected SOP Instance UID
        Dataset noField = new Dataset();
        noField.setInt(Tag.MessageID, VR.US, 1);
        byte[] c = CommandSet.encode(noField);
        assertThrows(DimseException.class, () -> DimseCodec.decode(c, 0, c.length));
        assertThrows(DimseException.class, () -> DimseCodec.decode(new byte[] {1, 2, 3}, 0, 3));
    }

    @Test
    void unknownCommandsDecodeWithoutARecord() throws Exception {
        Dataset d = new Dataset();
        d.setInt(Tag.CommandField, VR.US, CommandField.C_FIND_RQ);
        d.setInt(Tag.CommandDataSetType, VR.US, 1);
        d.setInt(Tag.MessageID, VR.US, 5);
        byte[] b = CommandSet.encode(d);
        DecodedCommand c = DimseCodec.decode(b, 0, b.length);
        assertEquals(null, c.message());
        assertEquals("C-FIND-RQ", CommandField.name(c.commandField()));
        Dataset rsp = DimseCodec.genericResponse(c.commandSet(), Status.of(Status.UNRECOGNIZED_OPERATION));
        assertEquals(CommandField.C_FIND_RSP, rsp.getInt(Tag.CommandField, 0));
        assertEquals(5, rsp.getInt(Tag.MessageIDBeingRespondedTo, 0));
    }

    @Test
    void statusCategoriesFollowAnnexC() {
        assertEquals(Status.Category.SUCCESS, Status.categoryOf(0x0000));
        assertEquals(Status.Category.PENDING, Status.categoryOf(0xFF00));
        assertEquals(Status.Category.PENDING, Status.categoryOf(0xFF01));
        assertEquals(Status.Category.CANCEL, Status.categoryOf(0xFE00));
        for (int w : new int[] {0x0001, 0x0107, 0x0116, 0xB000, 0xB006, 0xB007, 0xBFFF}) {
            assertEquals(Status.Category.WARNING, Status.categoryOf(w), Integer.toHexString(w));
        }
        for (int f : new int[] {0x0105, 0x0110, 0x0122, 0x0124, 0x0210, 0x0211, 0x0212, 0x0213, 0xA700, 0xA900,
            0xC000, 0xCFFF}) {
            assertEquals(Status.Category.FAILURE, Status.categoryOf(f), Integer.toHexString(f));
        }
        assertEquals("Refused: out of resources", Status.meaningOf(0xA700));
        assertEquals("Failure (service-class specific)", Status.meaningOf(0xC123));
        assertThrows(IllegalArgumentException.class, () -> Status.failure(0x0000, "x"));
        assertFalse(new Status(0xB000, null).isSuccess());
    }

    @Provide
    Arbitrary<String> uids() {
        return Arbitraries.integers().between(1, 999_999).list().ofMinSize(2).ofMaxSize(8)
                .map(l -> String.join(".", l.stream().map(String::valueOf).toList()))
                .filter(s -> s.length() <= 64);
    }

    @Property(tries = 200)
    void cStoreRqRoundTrip(@ForAll @IntRange(min = 1, max = 65535) int id, @ForAll("uids") String cls,
                           @ForAll("uids") String inst, @ForAll @IntRange(min = 0, max = 2) int priority,
                           @ForAll @IntRange(min = 0, max = 65535) int moveId) throws Exception {
        CStoreRq rq = new CStoreRq(id, cls, inst, priority, moveId % 2 == 0 ? null : "MOVE_SCU", moveId % 2 == 0 ? 0 : moveId);
        byte[] b = DimseCodec.encode(rq, true);
        assertEquals(rq, DimseCodec.decode(b, 0, b.length).message());
    }
}
