package org.dicomsec.ul.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * User threads sending P-DATA while the reader thread receives data and then
 * an A-ABORT: handler calls never overlap, transitions form one chain, and
 * once aborted no P-DATA request gets through. The senders send half their
 * data, wait for the abort, then try the other half.
 */
class ConcurrencyTest {

    @Test
    void eventsFromManyThreadsAreSerialized() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Transition> log = new ArrayList<>();
        StateMachine<String> m = new StateMachine<>(Role.REQUESTOR, (t, p) -> {
            if (inFlight.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            log.add(t);                                    // no lock here on purpose: the machine's lock guards it
            Thread.onSpinWait();
            inFlight.decrementAndGet();
        }, Duration.ofSeconds(30), System::nanoTime);
        for (Event e : List.of(Event.Evt1, Event.Evt2, Event.Evt3)) {
            m.handle(e);
        }
        assertEquals(State.Sta6, m.state());

        int senders = 4;
        int perSender = 500;
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch halfway = new CountDownLatch(senders);
        CountDownLatch aborted = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(senders + 1);
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                sent.add(pool.submit(() -> {
                    go.await();
                    int ok = 0;
                    for (int i = 0; i < perSender; i++) {
                        if (i == perSender / 2) {
                            halfway.countDown();
                            assertTrue(aborted.await(30, TimeUnit.SECONDS));
                        }
                        if (m.handle(Event.Evt9, "P-DATA").isDefined()) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            Future<?> reader = pool.submit(() -> {
                go.await();
                for (int i = 0; i < 200; i++) {
                    m.handle(Event.Evt10, "P-DATA-TF");
                }
                halfway.await();
                m.handle(Event.Evt16, "A-ABORT");            // AA-3: Sta1
                aborted.countDown();
                return null;
            });
            go.countDown();
            reader.get(30, TimeUnit.SECONDS);
            int accepted = 0;
            for (Future<Integer> f : sent) {
                accepted += f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(0, overlaps.get(), "handler calls overlapped");
            assertEquals(State.Sta1, m.state());
            // every send before the abort went through (DT-1), none after it (Evt9 has no cell in Sta1)
            assertEquals(senders * perSender / 2, accepted);
            long dt1 = log.stream().filter(t -> t.action() == Action.DT_1).count();
            assertEquals(accepted, dt1);
            for (int i = 1; i < log.size(); i++) {
                assertEquals(log.get(i - 1).to(), log.get(i).from(), "chain broken at " + i);
            }
            assertEquals(Action.AA_3, log.get(log.size() - 1).action());
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
