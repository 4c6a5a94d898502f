package org.dicomsec.storage.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.UID;
import org.dicomsec.storage.ProfileViolationException;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link InstanceStore#commitReceived}: the file, its index record and what goes alongside made
 * durable together, outside the store's lock; concurrent commits; one instance at a time.
 */
class CommitReceivedTest {

    @TempDir
    Path dir;

    private static final Provenance FROM = new Provenance("SENDER CN=sender.example", "bcp195-nd");

    /** The read-back check a test makes: of the incoming file, its data set length and the bytes sent. */
    @FunctionalInterface
    interface Check {
        String verify(InstanceStore.Incoming in, long dataSetLength, byte[] sent) throws IOException;
    }

    /** The check of StreamedReception: the CRC-32C of what was sent. */
    static final Check MATCHING = (in, n, sent) -> StoredCopyCheck.verify(in.channel(), in.file(), n, 0,
            new byte[0], new byte[0], crc32c(sent));

    /**
     * Receives {@code ds} as StreamedReception does: incoming file, unforced write, commit with the
     * read-back check made while the file is forced.
     */
    static StoredInstance receive(InstanceStore store, Dataset ds, Optional<SopInstanceStatus> status,
                                  Provenance from, Check check, InstanceStore.Alongside alongside)
            throws IOException, ProfileViolationException {
        byte[] bytes = InstanceStoreTest.encode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        String uid = ds.getString(Tag.SOPInstanceUID, "");
        String cls = ds.getString(Tag.SOPClassUID, "");
        try (InstanceStore.Incoming in = store.incoming()) {
            long n = ReceivedFileWriter.write(in.channel(), cls, uid, UID.ExplicitVRLittleEndian,
                    new ByteArrayInputStream(bytes), null, false);
            return store.commitReceived(in, uid, cls, status, from, false, () -> check.verify(in, n, bytes),
                    alongside);
        }
    }

    private static StoredInstance receive(InstanceStore store, Dataset ds, Check check,
                                          InstanceStore.Alongside alongside)
            throws IOException, ProfileViolationException {
        return receive(store, ds, Optional.empty(), FROM, check, alongside);
    }

    private static StoredInstance receive(InstanceStore store, Dataset ds, InstanceStore.Alongside alongside)
            throws IOException, ProfileViolationException {
        return receive(store, ds, MATCHING, alongside);
    }

    static long crc32c(byte[] bytes) {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(bytes);
        return c.getValue();
    }

