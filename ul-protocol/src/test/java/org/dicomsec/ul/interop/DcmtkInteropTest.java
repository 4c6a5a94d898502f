package org.dicomsec.ul.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFileWriter;
import org.dicomsec.data.DicomReader;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.FileMetaInformation;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.UID;
import org.dicomsec.data.VR;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.DicomFiles;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.dimse.CStoreRsp;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.net.DicomServer;
import org.dicomsec.ul.transport.PlainTcp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** This implementation against DCMTK 3.6.x (echoscu, storescu, storescp), peers no one here wrote. */
@org.junit.jupiter.api.Tag("interop")
class DcmtkInteropTest {
    static final String SC = UID.SecondaryCaptureImageStorage;

    @TempDir
    Path dir;

    record Received(String transferSyntax, byte[] bytes) {
    }

    static Dataset instance(String uid, int pixels) {
        Dataset ds = new Dataset();
        ds.setString(org.dicomsec.data.Tag.SOPClassUID, VR.UI, SC);
        ds.setString(org.dicomsec.data.Tag.SOPInstanceUID, VR.UI, uid);
        ds.setString(0x00080060, VR.CS, "OT");
        ds.setString(0x00100010, VR.PN, "Interop^Test");
        ds.setString(0x0020000D, VR.UI, "1.2.826.0.1.3680043.2.1125.1");
        ds.setString(0x0020000E, VR.UI, "1.2.826.0.1.3680043.2.1125.2");
        ds.setInt(0x00280002, VR.US, 1);
        ds.setString(0x00280004, VR.CS, "MONOCHROME2");
        ds.setInt(0x00280010, VR.US, 64);
        ds.setInt(0x00280011, VR.US, pixels / 128);
        ds.setInt(0x00280100, VR.US, 16);
        ds.setInt(0x00280101, VR.US, 16);
        ds.setInt(0x00280102, VR.US, 15);
        ds.setInt(0x00280103, VR.US, 0);
        byte[] px = new byte[pixels];
        new java.util.Random(uid.hashCode()).nextBytes(px);
        ds.setBytes(0x7FE00010, VR.OW, px);
        return ds;
    }

    Path writeFile(Dataset ds, String tsUid) throws IOException {
        Path f = dir.resolve(ds.getString(org.dicomsec.data.Tag.SOPInstanceUID) + ".dcm");
        try (OutputStream out = Files.newOutputStream(f)) {
            DicomWriter w = DicomFileWriter.open(out, FileMetaInformation.createFor(ds, tsUid));
            w.writeDataset(ds);
            w.finish();
        }
        return f;
    }

