package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files holding secrets: owner-only, a generated password written as one line, and a password read back. */
class KeyFilesTest {

    @Test
    void aNewPasswordIs192RandomBitsAsBase64UrlOnOneOwnerOnlyLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("password.txt");
        Files.writeString(f, "an older, longer file that is replaced entirely");
        char[] p = KeyFiles.writeNewPassword(f);
        assertEquals(32, p.length);
        assertTrue(new String(p).matches("[A-Za-z0-9_-]{32}"), new String(p));
        assertEquals(new String(p) + "\n", Files.readString(f));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
        assertNotEquals(new String(p), new String(KeyFiles.writeNewPassword(dir.resolve("other.txt"))));
    }

    @Test
    void aPasswordIsReadBackAsTheFirstLineOfItsFile(@TempDir Path dir) throws Exception {
        Path generated = dir.resolve("password.txt");
        char[] p = KeyFiles.writeNewPassword(generated);
        assertArrayEquals(p, KeyFiles.readPassword(generated));
        Path kept = Files.writeString(dir.resolve("pw"), "s3cret W\u00f6rd\r\nsecond line\n", StandardCharsets.UTF_8);
        assertEquals("s3cret W\u00f6rd", new String(KeyFiles.readPassword(kept)));
        assertEquals("no-newline", new String(KeyFiles.readPassword(Files.writeString(dir.resolve("n"), "no-newline"))));
    }

    @Test
    void anEmptyFirstLineOrAFileLargerThanAPasswordIsRefusedAndAMissingFileIsAnIoError(@TempDir Path dir)
            throws Exception {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> KeyFiles.readPassword(Files.writeString(dir.resolve("e"), "\nsecond line")));
        assertEquals("the first line is empty", empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KeyFiles.readPassword(Files.writeString(dir.resolve("z"), "")));
        Path big = Files.write(dir.resolve("big"), new byte[KeyFiles.MAX_PASSWORD_FILE + 1]);
        IllegalArgumentException large = assertThrows(IllegalArgumentException.class, () -> KeyFiles.readPassword(big));
        assertEquals("4097 bytes, more than a password (4096 at most)", large.getMessage());
        assertThrows(NoSuchFileException.class, () -> KeyFiles.readPassword(dir.resolve("absent")));
    }
}
