package org.dicomsec.storage.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomReader;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.UID;
import org.dicomsec.iscl.Iscl;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.storage.Authorization;
import org.dicomsec.storage.Authorizer;
import org.dicomsec.storage.Certification;
import org.dicomsec.storage.Difference;
import org.dicomsec.storage.NoCoercionCheck;
import org.dicomsec.storage.SendIntent;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.TestData;
import org.dicomsec.storage.commitment.CommitmentRequest;
import org.dicomsec.storage.commitment.CommitmentResult;
import org.dicomsec.storage.commitment.FailedSopReference;
import org.dicomsec.storage.commitment.SopReference;
import org.dicomsec.storage.commitment.StorageCommitment;
import org.dicomsec.storage.store.DatasetDigest;
import org.dicomsec.storage.store.Provenance;
import org.dicomsec.storage.store.StoredInstance;
import org.dicomsec.tls.demo.DemoPki;
import org.dicomsec.tls.KeyMaterial;
import org.dicomsec.tls.TlsTransport;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.DimseReply;
import org.dicomsec.ul.dimse.CStoreRsp;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.transport.PlainTcp;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiving side over real loopback transports: rules e, f.2, g/h, d.3
 * (altered in transit under ISCL; altered above the transport), Storage
 * Commitment failure reasons, and the audit of association attempts.
 */
class ReceiverNetworkTest {

    static NetworkFixture.Pki pki;

    @TempDir
    Path dir;
    NetworkFixture f;
    final List<AutoCloseable> closeMe = new ArrayList<>();

    @BeforeAll
    static void pki() throws Exception {
        pki = new NetworkFixture.Pki();
    }

    @BeforeEach
    void setUp() throws Exception {
        f = new NetworkFixture(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closeMe.size() - 1; i >= 0; i--) {
            closeMe.get(i).close();
        }
        f.close();
    }

    private OnlineStorageScp scp(TransportAcceptor acceptor, UnaryOperator<OnlineStorageScp.Builder> more) {
        OnlineStorageScp scp = more.apply(OnlineStorageScp.builder(f.storeB, "STORE_B", acceptor, f.auditB, f.exec)
                .auditEvents(f.eventsB).peerPolicy(NetworkFixture.policy())).build();
        scp.start();
        closeMe.add(scp);
        return scp;
    }

    private String auditB() throws IOException {
        return Files.readString(dir.resolve("b-audit.log"), StandardCharsets.UTF_8);
    }

