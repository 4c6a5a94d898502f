package org.dicomsec.storage.service;

import org.dicomsec.storage.ParseBudget;
import org.dicomsec.storage.ReceiverSettings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.VR;
import org.dicomsec.storage.PeerPolicy;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.TestData;
import org.dicomsec.storage.TransferContext;
import org.dicomsec.storage.TransferRules;
import org.dicomsec.storage.audit.AuditEvents;
import org.dicomsec.storage.audit.FileAuditTrail;
import org.dicomsec.storage.store.DatasetDigest;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.storage.store.ReceivedFileWriter;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.SecurityDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming receiver of {@link OnlineStorageReceiver} on real stores: bulk data streams to the
 * file, only the group 0100 region may change (rules f.2, g, h), the stored bytes are the received
 * ones, and hostile data sets (millions of tiny elements, bad lengths, an item that never ends,
 * bulk before the SOP Instance UID) get a failure status with nothing stored.
 */
class StreamingReceiverTest {

    @TempDir
    Path dir;

    private static final SecurityDescription ISCL = new SecurityDescription(true, "iscl", "ISCL 1.00", "DES-MAC", false);
    private static final PeerIdentity NODE_A = new PeerIdentity(PeerIdentity.Kind.ISCL_ENTITY, "NODE-A", List.of(),
            Map.of(PeerPolicy.ISCL_PROFILE_ATTRIBUTE, "true"));
    private static final TransferContext SECURE = TransferContext.of(ISCL, NODE_A, PeerPolicy.strict());
    private static final TransferContext PLAIN = TransferContext.of(SecurityDescription.PLAIN, PeerIdentity.NONE,
            PeerPolicy.strict());
    private static final AuditEvents.Peer PEER = new AuditEvents.Peer("STORE_A", NODE_A, "127.0.0.1");
    private static final TransferSyntax EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;

    private InstanceStore store;
    private FileAuditTrail audit;

    @BeforeEach
    void setUp() throws Exception {
        store = InstanceStore.open(dir.resolve("b"));
        audit = new FileAuditTrail(dir.resolve("audit.log"));
    }

    @AfterEach
    void tearDown() throws Exception {
        audit.close();
    }

    private OnlineStorageReceiver receiver(ReceiverSettings s) {
        return new OnlineStorageReceiver(store, TransferRules.defaults(), audit,
                new AuditEvents("STORE_B", "127.0.0.1", "store-b", Clock.systemUTC()), s);
    }

    private ReceiveOutcome receive(byte[] bytes, TransferSyntax ts, TransferContext ctx) throws IOException {
        return receiver(ReceiverSettings.DEFAULT).receive(new ByteArrayInputStream(bytes), ts, null, null, ctx, PEER,
                "iscl", UnaryOperator.identity());
    }

