package org.dicomsec.ul.fsm;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * The ARTIM timer (Association Request/Reject/Release Timer, PS3.8 sections
 * 9.1.2 and 9.2) as a deadline, without a thread: whoever reads the transport
 * asks for the deadline and checks it. Not thread-safe on its own; the
 * {@link StateMachine} guards it with its lock.
 */
final class ArtimTimer {

    private final long timeoutNanos;
    private final LongSupplier nanoTicker;
    private boolean running;
    private long deadline;

    ArtimTimer(Duration timeout, LongSupplier nanoTicker) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ARTIM timeout must be positive: " + timeout);
        }
        // Duration.toNanos throws for more than ~292 years; a bound that keeps deadline arithmetic exact
        this.timeoutNanos = timeout.toNanos();
        this.nanoTicker = nanoTicker;
    }

    Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    long now() {
        return nanoTicker.getAsLong();
    }

    /** Start, or restart if already started (PS3.8 AA-1): the deadline is always now + timeout. */
    void start() {
        deadline = nanoTicker.getAsLong() + timeoutNanos;
        running = true;
    }

    void stop() {
        running = false;
    }

    boolean isRunning() {
        return running;
    }

    OptionalLong deadline() {
        return running ? OptionalLong.of(deadline) : OptionalLong.empty();
    }

    /** True when running and {@code nowNanos} is at or past the deadline (overflow-safe comparison). */
    boolean hasExpired(long nowNanos) {
        return running && nowNanos - deadline >= 0;
    }

    /** Milliseconds until the deadline, rounded up; 0 when already expired; empty when stopped. */
    OptionalLong remainingMillis() {
        if (!running) {
            return OptionalLong.empty();
        }
        long left = deadline - nanoTicker.getAsLong();
        if (left <= 0) {
            return OptionalLong.of(0);
        }
        return OptionalLong.of((left + 999_999) / 1_000_000);
    }
}
