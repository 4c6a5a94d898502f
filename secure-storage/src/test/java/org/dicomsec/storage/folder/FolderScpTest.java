package org.dicomsec.storage.folder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.UID;
import org.dicomsec.data.VR;
import org.dicomsec.storage.store.FileSeal;
import org.dicomsec.storage.store.ReceivedFileWriter;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.net.DicomServer;
import org.dicomsec.ul.transport.PlainTcp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain folder SCP against hostile data sets (issue 13, points 3, 5, 6, 7): what cannot be
 * decoded is answered C000H, UIDs that disagree A900H, an invalid command UID 0117H, and nothing
 * of any of them is kept; orphans of an interrupted run are removed on open.
 */
class FolderScpTest {
    private static final String SC = UID.SecondaryCaptureImageStorage;

    @TempDir
    Path tmp;
    Path dir;
    FolderScp folderScp;
    DicomServer server;
    Association assoc;

    @BeforeEach
    void start() throws IOException {
        dir = tmp.resolve("in");
        FolderScp scp = FolderScp.open(dir, true);
        folderScp = scp;
        server = serve(scp);
        assoc = connect(server);
    }

    private static DicomServer serve(FolderScp scp) throws IOException {
        AcceptorPolicy policy = AcceptorPolicy.builder().anyAbstractSyntax(UID.ExplicitVRLittleEndian,
                UID.ImplicitVRLittleEndian, UID.DeflatedExplicitVRLittleEndian).build();
        DicomServer s = DicomServer.builder(PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0)).policy(policy)
                .handlers(DimseHandlers.builder().cstore(scp.handler(null, null)).build()).workers(2).build();
        s.start();
        return s;
    }

    private static Association connect(DicomServer s) throws IOException {
        AssociationSettings quick = AssociationSettings.DEFAULT.withArtimTimeout(Duration.ofSeconds(3))
                .withDimseTimeoutMillis(10_000);
        return Association.request(PlainTcp.connector(), new InetSocketAddress(InetAddress.getLoopbackAddress(),
                s.localPort()), AssociationRequest.builder("ANY", "SCU").settings(quick)
                .presentationContext(SC, UID.ExplicitVRLittleEndian)
                .presentationContext(SC, UID.DeflatedExplicitVRLittleEndian).build());
    }

    @AfterEach
    void stop() throws IOException {
        assoc.close();
        server.close(Duration.ofSeconds(3));
        folderScp.close(); // its background work ends before the folder is removed
    }

    static Dataset instance(String sopClass, String sopInstance) {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, sopClass);
        ds.setString(Tag.SOPInstanceUID, VR.UI, sopInstance);
        ds.setString(0x00100010, VR.PN, "Test^Patient");
        byte[] px = new byte[100_000];
        new Random(7).nextBytes(px);
        ds.setBytes(0x7FE00010, VR.OW, px);
        return ds;
    }

    private int store(String uid, String ts, byte[] dataSet) throws IOException {
        return assoc.cstore(SC, uid, ts, new ByteArrayInputStream(dataSet)).status().code();
    }

    /**
     * The folder's entries but the staging folder, whose files must all be empty once the background
     * task has removed the staged names of the stored instances.
     */
    private List<Path> files() throws Exception {
        assertTrue(folderScp.awaitIdle(Duration.ofSeconds(10)), "background work ended");
        assertEquals(List.of(), stagedInUse(dir), "staged names are removed once published");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().equals(FolderScp.STAGING)).toList();
        }
    }

    /** The non-empty staged files of the staging folder: in use or left by a crash. */
    static List<Path> stagedInUse(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve(FolderScp.STAGING))) {
            return s.filter(p -> !p.getFileName().toString().equals(SealSequence.NAME)).filter(p -> {
                try {
                    return Files.size(p) > 0;
                } catch (IOException e) {
                    return false; // removed meanwhile
                }
            }).toList();
        }
    }

    @Test
    void aGoodInstanceIsStoredWithMatchingMetaInformation() throws Exception {
        byte[] ds = DicomWriter.encode(instance(SC, "1.2.3.4"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals(Status.SUCCESS, store("1.2.3.4", UID.ExplicitVRLittleEndian, ds));
        DicomFile f = DicomFile.read(dir.resolve("1.2.3.4.dcm"));
        assertEquals("1.2.3.4", f.fileMetaInformation().getString(0x00020003));
        assertEquals("1.2.3.4", f.dataset().getString(Tag.SOPInstanceUID));
        assertEquals(1, files().size());
    }

    @Test
    void everyStoredFileIsSealedWholeAndNoStagedNameStaysBehind() throws Exception {
        assertTrue(folderScp.stagedCommit(), "hard links on the test's file system");
        for (int i = 0; i < 2 * FolderScp.POOL + 5; i++) { // more than the staged files at hand: refilled
            String uid = "1.2.3.50." + i;
            byte[] ds = DicomWriter.encode(instance(SC, uid), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            assertEquals(Status.SUCCESS, store(uid, UID.ExplicitVRLittleEndian, ds));
        }
        assertEquals(2 * FolderScp.POOL + 5, files().size());
        for (Path f : files()) {
            FileSeal seal = FileSeal.verify(f);
            assertTrue(seal != null && f.getFileName().toString().equals(seal.uid() + ".dcm"), f.toString());
            assertEquals(1, ((Number) Files.getAttribute(f, "unix:nlink")).intValue(), "one name left: " + f);
        }
        try (Stream<Path> s = Files.list(dir.resolve(FolderScp.STAGING))) {
            assertTrue(s.count() >= FolderScp.POOL / 2, "empty staged files at hand for the next C-STOREs");
        }
    }

    /** A server of {@code scp} performing up to 4 C-STOREs of an association at once on {@code stores}. */
    private static DicomServer pipelined(FolderScp scp, java.util.concurrent.ExecutorService stores)
            throws IOException {
        return pipelined(scp, stores, new java.util.concurrent.CountDownLatch(1));
    }

    /** As {@link #pipelined(FolderScp, java.util.concurrent.ExecutorService)}, counting {@code ended} down as each association ends. */
    private static DicomServer pipelined(FolderScp scp, java.util.concurrent.ExecutorService stores,
                                         java.util.concurrent.CountDownLatch ended) throws IOException {
        DicomServer s = DicomServer.builder(PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0))
                .policy(AcceptorPolicy.builder().anyAbstractSyntax(UID.ExplicitVRLittleEndian).build())
                .handlers(DimseHandlers.builder().cstore(scp.handler(null, null)).concurrentStores(4, stores).build())
                .associationEnded(e -> ended.countDown())
                .workers(2).build();
        s.start();
        return s;
    }

    /** An association to {@code s} that offers a window of 4. */
    private static Association pipelined(DicomServer s) throws IOException {
        return Association.request(PlainTcp.connector(), new InetSocketAddress(InetAddress.getLoopbackAddress(),
                s.localPort()), AssociationRequest.builder("ANY", "SCU").presentationContext(SC,
                UID.ExplicitVRLittleEndian).asynchronousOperationsWindow(4, 1).build());
    }

    @Test
    void pipelinedStoresAreEachSealedWholeAndARefusedOneLeavesNothing() throws Exception {
        java.util.concurrent.ExecutorService stores = java.util.concurrent.Executors.newFixedThreadPool(4);
        try (DicomServer s = pipelined(folderScp, stores)) {
            try (Association a = pipelined(s)) {
                assertEquals(4, a.asynchronousOperationsWindow().maxOperationsInvoked(), "window negotiated");
                java.util.Map<String, java.util.concurrent.CompletableFuture<org.dicomsec.ul.dimse.CStoreRsp>> f =
                        new java.util.LinkedHashMap<>();
                java.util.Map<String, byte[]> sent = new java.util.HashMap<>();
                for (int i = 0; i < FolderScp.POOL + 9; i++) { // more than the staged files at hand
                    String uid = "1.2.3.70." + i;
                    // one data set whose SOP Instance UID is not its request's: refused when it is read
                    Dataset ds = instance(SC, i == 5 ? "1.2.3.71" : uid);
                    byte[] bytes = DicomWriter.encode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                    sent.put(uid, bytes);
                    f.put(uid, a.cstoreAsync(SC, uid, UID.ExplicitVRLittleEndian, new ByteArrayInputStream(bytes)));
                }
                a.awaitResponses();
                for (var e : f.entrySet()) {
                    int expected = e.getKey().equals("1.2.3.70.5") ? Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS
                            : Status.SUCCESS;
                    assertEquals(expected, e.getValue().join().status().code(), e.getKey());
                }
                a.release();
                assertEquals(FolderScp.POOL + 8, files().size(), "the refused one left no file: " + files());
                for (Path p : files()) {
                    FileSeal seal = FileSeal.verify(p);
                    assertTrue(seal != null && p.getFileName().toString().equals(seal.uid() + ".dcm"), p.toString());
                    assertArrayEquals(sent.get(seal.uid()), DicomWriter.encode(
                            DicomFile.read(p).dataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), p.toString());
                }
            }
        } finally {
            stores.shutdownNow();
        }
    }

    @Test
    void aPipelinedAssociationCutInTheMiddleOfADataSetLeavesOnlyWholeInstances() throws Exception {
        java.util.concurrent.ExecutorService stores = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        try (DicomServer s = pipelined(folderScp, stores, ended)) {
            Association a = pipelined(s);
            List<java.util.concurrent.CompletableFuture<org.dicomsec.ul.dimse.CStoreRsp>> f = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String uid = "1.2.3.80." + i;
                f.add(a.cstoreAsync(SC, uid, UID.ExplicitVRLittleEndian, new ByteArrayInputStream(
                        DicomWriter.encode(instance(SC, uid), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))));
            }
            // the seventh data set's source fails after 90,000 of its bytes (one PDU of it sent): the
            // association ends there, in the middle of its data set
            byte[] cut = DicomWriter.encode(instance(SC, "1.2.3.80.6"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            java.io.InputStream failing = org.dicomsec.storage.TestData.failingAfter(cut, 90_000);
            assertThrows(IOException.class, () -> {
                a.cstoreAsync(SC, "1.2.3.80.6", UID.ExplicitVRLittleEndian, failing).join();
            });
            a.close();
            List<String> answered = new ArrayList<>();
            for (int i = 0; i < f.size(); i++) {
                if (f.get(i).isDone() && !f.get(i).isCompletedExceptionally()
                        && f.get(i).join().status().code() == Status.SUCCESS) {
                    answered.add("1.2.3.80." + i + ".dcm");
                }
            }
            // the server's side of the cut association ends after the client's close returns: its reading
            // thread sees the transport go, and the store tasks still reading the cut data set fail
            // and give their staged files back; only then is there nothing in use to check for
            assertTrue(ended.await(10, TimeUnit.SECONDS), "the server ended the cut association");
            stores.shutdown();
            assertTrue(stores.awaitTermination(10, TimeUnit.SECONDS), "the store tasks ended");
            assertTrue(folderScp.awaitIdle(Duration.ofSeconds(10)), "background work ended");
            // what was answered success is there; whatever is there is whole; nothing half-written stays
            List<Path> there = files();
            for (String name : answered) {
                assertTrue(there.contains(dir.resolve(name)), name + " answered success but not stored: " + there);
            }
            for (Path p : there) {
                FileSeal seal = FileSeal.verify(p);
                assertTrue(seal != null && p.getFileName().toString().equals(seal.uid() + ".dcm"), p.toString());
            }
            assertFalse(there.contains(dir.resolve("1.2.3.80.6.dcm")), "the cut instance is not stored");
        } finally {
            stores.shutdownNow();
        }
    }

    @Test
    void aSecondVersionOfAnInstanceReplacesTheFirstWithAHigherSequence() throws Exception {
        byte[] first = DicomWriter.encode(instance(SC, "1.2.3.60"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals(Status.SUCCESS, store("1.2.3.60", UID.ExplicitVRLittleEndian, first));
        Path f = dir.resolve("1.2.3.60.dcm");
        long one = FileSeal.verify(f).sequence();
        Dataset changed = instance(SC, "1.2.3.60");
        changed.setString(0x00100010, VR.PN, "Other^Patient");
        assertEquals(Status.SUCCESS, store("1.2.3.60", UID.ExplicitVRLittleEndian,
                DicomWriter.encode(changed, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)));
        FileSeal two = FileSeal.verify(f);
        assertTrue(two.sequence() > one);
        assertEquals("Other^Patient", DicomFile.read(f).dataset().getString(0x00100010));
        assertEquals(1, files().size());
    }

    @Test
    void aStagingFolderRemovedUnderTheRunningServerCostsNoInstance() throws Exception {
        Path staging = dir.resolve(FolderScp.STAGING);
        try (Stream<Path> s = Files.list(staging)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(staging);
        for (int i = 0; i < 3; i++) {
            String uid = "1.2.3.70." + i;
            byte[] ds = DicomWriter.encode(instance(SC, uid), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            assertEquals(Status.SUCCESS, store(uid, UID.ExplicitVRLittleEndian, ds));
            assertTrue(FileSeal.verify(dir.resolve(uid + ".dcm")) != null);
        }
        assertTrue(folderScp.awaitIdle(Duration.ofSeconds(10)), "background work ended");
        assertTrue(Files.isDirectory(staging), "made anew");
        assertEquals(3, files().size());
    }

    /** A staged file as a run writes it: the sealed PS3.10 file of {@code uid} with the given sequence. */
    private static Path staged(Path dir, String name, String uid, long sequence, String patient) throws IOException {
        Path staging = Files.createDirectories(dir.resolve(FolderScp.STAGING));
        Path p = staging.resolve(name);
        Dataset ds = instance(SC, uid);
        ds.setString(0x00100010, VR.PN, patient);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            ReceivedFileWriter.writeSealed(ch, SC, uid, UID.ExplicitVRLittleEndian,
                    new ByteArrayInputStream(DicomWriter.encode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)), null,
                    sequence);
        }
        return p;
    }

    @Test
    void openSettlesWhatACrashLeftInTheStagingFolder() throws Exception {
        Path d = tmp.resolve("crashed");
        Files.createDirectories(d);
        // answered, its final name not on the device: stored under it
        Path onlyStaged = staged(d, "a.staged", "1.2.3.81", 10, "A^Only");
        byte[] onlyStagedBytes = Files.readAllBytes(onlyStaged);
        // answered and published, its staged name not yet removed
        Path published = staged(d, "b.staged", "1.2.3.82", 11, "B^Published");
        Files.createLink(d.resolve("1.2.3.82.dcm"), published);
        // cut off by the crash: a byte after the preamble never reached the device
        Path cut = staged(d, "c.staged", "1.2.3.83", 12, "C^Cut");
        byte[] c = Files.readAllBytes(cut);
        c[c.length - 10] ^= 1;
        Files.write(cut, c);
        // cut off: shorter than its seal says
        Path shortFile = staged(d, "d.staged", "1.2.3.84", 13, "D^Short");
        Files.write(shortFile, Arrays.copyOf(Files.readAllBytes(shortFile), (int) Files.size(shortFile) - 100));
        // an older version than the one stored after it
        staged(d, "e.staged", "1.2.3.85", 14, "E^Older");
        Path newer = staged(tmp, "newer", "1.2.3.85", 20, "E^Newer");
        Files.move(newer, d.resolve("1.2.3.85.dcm"));
        // a newer version than the one stored: replaces it
        Path older = staged(tmp, "older", "1.2.3.86", 5, "F^Older");
        Files.move(older, d.resolve("1.2.3.86.dcm"));
        staged(d, "f.staged", "1.2.3.86", 30, "F^Newer");
        // one made for use and not used
        Path empty = d.resolve(FolderScp.STAGING).resolve("g.staged");
        Files.createFile(empty);

        FolderScp scp = FolderScp.open(d, false);
        scp.close();
        assertEquals(2, scp.recovered(), "1.2.3.81 and 1.2.3.86");
        assertArrayEquals(onlyStagedBytes, Files.readAllBytes(d.resolve("1.2.3.81.dcm")));
        assertEquals("B^Published", DicomFile.read(d.resolve("1.2.3.82.dcm")).dataset().getString(0x00100010));
        assertFalse(Files.exists(d.resolve("1.2.3.83.dcm")), "never answered: not stored");
        assertFalse(Files.exists(d.resolve("1.2.3.84.dcm")));
        assertEquals("E^Newer", DicomFile.read(d.resolve("1.2.3.85.dcm")).dataset().getString(0x00100010));
        assertEquals("F^Newer", DicomFile.read(d.resolve("1.2.3.86.dcm")).dataset().getString(0x00100010));
        assertEquals(List.of(), stagedInUse(d), "every staged file settled");
        assertTrue(Files.exists(empty), "an empty staged file is kept for use");
        try (Stream<Path> s = Files.list(d)) {
            assertEquals(List.of("1.2.3.81.dcm", "1.2.3.82.dcm", "1.2.3.85.dcm", "1.2.3.86.dcm"), s
                    .map(p -> p.getFileName().toString()).filter(n -> !n.equals(FolderScp.STAGING)).sorted().toList(),
                    "no temporary file either");
        }
        for (String u : List.of("1.2.3.81", "1.2.3.82", "1.2.3.85", "1.2.3.86")) {
            assertTrue(FileSeal.verify(d.resolve(u + ".dcm")) != null, u);
        }
        assertTrue(scp.stagedCommit());
    }

    /** Sends {@code uid} with the given patient name to a server of {@code scp}; the status. */
    private static int storeInto(FolderScp scp, String uid, String patient) throws IOException {
        Dataset ds = instance(SC, uid);
        ds.setString(0x00100010, VR.PN, patient);
        try (DicomServer s = serve(scp); Association a = connect(s)) {
            return a.cstore(SC, uid, UID.ExplicitVRLittleEndian, new ByteArrayInputStream(
                    DicomWriter.encode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))).status().code();
        }
    }

    @Test
    void afterARunWhoseClockWasAhead_theAnsweredVersionStillWinsTheSettle() throws Exception {
        Path d = tmp.resolve("ahead");
        Path staging = Files.createDirectories(d.resolve(FolderScp.STAGING));
        // a run whose clock was 30 days ahead left its mark, and its version of 1.2.3.90; the user
        // deleted that file since
        long ahead = (System.currentTimeMillis() + java.util.concurrent.TimeUnit.DAYS.toMillis(30)) << 20;
        SealSequence.open(staging, d, ahead);
        long oldSequence = ahead + 5;
        Path old = staged(tmp, "old", "1.2.3.90", oldSequence, "X^Old");

        FolderScp scp = FolderScp.open(d, false);
        assertEquals(Status.SUCCESS, storeInto(scp, "1.2.3.90", "X^New"));
        assertTrue(scp.awaitIdle(Duration.ofSeconds(10)));
        scp.close();
        Path stored = d.resolve("1.2.3.90.dcm");
        FileSeal answered = FileSeal.verify(stored);
        assertTrue(answered.sequence() > oldSequence, "above the earlier run's numbers: " + answered.sequence()
                + " <= " + oldSequence);

        // a crash before the folder was forced: neither the deletion of the old file nor the new
        // link reached the device, the staged file alone holds the version answered
        Files.createLink(staging.resolve("crash.staged"), stored);
        Files.move(old, stored, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        FolderScp again = FolderScp.open(d, false);
        again.close();
        assertEquals(1, again.recovered());
        assertEquals("X^New", DicomFile.read(stored).dataset().getString(0x00100010));
        assertEquals(List.of(), stagedInUse(d));
    }

    @Test
    void aMissingOrDamagedMark_theSequenceGoesOnAboveTheFolderSeals() throws Exception {
        long ahead = (System.currentTimeMillis() + java.util.concurrent.TimeUnit.DAYS.toMillis(30)) << 20;
        for (String damage : List.of("missing", "damaged", "torn")) {
            Path d = tmp.resolve(damage);
            FolderScp.open(d, true).close();
            Path mark = d.resolve(FolderScp.STAGING).resolve(SealSequence.NAME);
            assertTrue(SealSequence.read(mark) > 0, "a mark after the first open");
            Files.move(staged(tmp, "ahead-" + damage, "1.2.3.91", ahead, "Y^Ahead"), d.resolve("1.2.3.91.dcm"));
            switch (damage) {
                case "missing" -> Files.delete(mark);
                case "damaged" -> {
                    byte[] b = Files.readAllBytes(mark);
                    b[20] ^= 1;
                    Files.write(mark, b);
                }
                default -> Files.write(mark, Arrays.copyOf(Files.readAllBytes(mark), 10));
            }
            assertEquals(-1, SealSequence.read(mark), damage);
            FolderScp scp = FolderScp.open(d, false);
            assertEquals(Status.SUCCESS, storeInto(scp, "1.2.3.92", "Z^Later"));
            scp.close();
            assertTrue(FileSeal.verify(d.resolve("1.2.3.92.dcm")).sequence() > ahead, damage);
            assertTrue(SealSequence.read(mark) > ahead, "the mark written again: " + damage);
        }
    }

    @Test
    void everyNumberHandedOutIsBelowTheMarkOnTheDisk() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("marks"));
        Path staging = Files.createDirectories(d.resolve(FolderScp.STAGING));
        SealSequence seq = SealSequence.open(staging, d, 1000);
        long mark = SealSequence.read(staging.resolve(SealSequence.NAME));
        long n = 0;
        for (int i = 0; i < 3 * (1 << SealSequence.BLOCK_BITS); i++) { // three blocks: the mark moves on
            n = seq.next();
            if (n >= mark) {
                mark = SealSequence.read(staging.resolve(SealSequence.NAME));
                assertTrue(n < mark, n + " handed out with the mark at " + mark);
            }
        }
        assertTrue(n >= 1000 + 3 * (1L << SealSequence.BLOCK_BITS) - 1);
        assertEquals(SealSequence.read(staging.resolve(SealSequence.NAME)), SealSequence.open(staging, d, 0).next(),
                "a new run starts at the mark");
    }

    @Test
    void undecodableDataSetsAreAnsweredC000AndNothingIsKept() throws Exception {
        byte[] random = new byte[5000];
        new Random(1).nextBytes(random);
        assertEquals(Status.CANNOT_UNDERSTAND, store("1.2.3.5", UID.ExplicitVRLittleEndian, random));
        assertEquals(Status.CANNOT_UNDERSTAND, store("1.2.3.6", UID.ExplicitVRLittleEndian, new byte[0]));
        // a length running past the end: (0010,0010) PN claiming 200 bytes with 4 present
        byte[] bad = {0x10, 0x00, 0x10, 0x00, 'P', 'N', (byte) 200, 0, 'A', 'B', 'C', 'D'};
        assertEquals(Status.CANNOT_UNDERSTAND, store("1.2.3.7", UID.ExplicitVRLittleEndian, bad));
        // an undefined-length sequence whose item never ends
        ByteArrayOutputStream seq = new ByteArrayOutputStream();
        seq.writeBytes(new byte[] {0x08, 0x00, 0x16, 0x00, 'U', 'I', 2, 0, '1', 0});
        seq.writeBytes(new byte[] {0x08, 0x00, 0x15, 0x11, 'S', 'Q', 0, 0, -1, -1, -1, -1});
        seq.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, -1, -1, -1, -1});
        seq.writeBytes(new byte[] {0x10, 0x00, 0x10, 0x00, 'P', 'N', 4, 0, 'A', 'B', 'C', 'D'});
        assertEquals(Status.CANNOT_UNDERSTAND, store("1.2.3.8", UID.ExplicitVRLittleEndian, seq.toByteArray()));
        // a deflated data set that does not inflate
        assertEquals(Status.CANNOT_UNDERSTAND, store("1.2.3.9", UID.DeflatedExplicitVRLittleEndian, random));
        assertEquals(List.of(), files(), "nothing kept, no temporary file either");
        byte[] good = DicomWriter.encode(instance(SC, "1.2.3.14"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals(Status.SUCCESS, store("1.2.3.14", UID.ExplicitVRLittleEndian, good), "the association goes on");
    }

    @Test
    void uidsThatDisagreeAreAnsweredA900AndNothingIsKept() throws Exception {
        byte[] other = DicomWriter.encode(instance(SC, "1.2.3.99"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, store("1.2.3.10", UID.ExplicitVRLittleEndian, other));
        byte[] ct = DicomWriter.encode(instance(UID.CTImageStorage, "1.2.3.11"),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, store("1.2.3.11", UID.ExplicitVRLittleEndian, ct));
        byte[] traversal = DicomWriter.encode(instance(SC, "1.2.4\\..\\z"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, store("1.2.4", UID.ExplicitVRLittleEndian, traversal));
        assertEquals(List.of(), files());
    }

    @Test
    void anInvalidCommandUidIsAnswered0117() throws Exception {
        byte[] ds = DicomWriter.encode(instance(SC, "1.2.3.x"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals(Status.INVALID_OBJECT_INSTANCE, store("1.2.3.x", UID.ExplicitVRLittleEndian, ds));
        assertEquals(List.of(), files());
    }

    @Test
    void orphansOfAnInterruptedRunAreRemovedOnOpen() throws Exception {
        Path orphan = dir.resolve(".1.2.3.12.4711.part");
        Files.write(orphan, new byte[1000]);
        Path kept = dir.resolve("1.2.3.13.dcm");
        Files.write(kept, new byte[10]);
        FolderScp again = FolderScp.open(dir, false);
        again.close();
        assertEquals(1, again.orphansRemoved());
        assertFalse(Files.exists(orphan));
        assertTrue(Files.exists(kept), "stored instances stay");
    }

    @Test
    void aFolderThatCannotBeWrittenFailsOpenWithOneLine() throws Exception {
        Path file = tmp.resolve("plain-file");
        Files.write(file, new byte[1]);
        IOException e = assertThrows(IOException.class, () -> FolderScp.open(file, true));
        assertTrue(e.getMessage().contains("not a folder"), e.getMessage());
        IOException e2 = assertThrows(IOException.class, () -> FolderScp.open(file.resolve("sub"), true));
        assertTrue(e2.getMessage().startsWith(file.resolve("sub").toString()) && !e2.getMessage().contains("\n"),
                e2.getMessage());
    }

    @Test
    void theFolderPolicyAcceptsVerificationAndAnySopClassInTheKnownSyntaxesOnly() throws Exception {
        FolderScp scp = FolderScp.open(tmp.resolve("policy"), true);
        scp.close(); // nothing is stored through it
        try (DicomServer s = DicomServer.builder(PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0))
                .policy(FolderScp.acceptorPolicy().calledAeTitles("ARCHIVE").build())
                .handlers(DimseHandlers.builder().cstore(scp.handler(null, null)).build()).workers(1).build()) {
            s.start();
            Association a = Association.request(PlainTcp.connector(), new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), s.localPort()), AssociationRequest.builder("ARCHIVE", "SCU")
                    .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian)
                    .presentationContext("1.2.3.4.5.6", UID.JPEGLossless)
                    .presentationContext(SC, UID.HTJ2K)
                    .presentationContext(SC, "1.2.840.10008.1.2.4.110") // JPEG XL: not stored by the folder SCP
                    .build());
            try {
                assertTrue(a.presentationContexts().get(1).accepted());
                assertTrue(a.presentationContexts().get(3).accepted(), "any SOP class");
                assertTrue(a.presentationContexts().get(5).accepted());
                assertFalse(a.presentationContexts().get(7).accepted());
                assertEquals(16, FolderScp.TRANSFER_SYNTAXES.size());
                assertEquals(UID.ExplicitVRLittleEndian, FolderScp.TRANSFER_SYNTAXES.get(0));
            } finally {
                a.release();
            }
        }
    }
}
