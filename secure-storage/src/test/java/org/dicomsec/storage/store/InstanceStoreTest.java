package org.dicomsec.storage.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.VR;
import org.dicomsec.storage.AfterCommitment;
import org.dicomsec.storage.Authorization;
import org.dicomsec.storage.Authorizer;
import org.dicomsec.storage.Certification;
import org.dicomsec.storage.NoCoercionCheck;
import org.dicomsec.storage.OriginalCreator;
import org.dicomsec.storage.ProfileViolationException;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.StatusEdit;
import org.dicomsec.storage.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable instance store: Level 2 storage, index, rule c, rewrites, faults. */
class InstanceStoreTest {

    @TempDir
    Path dir;

    private static final Provenance FROM = new Provenance("STORE_A CN=store-a.example", "bcp195");

    private static Dataset original() throws ProfileViolationException {
        return OriginalCreator.createOriginal(TestData.ctImage(TestData.newUid()), Certification.now("EQ-1"), null);
    }

    private static Dataset copy(String status) {
        Dataset ds = TestData.ctImage(TestData.newUid());
        ds.setString(Tag.SOPInstanceStatus, VR.CS, status);
        return ds;
    }

    @Test
    void ruleG_storedLevel2_everyAttributeByteIdentical_indexedAndDurable() throws Exception {
        InstanceStore store = InstanceStore.open(dir);
        Dataset ds = original();
        String uid = ds.getString(Tag.SOPInstanceUID);
        assertFalse(store.isDurablyStored(uid));
        StoredInstance si = store.store(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, FROM, true);

        assertTrue(store.isDurablyStored(uid));
        assertEquals(Optional.of(SopInstanceStatus.OR), si.status());
        assertEquals(FROM, si.provenance());
        assertTrue(si.awaitingCommitment());
        // the digest is SHA-256 of the data set as encoded in the syntax, computed independently here
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(bos, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        w.writeDataset(ds);
        w.finish();
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bos.toByteArray())),
                si.digest());
        byte[] file = Files.readAllBytes(si.file());
        assertArrayEquals(bos.toByteArray(), java.util.Arrays.copyOfRange(file, file.length - bos.size(), file.length));
        // element by element, private, nested and pixel data included
        DicomFile f = store.read(uid);
        assertEquals(List.of(), NoCoercionCheck.diff(ds, f.dataset()));
        assertEquals(uid, f.fileMetaInformation().getString(Tag.MediaStorageSOPInstanceUID));

        InstanceStore reopened = InstanceStore.open(dir);
        assertEquals(si, reopened.get(uid).orElseThrow());
        assertTrue(reopened.verify(uid));
        assertTrue(reopened.holdsAsOriginal(uid));
    }

    @Test
    void storesImplicitAndBigEndianAsReceived() throws Exception {
        InstanceStore store = InstanceStore.open(dir);
        for (TransferSyntax ts : List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
                TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN)) {
            Dataset built = copy("NS");
            // as a receiver has it: decoded from the bytes it received in that syntax
            Dataset ds = org.dicomsec.data.DicomReader.read(encode(built, ts), ts);
            StoredInstance si = store.store(ds, ts, FROM, false);
            DicomFile f = store.read(si.sopInstanceUid());
            assertEquals(ts, f.transferSyntax());
            assertEquals(List.of(), NoCoercionCheck.diff(ds, f.dataset()), ts.uid());
            assertTrue(store.verify(si.sopInstanceUid()));
        }
    }

    @Test
    void ruleC_theHolderOfAnOriginalDoesNotDeleteIt() throws Exception {
        InstanceStore store = InstanceStore.open(dir);
        for (Dataset ds : List.of(original(), copy("AO"))) {
            String uid = ds.getString(Tag.SOPInstanceUID);
            store.store(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
            ProfileViolationException e = assertThrows(ProfileViolationException.class, () -> store.delete(uid));
            assertEquals('c', e.rule());
            assertTrue(InstanceStore.open(dir).isDurablyStored(uid));
            // nor does a status change turn it into a copy behind rule d.5's back
            assertThrows(ProfileViolationException.class, () -> store.changeStatus(uid,
                    StatusEdit.status(SopInstanceStatus.NS)));
            assertThrows(ProfileViolationException.class, () -> store.changeStatus(uid, StatusEdit.strip()));
        }
    }

    @Test
    void ruleC_refusesASecondCopyOfAnInstanceHeldAsOriginal() throws Exception {
        InstanceStore store = InstanceStore.open(dir);
        Dataset or = original();
        String uid = or.getString(Tag.SOPInstanceUID);
        StoredInstance first = store.store(or, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
        for (String status : new String[] {"OR", "AO", "AC", "NS"}) {
            Dataset again = TestData.ctImage(uid);
            again.setString(Tag.SOPInstanceStatus, VR.CS, status);
            ProfileViolationException e = assertThrows(ProfileViolationException.class,
                    () -> store.store(again, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, FROM, true));
            assertEquals('c', e.rule());
        }
        assertEquals(first, store.get(uid).orElseThrow());
        assertTrue(store.verify(uid));
    }

    @Test
    void ruleC_copiesMayBeReplacedAndDeleted() throws Exception {
        InstanceStore store = InstanceStore.open(dir);
        Dataset ac = copy("AC");
        String uid = ac.getString(Tag.SOPInstanceUID);
        StoredInstance v1 = store.store(ac, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, FROM, false);
        StoredInstance v2 = store.store(ac, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, FROM, false);
        assertEquals(2, v2.version());
        assertFalse(Files.exists(v1.file()), "the superseded version is gone");
        store.delete(uid);
        assertFalse(store.isDurablyStored(uid));
        assertFalse(InstanceStore.open(dir).isDurablyStored(uid));
        assertEquals(List.of(), listFiles(dir.resolve("instances")));
    }

    @Test
    void ruleB_authorizationInTheStore_rewritesDurably() throws Exception {
        InstanceStore store = InstanceStore.open(dir);
        Dataset or = original();
        String uid = or.getString(Tag.SOPInstanceUID);
        store.store(or, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
        Authorizer authorizer = Authorizer.of(Set.of("dr"));
        assertThrows(ProfileViolationException.class,
                () -> store.authorize(uid, new Authorization("nobody", Certification.now("WS")), authorizer));
        StoredInstance ao = store.authorize(uid, new Authorization("dr", Certification.now("WS-9")), authorizer);
        assertEquals(Optional.of(SopInstanceStatus.AO), ao.status());
        assertEquals("dr", ao.authorizedBy());
        InstanceStore reopened = InstanceStore.open(dir);
        Dataset stored = reopened.read(uid).dataset();
        assertEquals("AO", stored.getString(Tag.SOPInstanceStatus));
        assertEquals("WS-9", stored.getString(Tag.AuthorizationEquipmentCertificationNumber));
        assertEquals(List.of(), NoCoercionCheck.violations(or, stored));
        assertTrue(reopened.verify(uid));
        assertEquals(1, listFiles(dir.resolve("instances")).size());
    }

    @Test
    void aScratchStoreStoresChecksAndIndexesAsTheDurableOne() throws Exception {
        InstanceStore scratch = InstanceStore.openScratch(dir);
        Dataset or = original();
        String uid = or.getString(Tag.SOPInstanceUID);
        StoredInstance si = scratch.store(or, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
        assertEquals(Optional.of(SopInstanceStatus.OR), si.status());
        assertTrue(scratch.verify(uid), "the digest is the stored data set's");
        assertEquals(List.of(), NoCoercionCheck.violations(or, scratch.read(uid).dataset()));
        // rule c holds there too: the original is not replaced by another version
        assertThrows(ProfileViolationException.class,
                () -> scratch.store(or, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false));
        assertEquals(si, InstanceStore.open(dir).get(uid).orElseThrow(), "indexed as the durable store indexes");
        assertEquals(1, listFiles(dir.resolve("instances")).size());
    }

    @Test
    void theInstancesOfOneCommitmentResultAreMarkedTogetherAndDurably() throws Exception {
        InstanceStore store = InstanceStore.open(dir);
        List<String> uids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Dataset or = original();
            store.store(or, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, FROM, true);
            uids.add(or.getString(Tag.SOPInstanceUID));
        }
        Dataset local = original(); // not awaiting a commitment: its entry is returned as it is
        store.store(local, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
        uids.add(1, local.getString(Tag.SOPInstanceUID));
        List<StoredInstance> marked = store.markCommitted(uids);
        assertEquals(uids, marked.stream().map(StoredInstance::sopInstanceUid).toList());
        InstanceStore reopened = InstanceStore.open(dir);
        for (String uid : uids) {
            assertFalse(store.get(uid).orElseThrow().awaitingCommitment(), uid);
            assertFalse(reopened.get(uid).orElseThrow().awaitingCommitment(), uid + " after a reopening");
        }
        assertThrows(java.nio.file.NoSuchFileException.class, () -> store.markCommitted(List.of("2.25.1")));
    }

    @Test
    void ruleD4_and_D5_commitmentReleasesForwardingAndTheSendersCopy() throws Exception {
        InstanceStore store = InstanceStore.open(dir);
        Dataset or = original();
        String uid = or.getString(Tag.SOPInstanceUID);
        assertTrue(store.store(or, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, FROM, true).awaitingCommitment());
        assertFalse(store.markCommitted(uid).awaitingCommitment());
        assertFalse(InstanceStore.open(dir).get(uid).orElseThrow().awaitingCommitment());

        // sender side: OR -> NS, AO -> AC, or delete
        assertThrows(ProfileViolationException.class, () -> store.completeTransfer(uid, AfterCommitment.SET_AC));
        assertEquals(Optional.of(SopInstanceStatus.NS),
                store.completeTransfer(uid, AfterCommitment.SET_NS).orElseThrow().status());
        assertEquals("NS", store.read(uid).dataset().getString(Tag.SOPInstanceStatus));
        assertThrows(ProfileViolationException.class, () -> store.completeTransfer(uid, AfterCommitment.DELETE),
                "not an original any more");

        Dataset ao = copy("AO");
        String aoUid = ao.getString(Tag.SOPInstanceUID);
        store.store(ao, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
        assertEquals(Optional.of(SopInstanceStatus.AC),
                store.completeTransfer(aoUid, AfterCommitment.SET_AC).orElseThrow().status());
        Dataset other = original();
        String otherUid = other.getString(Tag.SOPInstanceUID);
        store.store(other, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
        assertEquals(Optional.empty(), store.completeTransfer(otherUid, AfterCommitment.DELETE));
        assertFalse(InstanceStore.open(dir).isDurablyStored(otherUid));
    }

    @Test
    void diskFullDuringWrite_nothingStored_failureReported_noTempFileLeft() throws Exception {
        Dataset ds = original();
        String uid = ds.getString(Tag.SOPInstanceUID);
        for (long limit : new long[] {0, 100, 200, 1000}) {
            InstanceStore store = InstanceStore.open(dir, out -> new FailAfterOutputStream(out, limit));
            IOException e = assertThrows(IOException.class,
                    () -> store.store(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, FROM, false));
            assertTrue(e.getMessage().contains("No space left"), e.getMessage());
            assertFalse(store.isDurablyStored(uid));
            assertEquals(List.of(), store.list());
            assertEquals(List.of(), listFiles(dir.resolve("instances")), "temp file removed at limit " + limit);
            assertEquals(List.of(IndexLog.NAME), listFiles(dir.resolve("index")));
            assertEquals(0, Files.size(dir.resolve("index").resolve(IndexLog.NAME)), "no record at limit " + limit);
        }
        // and the same instance stores fine once there is room
        assertTrue(InstanceStore.open(dir).store(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, FROM, false)
                .digest().length() == 64);
    }

    @Test
    void diskFullDuringAStatusChange_keepsTheOldVersion() throws Exception {
        Dataset ac = copy("AC");
        String uid = ac.getString(Tag.SOPInstanceUID);
        InstanceStore.open(dir).store(ac, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, FROM, false);
        InstanceStore failing = InstanceStore.open(dir, out -> new FailAfterOutputStream(out, 300));
        assertThrows(IOException.class, () -> failing.changeStatus(uid, StatusEdit.status(SopInstanceStatus.NS)));
        InstanceStore reopened = InstanceStore.open(dir);
        assertEquals(Optional.of(SopInstanceStatus.AC), reopened.get(uid).orElseThrow().status());
        assertTrue(reopened.verify(uid));
        assertEquals(1, listFiles(dir.resolve("instances")).size());
    }

    @Test
    void openRemovesUnfinishedWork() throws Exception {
        InstanceStore store = InstanceStore.open(dir);
        StoredInstance sa = store.store(copy("NS"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, FROM, false);
        // leftovers of a crash: a half-written temp file, a renamed data file whose record never came, a temp
        // file of a compaction, and a record cut short at the end of the index
        Files.write(dir.resolve("instances").resolve("1.2.3.v1.dcm.123.tmp"), new byte[100]);
        Files.write(dir.resolve("instances").resolve("1.2.3.v1.dcm"), new byte[100]);
        Files.write(dir.resolve("index").resolve(".index.log.5.tmp"), new byte[10]);
        Path log = dir.resolve("index").resolve(IndexLog.NAME);
        long whole = Files.size(log);
        Files.write(log, "dicomsec-index 1\nuid=1.2.3\nclass=1.2".getBytes(StandardCharsets.US_ASCII),
                StandardOpenOption.APPEND);

        InstanceStore reopened = InstanceStore.open(dir);
        assertEquals(List.of(sa), reopened.list());
        assertEquals(List.of(), reopened.problems(), "a record cut short was never reported stored");
        assertFalse(reopened.isDurablyStored("1.2.3"));
        assertEquals(List.of(sa.file().getFileName().toString()), listFiles(dir.resolve("instances")));
        assertEquals(List.of(IndexLog.NAME), listFiles(dir.resolve("index")));
        assertEquals(whole, Files.size(log), "the torn record is cut off");
        // and the store goes on from there
        StoredInstance sb = reopened.store(original(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, FROM, false);
        assertEquals(List.of(sa, sb).size(), InstanceStore.open(dir).list().size());
    }

    @Test
    void aDamagedRecord_reported_instanceNotAvailable_noDataDeleted() throws Exception {
        InstanceStore store = InstanceStore.open(dir);
        StoredInstance sa = store.store(copy("NS"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, FROM, false);
        StoredInstance sb = store.store(original(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, FROM, false);
        StoredInstance sc = store.store(copy("AC"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, FROM, false);
        // a data file no record names (a crash) and, later, a flipped bit in sb's record (the middle one)
        Files.write(dir.resolve("instances").resolve("1.2.3.v1.dcm"), new byte[100]);
        Path log = dir.resolve("index").resolve(IndexLog.NAME);
        byte[] b = Files.readAllBytes(log);
        String text = new String(b, StandardCharsets.US_ASCII);
        int at = text.indexOf("uid=" + sb.sopInstanceUid());
        b[at + 10] ^= 1;
        Files.write(log, b);

        InstanceStore reopened = InstanceStore.open(dir);
        assertEquals(List.of(sa, sc).size(), reopened.list().size());
        assertTrue(reopened.isDurablyStored(sa.sopInstanceUid()));
        assertTrue(reopened.isDurablyStored(sc.sopInstanceUid()), "the records after the damage still count");
        assertFalse(reopened.isDurablyStored(sb.sopInstanceUid()), "a damaged record is not reported stored");
        assertEquals(1, reopened.problems().size());
        assertTrue(reopened.problems().get(0).contains("checksum"), reopened.problems().get(0));
        // what the damaged record named is unknown: no file is removed (rule c), the index is kept as it is
        assertEquals(Set.of(sa.file().getFileName().toString(), sb.file().getFileName().toString(),
                        sc.file().getFileName().toString(), "1.2.3.v1.dcm"),
                Set.copyOf(listFiles(dir.resolve("instances"))));
        assertArrayEquals(b, Files.readAllBytes(log));
        // and it is reported on every open
        assertEquals(1, InstanceStore.open(dir).problems().size());
    }

    @Test
    void aStoreOfRecordFiles_movedIntoTheLog() throws Exception {
        InstanceStore store = InstanceStore.open(dir);
        StoredInstance sa = store.store(copy("NS"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, FROM, false);
        StoredInstance sb = store.store(original(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, FROM, false);
        // the layout of an earlier version: one record per file, no log
        Path index = dir.resolve("index");
        Files.delete(index.resolve(IndexLog.NAME));
        Files.write(index.resolve(sa.sopInstanceUid() + ".rec"), IndexRecords.encode(sa));
        Files.write(index.resolve(sb.sopInstanceUid() + ".rec"), IndexRecords.encode(sb));

        InstanceStore reopened = InstanceStore.open(dir);
        assertEquals(Set.of(sa, sb), Set.copyOf(reopened.list()));
        assertEquals(List.of(), reopened.problems());
        assertEquals(List.of(IndexLog.NAME), listFiles(index));
        assertEquals(Set.of(sa, sb), Set.copyOf(InstanceStore.open(dir).list()));
        assertTrue(InstanceStore.open(dir).verify(sb.sopInstanceUid()));
    }

    @Test
    void verifyDetectsAFileAlteredOnDisk() throws Exception {
        InstanceStore store = InstanceStore.open(dir);
        StoredInstance si = store.store(copy("NS"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, FROM, false);
        byte[] f = Files.readAllBytes(si.file());
        f[f.length - 5] ^= 0x10;
        Files.write(si.file(), f);
        assertFalse(store.verify(si.sopInstanceUid()));
    }

    @Test
    void refusesANonUidAsFileName() throws Exception {
        InstanceStore store = InstanceStore.open(dir);
        for (String bad : new String[] {"../../etc/passwd", "1.2.3/4", "1.2.", "1." + "2".repeat(70), ""}) {
            Dataset ds = TestData.ctImage("1.2.3");
            ds.setString(Tag.SOPInstanceUID, VR.UI, bad);
            assertThrows(IllegalArgumentException.class,
                    () -> store.store(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, FROM, false), bad);
        }
        assertEquals(List.of(), listFiles(dir.resolve("instances")));
    }

    static byte[] encode(Dataset ds, TransferSyntax ts) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(bos, ts);
        w.writeDataset(ds);
        w.finish();
        return bos.toByteArray();
    }

    static List<String> listFiles(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