    private List<String> filesOfB() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("b").resolve("instances"))) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static byte[] encode(Dataset ds, TransferSyntax ts) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(bos, ts);
        w.writeDataset(ds);
        w.finish();
        return bos.toByteArray();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** A plain association from a requestor outside the profile, with a handler for N-EVENT-REPORTs. */
    private static Association raw(TransportConnector c, int port, BlockingQueue<Dataset> reports) throws IOException {
        AssociationRequest rq = AssociationRequest.builder("STORE_B", "RAW_SCU")
                .presentationContext(UID.Verification, UID.ExplicitVRLittleEndian)
                .presentationContext(TestData.CT_IMAGE_STORAGE, UID.ExplicitVRLittleEndian)
                .presentationContext(StorageCommitment.SOP_CLASS_UID, UID.ExplicitVRLittleEndian).build();
        return Association.request(c, NetworkFixture.loopback(port), rq, DimseHandlers.builder()
                .neventReport(StorageCommitment.SOP_CLASS_UID, (a, pc, r, ds) -> {
                    reports.add(ds);
                    return DimseReply.of(Status.OK);
                }).build());
    }

    /** Tees what the SCP decodes into {@code sink}: the bytes exactly as received. */
    private static UnaryOperator<InputStream> tee(ByteArrayOutputStream sink) {
        return in -> new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    sink.write(b);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    sink.write(b, off, n);
                }
                return n;
            }
        };
    }

    @Test
    void ruleE_authorizedCopy_overIscl() throws Exception {
        IsclConfig[] iscl = NetworkFixture.iscl(true, true);
        String uid = f.originalAtA(1024);
        f.storeA.authorize(uid, new Authorization("Dr. Auth", Certification.now("EQ-CERT-2")),
                Authorizer.of(java.util.Set.of("Dr. Auth")));
        OnlineStorageScp scp = scp(Iscl.acceptor(iscl[1], NetworkFixture.LOOPBACK, 0), b -> b);
        OnlineStorageScu scu = f.scu().build();
        TransferResult r = scu.send(new RemoteAe("STORE_B", NetworkFixture.loopback(scp.localPort()),
                Iscl.connector(iscl[0], NetworkFixture.ISCL_B)), List.of(uid), SendIntent.COPY);
        TransferResult.Instance i = r.instances().get(0);
        assertTrue(i.isSuccess(), i.reason());
        assertEquals('e', i.rule());
        assertEquals(Optional.of(SopInstanceStatus.AC), i.statusSent(), "e.3");
        assertEquals(null, r.transactionUid(), "a copy is not a transfer of the original");
        StoredInstance atB = f.storeB.get(uid).orElseThrow(); // e.3: the same SOP Instance UID
        assertEquals(Optional.of(SopInstanceStatus.AC), atB.status());
        assertEquals("iscl", atB.provenance().receivedOver());
        assertEquals(Optional.of(SopInstanceStatus.AO), f.storeA.get(uid).orElseThrow().status(), "A keeps the AO");
        assertTrue(auditB().contains("AC"));
    }

    /** B's SCP performing up to 4 C-STOREs of an association at once. */
    private OnlineStorageScp pipelinedScp() throws IOException {
        java.util.concurrent.ExecutorService stores = java.util.concurrent.Executors.newFixedThreadPool(4);
        closeMe.add(stores::shutdownNow);
        return scp(PlainTcp.acceptor(NetworkFixture.LOOPBACK, 0), b -> b.concurrentStores(4, stores));
    }

    private static AssociationRequest pipelinedRequest() {
        return AssociationRequest.builder("STORE_B", "RAW_SCU")
                .presentationContext(TestData.CT_IMAGE_STORAGE, UID.ExplicitVRLittleEndian)
                .asynchronousOperationsWindow(4, 1).build();
    }

    @Test
    void concurrentStores_pipelinedCopies_eachDurableAndAudited() throws Exception {
        OnlineStorageScp scp = pipelinedScp();
        AssociationRequest rq = pipelinedRequest();
        List<String> uids = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<CStoreRsp>> pending = new ArrayList<>();
        try (Association a = Association.request(PlainTcp.connector(), NetworkFixture.loopback(scp.localPort()), rq,
                DimseHandlers.builder().build())) {
            assertEquals(4, a.asynchronousOperationsWindow().maxOperationsInvoked(), "window negotiated");
            java.util.concurrent.CompletableFuture<CStoreRsp> refused = null;
            for (int i = 0; i < 20; i++) {
                Dataset ds = TestData.ctImage(TestData.newUid());
                String uid = ds.getString(Tag.SOPInstanceUID);
                if (i == 7) {
                    // among them, one whose data set is not the instance its request names (PS3.4 B.2.3):
                    // refused when its data set is read, the others unaffected
                    refused = a.cstoreAsync(TestData.CT_IMAGE_STORAGE, TestData.newUid(), UID.ExplicitVRLittleEndian,
                            new ByteArrayInputStream(encode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)));
                    continue;
                }
                uids.add(uid);
                pending.add(a.cstoreAsync(TestData.CT_IMAGE_STORAGE, uid, UID.ExplicitVRLittleEndian,
                        new ByteArrayInputStream(encode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))));
            }
            a.awaitResponses();
            for (var p : pending) {
                assertEquals(Status.SUCCESS, p.join().status().code());
            }
            Status no = refused.join().status();
            assertEquals(org.dicomsec.storage.service.StoreStatus.CANNOT_UNDERSTAND, no.code(), no.toString());
        }
        String audit = auditB();
        for (String uid : uids) {
            assertTrue(f.storeB.isDurablyStored(uid), uid);
            assertTrue(f.storeB.verify(uid), uid);
            assertTrue(audit.contains(uid), "audited: " + uid);
        }
        assertEquals(19, filesOfB().size(), "no temporary files left: " + filesOfB());
    }

    @Test
    void concurrentStores_anAssociationCutInADataSet_leavesNoIncomingFileAndLosesNoAnsweredInstance()
            throws Exception {
        OnlineStorageScp scp = pipelinedScp();
        AssociationRequest rq = pipelinedRequest();
        List<String> uids = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<CStoreRsp>> pending = new ArrayList<>();
        Association a = Association.request(PlainTcp.connector(), NetworkFixture.loopback(scp.localPort()), rq,
                DimseHandlers.builder().build());
        for (int i = 0; i < 6; i++) {
            Dataset ds = TestData.ctImage(TestData.newUid());
            ds.setBytes(Tag.PixelData, org.dicomsec.data.VR.OW, new byte[150_000]);
            uids.add(ds.getString(Tag.SOPInstanceUID));
            pending.add(a.cstoreAsync(TestData.CT_IMAGE_STORAGE, uids.get(i), UID.ExplicitVRLittleEndian,
                    new ByteArrayInputStream(encode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))));
        }
        // the seventh data set's source fails after one PDU of it is sent: the association ends in its middle
        Dataset cut = TestData.ctImage(TestData.newUid());
        cut.setBytes(Tag.PixelData, org.dicomsec.data.VR.OW, new byte[150_000]);
        byte[] bytes = encode(cut, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertTrue(bytes.length > 80_000, "more than one PDU: " + bytes.length);
        java.io.InputStream failing = TestData.failingAfter(bytes, 70_000);
        assertThrows(IOException.class, () -> a.cstoreAsync(TestData.CT_IMAGE_STORAGE,
                cut.getString(Tag.SOPInstanceUID), UID.ExplicitVRLittleEndian, failing).join());
        a.close();
        scp.close(); // ends the association's work: every commit in progress finishes first
        for (int i = 0; i < pending.size(); i++) {
            var p = pending.get(i);
            if (p.isDone() && !p.isCompletedExceptionally() && p.join().status().code() == Status.SUCCESS) {
                assertTrue(f.storeB.isDurablyStored(uids.get(i)), "answered success: " + uids.get(i));
                assertTrue(f.storeB.verify(uids.get(i)), uids.get(i));
            }
        }
        assertTrue(f.storeB.get(cut.getString(Tag.SOPInstanceUID)).isEmpty(), "the cut instance is not stored");
        assertTrue(filesOfB().stream().allMatch(n -> n.endsWith(".dcm")), "no incoming file left: " + filesOfB());
    }

    @Test
    void ruleF_receiverSetsNS_whenPlain() throws Exception {
        OnlineStorageScp scp = scp(PlainTcp.acceptor(NetworkFixture.LOOPBACK, 0), b -> b);
        Dataset or = NetworkFixture.original(256);
        String uid = or.getString(Tag.SOPInstanceUID);
        try (Association a = raw(PlainTcp.connector(), scp.localPort(), new LinkedBlockingQueue<>())) {
            CStoreRsp rsp = a.cstore(TestData.CT_IMAGE_STORAGE, uid, UID.ExplicitVRLittleEndian,
                    new ByteArrayInputStream(encode(or, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)));
            assertEquals(Status.SUCCESS, rsp.status().code());
        }
        assertEquals(Optional.of(SopInstanceStatus.NS), f.storeB.get(uid).orElseThrow().status(), "f.2");
        assertTrue(!f.storeB.get(uid).get().awaitingCommitment());

        // and an original from an ISCL peer whose keyring entry at B does not vouch for the profile
        IsclConfig[] iscl = NetworkFixture.iscl(false, true);
        OnlineStorageScp isclScp = scp(Iscl.acceptor(iscl[1], NetworkFixture.LOOPBACK, 0), b -> b);
        String uid2 = f.originalAtA(256);
        TransferResult r = f.scu().commitmentTimeout(Duration.ofSeconds(20)).build().send(new RemoteAe("STORE_B",
                NetworkFixture.loopback(isclScp.localPort()), Iscl.connector(iscl[0], NetworkFixture.ISCL_B)),
                List.of(uid2), SendIntent.TRANSFER_ORIGINAL);
        assertTrue(r.instances().get(0).isSuccess());
        assertEquals(Optional.of(SopInstanceStatus.NS), f.storeB.get(uid2).orElseThrow().status(), "f.2");
        assertEquals("OR", f.storeB.get(uid2).get().provenance().arrivedAs());
        assertTrue(auditB().contains("f.2"));
        // B did not become the holder: it does not confirm the transfer, and A keeps its original (c, d.5)
        assertEquals(List.of(new FailedSopReference(new SopReference(TestData.CT_IMAGE_STORAGE, uid2), 0x0110)),
                r.commitment().orElseThrow().failed());
        assertTrue(f.storeA.holdsAsOriginal(uid2));
    }

    @Test
    void ruleG_H_storedBytesEqualSentExceptStatus() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        OnlineStorageScp scp = scp(TlsTransport.acceptor(pki.tls(pki.nodeB), NetworkFixture.LOOPBACK, 0),
                b -> b.aboveTheTransport(tee(wire)));
        // 1. an original over TLS: stored exactly as sent, byte for byte
        String uid = f.originalAtA(4096);
        f.scu().commitmentTimeout(Duration.ofSeconds(20)).build().send(new RemoteAe("STORE_B",
                NetworkFixture.loopback(scp.localPort()), TlsTransport.connector(pki.tls(pki.nodeA))),
                List.of(uid), SendIntent.TRANSFER_ORIGINAL);
        byte[] sent = wire.toByteArray();
        Dataset sentDs = DicomReader.read(sent, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        StoredInstance atB = f.storeB.get(uid).orElseThrow();
        Dataset stored = f.storeB.read(uid).dataset();
        assertEquals(List.of(), NoCoercionCheck.diff(sentDs, stored), "g/h: every element as sent");
        assertEquals(sha256(sent), DatasetDigest.ofFile(atB.file()), "the stored data set bytes are the sent bytes");
        assertArrayEquals(sentDs.getBytes(0x00091002), stored.getBytes(0x00091002), "private element kept");
        assertEquals("private text value", stored.getString(0x00091001));
        assertEquals(sentDs.getString(0x00090010), stored.getString(0x00090010), "private creator kept");

        // 2. the same kind of instance over plain TCP: f.2 changes the status, and nothing else
        OnlineStorageScp plain = scp(PlainTcp.acceptor(NetworkFixture.LOOPBACK, 0), b -> b);
        Dataset or = NetworkFixture.original(4096);
        byte[] bytes = encode(or, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        try (Association a = raw(PlainTcp.connector(), plain.localPort(), new LinkedBlockingQueue<>())) {
            a.cstore(TestData.CT_IMAGE_STORAGE, or.getString(Tag.SOPInstanceUID), UID.ExplicitVRLittleEndian,
                    new ByteArrayInputStream(bytes));
        }
        Dataset storedNs = f.storeB.read(or.getString(Tag.SOPInstanceUID)).dataset();
        assertEquals(List.of(new Difference("(0100,0410)", Tag.SOPInstanceStatus, 0, Difference.Kind.VALUE_CHANGED)),
                NoCoercionCheck.diff(DicomReader.read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), storedNs));
        assertArrayEquals(or.getBytes(Tag.PixelData), storedNs.getBytes(Tag.PixelData));
        assertArrayEquals(or.getBytes(0x00091002), storedNs.getBytes(0x00091002));
    }

    @Test
    void ruleD3_alteredInTransit_rejectedAndDiscarded() throws Exception {
        // ISCL with integrity (DES-MAC) and privacy off: a relay flips one bit in the C-STORE data
        IsclConfig[] iscl = NetworkFixture.iscl(true, false);
        java.util.concurrent.CountDownLatch audited = new java.util.concurrent.CountDownLatch(1);
        org.dicomsec.storage.audit.AuditTrail signalling = m -> {
            f.auditB.record(m);
            if (m.event().eventTypeCodes().contains(org.dicomsec.storage.audit.AuditCode.DATA_INTEGRITY_FAILURE)) {
                audited.countDown();
            }
        };
        OnlineStorageScp scp = OnlineStorageScp.builder(f.storeB, "STORE_B",
                Iscl.acceptor(iscl[1], NetworkFixture.LOOPBACK, 0), signalling, f.exec).auditEvents(f.eventsB)
                .peerPolicy(NetworkFixture.policy()).build();
        scp.start();
        closeMe.add(scp);
        FlippingRelay relay = new FlippingRelay(scp.localPort(), 60_000, f.exec);
        closeMe.add(relay);
        String uid = f.originalAtA(128 * 1024);
        OnlineStorageScu scu = f.scu().build();
        IOException e = assertThrows(IOException.class, () -> scu.send(new RemoteAe("STORE_B", relay.address(),
                Iscl.connector(iscl[0], NetworkFixture.ISCL_B)), List.of(uid), SendIntent.TRANSFER_ORIGINAL));
        assertTrue(relay.flipped());
        assertTrue(String.valueOf(e.getMessage()).toLowerCase().contains("abort"), e.toString());
        assertEquals(List.of(), f.storeB.list(), "discarded");
        assertEquals(List.of(), filesOfB(), "nothing half-stored");
        assertTrue(audited.await(20, TimeUnit.SECONDS), "integrity failure audited");
        assertTrue(auditB().contains("provider reason 128"), auditB());
        // nothing lost at A: the original and the open transaction are still there
        assertTrue(f.storeA.holdsAsOriginal(uid));
        assertEquals(1, scu.pendingTransactions().size());
    }

    @Test
    void ruleD3_alteredAboveTheTransport_checksumMismatch_rejectedAndDiscarded() throws Exception {
        // the transport delivers intact bytes; a broken layer above it alters one byte before decoding
        UnaryOperator<InputStream> broken = in -> new FilterInputStream(in) {
            private long pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0 && pos <= 30_000 && 30_000 < pos + n) {
                    b[off + (int) (30_000 - pos)] ^= 0x01;
                }
                pos += Math.max(n, 0);
                return n;
            }
        };
        OnlineStorageScp scp = scp(TlsTransport.acceptor(pki.tls(pki.nodeB), NetworkFixture.LOOPBACK, 0),
                b -> b.aboveTheTransport(broken));
        String uid = f.originalAtA(64 * 1024);
        OnlineStorageScu scu = f.scu().build();
        TransferResult r = scu.send(new RemoteAe("STORE_B", NetworkFixture.loopback(scp.localPort()),
                TlsTransport.connector(pki.tls(pki.nodeA))), List.of(uid), SendIntent.TRANSFER_ORIGINAL);
        assertEquals(Status.PROCESSING_FAILURE, r.instances().get(0).status(), r.instances().get(0).reason());
        assertTrue(r.instances().get(0).reason().contains("checksum mismatch"), r.instances().get(0).reason());
        assertEquals(List.of(), f.storeB.list());
        assertEquals(List.of(), filesOfB());
        assertTrue(auditB().contains("DS-001"));
        assertTrue(f.storeA.holdsAsOriginal(uid), "not committed: A keeps the original");
        assertEquals(List.of(), scu.pendingTransactions(), "nothing arrived: no commitment to wait for");
    }

    @Test
    void commitmentReportsOnlyDurablyStored_unknownInstanceFails0112() throws Exception {
        OnlineStorageScp scp = scp(TlsTransport.acceptor(pki.tls(pki.nodeB), NetworkFixture.LOOPBACK, 0), b -> b);
        String[] uids = new String[3];
        for (int i = 0; i < 3; i++) {
            Dataset ds = NetworkFixture.original(2048);
            ds.setString(Tag.SOPInstanceStatus, org.dicomsec.data.VR.CS, "NS");
            f.storeB.store(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
            uids[i] = ds.getString(Tag.SOPInstanceUID);
        }
        Files.delete(f.storeB.get(uids[1]).orElseThrow().file()); // gone from the disk behind the store's back
        Path damaged = f.storeB.get(uids[2]).orElseThrow().file();
        byte[] b = Files.readAllBytes(damaged);
        b[b.length - 5] ^= 0x40; // a bit flipped on the disk
        Files.write(damaged, b);
        String unknown = TestData.newUid();
        String tx = org.dicomsec.data.UID.randomUID();
        BlockingQueue<Dataset> reports = new LinkedBlockingQueue<>();
        Association a = raw(TlsTransport.connector(pki.tls(pki.nodeA)), scp.localPort(), reports);
        try {
            List<SopReference> refs = new ArrayList<>();
            for (String u : new String[] {uids[0], uids[1], uids[2], unknown}) {
                refs.add(new SopReference(TestData.CT_IMAGE_STORAGE, u));
            }
            assertTrue(a.naction(StorageCommitment.SOP_CLASS_UID, StorageCommitment.WELL_KNOWN_INSTANCE_UID, 1,
                    new CommitmentRequest(tx, refs).toDataset()).response().status().isSuccess());
            f.exec.execute(() -> {
                try {
                    a.serve();
                } catch (IOException ignored) {
                    // the test's assertions see the outcome
                }
            });
            Dataset report = reports.poll(20, TimeUnit.SECONDS);
            CommitmentResult r = CommitmentResult.fromDataset(report);
            assertEquals(tx, r.transactionUid());
            assertEquals(List.of(new SopReference(TestData.CT_IMAGE_STORAGE, uids[0])), r.committed());
            assertEquals(List.of(
                    new FailedSopReference(new SopReference(TestData.CT_IMAGE_STORAGE, uids[1]), 0x0112),
                    new FailedSopReference(new SopReference(TestData.CT_IMAGE_STORAGE, uids[2]), 0x0110),
                    new FailedSopReference(new SopReference(TestData.CT_IMAGE_STORAGE, unknown), 0x0112)),
                    r.failed());
            assertEquals(StorageCommitment.EVENT_TYPE_FAILURES_EXIST, r.eventTypeId());
            a.cecho();
        } finally {
            a.close();
        }
    }

    @Test
    void audit_associationAcceptedAndRefused_withPeerIdentity() throws Exception {
        OnlineStorageScp scp = scp(TlsTransport.acceptor(pki.tls(pki.nodeB), NetworkFixture.LOOPBACK, 0),
                b -> b.onlyConformingPeers(true));
        BlockingQueue<Dataset> none = new LinkedBlockingQueue<>();
        try (Association a = raw(TlsTransport.connector(pki.tls(pki.nodeA)), scp.localPort(), none)) {
            assertTrue(a.cecho().status().isSuccess());
        }
        // a peer of the trusted CA whose certificate names no profile policy: dropped after the handshake
        assertThrows(IOException.class, () -> raw(TlsTransport.connector(pki.tls(pki.noPolicy)), scp.localPort(),
                none));
        // a certificate from another CA: the TLS handshake fails
        KeyMaterial stranger = DemoPki.generate("Stranger CA").client();
        assertThrows(IOException.class, () -> raw(TlsTransport.connector(pki.tls(stranger)), scp.localPort(), none));
        // the wrong called AE title: A-ASSOCIATE-RJ
        assertThrows(IOException.class, () -> Association.request(TlsTransport.connector(pki.tls(pki.nodeA)),
                NetworkFixture.loopback(scp.localPort()), AssociationRequest.builder("NOT_B", "RAW_SCU")
                        .presentationContext(UID.Verification, UID.ExplicitVRLittleEndian).build()));
        List<String> lines = auditB().lines().toList();
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("110122") && lines.get(0).contains("RAW_SCU")
                && lines.get(0).contains("store-a"), lines.get(0));
        assertTrue(lines.get(1).contains("110126") && lines.get(1).contains("no accepted policy"), lines.get(1));
        assertTrue(lines.get(2).contains("110126") && lines.get(2).contains("transport handshake failed"),
                lines.get(2));
        assertTrue(lines.get(3).contains("110126") && lines.get(3).contains("A-ASSOCIATE-RJ result 1, source 1,"
                + " reason 7"), lines.get(3));
    }
}
