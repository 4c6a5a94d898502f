package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFileWriter;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.FileMetaInformation;
import org.dicomsec.data.UID;
import org.dicomsec.ul.dimse.CStoreRsp;
import org.dicomsec.ul.dimse.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileSender}: a folder of files in one association, pipelined, each answered or named as not sent. */
class FileSenderTest {
    @TempDir
    Path dir;

    private Path write(String name, Dataset ds, String ts) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(f)) {
            DicomWriter w = DicomFileWriter.open(out, FileMetaInformation.createFor(ds, ts));
            w.writeDataset(ds);
            w.finish();
        }
        return f;
    }

    @Test
    void sendsEveryFileWithItsBytes_pipelined_andNamesWhatThePeerCannotTake() throws Exception {
        List<Dataset> sets = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Dataset ds = TestData.instance("1.2.3.9." + (i + 1), 20_000 + 998 * i, i);
            sets.add(ds);
            write(String.format("f%02d.dcm", i), ds, UID.ExplicitVRLittleEndian);
        }
        // the SCP takes Explicit VR Little Endian only: this one is not sent
        write("z-implicit.dcm", TestData.instance("1.2.3.9.99", 1000, 99), UID.ImplicitVRLittleEndian);
        Map<String, byte[]> received = new ConcurrentHashMap<>();
        ExecutorService stores = Executors.newFixedThreadPool(4);
        AcceptorPolicy policy = AcceptorPolicy.builder()
                .abstractSyntax(UID.SecondaryCaptureImageStorage, UID.ExplicitVRLittleEndian).build();
        DimseHandlers handlers = DimseHandlers.builder().cstore((a, pc, rq, in) -> {
            received.put(rq.affectedSopInstanceUid(), in.readAllBytes());
            return rq.affectedSopInstanceUid().endsWith(".5") ? Status.failure(0xA700, "full") : Status.OK;
        }).concurrentStores(4, stores).build();
        List<DicomFiles.Found> files = DicomFiles.collect(List.of(dir), (f, e) -> { });
        assertEquals(13, files.size());
        List<String> answered = Collections.synchronizedList(new ArrayList<>());
        List<String> failed = new ArrayList<>();
        List<String> notSent = new ArrayList<>();
        long[] counted = {0};
        try (Loopback scp = new Loopback(policy, handlers, Loopback.quick(), 2)) {
            AssociationRequest rq = AssociationRequest.builder("ANY", "SENDER")
                    .presentationContextsFor(files.stream().map(DicomFiles.Found::info).toList())
                    .asynchronousOperationsWindow(4, 1).build();
            try (Association a = scp.connect(rq)) {
                assertEquals(4, a.asynchronousOperationsWindow().maxOperationsInvoked());
                FileSender.send(a, files, new FileSender.Listener() {
                    @Override
                    public void answered(DicomFiles.Found file, CStoreRsp rsp) {
                        answered.add(file.info().sopInstanceUid());
                        if (!rsp.status().isSuccess()) {
                            failed.add(file.info().sopInstanceUid() + " " + Integer.toHexString(rsp.status().code()));
                        }
                    }

                    @Override
                    public void notSent(DicomFiles.Found file, String reason) {
                        notSent.add(file.file().getFileName() + ": " + reason);
                    }

                    @Override
                    public InputStream sending(DicomFiles.Found file, InputStream dataSet) {
                        counted[0] += file.info().length() - file.info().dataSetOffset();
                        return dataSet;
                    }
                });
                a.release();
            }
        } finally {
            stores.shutdownNow();
        }
        assertEquals(12, answered.size(), "every file sent was answered before send returned");
        assertEquals(List.of("1.2.3.9.5 a700"), failed);
        assertEquals(1, notSent.size());
        assertEquals("z-implicit.dcm: the peer accepted no context for 1.2.840.10008.5.1.4.1.1.7 (Secondary Capture "
                + "Image Storage) in 1.2.840.10008.1.2 (Implicit VR Little Endian)", notSent.get(0));
        long bytes = 0;
        for (int i = 0; i < 12; i++) {
            byte[] expect = TestData.encode(sets.get(i), UID.ExplicitVRLittleEndian);
            assertArrayEquals(expect, received.get("1.2.3.9." + (i + 1)), "instance " + (i + 1));
            bytes += expect.length;
        }
        assertEquals(bytes, counted[0]);
    }

    @Test
    void batchesKeepOrderAndStayUnderTheBudget_anOversizeFileAlone() throws Exception {
        List<DicomFiles.Found> files = new ArrayList<>();
        int[] sizes = {100_000, 100_000, 100_000, 500_000, 50_000, 50_000};
        for (int i = 0; i < sizes.length; i++) {
            write(String.format("b%02d.dcm", i), TestData.instance("1.2.3.8." + (i + 1), sizes[i], i),
                    UID.ExplicitVRLittleEndian);
        }
        files.addAll(DicomFiles.collect(List.of(dir), (f, e) -> { }));
        long budget = 250_000;
        List<List<DicomFiles.Found>> runs = FileSender.batches(files, budget);
        assertEquals(files, runs.stream().flatMap(List::stream).toList(), "every file once, in order");
        assertEquals(List.of(2, 1, 1, 2), runs.stream().map(List::size).toList());
        for (List<DicomFiles.Found> run : runs) {
            long bytes = run.stream().mapToLong(f -> f.info().length() - f.info().dataSetOffset()
                    + FileSender.PER_FILE_OVERHEAD).sum();
            assertTrue(bytes <= budget || run.size() == 1, run + ": " + bytes);
        }
        assertEquals(List.of(files), FileSender.batches(files, Long.MAX_VALUE));
    }

    @Test
    void eachRunGoesOverAnAssociationOfItsOwn_released_andAFailedRequestEndsTheSend() throws Exception {
        int[] sizes = {100_000, 100_000, 100_000, 100_000, 50_000};
        for (int i = 0; i < sizes.length; i++) {
            write(String.format("r%02d.dcm", i), TestData.instance("1.2.3.7." + (i + 1), sizes[i], i),
                    UID.ExplicitVRLittleEndian);
        }
        List<DicomFiles.Found> files = DicomFiles.collect(List.of(dir), (f, e) -> { });
        List<List<DicomFiles.Found>> runs = FileSender.batches(files, 250_000);
        assertEquals(List.of(2, 2, 1), runs.stream().map(List::size).toList());
        Map<String, Association> seenOn = new ConcurrentHashMap<>();
        AcceptorPolicy policy = AcceptorPolicy.builder()
                .abstractSyntax(UID.SecondaryCaptureImageStorage, UID.ExplicitVRLittleEndian).build();
        DimseHandlers handlers = DimseHandlers.builder().cstore((a, pc, rq, in) -> {
            in.readAllBytes();
            seenOn.put(rq.affectedSopInstanceUid(), a);
            return Status.OK;
        }).build();
        List<String> answered = Collections.synchronizedList(new ArrayList<>());
        AssociationRequest rq = AssociationRequest.builder("ANY", "SENDER")
                .presentationContextsFor(files.stream().map(DicomFiles.Found::info).toList()).build();
        try (Loopback scp = new Loopback(policy, handlers, Loopback.quick(), 2)) {
            FileSender.send(org.dicomsec.ul.transport.PlainTcp.connector(), scp.address(), rq, runs,
                    (file, rsp) -> answered.add(file.info().sopInstanceUid()));
        }
        assertEquals(files.stream().map(f -> f.info().sopInstanceUid()).toList(), answered, "all, in order");
        for (List<DicomFiles.Found> run : runs) {
            Association first = seenOn.get(run.get(0).info().sopInstanceUid());
            assertTrue(run.stream().allMatch(f -> seenOn.get(f.info().sopInstanceUid()) == first), "one run, one association");
        }
        assertEquals(3, new java.util.HashSet<>(seenOn.values()).size(), "three runs, three associations");

        java.net.InetSocketAddress closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), s.getLocalPort());
        }
        List<String> none = new ArrayList<>();
        assertThrows(IOException.class, () -> FileSender.send(org.dicomsec.ul.transport.PlainTcp.connector(),
                closed, rq, runs, (file, rsp) -> none.add(file.info().sopInstanceUid())));
        assertEquals(List.of(), none);
    }
    @Test
    void aDataSetOfOddLengthIsDamaged_unlessDeflated() {
        String ct = UID.CTImageStorage;
        assertEquals(null, FileSender.damaged(new DicomFiles.Info(ct, "1.2.3", UID.ExplicitVRLittleEndian, 144, 1144)));
        String cut = FileSender.damaged(new DicomFiles.Info(ct, "1.2.3", UID.ExplicitVRLittleEndian, 144, 1143));
        assertTrue(cut != null && cut.startsWith("its data set is 999 bytes long, an odd length that no data set in "
                + UID.ExplicitVRLittleEndian + " (Explicit VR Little Endian) has"), cut);
        assertTrue(FileSender.damaged(new DicomFiles.Info(ct, "1.2.3", UID.ImplicitVRLittleEndian, 0, 7)) != null);
        assertTrue(FileSender.damaged(new DicomFiles.Info(ct, "1.2.3", UID.JPEGBaseline8Bit, 132, 1001)) != null);
        // a deflated stream has any length; a private transfer syntax is not judged
        assertEquals(null, FileSender.damaged(new DicomFiles.Info(ct, "1.2.3", UID.DeflatedExplicitVRLittleEndian,
                144, 1143)));
        assertEquals(null, FileSender.damaged(new DicomFiles.Info(ct, "1.2.3", "1.2.826.0.1.3680043.2.1125.77",
                144, 1143)));
    }
}
