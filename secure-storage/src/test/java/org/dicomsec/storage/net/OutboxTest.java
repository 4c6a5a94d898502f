package org.dicomsec.storage.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.VR;
import org.dicomsec.storage.AfterCommitment;
import org.dicomsec.storage.ProfileViolationException;
import org.dicomsec.storage.SendIntent;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.TransferRules;
import org.dicomsec.tls.TlsTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link Outbox} over loopback TLS against an SCP that always reports on a new association
 * to a fixed port: a send whose result cannot be delivered stays open with the user's file
 * unchanged; resume with a listener on that port gets the result (new Transaction UID) and
 * applies rule d.5 to the file; discard leaves the file the original.
 */
class OutboxTest {

    static NetworkFixture.Pki pki;

    @TempDir
    Path dir;
    NetworkFixture f;
    OnlineStorageScp scp;
    int listenPort;

    @BeforeAll
    static void pki() throws Exception {
        pki = new NetworkFixture.Pki();
    }

    @BeforeEach
    void setUp() throws Exception {
        f = new NetworkFixture(dir);
        try (ServerSocket s = new ServerSocket(0, 1, NetworkFixture.LOOPBACK)) {
            listenPort = s.getLocalPort();
        }
        scp = OnlineStorageScp.builder(f.storeB, "STORE_B",
                        TlsTransport.acceptor(pki.tls(pki.nodeB), NetworkFixture.LOOPBACK, 0), f.auditB, f.exec)
                .auditEvents(f.eventsB).peerPolicy(NetworkFixture.policy()).reportOnNewAssociation(true)
                .remoteAe(new RemoteAe("STORE_A", NetworkFixture.loopback(listenPort),
                        TlsTransport.connector(pki.tls(pki.nodeB))))
                .build();
        scp.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        scp.close();
        f.close();
    }

    private Outbox outbox() throws Exception {
        return Outbox.builder(dir.resolve("outbox"), "STORE_A", f.auditA).peerPolicy(NetworkFixture.policy())
                .rules(new TransferRules(SopInstanceStatus.AC, false, AfterCommitment.SET_NS))
                .commitmentTimeout(Duration.ofSeconds(1)).open();
    }

