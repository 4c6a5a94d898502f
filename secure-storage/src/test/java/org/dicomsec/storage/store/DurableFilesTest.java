package org.dicomsec.storage.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {
    @TempDir
    Path dir;

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    @Test
    void replaceWritesANewFileOwnerOnly() throws IOException {
        Path f = dir.resolve("new.dcm");
        DurableFiles.replace(f, ch -> ch.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("hello", Files.readString(f));
        if (POSIX) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
        assertEquals(List.of(f), entries());
    }

    @Test
    void replaceKeepsThePermissionsOfTheFileItReplaces() throws IOException {
        Assumptions.assumeTrue(POSIX, "POSIX permissions");
        Path f = Files.writeString(dir.resolve("old.dcm"), "old content, longer than the new");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        DurableFiles.replace(f, ch -> ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3})));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void contentMayStreamThenPatchEarlierBytesByPosition() throws IOException {
        Path f = dir.resolve("patched");
        DurableFiles.replace(f, ch -> {
            OutputStream os = Channels.newOutputStream(ch);
            os.write("abcdef".getBytes(StandardCharsets.US_ASCII));
            os.flush();
            ch.write(ByteBuffer.wrap(new byte[] {'X'}), 2);
        });
        assertEquals("abXdef", Files.readString(f));
    }

    @Test
    void aFailingWriterLeavesTheTargetAsItWasAndNoTemporaryFile() throws IOException {
        Path f = Files.writeString(dir.resolve("kept.dcm"), "original");
        IOException e = assertThrows(IOException.class, () -> DurableFiles.replace(f, ch -> {
            ch.write(ByteBuffer.wrap("half of it".getBytes(StandardCharsets.US_ASCII)));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("original", Files.readString(f));
        assertEquals(List.of(f), entries());
    }

    @Test
    void theTargetMayBeGivenAsARelativePath() throws IOException {
        Path rel = Path.of("").toAbsolutePath().relativize(dir.resolve("rel.dcm"));
        DurableFiles.replace(rel, ch -> ch.write(ByteBuffer.wrap(new byte[] {7})));
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(dir.resolve("rel.dcm")));
        assertFalse(entries().stream().anyMatch(p -> p.getFileName().toString().endsWith(DurableFiles.TMP)));
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
