package org.dicomsec.storage.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The group commit: callers that arrive during a force share the next one; a failure covers nobody. */
class GroupForceTest {

    /** Starts a thread that calls {@code g.force()} and keeps what it threw. */
    private static Thread caller(GroupForce g, List<Throwable> failures) {
        Thread t = new Thread(() -> {
            try {
                g.force();
            } catch (Throwable e) {
                synchronized (failures) {
                    failures.add(e);
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void awaitWaiting(List<Thread> threads) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (Thread t : threads) {
            while (t.getState() != Thread.State.WAITING) {
                assertTrue(System.nanoTime() < end, "thread never waited: " + t.getState());
                Thread.sleep(1);
            }
        }
    }

    @Test
    void callersArrivingDuringAForce_shareTheNextOne() throws Exception {
        AtomicInteger forces = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupForce g = new GroupForce(() -> {
            if (forces.incrementAndGet() == 1) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        }, "test");
        List<Throwable> failures = new ArrayList<>();
        Thread first = caller(g, failures);
        assertTrue(entered.await(20, TimeUnit.SECONDS));
        List<Thread> late = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            late.add(caller(g, failures));
        }
        awaitWaiting(late); // all five hold a ticket the running force does not cover
        release.countDown();
        first.join(20_000);
        for (Thread t : late) {
            t.join(20_000);
        }
        assertEquals(List.of(), failures);
        assertEquals(2, forces.get(), "the five shared one force");
        g.force();
        assertEquals(3, forces.get(), "a lone caller pays exactly one");
    }

    @Test
    void aFailedForce_isThrownToItsThread_andTheWaitersRunTheirOwn() throws Exception {
        AtomicInteger forces = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> failOn = new AtomicReference<>("1");
        GroupForce g = new GroupForce(() -> {
            int n = forces.incrementAndGet();
            if (n == 1) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            if (failOn.get().equals(Integer.toString(n))) {
                throw new IOException("device error " + n);
            }
        }, "test");
        List<Throwable> failures = new ArrayList<>();
        Thread first = caller(g, failures);
        assertTrue(entered.await(20, TimeUnit.SECONDS));
        List<Thread> late = List.of(caller(g, failures), caller(g, failures));
        awaitWaiting(late);
        release.countDown();
        first.join(20_000);
        for (Thread t : late) {
            t.join(20_000);
        }
        assertEquals(1, failures.size(), failures.toString());
        assertEquals("device error 1", failures.get(0).getMessage());
        assertEquals(2, forces.get(), "the waiters were not covered by the failed force; they shared a new one");
        failOn.set("3");
        assertThrows(IOException.class, g::force);
        g.force();
        assertEquals(4, forces.get());
    }
}