    @Test
    void committed_indexedOnReopen_readBackThenAlongside() throws Exception {
        InstanceStore store = InstanceStore.open(dir);
        Dataset ds = TestData.ctImage(TestData.newUid());
        String uid = ds.getString(Tag.SOPInstanceUID, "");
        List<String> ran = new ArrayList<>();
        StoredInstance si = receive(store, ds, (in, n, sent) -> {
            ran.add("read back");
            return MATCHING.verify(in, n, sent);
        }, () -> ran.add("audit"));
        assertEquals(List.of("read back", "audit"), ran);
        assertEquals(1, si.version());
        assertEquals(DatasetDigest.of(InstanceStoreTest.encode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)),
                si.digest(), "the SHA-256 of the data set read back");
        assertTrue(store.isDurablyStored(uid));
        assertTrue(store.verify(uid));
        // what a restart finds: the record, the file, no temporary files
        InstanceStore again = InstanceStore.open(dir);
        assertEquals(si.digest(), again.get(uid).orElseThrow().digest());
        assertEquals(List.of(), again.problems());
        assertEquals(List.of(uid + ".v1.dcm"), InstanceStoreTest.listFiles(dir.resolve("instances")));
        assertEquals(List.of(IndexLog.NAME), InstanceStoreTest.listFiles(dir.resolve("index")));
    }

    @Test
    void alongsideOrReadBackFails_nothingStored_noFileLeft() throws Exception {
        InstanceStore store = InstanceStore.open(dir);
        Dataset ds = TestData.ctImage(TestData.newUid());
        String uid = ds.getString(Tag.SOPInstanceUID, "");
        List<String> ran = new ArrayList<>();
        IOException audit = assertThrows(IOException.class, () -> receive(store, ds, () -> {
            throw new IOException("audit disk full");
        }));
        assertEquals("audit disk full", audit.getMessage());
        StoreIntegrityException readBack = assertThrows(StoreIntegrityException.class, () -> receive(store, ds,
                (in, n, sent) -> StoredCopyCheck.verify(in.channel(), in.file(), n, 0, new byte[0], new byte[0],
                        crc32c(sent) ^ 1),
                () -> ran.add("audit")));
        assertTrue(readBack.getMessage().contains("checksum mismatch"), readBack.getMessage());
        assertEquals(List.of(), ran, "no audit line for what the read-back refused");
        assertFalse(store.get(uid).isPresent());
        assertEquals(List.of(), InstanceStoreTest.listFiles(dir.resolve("instances")));
        assertEquals(List.of(IndexLog.NAME), InstanceStoreTest.listFiles(dir.resolve("index")));
        IndexLog.Replay r = replay();
        assertNull(r.last.get(uid), "no record names it (the audit's failure undid the one written with it)");
        // and the instance can be received again
        assertEquals(1, receive(store, ds, null).version());
        // the undone record left nothing unsettled: the new record vouches for everything before it
        r = replay();
        assertEquals(r.early.get(uid), r.settled);
    }

    private IndexLog.Replay replay() throws IOException {
        return IndexLog.replay(dir.resolve("index").resolve(IndexLog.NAME), dir.resolve("instances"));
    }

    @Test
    void aRecordAheadOfItsFile_isBelievedOnOpenOnlyWhenTheFileReadsBack() throws Exception {
        InstanceStore store = InstanceStore.open(dir);
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Dataset ds = TestData.ctImage(TestData.newUid());
            uids.add(ds.getString(Tag.SOPInstanceUID, ""));
            receive(store, ds, null);
        }
        // each record was written before its file was known to be on the device; each later one
        // vouches for those before it, the last is vouched for by none
        IndexLog.Replay r = replay();
        assertEquals(r.early.get(uids.get(2)), r.settled);
        assertEquals(1, r.early.size(), "the replay keeps only the records no later one vouches for: " + r.early);
        // intact, the last is believed on open (its file reads back), and named as unconfirmed
        InstanceStore intact = InstanceStore.open(dir);
        assertEquals(3, intact.list().size());
        assertEquals(List.of(uids.get(2)), intact.unconfirmedOnOpen().stream().map(StoredInstance::sopInstanceUid)
                .toList());

        // what a power loss can leave: the last record on the device, its file's data not (here cut
        // short) and, in another store, its name not (the file missing); a vouched-for file is not read
        Path last = store.get(uids.get(2)).orElseThrow().file();
        Path first = store.get(uids.get(0)).orElseThrow().file();
        try (var ch = java.nio.channels.FileChannel.open(last, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 100);
        }
        try (var ch = java.nio.channels.FileChannel.open(first, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 100);
        }
        InstanceStore again = InstanceStore.open(dir);
        assertEquals(List.of(), again.problems(), "an instance never reported stored is no problem");
        assertFalse(again.get(uids.get(2)).isPresent(), "the unfinished instance is not reported stored");
        assertFalse(Files.exists(last), "its file is removed");
        assertTrue(again.get(uids.get(1)).isPresent());
        assertTrue(again.get(uids.get(0)).isPresent(), "a vouched-for record is not read back on open");
        assertFalse(again.verify(uids.get(0)), "(the damage to it is found where it is read)");
        // a removal record says so: the next open neither reads nor reports it again
        assertNull(replay().last.get(uids.get(2)));
        assertEquals(List.of(), InstanceStore.open(dir).problems());
        assertEquals(2, InstanceStore.open(dir).list().size());
        // it can be received again
        Dataset ds = TestData.ctImage(uids.get(2));
        assertEquals(1, receive(again, ds, null).version());

        // the file's name lost: the same
        Files.delete(again.get(uids.get(2)).orElseThrow().file());
        InstanceStore third = InstanceStore.open(dir);
        assertEquals(List.of(), third.problems());
        assertFalse(third.get(uids.get(2)).isPresent());
    }

    @Test
    void unconfirmedOnOpen_itsReceptionIsAuditedWhenTheTrailLacksIt_once() throws Exception {
        InstanceStore store = InstanceStore.open(dir.resolve("store"));
        Dataset a = TestData.ctImage(TestData.newUid());
        Dataset b = TestData.ctImage(TestData.newUid());
        String uidB = b.getString(Tag.SOPInstanceUID, "");
        receive(store, a, null);
        receive(store, b, null); // as if a stop came before its audit line reached the disk
        InstanceStore again = InstanceStore.open(dir.resolve("store"));
        assertEquals(List.of(uidB), again.unconfirmedOnOpen().stream().map(StoredInstance::sopInstanceUid).toList());
        Path trailFile = dir.resolve("audit.log");
        var events = new org.dicomsec.storage.audit.AuditEvents("STORE", "127.0.0.1", "store-test",
                java.time.Clock.systemUTC());
        try (var trail = new org.dicomsec.storage.audit.FileAuditTrail(trailFile)) {
            new org.dicomsec.storage.service.OnlineStorageReceiver(again, org.dicomsec.storage.TransferRules.defaults(),
                    trail, events);
            List<String> lines = Files.readAllLines(trailFile);
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("<Instance UID=\"" + uidB + "\""), lines.get(0));
            assertTrue(lines.get(0).contains("recorded at the next start"), lines.get(0));
            assertTrue(lines.get(0).contains("\"" + b.getString(Tag.StudyInstanceUID, "") + "\""),
                    "the study read from the stored file: " + lines.get(0));
            assertTrue(lines.get(0).contains(" EventActionCode=\"C\""), lines.get(0));
            String uidA = a.getString(Tag.SOPInstanceUID, "");
            assertEquals(java.util.Set.of(uidB), trail.recentlyReceived(List.of(uidA, uidB)));
            // a second receiver on the same store finds the line: nothing written twice
            new org.dicomsec.storage.service.OnlineStorageReceiver(again, org.dicomsec.storage.TransferRules.defaults(),
                    trail, events);
            assertEquals(1, Files.readAllLines(trailFile).size());
        }
    }

    @Test
    void replacingACopy_newVersion_oldFileGone() throws Exception {
        InstanceStore store = InstanceStore.open(dir);
        Dataset ds = TestData.ctImage(TestData.newUid());
        String uid = ds.getString(Tag.SOPInstanceUID, "");
        receive(store, ds, null);
        StoredInstance v2 = receive(store, ds, null);
        assertEquals(2, v2.version());
        assertEquals(List.of(uid + ".v2.dcm"), InstanceStoreTest.listFiles(dir.resolve("instances")));
        assertEquals(2, InstanceStore.open(dir).get(uid).orElseThrow().version());
    }

    @Test
    void ruleC_anOriginalIsNotReplaced() throws Exception {
        InstanceStore store = InstanceStore.open(dir);
        Dataset ds = TestData.ctImage(TestData.newUid());
        String uid = ds.getString(Tag.SOPInstanceUID, "");
        byte[] bytes = InstanceStoreTest.encode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        String cls = ds.getString(Tag.SOPClassUID, "");
        for (int round = 0; round < 2; round++) {
            try (InstanceStore.Incoming in = store.incoming()) {
                long n = ReceivedFileWriter.write(in.file(), cls, uid, UID.ExplicitVRLittleEndian,
                        new ByteArrayInputStream(bytes), null, false);
                String digest = StoredCopyCheck.verify(in.file(), n, 0, new byte[0], new byte[0],
                        crc32c(bytes));
                if (round == 0) {
                    store.commitReceived(in, uid, cls, Optional.of(SopInstanceStatus.OR), FROM, true, digest, null);
                } else {
                    List<String> ran = new ArrayList<>();
                    ProfileViolationException e = assertThrows(ProfileViolationException.class, () ->
                            store.commitReceived(in, uid, cls, Optional.empty(), FROM, false, digest,
                                    () -> ran.add("audit")));
                    assertEquals('c', e.rule());
                    assertEquals(List.of(), ran, "nothing is recorded for what rule c refuses");
                }
            }
        }
        assertEquals(List.of(uid + ".v1.dcm"), InstanceStoreTest.listFiles(dir.resolve("instances")));
    }

    @Test
    void concurrentCommits_allStored_sameInstanceOneAtATime() throws Exception {
        InstanceStore store = InstanceStore.open(dir);
        int n = 24;
        List<Dataset> sets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sets.add(TestData.ctImage(TestData.newUid()));
        }
        Dataset shared = TestData.ctImage(TestData.newUid());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<StoredInstance>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Dataset ds = i % 3 == 0 ? shared : sets.get(i);
                results.add(pool.submit(() -> {
                    go.await();
                    return receive(store, ds, null);
                }));
            }
            go.countDown();
            List<Long> sharedVersions = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                StoredInstance si = results.get(i).get(60, TimeUnit.SECONDS);
                if (i % 3 == 0) {
                    sharedVersions.add(si.version());
                }
            }
            // the commits of one instance ran one after the other: versions 1..8, each once
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), sharedVersions.stream().sorted().toList());
        } finally {
            pool.shutdownNow();
        }
        // every commit ended: nothing stays unsettled, so the next record vouches for all before it
        Dataset after = TestData.ctImage(TestData.newUid());
        receive(store, after, null);
        IndexLog.Replay r = replay();
        long lastAt = r.early.get(after.getString(Tag.SOPInstanceUID, ""));
        assertEquals(lastAt, r.settled);
        InstanceStore again = InstanceStore.open(dir);
        assertEquals(List.of(), again.problems());
        assertEquals(n - 8 + 2, again.list().size());
        for (StoredInstance si : again.list()) {
            assertTrue(again.verify(si.sopInstanceUid()), si.sopInstanceUid());
        }
        String sharedUid = shared.getString(Tag.SOPInstanceUID, "");
        assertEquals(8, again.get(sharedUid).orElseThrow().version());
        try (var files = Files.list(dir.resolve("instances"))) {
            assertEquals(n - 8 + 2, files.count(), "one file per instance, no temporary or old versions");
        }
    }
}
