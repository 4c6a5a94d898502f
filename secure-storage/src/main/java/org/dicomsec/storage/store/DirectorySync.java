package org.dicomsec.storage.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forces one directory to the device for many writers at once (a group commit): a thread that
 * renamed a file into the directory calls {@link #force()}, which returns once a force that
 * <em>started after that call</em> has completed. While one force runs, the threads that
 * arrive wait for it to end and then share the next one, so N concurrent C-STOREs cost about
 * two directory forces instead of N, and a lone writer pays exactly one, as before.
 *
 * <p>A failed force is thrown to the thread that ran it; the threads waiting on it are not
 * covered by it and run a force of their own.
 */
public final class DirectorySync {
    private static final ConcurrentHashMap<Path, DirectorySync> ALL = new ConcurrentHashMap<>();

    private final Path dir;
    private final Object lock = new Object();
    /** Tickets handed out: one per call of {@link #force}. */
    private long requested;
    /** Every ticket up to this one is covered by a completed force. */
    private long covered;
    private boolean forcing;

    private DirectorySync(Path dir) {
        this.dir = dir;
    }

    /** The one instance for {@code dir} in this JVM (shared by every store that writes into it). */
    public static DirectorySync of(Path dir) {
        return ALL.computeIfAbsent(dir.toAbsolutePath().normalize(), DirectorySync::new);
    }

    /** The directory this forces. */
    public Path directory() {
        return dir;
    }

    /**
     * Returns once every change made to the directory before this call is on the device.
     *
     * @throws IOException the force this thread ran failed (the directory cannot be opened or forced)
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
                    throw new InterruptedIOException("interrupted while " + dir + " was forced");
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
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
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

    @Override
    public String toString() {
        return "DirectorySync[" + dir + "]";
    }
}
