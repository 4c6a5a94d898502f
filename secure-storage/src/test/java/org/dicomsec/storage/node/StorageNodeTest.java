package org.dicomsec.storage.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.SampleDatasets;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.storage.Authorization;
import org.dicomsec.storage.Authorizer;
import org.dicomsec.storage.Certification;
import org.dicomsec.storage.OriginalCreator;
import org.dicomsec.storage.SendIntent;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.audit.AuditCode;
import org.dicomsec.storage.audit.AuditEvents;
import org.dicomsec.storage.audit.AuditMessage;
import org.dicomsec.storage.audit.AuditRecorder;
import org.dicomsec.storage.net.OnlineStorageScp;
import org.dicomsec.storage.net.OnlineStorageScu;
import org.dicomsec.storage.net.RemoteAe;
import org.dicomsec.storage.net.TransferResult;
import org.dicomsec.storage.store.Provenance;
import org.dicomsec.ul.transport.PlainTcp;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes in their folders on loopback plain TCP: an authorized copy from A to B is stored
 * as NS (PS3.15 A.1.1 rule f.2), in B's store, in B's audit file and in the recorder B was
 * opened with; the folder layout is the documented one.
 */
class StorageNodeTest {

    @TempDir
    Path dir;

    @Test
    void copyOverPlainTcp_storedAsNs_auditedInTheFileAndBesideIt() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        AuditRecorder seenByB = new AuditRecorder();
        ExecutorService exec = Executors.newCachedThreadPool();
        try (StorageNode a = StorageNode.open(dir.resolve("a"), "NODE_A");
             StorageNode b = StorageNode.open(dir.resolve("b"), "NODE_B",
                     new AuditEvents("NODE_B", "127.0.0.1", "node-b-test", Clock.systemUTC()), seenByB)) {
            Certification cert = Certification.now("EQ-CERT-1");
            Dataset or = OriginalCreator.createOriginal(SampleDatasets.ctImage(16, 16), cert, null);
            String uid = or.getString(Tag.SOPInstanceUID);
            a.store().store(or, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
            a.store().authorize(uid, new Authorization("Dr. Test", cert), Authorizer.of(Set.of("Dr. Test")));

            TransportAcceptor acceptor = PlainTcp.acceptor(lo, 0);
            TransferResult r;
            try (OnlineStorageScp scp = b.scp(acceptor, exec).workers(1).build()) {
                scp.start();
                OnlineStorageScu scu = a.scu(exec).build();
                r = scu.send(new RemoteAe("NODE_B", new InetSocketAddress(lo, scp.localPort()), PlainTcp.connector()),
                        List.of(uid), SendIntent.COPY);
            }
            TransferResult.Instance sent = r.instances().get(0);
            assertTrue(sent.isSuccess(), sent.toString());
            assertEquals(Optional.of(SopInstanceStatus.NS), sent.statusSent(), "f.1");
            assertEquals(Optional.of(SopInstanceStatus.NS), b.store().get(uid).flatMap(s -> s.status()), "f.2");
            assertEquals(Optional.of(SopInstanceStatus.AO), a.store().get(uid).flatMap(s -> s.status()));

            Optional<AuditMessage> received = seenByB.await(AuditCode.DICOM_INSTANCES_TRANSFERRED, Duration.ofSeconds(5));
            assertTrue(received.isPresent(), "B's reception, beside its file: " + seenByB.messages());
            assertEquals("NODE_B", received.get().participants().get(1).userId());
            assertEquals("node-b-test", received.get().source().sourceId());
            String bLog = Files.readString(dir.resolve("b").resolve(StorageNode.AUDIT_LOG), StandardCharsets.UTF_8);
            assertEquals(seenByB.messages().size(), bLog.lines().count(), "one line a message, in both trails");
            String aLog = Files.readString(dir.resolve("a").resolve(StorageNode.AUDIT_LOG), StandardCharsets.UTF_8);
            assertTrue(aLog.contains("NODE_A") && aLog.contains("NODE_B"), aLog);
            assertTrue(Files.isDirectory(dir.resolve("a").resolve(StorageNode.STORE).resolve("instances")));
            assertTrue(Files.isDirectory(dir.resolve("a").resolve(StorageNode.JOURNAL)), "made by scu()");
            assertTrue(Files.notExists(dir.resolve("b").resolve(StorageNode.JOURNAL)), "B never sent");
            assertEquals("NODE_A", a.aeTitle());
            assertEquals(dir.resolve("b"), b.folder());
        } finally {
            exec.shutdownNow();
        }
    }

    @Test
    void reopened_holdsWhatWasStored() throws Exception {
        Dataset or = OriginalCreator.createOriginal(SampleDatasets.ctImage(8, 8), Certification.now("EQ-CERT-1"),
                null);
        String uid = or.getString(Tag.SOPInstanceUID);
        try (StorageNode n = StorageNode.open(dir.resolve("n"), "NODE")) {
            n.store().store(or, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
        }
        try (StorageNode n = StorageNode.open(dir.resolve("n"), "NODE")) {
            assertEquals(Optional.of(SopInstanceStatus.OR), n.store().get(uid).flatMap(s -> s.status()));
        }
    }
}