    /** A CT image with its status attributes and {@code pixels} random bytes of Pixel Data, encoded in {@code ts}. */
    static byte[] instance(String uid, Optional<SopInstanceStatus> status, int pixels, TransferSyntax ts) {
        Dataset ds = TestData.ctImage(uid);
        status.ifPresent(s -> {
            ds.setString(Tag.SOPInstanceStatus, VR.CS, s.code());
            ds.setString(Tag.SOPAuthorizationDateTime, VR.DT, "20261205101500.000000+0000");
            ds.setString(Tag.AuthorizationEquipmentCertificationNumber, VR.LO, "EQ-1");
        });
        byte[] px = new byte[pixels];
        ThreadLocalRandom.current().nextBytes(px);
        ds.setBytes(Tag.PixelData, VR.OW, px);
        return DicomWriter.encode(ds, ts);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("b").resolve("instances"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static String sha256(Path file, long from) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(from);
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void original_overASecureTransport_storedByteForByte_inEachSyntax() throws Exception {
        for (TransferSyntax ts : List.of(EXPLICIT, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN)) {
            String uid = TestData.newUid();
            byte[] bytes = instance(uid, Optional.of(SopInstanceStatus.OR), 3 * ReceivedFileWriter.BLOCK + 17 * 2, ts);
            ReceiveOutcome o = receive(bytes, ts, SECURE);
            assertEquals(StoreStatus.SUCCESS, o.status(), o.reason());
            assertEquals('d', o.rule());
            var si = o.stored().orElseThrow();
            assertEquals(Optional.of(SopInstanceStatus.OR), si.status());
            assertTrue(si.awaitingCommitment(), "d.4");
            assertEquals(sha256(bytes), si.digest(), ts.uid());
            assertEquals(sha256(bytes), DatasetDigest.ofFile(si.file()), "the file's data set is the bytes received");
            assertEquals(uid, DicomFile.read(si.file()).fileMetaInformation().getString(Tag.MediaStorageSOPInstanceUID));
            assertTrue(store.verify(uid));
        }
    }

    @Test
    void plainTransport_ruleF2_onlyTheStatusChanges_everythingElseTheBytesReceived() throws Exception {
        String uid = TestData.newUid();
        byte[] bytes = instance(uid, Optional.of(SopInstanceStatus.OR), 200_000, EXPLICIT);
        ReceiveOutcome o = receive(bytes, EXPLICIT, PLAIN);
        assertEquals(StoreStatus.SUCCESS, o.status(), o.reason());
        assertEquals('f', o.rule());
        Path file = o.stored().orElseThrow().file();
        Dataset stored = DicomFile.read(file).dataset();
        assertEquals("NS", stored.getString(Tag.SOPInstanceStatus));
        Dataset sent = org.dicomsec.data.DicomReader.read(bytes, EXPLICIT);
        assertEquals(List.of(), org.dicomsec.storage.NoCoercionCheck.violations(sent, stored), "g/h");
        assertArrayEquals(sent.getBytes(Tag.PixelData), stored.getBytes(Tag.PixelData));
        // "OR" and "NS" have the same length: the stored data set is the received one but for two bytes
        long size = Files.size(file);
        assertEquals(o.stored().get().digest(), sha256(file, size - bytes.length));
        byte[] onDisk = Files.readAllBytes(file);
        int differing = 0;
        for (int i = 0; i < bytes.length; i++) {
            differing += onDisk[(int) (size - bytes.length) + i] != bytes[i] ? 1 : 0;
        }
        assertEquals(2, differing);
    }

    @Test
    void plainTransport_noStatusAtAll_NSInserted_andNoGroup0100AfterTheUid() throws Exception {
        String uid = TestData.newUid();
        byte[] bytes = instance(uid, Optional.empty(), 70_000, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        ReceiveOutcome o = receive(bytes, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, PLAIN);
        assertEquals(StoreStatus.SUCCESS, o.status(), o.reason());
        Dataset stored = store.read(uid).dataset();
        assertEquals("NS", stored.getString(Tag.SOPInstanceStatus));
        assertEquals(Optional.of(SopInstanceStatus.NS), o.stored().get().status());
        // a data set ending right after its group 0100 (no Pixel Data): the region is at the very end
        Dataset small = TestData.ctImage(TestData.newUid());
        small.remove(Tag.PixelData);
        ReceiveOutcome o2 = receive(DicomWriter.encode(small, EXPLICIT), EXPLICIT, PLAIN);
        assertEquals(StoreStatus.SUCCESS, o2.status(), o2.reason());
        assertEquals("NS", DicomFile.read(o2.stored().get().file()).dataset().getString(Tag.SOPInstanceStatus));
    }

    @Test
    void ruleC_heldOriginal_refusedBeforeTheBulk_restDrained_nothingWritten() throws Exception {
        String uid = TestData.newUid();
        byte[] bytes = instance(uid, Optional.of(SopInstanceStatus.OR), 300_000, EXPLICIT);
        assertEquals(StoreStatus.SUCCESS, receive(bytes, EXPLICIT, SECURE).status());
        ByteArrayInputStream again = new ByteArrayInputStream(bytes);
        ReceiveOutcome o = receiver(ReceiverSettings.DEFAULT).receive(again, EXPLICIT, null, null, SECURE, PEER, "iscl",
                UnaryOperator.identity());
        assertEquals(StoreStatus.DUPLICATE_SOP_INSTANCE, o.status());
        assertEquals('c', o.rule());
        assertEquals(0, again.available(), "the data set is read to its end");
        assertEquals(1, files().size(), files().toString());
    }

    @Test
    void requestAndDataSetDisagree_refused() throws Exception {
        String uid = TestData.newUid();
        byte[] bytes = instance(uid, Optional.empty(), 100, EXPLICIT);
        OnlineStorageReceiver r = receiver(ReceiverSettings.DEFAULT);
        ReceiveOutcome o = r.receive(new ByteArrayInputStream(bytes), EXPLICIT, TestData.CT_IMAGE_STORAGE,
                TestData.newUid(), SECURE, PEER, "iscl", UnaryOperator.identity());
        assertEquals(StoreStatus.CANNOT_UNDERSTAND, o.status(), o.reason());
        ReceiveOutcome o2 = r.receive(new ByteArrayInputStream(bytes), EXPLICIT, "1.2.840.10008.5.1.4.1.1.7", uid,
                SECURE, PEER, "iscl", UnaryOperator.identity());
        assertEquals(0xA900, o2.status(), o2.reason());
        assertEquals(List.of(), files());
        assertEquals(List.of(), store.list());
    }

    // ------------------------------------------------------------------ hostile data sets

    /** A head with the UIDs, then {@code n} empty private elements (8 bytes each), generated as read. */
    static InputStream tinyElements(String uid, long n) {
        Dataset head = TestData.ctImage(uid);
        head.remove(Tag.PixelData);
        Dataset h = new Dataset();
        for (var e : head) {
            if (Integer.compareUnsigned(e.tag(), 0x00090000) < 0) {
                h.put(e);
            }
        }
        byte[] start = DicomWriter.encode(h, EXPLICIT);
        InputStream tiny = new InputStream() {
            long next; // index of the next element to generate
            final ByteBuffer chunk = ByteBuffer.allocate(8 * 4096).order(ByteOrder.LITTLE_ENDIAN).limit(0);

            @Override
            public int read() {
                byte[] b = new byte[1];
                return read(b, 0, 1) < 0 ? -1 : b[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (!chunk.hasRemaining()) {
                    if (next == n) {
                        return -1;
                    }
                    chunk.clear();
                    while (chunk.hasRemaining() && next < n) {
                        // (0011,1000..FFFF), then (0013,...)...: ascending private LO elements of length 0
                        int group = 0x0011 + 2 * (int) (next / 0xF000);
                        int element = 0x1000 + (int) (next % 0xF000);
                        chunk.putShort((short) group).putShort((short) element).put((byte) 'L').put((byte) 'O')
                                .putShort((short) 0);
                        next++;
                    }
                    chunk.flip();
                }
                int k = Math.min(len, chunk.remaining());
                chunk.get(b, off, k);
                return k;
            }
        };
        return new SequenceInputStream(new ByteArrayInputStream(start), tiny);
    }

    @Test
    void sixMillionTinyElements_A700_withTheReason_nothingStored() throws Exception {
        String uid = TestData.newUid();
        ReceiveOutcome o = receiver(ReceiverSettings.DEFAULT).receive(tinyElements(uid, 6_000_000), EXPLICIT, null,
                null, SECURE, PEER, "iscl", UnaryOperator.identity());
        assertEquals(StoreStatus.OUT_OF_RESOURCES, o.status(), o.reason());
        assertTrue(o.reason().contains("1000000 elements"), o.reason());
        assertEquals(List.of(), files());
        assertEquals(List.of(), store.list());
    }

    @Test
    void budgetIsConfigurable() throws Exception {
        ReceiverSettings small = ReceiverSettings.DEFAULT.withBudget(new ParseBudget(5_000, 1 << 20));
        ReceiveOutcome o = receiver(small).receive(tinyElements(TestData.newUid(), 10_000), EXPLICIT, null, null,
                SECURE, PEER, "iscl", UnaryOperator.identity());
        assertEquals(StoreStatus.OUT_OF_RESOURCES, o.status(), o.reason());
        ReceiveOutcome ok = receiver(ReceiverSettings.DEFAULT).receive(tinyElements(TestData.newUid(), 10_000),
                EXPLICIT, null, null, SECURE, PEER, "iscl", UnaryOperator.identity());
        assertEquals(StoreStatus.SUCCESS, ok.status(), ok.reason());
    }

    @Test
    void badLengths_andANeverEndingItem_C000_nothingStored() throws Exception {
        String uid = TestData.newUid();
        byte[] good = instance(uid, Optional.empty(), 100_000, EXPLICIT);
        // the Pixel Data's length says 16 bytes more than follow
        byte[] longer = good.clone();
        int px = pixelDataLengthOffset(longer);
        ByteBuffer.wrap(longer, px, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(100_000 + 16);
        // a US value of odd length in explicit VR
        Dataset odd = TestData.ctImage(TestData.newUid());
        odd.put(org.dicomsec.data.Element.of(Tag.Rows, VR.US, new byte[3]));
        // a sequence of undefined length whose item of undefined length never ends (the stream does)
        Dataset head = TestData.ctImage(TestData.newUid());
        head.remove(Tag.PixelData);
        ByteArrayOutputStream never = new ByteArrayOutputStream();
        never.write(DicomWriter.encode(head, EXPLICIT));
        ByteBuffer sq = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        sq.putShort((short) 0x0040).putShort((short) 0xA730).put((byte) 'S').put((byte) 'Q').putShort((short) 0)
                .putInt(-1).putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(-1);
        never.write(sq.array());
        for (int i = 0; i < 1000; i++) {
            never.write(new byte[] {0x08, 0x00, 0x00, 0x01, 'S', 'H', 2, 0, 'A', 'B'});
        }
        for (byte[] bad : List.of(longer, DicomWriter.encode(odd, EXPLICIT), never.toByteArray())) {
            ReceiveOutcome o = receive(bad, EXPLICIT, SECURE);
            assertEquals(StoreStatus.CANNOT_UNDERSTAND, o.status(), o.reason());
        }
        assertEquals(List.of(), files());
        assertEquals(List.of(), store.list());
    }

    @Test
    void bulkBeforeTheSopInstanceUid_orOutOfOrder_refused() throws Exception {
        Dataset ds = TestData.ctImage(TestData.newUid());
        ds.setBytes(0x00080001 + 0x00000000, VR.OB, new byte[ParseBudget.BULK_VALUE]); // (0008,0001) before (0008,0018)
        ReceiveOutcome o = receive(DicomWriter.encode(ds, EXPLICIT), EXPLICIT, SECURE);
        assertEquals(StoreStatus.OUT_OF_RESOURCES, o.status(), o.reason());
        assertTrue(o.reason().contains("before the SOP Instance UID"), o.reason());

        byte[] a = DicomWriter.encode(TestData.ctImage(TestData.newUid()), EXPLICIT);
        ByteArrayOutputStream twice = new ByteArrayOutputStream();
        twice.write(a);
        twice.write(new byte[] {0x08, 0x00, 0x60, 0x00, 'C', 'S', 2, 0, 'C', 'T'}); // (0008,0060) after (7FE0,0010)
        ReceiveOutcome o2 = receive(twice.toByteArray(), EXPLICIT, SECURE);
        assertEquals(StoreStatus.CANNOT_UNDERSTAND, o2.status(), o2.reason());
        assertTrue(o2.reason().contains("ascending"), o2.reason());
        assertEquals(List.of(), files());
    }

    @Test
    void writerOnDiskThreads_bigAndSmall_sameResult() throws Exception {
        var disk = ReceivedFileWriter.diskExecutor(2, "test-disk");
        OnlineStorageReceiver r = receiver(ReceiverSettings.DEFAULT.withDisk(disk));
        for (int size : new int[] {1000, 5 * ReceivedFileWriter.BLOCK + 6}) {
            String uid = TestData.newUid();
            byte[] bytes = instance(uid, Optional.of(SopInstanceStatus.OR), size, EXPLICIT);
            ReceiveOutcome o = r.receive(new ByteArrayInputStream(bytes), EXPLICIT, null, null, SECURE, PEER, "iscl",
                    UnaryOperator.identity());
            assertEquals(StoreStatus.SUCCESS, o.status(), o.reason());
            assertEquals(sha256(bytes), o.stored().get().digest());
        }
    }

    private static int pixelDataLengthOffset(byte[] b) {
        for (int i = b.length - 12; i >= 0; i--) {
            if (b[i] == (byte) 0xE0 && b[i + 1] == 0x7F && b[i + 2] == 0x10 && b[i + 3] == 0x00 && b[i + 4] == 'O') {
                return i + 8;
            }
        }
        throw new AssertionError("no Pixel Data");
    }
}
