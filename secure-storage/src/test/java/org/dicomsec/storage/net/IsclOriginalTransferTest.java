package org.dicomsec.storage.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dicomsec.iscl.Iscl;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.storage.SendIntent;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.commitment.CommitmentResult;
import org.dicomsec.ul.net.DicomServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule d over ISCL (PS3.15 B.2): each side's keyring entry for the other
 * carries the profile flag; the original goes over with DES-MAC and DES-CBC,
 * Storage Commitment confirms it on the same association, or on a new ISCL
 * association from B to A's listener.
 */
class IsclOriginalTransferTest {

    @TempDir
    Path dir;
    NetworkFixture f;
    IsclConfig[] iscl;
    OnlineStorageScp scp;
    DicomServer listener;
    final BlockingQueue<CommitmentResult> delivered = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() throws Exception {
        f = new NetworkFixture(dir);
        iscl = NetworkFixture.iscl(true, true);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (scp != null) {
            scp.close();
        }
        if (listener != null) {
            listener.close();
        }
        f.close();
    }

    private void check(String uid, TransferResult r) throws Exception {
        assertTrue(r.isComplete(), r.toString());
        assertEquals('d', r.instances().get(0).rule());
        assertEquals(r.transactionUid(), delivered.poll(20, TimeUnit.SECONDS).transactionUid());
        assertEquals(Optional.of(SopInstanceStatus.OR), f.storeB.get(uid).orElseThrow().status());
        assertFalse(f.storeB.get(uid).get().awaitingCommitment(), "d.4 lifted once confirmed");
        assertEquals("iscl", f.storeB.get(uid).get().provenance().receivedOver());
        assertEquals(Optional.of(SopInstanceStatus.NS), f.storeA.get(uid).orElseThrow().status(), "d.5.b from OR");
    }

    @Test
    void ruleD_transferOfOriginal_overIscl_commitmentOnTheSameAssociation() throws Exception {
        scp = OnlineStorageScp.builder(f.storeB, "STORE_B", Iscl.acceptor(iscl[1], NetworkFixture.LOOPBACK, 0),
                f.auditB, f.exec).onReportDelivered(delivered::add).build();
        scp.start();
        String uid = f.originalAtA(4096);
        TransferResult r = f.scu().commitmentTimeout(Duration.ofSeconds(20)).build().send(new RemoteAe("STORE_B",
                NetworkFixture.loopback(scp.localPort()), Iscl.connector(iscl[0], NetworkFixture.ISCL_B)),
                List.of(uid), SendIntent.TRANSFER_ORIGINAL);
        check(uid, r);
    }

    @Test
    void ruleD_transferOfOriginal_overIscl_commitmentOnANewIsclAssociation() throws Exception {
        OnlineStorageScu scu = f.scu().reportOnListener(true).commitmentTimeout(Duration.ofSeconds(20)).build();
        listener = scu.listener(Iscl.acceptor(iscl[0], NetworkFixture.LOOPBACK, 0), 2);
        listener.start();
        scp = OnlineStorageScp.builder(f.storeB, "STORE_B", Iscl.acceptor(iscl[1], NetworkFixture.LOOPBACK, 0),
                        f.auditB, f.exec).onReportDelivered(delivered::add).reportOnNewAssociation(true)
                .remoteAe(new RemoteAe("STORE_A", NetworkFixture.loopback(listener.localPort()),
                        Iscl.connector(iscl[1], NetworkFixture.ISCL_A))).build();
        scp.start();
        String uid = f.originalAtA(4096);
        TransferResult r = scu.send(new RemoteAe("STORE_B", NetworkFixture.loopback(scp.localPort()),
                Iscl.connector(iscl[0], NetworkFixture.ISCL_B)), List.of(uid), SendIntent.TRANSFER_ORIGINAL);
        check(uid, r);
        assertEquals(1, listener.associationsServed());
    }
}
