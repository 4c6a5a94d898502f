package org.dicomsec.storage.service;

import org.dicomsec.storage.ReceiverSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.storage.PeerPolicy;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.TestData;
import org.dicomsec.storage.TransferContext;
import org.dicomsec.storage.TransferRules;
import org.dicomsec.storage.audit.AuditEvents;
import org.dicomsec.storage.audit.AuditFailure;
import org.dicomsec.storage.audit.AuditTrail;
import org.dicomsec.storage.audit.FileAuditTrail;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.storage.store.Provenance;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.SecurityDescription;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive's files as docs/conformance-statement.md says (owner-only, read from the real files'
 * POSIX modes), and fail-closed / fail-open when the audit trail cannot record a reception.
 */
class ArchiveFilesTest {

    @TempDir
    Path dir;

    private static final PeerIdentity NODE_A = new PeerIdentity(PeerIdentity.Kind.ISCL_ENTITY, "NODE-A", List.of(),
            Map.of(PeerPolicy.ISCL_PROFILE_ATTRIBUTE, "true"));
    private static final TransferContext SECURE = TransferContext.of(
            new SecurityDescription(true, "iscl", "ISCL 1.00", "DES-MAC", false), NODE_A, PeerPolicy.strict());
    private static final AuditEvents.Peer PEER = new AuditEvents.Peer("STORE_A", NODE_A, "127.0.0.1");
    private static final AuditEvents EVENTS = new AuditEvents("STORE_B", "127.0.0.1", "store-b", Clock.systemUTC());
    private static final TransferSyntax TS = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void instancesIndexAndAuditLog_ownerOnly() throws Exception {
        Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "no POSIX modes here");
        Path archive = dir.resolve("archive");
        InstanceStore store = InstanceStore.open(archive);
        try (FileAuditTrail audit = new FileAuditTrail(archive.resolve("audit.log"))) {
            OnlineStorageReceiver r = new OnlineStorageReceiver(store, TransferRules.defaults(), audit, EVENTS);
            byte[] streamed = StreamingReceiverTest.instance(TestData.newUid(), Optional.of(SopInstanceStatus.OR),
                    100_000, TS);
            assertTrue(r.receive(new ByteArrayInputStream(streamed), TS, null, null, SECURE, PEER, "iscl",
                    UnaryOperator.identity()).isSuccess());
            // the in-memory path (a local original) and a rewrite (a status change) too
            var ds = TestData.ctImage(TestData.newUid());
            store.store(ds, TS, Provenance.LOCAL, false);
            store.changeStatus(ds.getString(Tag.SOPInstanceUID),
                    org.dicomsec.storage.StatusEdit.status(SopInstanceStatus.NS));
        }
        assertEquals("rwx------", mode(archive));
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(archive)) {
            s.filter(p -> !p.equals(archive)).forEach(all::add);
        }
        assertEquals(2 + 2 + 1 + 1, all.size(), all.toString()); // 2 folders, 2 instances, index.log, audit.log
        for (Path p : all) {
            assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", mode(p), p.toString());
        }
        // an archive made before this rule (0755 folders) is tightened when opened
        Files.setPosixFilePermissions(archive.resolve("index"), PosixFilePermissions.fromString("rwxr-xr-x"));
        InstanceStore.open(archive);
        assertEquals("rwx------", mode(archive.resolve("index")));
    }

    /** A trail on a disk that refuses every record. */
    private static final AuditTrail BROKEN = m -> {
        throw new IOException("No space left on device");
    };

    @Test
    void auditTrailDown_failClosed_refusedA700_nothingStored() throws Exception {
        InstanceStore store = InstanceStore.open(dir.resolve("b"));
        OnlineStorageReceiver r = new OnlineStorageReceiver(store, TransferRules.defaults(), BROKEN, EVENTS);
        assertEquals(AuditFailure.CLOSED, r.settings().auditFailure(), "the default");
        byte[] bytes = StreamingReceiverTest.instance(TestData.newUid(), Optional.of(SopInstanceStatus.OR), 100_000, TS);
        ReceiveOutcome o = r.receive(new ByteArrayInputStream(bytes), TS, null, null, SECURE, PEER, "iscl",
                UnaryOperator.identity());
        assertEquals(StoreStatus.OUT_OF_RESOURCES, o.status());
        assertTrue(o.reason().contains("audit trail") && o.reason().contains("No space left"), o.reason());
        assertEquals(List.of(), store.list());
        try (Stream<Path> s = Files.list(dir.resolve("b").resolve("instances"))) {
            assertEquals(0, s.count());
        }
        // the in-memory path too
        var ds = org.dicomsec.data.DicomReader.read(bytes, TS);
        assertEquals(StoreStatus.OUT_OF_RESOURCES, r.receive(ds, TS, null, SECURE, PEER, "iscl").status());
        assertEquals(List.of(), store.list());
    }

    @Test
    void auditTrailDown_failOpen_stored() throws Exception {
        InstanceStore store = InstanceStore.open(dir.resolve("b"));
        OnlineStorageReceiver r = new OnlineStorageReceiver(store, TransferRules.defaults(), BROKEN, EVENTS,
                ReceiverSettings.DEFAULT.withAuditFailure(AuditFailure.OPEN));
        String uid = TestData.newUid();
        byte[] bytes = StreamingReceiverTest.instance(uid, Optional.of(SopInstanceStatus.OR), 100_000, TS);
        ReceiveOutcome o = r.receive(new ByteArrayInputStream(bytes), TS, null, null, SECURE, PEER, "iscl",
                UnaryOperator.identity());
        assertEquals(StoreStatus.SUCCESS, o.status(), o.reason());
        assertTrue(store.isDurablyStored(uid));
    }
}
