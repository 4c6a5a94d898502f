package org.dicomsec.storage.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.SecurityDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audit messages kept in memory: read back, waited on across threads, forgotten, bounded. */
class AuditRecorderTest {

    private final AuditEvents events = new AuditEvents("STORE_B", "127.0.0.1", "store-b", Clock.systemUTC());
    private static final AuditEvents.Peer PEER = new AuditEvents.Peer("STORE_A",
            new PeerIdentity(PeerIdentity.Kind.ISCL_ENTITY, "NODE-A", List.of(), Map.of()), "127.0.0.2");
    private static final AuditEvents.Instance CT = new AuditEvents.Instance("1.2.3", "1.2.840.10008.5.1.4.1.1.2",
            "1.2.3.4");

    private AuditMessage accepted() {
        return events.associationAccepted(PEER, SecurityDescription.PLAIN);
    }

    private AuditMessage integrity() {
        return events.integrityFailure(PEER, CT, "A-P-ABORT: the transport's integrity check failed");
    }

    @Test
    void await_findsAMessageRecordedLaterByAnotherThread() throws Exception {
        AuditRecorder r = new AuditRecorder();
        r.record(accepted());
        // recorded once this thread is inside await and waiting (its state says so), never before
        Thread waiter = Thread.currentThread();
        CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (waiter.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            r.record(integrity());
        });
        long t0 = System.nanoTime();
        Optional<AuditMessage> m = r.await(AuditCode.DATA_INTEGRITY_FAILURE, Duration.ofSeconds(10));
        assertTrue(m.isPresent());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "woken by the record, not the timeout");
        assertEquals("A-P-ABORT: the transport's integrity check failed", m.get().event().description());
        later.get(5, TimeUnit.SECONDS);
        assertEquals(2, r.messages().size());
        // by the event ID as well as by an event type code
        assertEquals(AuditCode.SECURITY_ALERT, r.await(AuditCode.SECURITY_ALERT, Duration.ZERO).get().event().eventId());
        assertEquals(accepted().event().eventId(), r.await(AuditCode.LOGIN, Duration.ZERO).get().event().eventId());
    }

    @Test
    void await_endsEmptyAfterTheTimeout_andClearForgets() throws Exception {
        AuditRecorder r = new AuditRecorder();
        r.record(integrity());
        r.clear();
        assertEquals(List.of(), r.messages());
        long t0 = System.nanoTime();
        assertEquals(Optional.empty(), r.await(AuditCode.DATA_INTEGRITY_FAILURE, Duration.ofMillis(150)));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(150), "waited the timeout");
        assertEquals(Optional.empty(), r.await(m -> true, Duration.ZERO));
    }

    @Test
    void keepsTheLatestCapacityMessages() {
        AuditRecorder r = new AuditRecorder(2);
        r.record(integrity());
        r.record(accepted());
        r.record(accepted());
        assertEquals(2, r.messages().size());
        assertTrue(r.messages().stream().allMatch(m -> m.event().eventId().equals(AuditCode.USER_AUTHENTICATION)));
        assertEquals(AuditRecorder.DEFAULT_CAPACITY, new AuditRecorder().capacity());
        assertThrows(IllegalArgumentException.class, () -> new AuditRecorder(0));
    }

    @Test
    void besideAFile_bothGetEveryMessage(@TempDir Path dir) throws Exception {
        AuditRecorder r = new AuditRecorder();
        try (FileAuditTrail file = new FileAuditTrail(dir.resolve("audit.log"))) {
            AuditTrail both = AuditTrail.of(file, r);
            both.record(accepted());
            both.record(integrity());
        }
        assertEquals(2, Files.readAllLines(dir.resolve("audit.log"), StandardCharsets.UTF_8).size());
        assertEquals(2, r.messages().size());
    }
}
