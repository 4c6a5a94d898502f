package org.dicomsec.storage.audit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An audit trail kept in memory, to be read back and waited on: how a test or a
 * demonstration sees what a node audited without parsing its audit file. An SCP,
 * for one, audits the A-P-ABORT of a C-STORE whose transport failed its integrity
 * check as a Security Alert of type {@link AuditCode#DATA_INTEGRITY_FAILURE}
 * shortly after the sender saw the abort: {@link #await(AuditCode, Duration)}
 * waits for it. Beside a file: {@code AuditTrail.of(fileTrail, recorder)}.
 *
 * <p>Keeps the latest {@link #capacity()} messages (older ones are dropped);
 * thread-safe.
 */
public final class AuditRecorder implements AuditTrail {

    /** Messages kept by {@link #AuditRecorder()}. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final ArrayDeque<AuditMessage> messages = new ArrayDeque<>();

    /** A recorder keeping the latest {@value #DEFAULT_CAPACITY} messages. */
    public AuditRecorder() {
        this(DEFAULT_CAPACITY);
    }

    /** A recorder keeping the latest {@code capacity} messages (at least 1). */
    public AuditRecorder(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " < 1");
        }
        this.capacity = capacity;
    }

    /** How many messages are kept at most. */
    public int capacity() {
        return capacity;
    }

    /** Keeps {@code message} (dropping the oldest when full) and wakes those waiting. */
    @Override
    public synchronized void record(AuditMessage message) {
        Objects.requireNonNull(message, "message");
        if (messages.size() == capacity) {
            messages.removeFirst();
        }
        messages.addLast(message);
        notifyAll();
    }

    /** The messages kept, oldest first. */
    public synchronized List<AuditMessage> messages() {
        return List.copyOf(messages);
    }

    /** Forgets every message kept (before an action whose audit is then awaited). */
    public synchronized void clear() {
        messages.clear();
    }

    /**
     * The first kept message whose event ID or one of whose event type codes is {@code code},
     * waiting up to {@code timeout} for it to be recorded.
     *
     * @return empty when no such message came within {@code timeout}
     */
    public Optional<AuditMessage> await(AuditCode code, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(code, "code");
        return await(m -> m.event().eventId().equals(code) || m.event().eventTypeCodes().contains(code), timeout);
    }

    /**
     * The first kept message that {@code matches}, waiting up to {@code timeout} for it to be
     * recorded.
     *
     * @return empty when no such message came within {@code timeout}
     */
    public synchronized Optional<AuditMessage> await(Predicate<AuditMessage> matches, Duration timeout)
            throws InterruptedException {
        Objects.requireNonNull(matches, "matches");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (AuditMessage m : messages) {
                if (matches.test(m)) {
                    return Optional.of(m);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            // Object.wait in milliseconds; at least 1 so that a sub-millisecond rest is not a wait forever
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
