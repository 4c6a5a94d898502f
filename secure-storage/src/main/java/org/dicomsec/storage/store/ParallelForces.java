package org.dicomsec.storage.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Runs a few independent disk actions of one store operation at the same time (the force of
 * the data file, the write and force of its index record, the audit line) and waits for all of
 * them. On Linux file systems with a journal, forces issued together join one journal commit
 * and one device flush, where forces issued one after the other pay one each: this is what
 * makes a durable store of a small instance cost about two flushes instead of five.
 *
 * <p>Threads: the first action runs in the calling thread, the others on at most
 * {@value #THREADS} daemon threads shared by every store of the JVM, started when needed and
 * ended after 30 s without work (an idle server holds none).
 */
final class ParallelForces {

    static final int THREADS = 3;
    private static final Executor POOL = ReceivedFileWriter.diskExecutor(THREADS, "dicomsec-force");

    /** One disk action (a null action is skipped). */
    @FunctionalInterface
    interface Action {
        void run() throws IOException;
    }

    private ParallelForces() {
    }

    /** An action started on the shared threads ({@link #start}). */
    static final class Running {
        private final CompletableFuture<Void> future;

        private Running(CompletableFuture<Void> future) {
            this.future = future;
        }

        /**
         * Waits for the action to end (an interrupt is kept for later, since the action touches
         * files the operation owns) and throws {@code earlier}, a failure of the caller's own work
         * meanwhile, with the action's failure added as suppressed; or the action's failure.
         */
        void join(Throwable earlier) throws IOException {
            Throwable failed = earlier;
            boolean interrupted = false;
            while (true) {
                try {
                    future.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable c = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
                    if (failed == null) {
                        failed = c;
                    } else {
                        failed.addSuppressed(c);
                    }
                    break;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
                if (failed == null) {
                    failed = new InterruptedIOException("interrupted while the instance was made durable");
                }
            }
            rethrow(failed);
        }
    }

    /** Throws {@code failed} as it is when it can, else wrapped; returns when it is null. */
    private static void rethrow(Throwable failed) throws IOException {
        if (failed instanceof IOException io) {
            throw io;
        } else if (failed instanceof RuntimeException r) {
            throw r;
        } else if (failed instanceof Error err) {
            throw err;
        } else if (failed != null) {
            throw new IOException("disk action failed: " + failed, failed);
        }
    }

    /** Starts {@code action} on the shared threads; {@link Running#join} waits for it. */
    static Running start(Action action) {
        return new Running(CompletableFuture.runAsync(() -> {
            try {
                action.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, POOL));
    }

    /**
     * Runs every action, all but the first on the shared threads, and returns when all have
     * ended; the first failure is thrown, the others added to it as suppressed.
     */
    static void all(Action... actions) throws IOException {
        Running[] others = new Running[actions.length];
        for (int i = 1; i < actions.length; i++) {
            if (actions[i] != null) {
                others[i] = start(actions[i]);
            }
        }
        Throwable failed = null;
        try {
            if (actions.length > 0 && actions[0] != null) {
                actions[0].run();
            }
        } catch (IOException | RuntimeException | Error e) {
            failed = e;
        }
        for (Running r : others) {
            if (r == null) {
                continue;
            }
            try {
                r.join(null);
            } catch (IOException | RuntimeException | Error e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        rethrow(failed);
    }
}
