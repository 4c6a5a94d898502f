package org.dicomsec.storage.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link StoredCopyCheck} on files built byte by byte: a file that holds what was received, with
 * the controlled region as the receiver wrote it, passes and yields the SHA-256 of the stored
 * data set; any byte of the data set changed on the disk, or the file cut short, is found.
 */
class StoredCopyCheckProperties {

    /** What was received and what the receiver stored: the same bytes but for the region. */
    private record Copy(byte[] received, byte[] stored, int regionOffset, byte[] receivedRegion,
                        byte[] storedRegion) {
    }

    private static Copy copy(byte[] before, byte[] receivedRegion, byte[] storedRegion, byte[] after) {
        return new Copy(concat(before, receivedRegion, after), concat(before, storedRegion, after), before.length,
                receivedRegion, storedRegion);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A Part 10 file as the writer leaves it: 132 bytes and a File Meta Information, then the data set. */
    private static Path file(byte[] dataSet) throws IOException {
        Path f = Files.createTempFile("stored-copy", ".dcm");
        byte[] head = new byte[132 + 60];
        head[128] = 'D';
        head[129] = 'I';
        head[130] = 'C';
        head[131] = 'M';
        Files.write(f, concat(head, dataSet));
        return f;
    }

    /** Bulk data: {@code n} bytes from a seed (the regions and what follows them come from jqwik). */
    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    private static long crc(byte[] b) {
        CRC32C c = new CRC32C();
        c.update(b);
        return c.getValue();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Property(tries = 200)
    void whatWasReceived_passes_withTheStoredDigest(@ForAll @IntRange(max = 700_000) int beforeLength,
                                                     @ForAll long seed,
                                                     @ForAll @Size(max = 40) byte[] receivedRegion,
                                                     @ForAll @Size(max = 40) byte[] storedRegion,
                                                     @ForAll @Size(max = 300) byte[] after) throws Exception {
        Copy c = copy(bytes(beforeLength, seed), receivedRegion, storedRegion, after);
        Path f = file(c.stored);
        try {
            String digest = StoredCopyCheck.verify(f, c.stored.length, c.regionOffset, c.storedRegion,
                    c.receivedRegion, crc(c.received));
            assertEquals(sha256(c.stored), digest);
        } finally {
            Files.delete(f);
        }
    }

    @Property(tries = 300)
    void anyByteChangedOnTheDisk_isFound(@ForAll @IntRange(min = 1, max = 600_000) int beforeLength,
                                         @ForAll long seed,
                                         @ForAll @Size(max = 30) byte[] receivedRegion,
                                         @ForAll @Size(max = 30) byte[] storedRegion,
                                         @ForAll @Size(max = 200) byte[] after,
                                         @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where,
                                         @ForAll @IntRange(min = 1, max = 255) int xor) throws Exception {
        Copy c = copy(bytes(beforeLength, seed), receivedRegion, storedRegion, after);
        byte[] onDisk = c.stored.clone();
        int at = where % onDisk.length;
        onDisk[at] ^= (byte) xor;
        Path f = file(onDisk);
        try {
            StoreIntegrityException e = assertThrows(StoreIntegrityException.class, () -> StoredCopyCheck.verify(f,
                    onDisk.length, c.regionOffset, c.storedRegion, c.receivedRegion, crc(c.received)));
            boolean inRegion = at >= c.regionOffset && at < c.regionOffset + c.storedRegion.length;
            assertTrue(e.getMessage().contains(inRegion ? "differ from those written" : "checksum mismatch"),
                    e.getMessage());
        } finally {
            Files.delete(f);
        }
    }

    @Property(tries = 100)
    void aFileCutShort_isFound(@ForAll @IntRange(min = 2, max = 600_000) int length, @ForAll long seed,
                               @ForAll @IntRange(min = 1, max = 600_000) int cut) throws Exception {
        byte[] received = bytes(length, seed);
        int keep = received.length - 1 - cut % (received.length - 1);
        Path f = file(Arrays.copyOf(received, keep));
        try {
            // the data set is expected to end where the file ends: what is missing shifts its start
            assertThrows(StoreIntegrityException.class, () -> StoredCopyCheck.verify(f, received.length, 0,
                    new byte[0], new byte[0], crc(received)));
        } finally {
            Files.delete(f);
        }
    }
}