    static DicomServer server(Map<String, Received> received) throws IOException {
        AcceptorPolicy policy = AcceptorPolicy.builder().calledAeTitles("DICOMSEC")
                .abstractSyntax(UID.Verification, UID.ImplicitVRLittleEndian)
                .anyAbstractSyntax(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian, UID.ExplicitVRBigEndian)
                .build();
        DimseHandlers h = DimseHandlers.builder().cstore((a, pc, rq, in) -> {
            received.put(rq.affectedSopInstanceUid(), new Received(pc.transferSyntax(), in.readAllBytes()));
            return Status.OK;
        }).build();
        DicomServer s = new DicomServer(PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0), policy, h,
                AssociationSettings.DEFAULT.withArtimTimeout(Duration.ofSeconds(3)), 2);
        s.start();
        return s;
    }

    @Test
    void echoscuAgainstOurServer() throws Exception {
        try (DicomServer s = server(new ConcurrentHashMap<>())) {
            Dcmtk.Result r = Dcmtk.run(30, "echoscu", "-v", "-aet", "DCMTK", "-aec", "DICOMSEC", "127.0.0.1",
                    String.valueOf(s.localPort()));
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("Received Echo Response (Success)"), r.output());
        }
    }

    @Test
    void echoscuSeesRejectionForWrongCalledAeTitle() throws Exception {
        try (DicomServer s = server(new ConcurrentHashMap<>())) {
            Dcmtk.Result r = Dcmtk.run(30, "echoscu", "-aet", "DCMTK", "-aec", "NOT_US", "127.0.0.1",
                    String.valueOf(s.localPort()));
            assertNotEquals(0, r.exitCode(), r.output());
            String out = r.output().toLowerCase();
            assertTrue(out.contains("rejected permanent") && out.contains("service user")
                    && out.contains("called ae title not recognized"), r.output());
        }
    }

    @Test
    void storescuInSeveralTransferSyntaxes() throws Exception {
        Map<String, Received> received = new ConcurrentHashMap<>();
        Map<String, String> options = Map.of("-xe", UID.ExplicitVRLittleEndian, "-xi", UID.ImplicitVRLittleEndian,
                "-xb", UID.ExplicitVRBigEndian);
        try (DicomServer s = server(received)) {
            int n = 0;
            for (var e : options.entrySet()) {
                String uid = "1.2.826.0.1.3680043.2.1125.9." + (++n);
                Dataset ds = instance(uid, 64 * 1024 + 256);
                // the file is in the transfer syntax the option prefers, so storescu sends it unchanged
                Path f = writeFile(ds, e.getValue());
                Dcmtk.Result r = Dcmtk.run(60, "storescu", e.getKey(), "-aet", "DCMTK", "-aec", "DICOMSEC",
                        "--max-pdu", "8192", "127.0.0.1", String.valueOf(s.localPort()), f.toString());
                assertEquals(0, r.exitCode(), r.output());
                Received got = received.get(uid);
                assertEquals(e.getValue(), got.transferSyntax(), e.getKey());
                Dataset back = DicomReader.read(got.bytes(), TransferSyntax.of(got.transferSyntax()));
                assertEquals(ds.get(0x7FE00010).length(), back.get(0x7FE00010).length());
                assertArrayEquals(ds.get(0x7FE00010).bytes(false), back.get(0x7FE00010).bytes(false), e.getKey());
                assertEquals(uid, back.getString(org.dicomsec.data.Tag.SOPInstanceUID));
                // same transfer syntax as the file: the data set travels unchanged
                byte[] mine = DicomWriter.encode(ds, TransferSyntax.of(e.getValue()));
                assertArrayEquals(mine, got.bytes(), e.getKey() + " " + java.util.HexFormat.of().formatHex(mine, 0, 32) + " vs " + java.util.HexFormat.of().formatHex(got.bytes(), 0, 32) + " " + mine.length + "/" + got.bytes().length);
            }
        }
    }

    @Test
    void storescuSeesAbort() throws Exception {
        AcceptorPolicy policy = AcceptorPolicy.builder().anyAbstractSyntax(UID.ExplicitVRLittleEndian,
                UID.ImplicitVRLittleEndian).build();
        DimseHandlers h = DimseHandlers.builder().cstore((a, pc, rq, in) -> {
            a.abort();
            return Status.OK;
        }).build();
        try (DicomServer s = new DicomServer(PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0), policy, h,
                AssociationSettings.DEFAULT.withArtimTimeout(Duration.ofSeconds(2)), 1)) {
            s.start();
            Path f = writeFile(instance("1.2.826.0.1.3680043.2.1125.8.1", 4096), UID.ExplicitVRLittleEndian);
            Dcmtk.Result r = Dcmtk.run(60, "storescu", "-aec", "ANY", "127.0.0.1", String.valueOf(s.localPort()),
                    f.toString());
            assertNotEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().toLowerCase().contains("abort"), r.output());
        }
    }

    @Test
    void ourScuAgainstStorescpBitPreserving() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        Path out = Files.createDirectories(dir.resolve("out"));
        Process p = Dcmtk.start(dir.resolve("storescp.log"), "storescp", "+B", "-aet", "STORESCP", "-od",
                out.toString(), "--max-pdu", "16384", String.valueOf(port));
        try {
            waitListening(port);
            Path[] files = {
                writeFile(instance("1.2.826.0.1.3680043.2.1125.7.1", 100_000), UID.ExplicitVRLittleEndian),
                writeFile(instance("1.2.826.0.1.3680043.2.1125.7.2", 70_000), UID.ImplicitVRLittleEndian)};
            AssociationRequest rq = AssociationRequest.builder("STORESCP", "DICOMSEC")
                    .presentationContext(SC, UID.ExplicitVRLittleEndian)
                    .presentationContext(SC, UID.ImplicitVRLittleEndian)
                    .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build();
            Association a = Association.request(PlainTcp.connector(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port), rq);
            assertTrue(a.cecho().status().isSuccess());
            for (Path f : files) {
                CStoreRsp rsp = a.cstore(f);
                assertTrue(rsp.status().isSuccess(), rsp.status().toString());
            }
            a.release();
            for (Path f : files) {
                DicomFiles.Info sent = DicomFiles.inspect(f);
                Path stored;
                try (Stream<Path> s = Files.list(out)) {
                    stored = s.filter(x -> x.getFileName().toString().contains(sent.sopInstanceUid())).findFirst()
                            .orElseThrow(() -> new AssertionError("not stored: " + sent.sopInstanceUid()));
                }
                DicomFiles.Info got = DicomFiles.inspect(stored);
                assertEquals(sent.transferSyntaxUid(), got.transferSyntaxUid());
                byte[] a1;
                byte[] a2;
                try (InputStream i1 = DicomFiles.openDataSet(f, sent); InputStream i2 = DicomFiles.openDataSet(stored, got)) {
                    a1 = i1.readAllBytes();
                    a2 = i2.readAllBytes();
                }
                assertArrayEquals(a1, a2, "data set of " + f.getFileName());
            }
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    /** PS3.7 D.3.3.3 with a peer that does not negotiate the window: one at a time, as before. */
    @Test
    void storescuIntoAServerWithConcurrentStores() throws Exception {
        Map<String, Received> received = new ConcurrentHashMap<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        AcceptorPolicy policy = AcceptorPolicy.builder().anyAbstractSyntax(UID.ExplicitVRLittleEndian,
                UID.ImplicitVRLittleEndian).build();
        DimseHandlers h = DimseHandlers.builder().cstore((a, pc, rq, in) -> {
            received.put(rq.affectedSopInstanceUid(), new Received(pc.transferSyntax(), in.readAllBytes()));
            return Status.OK;
        }).concurrentStores(4, pool).build();
        try (DicomServer s = new DicomServer(PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0), policy, h,
                AssociationSettings.DEFAULT.withArtimTimeout(Duration.ofSeconds(3)), 1)) {
            s.start();
            java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("storescu", "-aec", "ANY",
                    "127.0.0.1", String.valueOf(s.localPort())));
            for (int i = 1; i <= 5; i++) {
                cmd.add(writeFile(instance("1.2.826.0.1.3680043.2.1125.6." + i, 20_000 + i * 128),
                        UID.ExplicitVRLittleEndian).toString());
            }
            Dcmtk.Result r = Dcmtk.run(60, cmd.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.output());
            assertEquals(5, received.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pipeliningScuAgainstStorescpGoesOneAtATime() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        Path out = Files.createDirectories(dir.resolve("out"));
        Process p = Dcmtk.start(dir.resolve("storescp.log"), "storescp", "+B", "-aet", "STORESCP", "-od",
                out.toString(), String.valueOf(port));
        try {
            waitListening(port);
            AssociationRequest rq = AssociationRequest.builder("STORESCP", "DICOMSEC")
                    .presentationContext(SC, UID.ExplicitVRLittleEndian).asynchronousOperationsWindow(8, 1).build();
            Association a = Association.request(PlainTcp.connector(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port), rq);
            assertEquals(new org.dicomsec.ul.pdu.AsynchronousOperationsWindow(1, 1), a.asynchronousOperationsWindow(),
                    "storescp answers no window: 1/1");
            java.util.List<java.util.concurrent.CompletableFuture<CStoreRsp>> f = new java.util.ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                Path file = writeFile(instance("1.2.826.0.1.3680043.2.1125.5." + i, 30_000), UID.ExplicitVRLittleEndian);
                DicomFiles.Info info = DicomFiles.inspect(file);
                try (InputStream in = DicomFiles.openDataSet(file, info)) {
                    f.add(a.cstoreAsync(SC, info.sopInstanceUid(), info.transferSyntaxUid(), in));
                }
            }
            a.awaitResponses();
            for (var r : f) {
                assertTrue(r.join().status().isSuccess(), r.join().status().toString());
            }
            a.release();
            try (Stream<Path> s = Files.list(out)) {
                assertEquals(4, s.count());
            }
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    static void waitListening(int port) throws Exception {
        long end = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }
}
