package org.dicomsec.storage.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomReader;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.storage.Certification;
import org.dicomsec.storage.Difference;
import org.dicomsec.storage.NoCoercionCheck;
import org.dicomsec.storage.OriginalCreator;
import org.dicomsec.storage.PeerPolicy;
import org.dicomsec.storage.ProfileViolationException;
import org.dicomsec.storage.SendIntent;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.TestData;
import org.dicomsec.storage.TransferContext;
import org.dicomsec.storage.TransferRules;
import org.dicomsec.storage.audit.AuditEvents;
import org.dicomsec.storage.audit.FileAuditTrail;
import org.dicomsec.storage.commitment.CommitmentEvaluator;
import org.dicomsec.storage.commitment.CommitmentRequest;
import org.dicomsec.storage.commitment.CommitmentResult;
import org.dicomsec.storage.commitment.SopReference;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.storage.store.Provenance;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.SecurityDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sender and receiver of the profile wired to real stores and audit files: the
 * whole of rules c-h for one transfer, with the network replaced by encoding
 * and decoding the data set bytes (the Association layer comes in phase two).
 */
class OnlineStorageServiceTest {

    @TempDir
    Path dir;

    private static final SecurityDescription ISCL = new SecurityDescription(true, "iscl", "ISCL 1.00", "DES-MAC", false);
    private static final PeerIdentity NODE_A = new PeerIdentity(PeerIdentity.Kind.ISCL_ENTITY, "NODE-A", List.of(),
            Map.of(PeerPolicy.ISCL_PROFILE_ATTRIBUTE, "true"));
    private static final PeerIdentity NODE_B = new PeerIdentity(PeerIdentity.Kind.ISCL_ENTITY, "NODE-B", List.of(),
            Map.of(PeerPolicy.ISCL_PROFILE_ATTRIBUTE, "true"));

    private InstanceStore storeA;
    private InstanceStore storeB;
    private FileAuditTrail auditA;
    private FileAuditTrail auditB;
    private OnlineStorageSender sender;
    private OnlineStorageReceiver receiver;

    @BeforeEach
    void setUp() throws Exception {
        storeA = InstanceStore.open(dir.resolve("a"));
        storeB = InstanceStore.open(dir.resolve("b"));
        auditA = new FileAuditTrail(dir.resolve("a-audit.log"));
        auditB = new FileAuditTrail(dir.resolve("b-audit.log"));
        sender = new OnlineStorageSender(storeA, TransferRules.defaults(), auditA,
                new AuditEvents("STORE_A", "127.0.0.1", "store-a", Clock.systemUTC()));
        receiver = new OnlineStorageReceiver(storeB, TransferRules.defaults(), auditB,
                new AuditEvents("STORE_B", "127.0.0.1", "store-b", Clock.systemUTC()));
    }

    @AfterEach
    void tearDown() throws Exception {
        auditA.close();
        auditB.close();
    }

    private static byte[] wire(Dataset ds, TransferSyntax ts) throws Exception {
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(bos, ts);
        w.writeDataset(ds);
        w.finish();
        return bos.toByteArray();
    }

