package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files holding secrets: owner-only, and a generated password written as one line. */
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
}
