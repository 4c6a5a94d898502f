package org.dicomsec.storage.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dicomsec.storage.AfterCommitment;
import org.dicomsec.storage.Authorization;
import org.dicomsec.storage.Authorizer;
import org.dicomsec.storage.Certification;
import org.dicomsec.storage.PeerPolicy;
import org.dicomsec.storage.ProfileViolationException;
import org.dicomsec.storage.SendIntent;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.TransferRules;
import org.dicomsec.storage.commitment.CommitmentResult;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.storage.store.StoredInstance;
import org.dicomsec.tls.TlsTransport;
import org.dicomsec.ul.net.DicomServer;
import org.dicomsec.ul.transport.PlainTcp;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule d of PS3.15 A.1.1 over real loopback TLS (DemoPki CA, node certificates
 * carrying the profile's certificate policy OID): transfer of the original,
 * Storage Commitment on the same and on a new association, d.5 on the
 * sender's copy, refusals, and the durable transaction journal.
 */
class OriginalTransferTest {

    static NetworkFixture.Pki pki;

    @TempDir
    Path dir;
    NetworkFixture f;
    final BlockingQueue<CommitmentResult> delivered = new LinkedBlockingQueue<>();
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

    private OnlineStorageScp tlsScp() throws Exception {
        return start(scpBuilder(TlsTransport.acceptor(pki.tls(pki.nodeB), NetworkFixture.LOOPBACK, 0)).build());
    }

    private OnlineStorageScp.Builder scpBuilder(TransportAcceptor acceptor) {
        return OnlineStorageScp.builder(f.storeB, "STORE_B", acceptor, f.auditB, f.exec).auditEvents(f.eventsB)
                .peerPolicy(NetworkFixture.policy()).onReportDelivered(delivered::add);
    }

    private OnlineStorageScp start(OnlineStorageScp scp) {
        scp.start();
        closeMe.add(scp);
        return scp;
    }

    private RemoteAe tlsB(OnlineStorageScp scp) {
        return new RemoteAe("STORE_B", NetworkFixture.loopback(scp.localPort()),
                TlsTransport.connector(pki.tls(pki.nodeA)));
    }

    private String authorizedAtA(String uid) throws Exception {
        f.storeA.authorize(uid, new Authorization("Dr. Auth", Certification.now("EQ-CERT-2")),
                Authorizer.of(java.util.Set.of("Dr. Auth")));
        return uid;
    }

    /** Transfers one original over TLS and checks both sides; returns what A holds afterwards. */
    private Optional<StoredInstance> transferOriginal(String uid, AfterCommitment after, SopInstanceStatus heldAtA)
            throws Exception {
        OnlineStorageScp scp = tlsScp();
        OnlineStorageScu scu = f.scu().rules(new TransferRules(SopInstanceStatus.AC, false, after))
                .commitmentTimeout(Duration.ofSeconds(20)).build();
        TransferResult r = scu.send(tlsB(scp), List.of(uid), SendIntent.TRANSFER_ORIGINAL);
        assertEquals(1, r.instances().size());
        assertTrue(r.instances().get(0).isSuccess(), r.instances().get(0).reason());
        assertEquals('d', r.instances().get(0).rule());
        assertTrue(r.isComplete(), r.toString());
        assertTrue(r.commitment().orElseThrow().isCommitted(uid));
        assertEquals(1, r.afterCommitment().size());
        // B is the one holder now, and may forward it once its report was acknowledged (d.4)
        StoredInstance atB = f.storeB.get(uid).orElseThrow();
        assertEquals(Optional.of(heldAtA), atB.status());
        assertTrue(f.storeB.holdsAsOriginal(uid));
        assertEquals(r.transactionUid(), delivered.poll(20, TimeUnit.SECONDS).transactionUid());
        assertFalse(f.storeB.get(uid).orElseThrow().awaitingCommitment());
        assertEquals(List.of(), scu.pendingTransactions(), "the transaction is closed in the journal");
        assertFalse(f.storeA.holdsAsOriginal(uid), "c: one holder");
        String auditB = Files.readString(dir.resolve("b-audit.log"), StandardCharsets.UTF_8);
        assertTrue(auditB.contains("csd-code=\"110122\""), "association accepted audited");
        assertTrue(auditB.contains("DS-002"), "commitment result audited");
        return f.storeA.get(uid);
    }

    @Test
    void ruleD_transferOfOriginal_overTls_commitmentTurnsSenderCopyAC() throws Exception {
        String uid = authorizedAtA(f.originalAtA(512));
        Optional<StoredInstance> a = transferOriginal(uid, AfterCommitment.SET_AC, SopInstanceStatus.AO);
        assertEquals(Optional.of(SopInstanceStatus.AC), a.orElseThrow().status(), "d.5.c");
    }

    @Test
    void ruleD_transferOfOriginal_overTls_commitmentTurnsSenderCopyNS() throws Exception {
        String uid = f.originalAtA(512);
        Optional<StoredInstance> a = transferOriginal(uid, AfterCommitment.SET_NS, SopInstanceStatus.OR);
        assertEquals(Optional.of(SopInstanceStatus.NS), a.orElseThrow().status(), "d.5.b");
    }

    @Test
    void ruleD_transferOfOriginal_overTls_commitmentTurnsSenderCopyDeleted() throws Exception {
        String uid = f.originalAtA(512);
        Optional<StoredInstance> a = transferOriginal(uid, AfterCommitment.DELETE, SopInstanceStatus.OR);
        assertTrue(a.isEmpty(), "d.5.a");
        assertFalse(f.storeA.isDurablyStored(uid));
    }

    @Test
    void ruleD_refusedOverPlainTcp() throws Exception {
        String uid = f.originalAtA(256);
        OnlineStorageScp scp = start(scpBuilder(PlainTcp.acceptor(NetworkFixture.LOOPBACK, 0)).build());
        OnlineStorageScu scu = f.scu().build();
        ProfileViolationException e = assertThrows(ProfileViolationException.class, () -> scu.send(
                new RemoteAe("STORE_B", NetworkFixture.loopback(scp.localPort()), PlainTcp.connector()),
                List.of(uid), SendIntent.TRANSFER_ORIGINAL));
        assertEquals('d', e.rule());
        assertTrue(e.getMessage().contains("not a Secure Transport Connection"), e.getMessage());
        assertEquals(List.of(), f.storeB.list(), "nothing sent");
        assertTrue(f.storeA.holdsAsOriginal(uid));
        assertEquals(List.of(), scu.pendingTransactions());
    }

    @Test
    void ruleD_refusedToNonConformingPeer() throws Exception {
        String uid = f.originalAtA(256);
        // B authenticates with a certificate from the trusted CA that names no profile policy
        OnlineStorageScp scp = start(scpBuilder(TlsTransport.acceptor(pki.tls(pki.noPolicy), NetworkFixture.LOOPBACK,
                0)).build());
        OnlineStorageScu scu = f.scu().build();
        ProfileViolationException e = assertThrows(ProfileViolationException.class,
                () -> scu.send(tlsB(scp), List.of(uid), SendIntent.TRANSFER_ORIGINAL));
        assertTrue(e.getMessage().contains("not confirmed to support"), e.getMessage());
        assertEquals(List.of(), f.storeB.list());
        assertTrue(f.storeA.holdsAsOriginal(uid));
        // the same peer on an allow-list (SHA-256 of its certificate) qualifies
        OnlineStorageScu allowed = f.scu().peerPolicy(PeerPolicy.builder()
                .allowFingerprint(PeerPolicy.fingerprint(pki.noPolicy.certificate())).build())
                .commitmentTimeout(Duration.ofSeconds(20)).build();
        TransferResult r = allowed.send(tlsB(scp), List.of(uid), SendIntent.TRANSFER_ORIGINAL);
        assertTrue(r.instances().get(0).isSuccess());
        // B's policy does confirm A (policy OID), so B holds the original
        assertTrue(f.storeB.holdsAsOriginal(uid));
    }

    @Test
    void ruleD_refusedToAPeerWithoutStorageCommitment_nothingSent() throws Exception {
        String uid = f.originalAtA(256);
        // a Storage SCP over TLS, of a confirmed identity, that does not take Storage Commitment (as storescp)
        java.util.concurrent.atomic.AtomicInteger stores = new java.util.concurrent.atomic.AtomicInteger();
        org.dicomsec.ul.net.DicomServer storeOnly = org.dicomsec.ul.net.DicomServer.builder(
                TlsTransport.acceptor(pki.tls(pki.nodeB), NetworkFixture.LOOPBACK, 0))
                .policy(org.dicomsec.ul.AcceptorPolicy.builder().abstractSyntax(org.dicomsec.data.UID.CTImageStorage,
                        org.dicomsec.data.UID.ExplicitVRLittleEndian).build())
                .handlers(org.dicomsec.ul.DimseHandlers.builder().cstore((a, pc, rq, in) -> {
                    in.readAllBytes();
                    stores.incrementAndGet();
                    return org.dicomsec.ul.dimse.Status.OK;
                }).build()).build();
        storeOnly.start();
        closeMe.add(storeOnly);
        OnlineStorageScu scu = f.scu().build();
        ProfileViolationException e = assertThrows(ProfileViolationException.class, () -> scu.send(
                new RemoteAe("STORE_B", NetworkFixture.loopback(storeOnly.localPort()),
                        TlsTransport.connector(pki.tls(pki.nodeA))), List.of(uid), SendIntent.TRANSFER_ORIGINAL));
        assertEquals('d', e.rule());
        assertTrue(e.getMessage().contains("accepted no Storage Commitment Push Model context"), e.getMessage());
        assertEquals(0, stores.get(), "nothing sent");
        assertTrue(f.storeA.holdsAsOriginal(uid));
        assertEquals(List.of(), scu.pendingTransactions());
        // a copy goes (rule e needs no commitment)
        TransferResult copy = scu.send(new RemoteAe("STORE_B", NetworkFixture.loopback(storeOnly.localPort()),
                TlsTransport.connector(pki.tls(pki.nodeA))), List.of(uid), SendIntent.COPY);
        assertTrue(copy.instances().get(0).isSuccess(), copy.toString());
        assertEquals(1, stores.get());
    }

    @Test
    void duplicateOriginal_refused() throws Exception {
        String uid = f.originalAtA(256);
        // B already holds the same instance as an original (rule c: one holder)
        f.storeB.store(f.storeA.read(uid).dataset(), org.dicomsec.data.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                org.dicomsec.storage.store.Provenance.LOCAL, false);
        OnlineStorageScp scp = tlsScp();
        OnlineStorageScu scu = f.scu().build();
        TransferResult r = scu.send(tlsB(scp), List.of(uid), SendIntent.TRANSFER_ORIGINAL);
        assertEquals(0x0111, r.instances().get(0).status(), "Duplicate SOP Instance");
        assertTrue(r.commitment().isEmpty(), "nothing to commit");
        assertTrue(f.storeA.holdsAsOriginal(uid), "the original stays where it is");
        assertEquals(List.of(), scu.pendingTransactions());
        assertEquals(1, f.storeB.list().size());
    }

    @Test
    void sopClassNotServed_nothingSent_noOpenTransaction() throws Exception {
        String uid = f.originalAtA(256);
        OnlineStorageScp scp = start(scpBuilder(TlsTransport.acceptor(pki.tls(pki.nodeB), NetworkFixture.LOOPBACK, 0))
                .sopClasses(List.of(org.dicomsec.data.UID.MRImageStorage)).build());
        OnlineStorageScu scu = f.scu().build();
        TransferResult r = scu.send(tlsB(scp), List.of(uid), SendIntent.TRANSFER_ORIGINAL);
        assertEquals(0x0122, r.instances().get(0).status(), r.instances().get(0).reason());
        assertEquals(null, r.transactionUid());
        assertEquals(List.of(), scu.pendingTransactions());
        assertTrue(f.storeA.holdsAsOriginal(uid));
        assertEquals(List.of(), f.storeB.list());
    }

    @Test
    void commitmentReportOnANewAssociation_scpAsRequestor() throws Exception {
        String uid = f.originalAtA(256);
        TransportAcceptor listenerAcceptor = TlsTransport.acceptor(pki.tls(pki.nodeA), NetworkFixture.LOOPBACK, 0);
        OnlineStorageScu scu = f.scu().reportOnListener(true).commitmentTimeout(Duration.ofSeconds(20)).build();
        DicomServer listener = scu.listener(listenerAcceptor, 2);
        listener.start();
        closeMe.add(listener);
        OnlineStorageScp scp = start(scpBuilder(TlsTransport.acceptor(pki.tls(pki.nodeB), NetworkFixture.LOOPBACK, 0))
                .reportOnNewAssociation(true)
                .remoteAe(new RemoteAe("STORE_A", NetworkFixture.loopback(listener.localPort()),
                        TlsTransport.connector(pki.tls(pki.nodeB)))).build());
        TransferResult r = scu.send(tlsB(scp), List.of(uid), SendIntent.TRANSFER_ORIGINAL);
        assertTrue(r.isComplete(), r.toString());
        assertEquals(Optional.of(SopInstanceStatus.NS), f.storeA.get(uid).orElseThrow().status());
        assertEquals(1, listener.associationsServed(), "the report came on an association B requested");
        String auditA = Files.readString(dir.resolve("a-audit.log"), StandardCharsets.UTF_8);
        assertTrue(auditA.contains("csd-code=\"110122\"") && auditA.contains("STORE_B"), auditA);
    }

    @Test
    void ruleD_crashBetweenSendAndResult_journalKeepsTheTransaction() throws Exception {
        String uid = f.originalAtA(256);
        TransportAcceptor listenerAcceptor = TlsTransport.acceptor(pki.tls(pki.nodeA), NetworkFixture.LOOPBACK, 0);
        List<Runnable> held = new ArrayList<>();
        OnlineStorageScp scp = start(OnlineStorageScp.builder(f.storeB, "STORE_B",
                        TlsTransport.acceptor(pki.tls(pki.nodeB), NetworkFixture.LOOPBACK, 0), f.auditB,
                        r -> {
                            synchronized (held) {
                                held.add(r);
                            }
                        })
                .peerPolicy(NetworkFixture.policy()).reportOnNewAssociation(true)
                .remoteAe(new RemoteAe("STORE_A", NetworkFixture.loopback(listenerAcceptor.localPort()),
                        TlsTransport.connector(pki.tls(pki.nodeB)))).build());
        OnlineStorageScu first = f.scu().reportOnListener(true).commitmentTimeout(Duration.ofMillis(300)).build();
        TransferResult r = first.send(tlsB(scp), List.of(uid), SendIntent.TRANSFER_ORIGINAL);
        assertTrue(r.commitmentPending());
        assertTrue(f.storeA.holdsAsOriginal(uid), "no result: the original stays OR here");
        assertTrue(f.storeB.get(uid).orElseThrow().awaitingCommitment(), "d.4 at B");

        // "restart" of A: a new store, journal and SCU over the same directories
        InstanceStore storeA2 = InstanceStore.open(dir.resolve("a"));
        TransactionJournal journal2 = TransactionJournal.open(dir.resolve("a-journal"));
        List<TransactionJournal.Entry> open = journal2.open();
        assertEquals(1, open.size());
        assertEquals(r.transactionUid(), open.get(0).transactionUid());
        assertEquals(SopInstanceStatus.OR, open.get(0).originals().get(0).status());
        OnlineStorageScu second = OnlineStorageScu.builder(storeA2, "STORE_A", f.auditA, f.exec, journal2)
                .peerPolicy(NetworkFixture.policy()).build();
        DicomServer listener = second.listener(listenerAcceptor, 2);
        listener.start();
        closeMe.add(listener);
        List<Runnable> tasks;
        synchronized (held) {
            tasks = List.copyOf(held);
        }
        assertEquals(1, tasks.size());
        tasks.get(0).run(); // B delivers its result now, on a new association to A's listener
        assertEquals(Optional.of(SopInstanceStatus.NS), storeA2.get(uid).orElseThrow().status());
        assertEquals(List.of(), second.pendingTransactions());
        assertFalse(f.storeB.get(uid).orElseThrow().awaitingCommitment());
    }

    @Test
    void commitmentResultNotDeliveredToAnotherIdentity() throws Exception {
        String uid = f.originalAtA(256);
        List<Runnable> held = new ArrayList<>();
        // the address configured for STORE_A answers with another node's certificate
        TransportAcceptor impostor = TlsTransport.acceptor(pki.tls(pki.noPolicy), NetworkFixture.LOOPBACK, 0);
        BlockingQueue<String> leaked = new LinkedBlockingQueue<>();
        DicomServer listener = new DicomServer(impostor, org.dicomsec.ul.AcceptorPolicy.builder()
                .abstractSyntax(org.dicomsec.storage.commitment.StorageCommitment.SOP_CLASS_UID,
                        org.dicomsec.data.UID.ExplicitVRLittleEndian, org.dicomsec.data.UID.ImplicitVRLittleEndian)
                .scpRole(org.dicomsec.storage.commitment.StorageCommitment.SOP_CLASS_UID).build(),
                org.dicomsec.ul.DimseHandlers.builder().neventReport(
                        org.dicomsec.storage.commitment.StorageCommitment.SOP_CLASS_UID, (a, pc, rq, ds) -> {
                            leaked.add(ds.getString(org.dicomsec.data.Tag.TransactionUID));
                            return org.dicomsec.ul.DimseReply.of(org.dicomsec.ul.dimse.Status.OK);
                        }).build(), org.dicomsec.ul.AssociationSettings.DEFAULT, 1);
        listener.start();
        closeMe.add(listener);
        OnlineStorageScp scp = start(OnlineStorageScp.builder(f.storeB, "STORE_B",
                        TlsTransport.acceptor(pki.tls(pki.nodeB), NetworkFixture.LOOPBACK, 0), f.auditB,
                        r -> {
                            synchronized (held) {
                                held.add(r);
                            }
                        })
                .peerPolicy(NetworkFixture.policy()).reportOnNewAssociation(true).onReportDelivered(delivered::add)
                .remoteAe(new RemoteAe("STORE_A", NetworkFixture.loopback(listener.localPort()),
                        TlsTransport.connector(pki.tls(pki.nodeB)))).build());
        TransferResult r = f.scu().reportOnListener(true).commitmentTimeout(Duration.ofMillis(300)).build()
                .send(tlsB(scp), List.of(uid), SendIntent.TRANSFER_ORIGINAL);
        assertTrue(r.commitmentPending());
        Runnable task;
        synchronized (held) {
            task = held.get(0);
        }
        task.run();
        assertEquals(List.of(), List.copyOf(leaked), "the result went to no other identity");
        assertTrue(delivered.isEmpty(), "not delivered");
        assertTrue(f.storeB.get(uid).orElseThrow().awaitingCommitment(), "d.4: still not forwardable");
        assertTrue(f.storeA.holdsAsOriginal(uid));
    }

    @Test
    void commitmentResultFromAnotherIdentity_refused() throws Exception {
        String uid = f.originalAtA(256);
        List<Runnable> held = new ArrayList<>();
        TransportAcceptor listenerAcceptor = TlsTransport.acceptor(pki.tls(pki.nodeA), NetworkFixture.LOOPBACK, 0);
        // B reports through a connector authenticating as another node of the same CA
        OnlineStorageScp scp = start(OnlineStorageScp.builder(f.storeB, "STORE_B",
                        TlsTransport.acceptor(pki.tls(pki.nodeB), NetworkFixture.LOOPBACK, 0), f.auditB,
                        r -> {
                            synchronized (held) {
                                held.add(r);
                            }
                        })
                .peerPolicy(NetworkFixture.policy()).reportOnNewAssociation(true)
                .remoteAe(new RemoteAe("STORE_A", NetworkFixture.loopback(listenerAcceptor.localPort()),
                        TlsTransport.connector(pki.tls(pki.noPolicy)))).build());
        OnlineStorageScu scu = f.scu().reportOnListener(true).commitmentTimeout(Duration.ofMillis(300)).build();
        DicomServer listener = scu.listener(listenerAcceptor, 2);
        listener.start();
        closeMe.add(listener);
        TransferResult r = scu.send(tlsB(scp), List.of(uid), SendIntent.TRANSFER_ORIGINAL);
        assertTrue(r.commitmentPending());
        Runnable task;
        synchronized (held) {
            task = held.get(0);
        }
        task.run();
        assertTrue(f.storeA.holdsAsOriginal(uid), "a result from another identity changes nothing (d.5 not done)");
        assertEquals(1, scu.pendingTransactions().size());
        assertTrue(f.storeB.get(uid).orElseThrow().awaitingCommitment(), "B got a refusal: still not forwardable");
        String auditA = Files.readString(dir.resolve("a-audit.log"), StandardCharsets.UTF_8);
        assertTrue(auditA.contains("the originals went to") && auditA.contains("csd-code=\"110113\""), auditA);
    }
}