    private Path file(String name) throws Exception {
        Path p = dir.resolve(name);
        DicomFile.of(NetworkFixture.original(64), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(p);
        return p;
    }

    private RemoteAe b() {
        return new RemoteAe("STORE_B", NetworkFixture.loopback(scp.localPort()),
                TlsTransport.connector(pki.tls(pki.nodeA)));
    }

    @Test
    void aResultNotDeliveredStaysOpen_thenResumeWithAListenerFinishesTheFile() throws Exception {
        Path file = file("or.dcm");
        byte[] before = Files.readAllBytes(file);
        try (Outbox o = outbox()) {
            Outbox.Report r = o.send(b(), List.of(file), SendIntent.TRANSFER_ORIGINAL, null);
            assertFalse(r.isComplete());
            assertEquals(Outbox.FileState.WAITING, r.files().get(0).state(), r.toString());
            assertTrue(r.transfer().commitmentPending());
            assertEquals(before.length, Files.readAllBytes(file).length);
            assertEquals("OR", DicomFile.read(file).dataset().getString(Tag.SOPInstanceStatus), "d.5 waits");
            List<Outbox.Pending> open = o.pending();
            assertEquals(1, open.size());
            assertEquals(file.toAbsolutePath(), open.get(0).files().values().iterator().next());
            String firstTx = open.get(0).entry().transactionUid();
            assertEquals(Optional.of("STORE_B"), o.peerAeTitle(null));
            assertEquals(Optional.of("STORE_B"), o.peerAeTitle(firstTx));
            assertEquals(Optional.empty(), o.peerAeTitle("2.25.1"), "no such open transaction");

            // resumed with a listener where the SCP reports: committed, the file becomes NS
            List<Outbox.Report> resumed = o.resume(b(), null,
                    TlsTransport.acceptor(pki.tls(pki.nodeA), NetworkFixture.LOOPBACK, listenPort));
            assertEquals(1, resumed.size(), resumed.toString());
            assertTrue(resumed.get(0).isComplete(), resumed.toString());
            assertEquals(Outbox.FileState.DEMOTED, resumed.get(0).files().get(0).state());
            assertFalse(firstTx.equals(resumed.get(0).transfer().transactionUid()), "a new Transaction UID");
            assertEquals("NS", DicomFile.read(file).dataset().getString(Tag.SOPInstanceStatus));
            assertEquals(List.of(), o.pending());
        }
        // the outbox lets the demoted copy go
        try (var s = Files.list(dir.resolve("outbox/files"))) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void discardLeavesTheFileTheOriginal_andAChangedFileIsNotTakenAgainSilently() throws Exception {
        Path file = file("or2.dcm");
        try (Outbox o = outbox()) {
            Outbox.Report r = o.send(b(), List.of(file), SendIntent.TRANSFER_ORIGINAL, null);
            assertEquals(Outbox.FileState.WAITING, r.files().get(0).state());
            String tx = o.pending().get(0).entry().transactionUid();
            assertTrue(o.discard(tx));
            assertFalse(o.discard(tx));
            assertEquals(Optional.empty(), o.peerAeTitle(tx), "discarded: no longer open");
            assertEquals(List.of(), o.pending());
            assertEquals("OR", DicomFile.read(file).dataset().getString(Tag.SOPInstanceStatus));
            assertEquals(List.of(), o.resume(null, null, null), "nothing to finish after a discard");

            // the file changed since (now NS by hand): the outbox's OR copy is not sent in its place
            var ds = DicomFile.read(file).dataset();
            ds.setString(Tag.SOPInstanceStatus, org.dicomsec.data.VR.CS, "NS");
            DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(file);
            ProfileViolationException e = assertThrows(ProfileViolationException.class,
                    () -> o.send(b(), List.of(file), SendIntent.TRANSFER_ORIGINAL, null));
            assertEquals('d', e.rule(), e.getMessage());
            assertTrue(e.getMessage().contains("this one is held as NS"), e.getMessage());
        }
    }

    @Test
    void aFileRefusedForNotBeingAnOriginalLeavesNothing_andIsTakenOnceItIsOne() throws Exception {
        Path file = dir.resolve("plain.dcm");
        Dataset ds = NetworkFixture.original(64);
        ds.remove(Tag.SOPInstanceStatus); // a plain instance, as most files are
        DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(file);
        Path or = file("or3.dcm"); // an original beside it: not taken in either when the send is refused
        try (Outbox o = outbox()) {
            ProfileViolationException e = assertThrows(ProfileViolationException.class,
                    () -> o.send(b(), List.of(or, file), SendIntent.TRANSFER_ORIGINAL, null));
            assertEquals('d', e.rule(), e.getMessage());
            assertTrue(e.getMessage().contains(file + ": only an instance held as OR or AO can be transferred as the"
                    + " original, this one is without status"), e.getMessage());
            try (var s = Files.list(dir.resolve("outbox/files"))) {
                assertEquals(0, s.count(), "nothing of the refused send is kept");
            }
            assertEquals(List.of(), o.pending());

            // made an original since (as `dicomsec original` does): taken and sent as any other
            ds.setString(Tag.SOPInstanceStatus, VR.CS, "OR");
            DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(file);
            Outbox.Report r = o.send(b(), List.of(file), SendIntent.TRANSFER_ORIGINAL, null);
            assertEquals(Outbox.FileState.WAITING, r.files().get(0).state(), r.toString());
        }
    }

    @Test
    void theScpAnswersTheStorageCommitmentScpRoleAProposes_notZeroZero() throws Exception {
        // Orthanc, reporting on a new association, proposes SCU 0 / SCP 1 for Storage Commitment (PS3.7 D.3.3.4)
        org.dicomsec.ul.AssociationRequest rq = org.dicomsec.ul.AssociationRequest.builder("STORE_B", "ORTHANC")
                .presentationContext(org.dicomsec.storage.commitment.StorageCommitment.SOP_CLASS_UID,
                        org.dicomsec.data.UID.ExplicitVRLittleEndian)
                .roleSelection(org.dicomsec.storage.commitment.StorageCommitment.SOP_CLASS_UID, false, true).build();
        org.dicomsec.ul.Association a = org.dicomsec.ul.Association.request(TlsTransport.connector(pki.tls(pki.nodeA)),
                NetworkFixture.loopback(scp.localPort()), rq);
        try {
            List<org.dicomsec.ul.pdu.ScpScuRoleSelection> roles = a.associateAc().userInformation().roleSelections();
            assertEquals(1, roles.size(), roles.toString());
            assertEquals(0, roles.get(0).scuRole());
            assertEquals(1, roles.get(0).scpRole(), "the proposed SCP role is accepted");
        } finally {
            a.release();
        }
    }
}
