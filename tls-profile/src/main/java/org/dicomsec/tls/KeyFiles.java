package org.dicomsec.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
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
 * permissions; elsewhere with the permissions the platform gives; and reads a
 * password back from such a file.
 */
public final class KeyFiles {

    /** Longest file {@link #readPassword} reads: a password, not a document. */
    public static final int MAX_PASSWORD_FILE = 4096;

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

    /**
     * The password a file holds as {@link #writeNewPassword} writes it, or an operator keeps one:
     * its first line, UTF-8, without the line end (LF or CR). The bytes read and the decoded
     * characters are cleared but for the returned copy, which the caller clears once used.
     *
     * @throws IllegalArgumentException the file has more than {@link #MAX_PASSWORD_FILE} bytes (it is
     *                                  not a password), or its first line is empty
     * @throws IOException              the file cannot be read
     */
    public static char[] readPassword(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_PASSWORD_FILE) {
            throw new IllegalArgumentException(size + " bytes, more than a password (" + MAX_PASSWORD_FILE
                    + " at most)");
        }
        byte[] b = Files.readAllBytes(file);
        CharBuffer text = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(b));
        try {
            int end = 0;
            while (end < text.limit() && text.get(end) != '\n' && text.get(end) != '\r') {
                end++;
            }
            if (end == 0) {
                throw new IllegalArgumentException("the first line is empty");
            }
            char[] password = new char[end];
            text.get(password);
            return password;
        } finally {
            Arrays.fill(b, (byte) 0);
            if (text.hasArray()) {
                Arrays.fill(text.array(), '\0');
            }
        }
    }
}
