package org.dicomsec.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomReader;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.Element;
import org.dicomsec.data.Fragments;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.VR;
import org.junit.jupiter.api.Test;

/** Rules g and h of PS3.15 A.1.1: Level 2, no coercion, only the controlled attributes change. */
class NoCoercionTest {

    private static byte[] encode(Dataset ds, TransferSyntax ts) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(bos, ts);
        w.writeDataset(ds);
        w.finish();
        return bos.toByteArray();
    }

    @Test
    void ruleG_ruleH_controlledChanges_leaveEveryOtherByteAsItWas() throws Exception {
        for (TransferSyntax ts : List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN)) {
            Dataset src = TestData.ctImage(TestData.newUid());
            src.setString(Tag.SOPInstanceStatus, VR.CS, "AO");
            src.setString(Tag.SOPAuthorizationDateTime, VR.DT, "20260101120000");
            src.setString(Tag.AuthorizationEquipmentCertificationNumber, VR.LO, "EQ-1");
            // as a receiver has it: read from the wire bytes
            byte[] sent = encode(src, ts);
            Dataset received = DicomReader.read(sent, ts);

            Dataset stored = ControlledChanges.apply(received, StatusEdit.status(SopInstanceStatus.NS));
            byte[] after = encode(stored, ts);

            // byte-level: identical before group 0100 and after it; only group 0100 differs
            int start = offsetOfGroup(sent, ts, 0x0100);
            assertTrue(start > 0, ts.uid());
            assertArrayEquals(Arrays.copyOf(sent, start), Arrays.copyOf(after, start), ts.uid());
            int tailLen = sent.length - endOfGroup(sent, ts, 0x0100);
            assertArrayEquals(Arrays.copyOfRange(sent, sent.length - tailLen, sent.length),
                    Arrays.copyOfRange(after, after.length - tailLen, after.length), ts.uid());
            // element level: only (0100,0410) differs, and the reread bytes carry NS
            List<Difference> d = NoCoercionCheck.diff(received, DicomReader.read(after, ts));
            assertEquals(List.of(new Difference("(0100,0410)", Tag.SOPInstanceStatus, 0,
                    Difference.Kind.VALUE_CHANGED)), d, ts.uid());
            assertEquals("NS", DicomReader.read(after, ts).getString(Tag.SOPInstanceStatus));
        }
    }

    /** Offset of the first element of {@code group} at the top level (elements are in tag order). */
    private static int offsetOfGroup(byte[] encoded, TransferSyntax ts, int group) throws Exception {
        return encode(DicomReader.read(encoded, ts).subset(0, Tag.of(group, 0)), ts).length;
    }

    /** Offset just after {@code group} at the top level. */
    private static int endOfGroup(byte[] encoded, TransferSyntax ts, int group) throws Exception {
        return encode(DicomReader.read(encoded, ts).subset(0, Tag.of(group + 1, 0)), ts).length;
    }

    @Test
    void ruleH_groupLengthOfGroup0100FollowsTheChange() throws Exception {
        Dataset src = TestData.ctImage(TestData.newUid());
        src.setString(Tag.SOPInstanceStatus, VR.CS, "OR");
        src.setString(Tag.AuthorizationEquipmentCertificationNumber, VR.LO, "EQ-1");
        // (0100,0000) as an old writer would have put it: 8+2 and 8+4
        src.setInt(StatusAttributes.GROUP_LENGTH, VR.UL, 10 + 12);
        Dataset changed = ControlledChanges.apply(src, StatusEdit.certified(SopInstanceStatus.AO,
                new Certification("LONGER-CERT-NUMBER", java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z"), "ok")));
        long expected = 0;
        for (Element e : changed.subset(Tag.of(0x0100, 1), Tag.of(0x0101, 0))) {
            expected += org.dicomsec.data.EncodedLength.element(e, true);
        }
        assertEquals(expected, changed.getLong(StatusAttributes.GROUP_LENGTH, -1));
        assertEquals(List.of(), NoCoercionCheck.violations(src, changed), "rule h allows the group length");
        Dataset stripped = ControlledChanges.apply(changed, StatusEdit.strip());
        assertEquals(0, stripped.getLong(StatusAttributes.GROUP_LENGTH, -1));
    }

    @Test
    void ruleH_checkerReportsEveryOtherChange_privateNestedPixelVr() throws Exception {
        Dataset sent = TestData.ctImage(TestData.newUid());
        sent.setString(Tag.SOPInstanceStatus, VR.CS, "OR");
        assertEquals(List.of(), NoCoercionCheck.violations(sent, copy(sent)));

        Dataset stored = copy(sent);
        // a private value changed (one byte)
        byte[] priv = stored.getBytes(0x00091002);
        priv[3] ^= 1;
        stored.put(Element.of(0x00091002, VR.OB, priv));
        // a value in an item of an item
        Dataset inner = innerCodeItem(stored);
        inner.setString(0x00080104, VR.LO, "Coerced");
        // pixel data flipped
        byte[] px = stored.getBytes(Tag.PixelData);
        px[px.length - 1] ^= (byte) 0x80;
        stored.put(Element.of(Tag.PixelData, VR.OW, px));
        // a VR changed, an element removed, one added, and an allowed change
        stored.put(stored.get(0x00091001).withVR(VR.UN));
        stored.remove(0x00181000);
        stored.setString(0x00321060, VR.LO, "added");
        stored.setString(Tag.SOPInstanceStatus, VR.CS, "NS");

        List<Difference> v = NoCoercionCheck.violations(sent, stored);
        Set<String> found = v.stream().map(d -> d.kind() + " " + d.path()).collect(Collectors.toSet());
        assertEquals(Set.of(
                "VALUE_CHANGED (0009,1002)",
                "VALUE_CHANGED (0008,1140)[0]/(0040,A170)[0]/(0008,0104)",
                "VALUE_CHANGED (7FE0,0010)",
                "VR_CHANGED (0009,1001)",
                "REMOVED (0018,1000)",
                "ADDED (0032,1060)"), found);
        ProfileViolationException e = assertThrows(ProfileViolationException.class,
                () -> NoCoercionCheck.requireNoCoercion(sent, stored));
        assertEquals('h', e.rule());
        // the allowed change is a difference, but not a violation
        assertTrue(NoCoercionCheck.diff(sent, stored).stream().anyMatch(d -> d.tag() == Tag.SOPInstanceStatus));
    }

    @Test
    void ruleH_checkerSeesEncapsulatedFragmentsAndItemCounts() {
        Dataset a = new Dataset();
        Fragments f = new Fragments();
        f.add(new byte[0]).add(new byte[] {1, 2, 3, 4});
        a.put(Element.ofFragments(Tag.PixelData, VR.OB, f));
        a.newSequence(0x00081140).addItem().setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3");
        Dataset b = new Dataset();
        Fragments g = new Fragments();
        g.add(new byte[0]).add(new byte[] {1, 2, 3, 5});
        b.put(Element.ofFragments(Tag.PixelData, VR.OB, g));
        b.newSequence(0x00081140);
        Set<Difference.Kind> kinds = NoCoercionCheck.violations(a, b).stream().map(Difference::kind)
                .collect(Collectors.toSet());
        assertEquals(Set.of(Difference.Kind.FRAGMENTS_CHANGED, Difference.Kind.ITEMS_CHANGED), kinds);
    }

    @Test
    void ruleH_controlledTagsInsideItemsAreNotExempt() {
        Dataset a = new Dataset();
        a.newSequence(0x00081140).addItem().setString(Tag.SOPInstanceStatus, VR.CS, "OR");
        Dataset b = new Dataset();
        b.newSequence(0x00081140).addItem().setString(Tag.SOPInstanceStatus, VR.CS, "NS");
        assertEquals(1, NoCoercionCheck.violations(a, b).size());
    }

    private static Dataset copy(Dataset ds) throws Exception {
        return DicomReader.read(encode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    private static Dataset innerCodeItem(Dataset ds) {
        return ds.getSequence(0x00081140).get(0).getSequence(0x0040A170).get(0);
    }
}
