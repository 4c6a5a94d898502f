package org.dicomsec.storage.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders of the archive as docs/conformance-statement.md promises them: readable
 * and writable by the owner only (files 0600, folders 0700), set when they are created, so no
 * instant exists in which another user could open them. On a file system without POSIX
 * permissions (Windows) the folder's ACL decides and nothing is set.
 */
public final class OwnerOnly {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];

    private OwnerOnly() {
    }

    /** The attribute that creates a file 0600 (none where POSIX permissions do not exist). */
    public static FileAttribute<?>[] file() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : NONE;
    }

    /** Opens {@code file} with {@code options}; a file the call creates is created 0600. */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        return FileChannel.open(file, Set.of(options), file());
    }

    /** Creates the new, empty file {@code file} 0600 (fails when it exists). */
    public static Path createFile(Path file) throws IOException {
        return Files.createFile(file, file());
    }

    /**
     * Creates {@code dir} and any missing parents 0700; with {@code tightenExisting} {@code dir}
     * itself is set to 0700 even when it existed (a folder only the archive uses); parents that
     * existed are left as they are.
     */
    public static Path directory(Path dir, boolean tightenExisting) throws IOException {
        Path abs = dir.toAbsolutePath();
        boolean created = false;
        if (!Files.isDirectory(abs)) {
            created = true;
            Path parent = abs.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                directory(parent, false);
            }
            try {
                Files.createDirectory(abs, POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIR)}
                        : NONE);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // created meanwhile by another opener: made owner-only below
            }
        }
        if (POSIX && (created || tightenExisting)) {
            Files.setPosixFilePermissions(abs, DIR);
        }
        return dir;
    }

    /** Sets a file the archive made earlier (perhaps 0644, before this rule) to 0600. */
    public static void tighten(Path file) throws IOException {
        if (POSIX && Files.isRegularFile(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }
}
