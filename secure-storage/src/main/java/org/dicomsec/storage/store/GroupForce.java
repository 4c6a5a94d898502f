package org.dicomsec.storage.store;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * A force shared by the threads that need one at the same time (a group commit): {@link #force()}
 * returns once a force that <em>started after that call</em> has completed. While one force
 * runs, the threads that arrive wait for it to end and then share the next one, so N concurrent
 * writers cost about two forces instead of N, and a lone writer pays exactly one.
 *
 * <p>A failed force is thrown to the thread that ran it; the threads waiting on it are not
 * covered by it and run a force of their own. (Public for the audit trail's lines: {@link
 * org.dicomsec.storage.audit.FileAuditTrail}.)
 */
public final class GroupForce {

    /** The force itself: it must have reached the device when it returns. */
    @FunctionalInterface
    public interface Action {
        void run() throws IOException;
    }

    private final Action action;
    private final String what;
    private final Object lock = new Object();
    /** Tickets handed out: one per call of {@link #force}. */
    private long requested;
    /** Every ticket up to this one is covered by a completed force. */
    private long covered;
    private boolean forcing;

    /** {@code what} names the forced file or folder in the message of an interrupted wait. */
    public GroupForce(Action action, String what) {
        this.action = action;
        this.what = what;
    }

    /**
     * Returns once every change made before this call is on the device.
     *
     * @throws IOException the force this thread ran failed
     */
    public void force() throws IOException {
        long ticket;
        long upTo;
        synchronized (lock) {
            ticket = ++requested;
            while (covered < ticket && forcing) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while " + what + " was forced");
                }
            }
            if (covered >= ticket) {
                return;
            }
            forcing = true;
            // every ticket taken so far belongs to a change made before this force starts
            upTo = requested;
        }
        boolean done = false;
        try {
            action.run();
            done = true;
        } finally {
            synchronized (lock) {
                forcing = false;
                if (done) {
                    covered = Math.max(covered, upTo);
                }
                lock.notifyAll();
            }
        }
    }
}