    private static String sha256(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    private String originalAtA() throws Exception {
        Dataset or = OriginalCreator.createOriginal(TestData.ctImage(TestData.newUid()), Certification.now("EQ"), null);
        storeA.store(or, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
        return or.getString(Tag.SOPInstanceUID);
    }

    @Test
    void ruleD_wholeTransferOfTheOriginal_overIscl_thenCommitment() throws Exception {
        String uid = originalAtA();
        TransferContext atA = TransferContext.of(ISCL, NODE_B, PeerPolicy.strict());
        TransferContext atB = TransferContext.of(ISCL, NODE_A, PeerPolicy.strict());
        OnlineStorageSender.Prepared p = sender.prepare(uid, SendIntent.TRANSFER_ORIGINAL, atA);
        assertTrue(p.decision().commitmentRequired());
        byte[] bytes = wire(p.dataset(), p.ts());

        ReceiveOutcome o = receiver.receive(DicomReader.read(bytes, p.ts()), p.ts(), sha256(bytes), atB,
                new AuditEvents.Peer("STORE_A", NODE_A, "127.0.0.1"), "iscl");
        assertEquals(StoreStatus.SUCCESS, o.status(), o.reason());
        sender.sent(p, new AuditEvents.Peer("STORE_B", NODE_B, "127.0.0.1"), o.status());
        assertEquals(Optional.of(SopInstanceStatus.OR), o.stored().orElseThrow().status());
        assertTrue(o.stored().get().awaitingCommitment());
        assertEquals(sha256(bytes), o.stored().get().digest(), "stored bytes are the received bytes");
        // d.4: B may not forward it yet
        assertThrows(ProfileViolationException.class, () -> new OnlineStorageSender(storeB, TransferRules.defaults(),
                auditB, new AuditEvents("STORE_B", null, "b", Clock.systemUTC()))
                .prepare(uid, SendIntent.COPY, atB));

        // commitment: B evaluates and confirms, A applies d.5 (OR -> NS); B is the one holder now (c)
        CommitmentEvaluator ev = new CommitmentEvaluator(storeB, c -> true);
        CommitmentResult r = ev.evaluate(new CommitmentRequest("1.2.3.77",
                List.of(new SopReference(TestData.CT_IMAGE_STORAGE, uid))));
        ev.confirmed(r);
        sender.commitmentReceived(r, Set.of(uid), new AuditEvents.Peer("STORE_B", NODE_B, "127.0.0.1"));
        assertFalse(storeA.holdsAsOriginal(uid));
        assertEquals(Optional.of(SopInstanceStatus.NS), storeA.get(uid).orElseThrow().status());
        assertTrue(storeB.holdsAsOriginal(uid));
        assertFalse(storeB.get(uid).orElseThrow().awaitingCommitment());

        String logA = Files.readString(dir.resolve("a-audit.log"), StandardCharsets.UTF_8);
        String logB = Files.readString(dir.resolve("b-audit.log"), StandardCharsets.UTF_8);
        assertEquals(3, logA.lines().count(), logA); // sent, commitment result, d.5 status change
        assertTrue(logA.contains("csd-code=\"110135\""));
        assertTrue(logB.contains("csd-code=\"110104\"") && logB.contains("EventActionCode=\"C\""));
    }

    @Test
    void ruleF_ruleG_ruleH_plainTcpCopy_storedAsNS_everythingElseByteIdentical() throws Exception {
        String uid = originalAtA();
        TransferContext plain = TransferContext.of(SecurityDescription.PLAIN, PeerIdentity.NONE, PeerPolicy.strict());
        assertThrows(ProfileViolationException.class, () -> sender.prepare(uid, SendIntent.TRANSFER_ORIGINAL, plain));
        OnlineStorageSender.Prepared p = sender.prepare(uid, SendIntent.COPY, plain);
        assertEquals("NS", p.dataset().getString(Tag.SOPInstanceStatus), "f.1");
        TransferSyntax ts = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
        byte[] bytes = wire(p.dataset(), ts);
        Dataset received = DicomReader.read(bytes, ts);
        ReceiveOutcome o = receiver.receive(received, ts, sha256(bytes), plain,
                new AuditEvents.Peer("ANY", PeerIdentity.NONE, "127.0.0.9"), "plain");
        assertEquals(StoreStatus.SUCCESS, o.status(), o.reason());
        assertEquals('f', o.rule());
        // g/h: the stored data set is the sent one, element by element, private and pixel data included
        Dataset stored = storeB.read(uid).dataset();
        assertEquals(List.of(), NoCoercionCheck.diff(received, stored));
        List<Difference> fromOriginal = NoCoercionCheck.diff(storeA.read(uid).dataset(), stored);
        assertTrue(fromOriginal.stream().allMatch(d -> d.tag() == Tag.SOPInstanceStatus
                || d.kind() == Difference.Kind.VR_CHANGED), fromOriginal.toString());
        assertTrue(storeA.holdsAsOriginal(uid), "a copy leaves the original where it is");
    }

    @Test
    void ruleF2_receiverSetsNS_onAnOriginalFromANonConformingPeer() throws Exception {
        Dataset or = OriginalCreator.createOriginal(TestData.ctImage(TestData.newUid()), Certification.now("EQ"), null);
        PeerIdentity unknown = new PeerIdentity(PeerIdentity.Kind.ISCL_ENTITY, "NODE-X", List.of(), Map.of());
        TransferContext ctx = TransferContext.of(ISCL, unknown, PeerPolicy.strict());
        byte[] bytes = wire(or, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        ReceiveOutcome o = receiver.receive(DicomReader.read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, sha256(bytes), ctx,
                new AuditEvents.Peer("X", unknown, "127.0.0.3"), "iscl");
        assertEquals(StoreStatus.SUCCESS, o.status());
        assertEquals(Optional.of(SopInstanceStatus.NS), o.stored().orElseThrow().status());
        assertFalse(o.stored().get().awaitingCommitment());
        assertEquals(List.of(new Difference("(0100,0410)", Tag.SOPInstanceStatus, 0, Difference.Kind.VALUE_CHANGED)),
                NoCoercionCheck.diff(or, storeB.read(or.getString(Tag.SOPInstanceUID)).dataset()));
    }

    @Test
    void ruleC_duplicateOriginal_refusedWithDuplicateSopInstance() throws Exception {
        Dataset or = OriginalCreator.createOriginal(TestData.ctImage(TestData.newUid()), Certification.now("EQ"), null);
        TransferContext ctx = TransferContext.of(ISCL, NODE_A, PeerPolicy.strict());
        AuditEvents.Peer a = new AuditEvents.Peer("STORE_A", NODE_A, "127.0.0.1");
        TransferSyntax ts = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        assertEquals(StoreStatus.SUCCESS, receiver.receive(or, ts, null, ctx, a, "iscl").status());
        ReceiveOutcome again = receiver.receive(or, ts, null, ctx, a, "iscl");
        assertEquals(StoreStatus.DUPLICATE_SOP_INSTANCE, again.status());
        assertEquals('c', again.rule());
        assertEquals(1, storeB.list().size());
    }

    @Test
    void ruleD3_alteredData_rejectedAndDiscarded_integrityAudited() throws Exception {
        String uid = originalAtA();
        TransferContext atB = TransferContext.of(ISCL, NODE_A, PeerPolicy.strict());
        OnlineStorageSender.Prepared p = sender.prepare(uid, SendIntent.TRANSFER_ORIGINAL,
                TransferContext.of(ISCL, NODE_B, PeerPolicy.strict()));
        byte[] bytes = wire(p.dataset(), p.ts());
        String digestAsReceived = sha256(bytes);
        // a byte flipped in the pixel data after the digest was taken (e.g. in a relay that the MAC missed)
        bytes[bytes.length - 3] ^= 0x01;
        ReceiveOutcome o = receiver.receive(DicomReader.read(bytes, p.ts()), p.ts(), digestAsReceived, atB,
                new AuditEvents.Peer("STORE_A", NODE_A, "127.0.0.1"), "iscl");
        assertEquals(StoreStatus.PROCESSING_FAILURE, o.status());
        assertFalse(storeB.isDurablyStored(uid), "discarded");
        assertEquals(List.of(), InstanceStoreFiles.list(dir.resolve("b").resolve("instances")));
        String logB = Files.readString(dir.resolve("b-audit.log"), StandardCharsets.UTF_8);
        assertTrue(logB.contains("csd-code=\"110113\"") && logB.contains("csd-code=\"DS-001\""), logB);
    }

    @Test
    void ruleD_receiveFromTheDataSetStream_digestTakenOnTheWay() throws Exception {
        String uid = originalAtA();
        OnlineStorageSender.Prepared p = sender.prepare(uid, SendIntent.TRANSFER_ORIGINAL,
                TransferContext.of(ISCL, NODE_B, PeerPolicy.strict()));
        byte[] bytes = wire(p.dataset(), p.ts());
        ReceiveOutcome o = receiver.receive(new java.io.ByteArrayInputStream(bytes), p.ts(),
                TransferContext.of(ISCL, NODE_A, PeerPolicy.strict()),
                new AuditEvents.Peer("STORE_A", NODE_A, "127.0.0.1"), "iscl");
        assertEquals(StoreStatus.SUCCESS, o.status(), o.reason());
        assertEquals(sha256(bytes), o.stored().orElseThrow().digest());
        assertEquals("iscl", o.stored().get().provenance().receivedOver());

        // a truncated data set is not understood, nothing is stored (another original: for this one
        // rule c refuses a second copy as soon as its status is read, before the cut shows)
        OnlineStorageSender.Prepared p2 = sender.prepare(originalAtA(), SendIntent.TRANSFER_ORIGINAL,
                TransferContext.of(ISCL, NODE_B, PeerPolicy.strict()));
        byte[] cut = java.util.Arrays.copyOf(wire(p2.dataset(), p2.ts()), wire(p2.dataset(), p2.ts()).length - 7);
        ReceiveOutcome bad = receiver.receive(new java.io.ByteArrayInputStream(cut), p.ts(),
                TransferContext.of(ISCL, NODE_A, PeerPolicy.strict()),
                new AuditEvents.Peer("STORE_A", NODE_A, "127.0.0.1"), "iscl");
        assertEquals(StoreStatus.CANNOT_UNDERSTAND, bad.status(), bad.reason());
        assertEquals(1, storeB.list().size());
    }

    /** Directory listing helper. */
    static final class InstanceStoreFiles {
        static List<String> list(Path d) throws java.io.IOException {
            try (java.util.stream.Stream<Path> s = Files.list(d)) {
                return s.map(x -> x.getFileName().toString()).sorted().collect(java.util.stream.Collectors.toList());
            }
        }
    }
}
