package org.dicomsec.storage.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The write discipline of the store: a new file is written beside its final
 * name, forced to the device, renamed atomically, and the directory is forced
 * so that the rename itself survives a crash (POSIX: the name lives in the
 * directory).
 */
public final class DurableFiles {

    /** Suffix of files being written; never an instance or a record. */
    public static final String TMP = ".tmp";

    private DurableFiles() {
    }

    /**
     * Writes {@code bytes} to {@code target} durably (temporary file created 0600, force, atomic
     * rename, directory force).
     */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + "." + System.nanoTime() + TMP);
        try {
            writeForced(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(target.getParent());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Creates {@code file} (0600; it must not exist), writes {@code bytes} and forces it, without renaming. */
    static void writeForced(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = OwnerOnly.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    /** What {@link #replace} writes: the whole new content of the file, through its channel. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content from position 0; may stream ({@code Channels.newOutputStream(channel)},
         * flushed before returning, not closed) and then patch earlier bytes by position.
         */
        void writeTo(FileChannel channel) throws IOException;
    }

    /**
     * Replaces {@code target} durably with what {@code content} writes: a hidden temporary file
     * beside it, forced to the device, given the target's permissions when it exists (owner-only
     * when it does not), renamed over it atomically, the folder forced. When anything fails the
     * target is as it was and the temporary file is gone.
     */
    public static void replace(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + System.nanoTime() + TMP);
        try {
            try (FileChannel ch = OwnerOnly.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(ch);
                ch.force(true);
            }
            if (Files.exists(abs)) {
                try {
                    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(abs); // keep who may read it
                    Files.setPosixFilePermissions(tmp, mode);
                } catch (UnsupportedOperationException notPosix) {
                    // the platform's defaults apply
                }
            }
            rename(tmp, abs);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Renames {@code from} to {@code to} atomically and forces the directory. */
    public static void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(to.getParent());
    }

    /** Deletes a file and forces its directory. */
    public static void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            forceDirectory(file.getParent());
        }
    }

    /**
     * fsync of a directory (Linux and the BSDs allow opening a directory for reading), shared
     * with the other threads forcing the same directory at the same time ({@link DirectorySync}).
     */
    public static void forceDirectory(Path dir) throws IOException {
        DirectorySync.of(dir).force();
    }
}
