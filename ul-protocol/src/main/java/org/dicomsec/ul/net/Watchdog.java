package org.dicomsec.ul.net;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.dicomsec.data.LibraryLog;

/**
 * Deadlines that do not depend on how slowly bytes arrive: each watched connection carries at
 * most two armed deadlines (the pre-association phase, the PDU being read) as volatile
 * {@link System#nanoTime()} values, and one thread looks at them every {@value #TICK_MILLIS} ms
 * and drops the connection whose deadline passed. Arming is a volatile write, so the hot path
 * (one arm and one disarm per PDU) costs no queue operation. A socket read timeout restarts with
 * every byte; these do not.
 */
final class Watchdog implements AutoCloseable {
    static final long TICK_MILLIS = 100;

    /** What the watchdog does when a deadline passes. */
    interface Expiry {
        void expired(Watched w, String what, long timeoutMillis);
    }

    /** One connection's deadlines. */
    static final class Watched {
        final String remote;
        final Runnable drop;
        private volatile long setupDeadline;
        private volatile boolean setupArmed;
        private volatile long setupTimeoutMillis;
        private volatile long pduDeadline;
        private volatile boolean pduArmed;
        private final long pduTimeoutNanos;
        /** Set when a deadline passed (the connection is being dropped). */
        volatile boolean expired;

        Watched(String remote, Runnable drop, long pduTimeoutMillis) {
            this.remote = remote;
            this.drop = drop;
            this.pduTimeoutNanos = pduTimeoutMillis * 1_000_000L;
        }

        void armSetup(long timeoutMillis) {
            if (timeoutMillis > 0) {
                setupTimeoutMillis = timeoutMillis;
                setupDeadline = System.nanoTime() + timeoutMillis * 1_000_000L;
                setupArmed = true;
            }
        }

        void disarmSetup() {
            setupArmed = false;
        }

        /** Milliseconds left of the pre-association deadline (at least 1), or 0 when none is armed. */
        int setupMillisLeft() {
            if (!setupArmed) {
                return 0;
            }
            long left = (setupDeadline - System.nanoTime()) / 1_000_000L;
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
        }

        /** Called when the first byte of a PDU arrived. */
        void pduStarted() {
            if (pduTimeoutNanos > 0) {
                pduDeadline = System.nanoTime() + pduTimeoutNanos;
                pduArmed = true;
            }
        }

        /** Called when the last byte of a PDU arrived. */
        void pduEnded() {
            pduArmed = false;
        }

        long pduTimeoutMillis() {
            return pduTimeoutNanos / 1_000_000L;
        }

        /** The expired deadline's description, or null; disarms what expired. */
        private String check(long now, Expiry expiry) {
            if (setupArmed && now - setupDeadline >= 0) {
                setupArmed = false;
                pduArmed = false;
                expired = true;
                expiry.expired(this, "association setup (transport handshake and A-ASSOCIATE-RQ)",
                        setupTimeoutMillis);
                return "setup";
            }
            if (pduArmed && now - pduDeadline >= 0) {
                pduArmed = false;
                expired = true;
                expiry.expired(this, "a PDU", pduTimeoutMillis());
                return "pdu";
            }
            return null;
        }
    }

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private final Expiry expiry;

    Watchdog(String threadName, Expiry expiry) {
        this.expiry = expiry;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweep, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    Watched watch(String remote, Runnable drop, long pduTimeoutMillis) {
        Watched w = new Watched(remote, drop, pduTimeoutMillis);
        watched.add(w);
        return w;
    }

    void forget(Watched w) {
        watched.remove(w);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Watched w : watched) {
            try {
                if (w.check(now, expiry) != null) {
                    w.drop.run();
                }
            } catch (RuntimeException e) {
                // one connection's failure must not stop the watch of the others
                LibraryLog.logger(Watchdog.class).log(System.Logger.Level.WARNING,
                        "deadline watch of " + w.remote + ": " + e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
