package org.dicomsec.iscl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.ul.transport.PendingConnection;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.junit.jupiter.api.Test;

/** The ISCL probe: four combinations against a responder that takes them all; one row when there is no key. */
class IsclProbeTest {

    @Test
    void everyCombinationOfAnAcceptingResponderAndAMissingKey() throws Exception {
        IsclConfig bob = IsclFixture.bob().build();
        ExecutorService exec = Executors.newCachedThreadPool();
        try (TransportAcceptor acceptor = Iscl.acceptor(bob, InetAddress.getLoopbackAddress(), 0)) {
            exec.execute(() -> {
                while (true) {
                    try {
                        PendingConnection p = acceptor.accept();
                        exec.execute(() -> {
                            try {
                                p.handshake(10_000).close();
                            } catch (Exception e) {
                                p.abort();
                            }
                        });
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            IsclKeyring alice = IsclFixture.ring("ALICE", "BOB", IsclFixture.K, Map.of());
            List<IsclProbe.Row> rows = IsclProbe.probe(IsclFixture.loopback(acceptor.localPort()), alice, "ALICE",
                    "BOB", 10_000);
            assertEquals(4, rows.size(), rows.toString());
            assertTrue(rows.stream().allMatch(r -> r.accepted() && r.answered()), rows.toString());
            assertEquals("DES-MAC", rows.get(0).integrity());

            List<IsclProbe.Row> none = IsclProbe.probe(IsclFixture.loopback(acceptor.localPort()), alice, "ALICE",
                    "CAROL", 10_000);
            assertEquals(1, none.size(), "no key for the pair: one row says it for all: " + none);
            assertFalse(none.get(0).accepted());
        } finally {
            exec.shutdownNow();
        }
    }

    @Test
    void rowsAsATableAndAsJson() {
        List<IsclProbe.Row> rows = List.of(new IsclProbe.Row("DES-MAC", "DES-CBC", true, true, "authenticated BOB"),
                new IsclProbe.Row("MD5+DES", "none", false, true, "refused by the responder"));
        assertEquals(List.of(
                "integrity  privacy    accepted  detail",
                "DES-MAC    DES-CBC    yes       authenticated BOB",
                "MD5+DES    none       no        refused by the responder"), IsclProbe.lines(rows));
        assertEquals(List.of("integrity  privacy    accepted  detail"), IsclProbe.lines(List.of()));
        assertEquals(Map.of("integrity", "MD5+DES", "privacy", "none", "accepted", false, "detail",
                "refused by the responder"), rows.get(1).toJson());
    }
}
