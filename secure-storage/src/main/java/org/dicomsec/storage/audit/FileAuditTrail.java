package org.dicomsec.storage.audit;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.storage.store.GroupForce;
import org.dicomsec.storage.store.OwnerOnly;

/**
 * Appends audit messages to a file, one XML message per line, each forced to the device before
 * {@link #record} returns (an audit record that a crash can lose is worth little). The lines of
 * concurrent records are written one at a time and share their forces ({@link GroupForce}): N
 * receptions at once cost about two forces of the trail, not N one after the other.
 *
 * <p>A line is written whole or not at all: when a write fails part way (a full disk), the file
 * is cut back to where the line began before the failure is reported, so no half message is
 * glued to the next one; if even the cut fails, the next record cuts first and fails until it
 * can. When the force fails the line stays (whole; whether it is on the device is unknown) and
 * the record fails. A new file is created owner-only (0600).
 */
public final class FileAuditTrail implements AuditTrail, Closeable {

    private static final System.Logger LOG = LibraryLog.logger(FileAuditTrail.class);

    /** Forces a channel's content to the device. */
    interface Force {
        void force() throws IOException;
    }

    /** How far back from its end {@link #recentlyReceived} reads the file. */
    static final int RECENT = 4 << 20;

    private final SeekableByteChannel channel;
    private final GroupForce force;
    /** The file, for {@link #recentlyReceived}; null over a test's channel. */
    private final Path file;
    /** Where an unfinished line begins that could not be cut away yet; -1 when none. Guarded by this. */
    private long tornAt = -1;

    /** A trail in {@code file}, created with its missing parent folders when absent. */
    public static FileAuditTrail create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new FileAuditTrail(file);
    }

    /** A trail in {@code file}, created (0600) when absent; its folder must exist. */
    public FileAuditTrail(Path file) throws IOException {
        this(OwnerOnly.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                file);
    }

    private FileAuditTrail(FileChannel ch, Path file) {
        this(ch, () -> ch.force(false), file);
    }

    /** Over any channel (tests: one that fails part way). */
    FileAuditTrail(SeekableByteChannel channel, Force force) {
        this(channel, force, null);
    }

    private FileAuditTrail(SeekableByteChannel channel, Force force, Path file) {
        this.channel = channel;
        this.force = new GroupForce(force::force, "the audit trail");
        this.file = file;
    }

    /**
     * Looks in the last {@value #RECENT} bytes, read once, for lines with an instance's element
     * ({@code <Instance UID="...">}) and action C (created: a reception) that succeeded.
     */
    @Override
    public Set<String> recentlyReceived(Collection<String> uids) throws IOException {
        if (file == null || uids.isEmpty()) {
            return Set.of();
        }
        String tail;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long from = Math.max(0, in.size() - RECENT);
            ByteBuffer b = ByteBuffer.allocate((int) (in.size() - from));
            while (b.hasRemaining() && in.read(b, from + b.position()) >= 0) {
                // reads to the end
            }
            tail = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
        }
        Set<String> found = new HashSet<>();
        tail.lines().filter(l -> l.contains(" EventActionCode=\"C\"") && l.contains(" EventOutcomeIndicator=\"0\""))
                .forEach(l -> {
                    for (String uid : uids) {
                        if (l.contains("<Instance UID=\"" + uid + "\"")) {
                            found.add(uid);
                        }
                    }
                });
        return found;
    }

    @Override
    public void record(AuditMessage message) throws IOException {
        byte[] line = (AuditXml.toXml(message) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            if (tornAt >= 0) {
                channel.truncate(tornAt); // throws while the disk still refuses: the record fails whole
                tornAt = -1;
            }
            long start = channel.size();
            channel.position(start);
            try {
                ByteBuffer b = ByteBuffer.wrap(line);
                while (b.hasRemaining()) {
                    channel.write(b);
                }
            } catch (IOException e) {
                cutBack(start, e);
                throw e;
            }
        }
        // outside the lock: the lines written meanwhile share the next force
        force.force();
    }

    /** Removes what a failed record wrote of its line. */
    private void cutBack(long start, IOException cause) {
        try {
            if (channel.size() > start) {
                channel.truncate(start);
            }
            channel.position(start);
        } catch (IOException e) {
            tornAt = start;
            cause.addSuppressed(e);
            LOG.log(Level.ERROR, "audit trail: a failed line could not be cut away yet: {0}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
