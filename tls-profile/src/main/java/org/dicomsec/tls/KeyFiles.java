package org.dicomsec.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Writes files holding secrets (private keys, key store passwords) readable
 * and writable by their owner only, where the file system has POSIX
 * permissions; elsewhere with the permissions the platform gives.
 */
public final class KeyFiles {

    private KeyFiles() {
    }

    /**
     * Replaces {@code file} with a new file created with mode 0600 (never
     * widened afterwards, so no other user can open it in between) holding
     * {@code content}; then overwrites {@code content} with zeros.
     */
    public static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        try {
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(content);
            }
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /**
     * A fresh random password, 24 bytes of {@link SecureRandom} as base64url (192 bits, printable,
     * no shell metacharacters), written to {@code file} as one line {@link #writeOwnerOnly}; the
     * caller clears the returned characters once used.
     */
    public static char[] writeNewPassword(Path file) throws IOException {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        char[] p = Base64.getUrlEncoder().withoutPadding().encodeToString(b).toCharArray();
        Arrays.fill(b, (byte) 0);
        byte[] line = new byte[p.length + 1];
        for (int i = 0; i < p.length; i++) {
            line[i] = (byte) p[i]; // base64url: US-ASCII
        }
        line[p.length] = '\n';
        writeOwnerOnly(file, line);
        return p;
    }
}
