package org.dicomsec.storage.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forces one directory to the device for many writers at once (a {@link GroupForce}): a thread
 * that renamed a file into the directory calls {@link #force()}, which returns once a force that
 * <em>started after that call</em> has completed, so N concurrent C-STOREs cost about two
 * directory forces instead of N, and a lone writer pays exactly one.
 */
public final class DirectorySync {
    private static final ConcurrentHashMap<Path, DirectorySync> ALL = new ConcurrentHashMap<>();

    private final Path dir;
    private final GroupForce group;

    private DirectorySync(Path dir) {
        this.dir = dir;
        this.group = new GroupForce(() -> {
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            }
        }, dir.toString());
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
        group.force();
    }

    @Override
    public String toString() {
        return "DirectorySync[" + dir + "]";
    }
}
