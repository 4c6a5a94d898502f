package org.dicomsec.storage.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.dicomsec.data.DicomFile;
import org.dicomsec.data.UID;
import org.dicomsec.ul.DicomFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * {@link FileSeal} and {@link ReceivedFileWriter#writeSealed}: a sealed file is a PS3.10 file with the
 * data set as received whose preamble states its length and checksum; any change of the preamble's
 * fields, of the file's length or of a byte after the preamble makes the seal invalid.
 */
class FileSealTest {
    static final String UID_1 = "1.2.826.0.1.3680043.2.1125.77.1";

    @TempDir
    Path tmp;

    /** A data set of an SC instance: (0008,0016), (0008,0018) and {@code pixels} bytes of OB. */
    static byte[] dataSet(String uid, int pixels, long seed) {
        byte[] cls = UID.SecondaryCaptureImageStorage.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] inst = (uid.length() % 2 == 0 ? uid : uid + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int clsLen = cls.length + cls.length % 2;
        ByteBuffer b = ByteBuffer.allocate(8 + clsLen + 8 + inst.length + 12 + pixels)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 8).putShort((short) 0x16).put((byte) 'U').put((byte) 'I').putShort((short) clsLen).put(cls);
        if (clsLen > cls.length) {
            b.put((byte) 0);
        }
        b.putShort((short) 8).putShort((short) 0x18).put((byte) 'U').put((byte) 'I').putShort((short) inst.length)
                .put(inst);
        b.putShort((short) 0x7FE0).putShort((short) 0x10).put((byte) 'O').put((byte) 'B').putShort((short) 0)
                .putInt(pixels);
        byte[] px = new byte[pixels];
        new Random(seed).nextBytes(px);
        b.put(px);
        return b.array();
    }

    static FileSeal write(Path file, String uid, byte[] dataSet, long sequence, java.util.concurrent.Executor disk)
            throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            return ReceivedFileWriter.writeSealed(ch, UID.SecondaryCaptureImageStorage, uid,
                    UID.ExplicitVRLittleEndian, new ByteArrayInputStream(dataSet), disk, sequence).seal();
        }
    }

    @Test
    void aSealedFileIsThePart10FileWithItsSealInThePreamble() throws Exception {
        byte[] ds = dataSet(UID_1, 5000, 1);
        Path f = tmp.resolve("a.dcm");
        FileSeal written = write(f, UID_1, ds, 42, null);
        FileSeal read = FileSeal.verify(f);
        assertNotNull(read);
        assertEquals(Files.size(f), read.length());
        assertEquals(42, read.sequence());
        assertEquals(UID_1, read.uid());
        assertEquals(written.crc(), read.crc());
        assertEquals(UID_1, DicomFile.read(f).fileMetaInformation().getString(0x00020003));
        DicomFiles.Info info = DicomFiles.inspect(f);
        byte[] stored = Arrays.copyOfRange(Files.readAllBytes(f), (int) info.dataSetOffset(), (int) Files.size(f));
        assertArrayEquals(ds, stored, "the data set as received");
        byte[] magic = Arrays.copyOf(Files.readAllBytes(f), 16);
        assertEquals(FileSeal.MAGIC, new String(magic, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void aFileLargerThanTheBlocksIsSealedWhenTheDiskThreadWritesIt() throws Exception {
        ExecutorService disk = Executors.newFixedThreadPool(2);
        try {
            byte[] ds = dataSet(UID_1, 3 * ReceivedFileWriter.BLOCK + 123, 2);
            Path f = tmp.resolve("big.dcm");
            FileSeal written = write(f, UID_1, ds, 7, disk);
            assertEquals(written.length(), Files.size(f));
            assertNotNull(FileSeal.verify(f));
        } finally {
            disk.shutdown();
        }
    }

    @Test
    void aFileCutOffOrChangedAfterThePreambleHasNoValidSeal() throws Exception {
        byte[] ds = dataSet(UID_1, 20_000, 3);
        Path cut = tmp.resolve("cut.dcm");
        write(cut, UID_1, ds, 1, null);
        try (FileChannel ch = FileChannel.open(cut, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 1);
        }
        assertNotNull(FileSeal.read(cut), "the preamble itself is whole");
        assertNull(FileSeal.verify(cut), "one byte short");

        Path changed = tmp.resolve("changed.dcm");
        write(changed, UID_1, ds, 1, null);
        byte[] all = Files.readAllBytes(changed);
        all[all.length / 2] ^= 0x40;
        Files.write(changed, all);
        assertNull(FileSeal.verify(changed), "one bit changed in the pixels");

        Path zeros = tmp.resolve("zeros.dcm");
        write(zeros, UID_1, ds, 1, null);
        byte[] z = Files.readAllBytes(zeros);
        Arrays.fill(z, 4096, 8192, (byte) 0); // a block the device never got
        Files.write(zeros, z);
        assertNull(FileSeal.verify(zeros));
    }

    @Test
    void aFileWithoutSealHasNone() throws Exception {
        Path f = tmp.resolve("plain.dcm");
        Files.write(f, new byte[300]);
        assertNull(FileSeal.read(f));
        Path small = tmp.resolve("small");
        Files.write(small, new byte[10]);
        assertNull(FileSeal.read(small));
        assertNull(FileSeal.verify(small));
    }

    @Test
    void onlyUidsOfOneTo64AsciiCharactersAreSealed() {
        assertThrows(IllegalArgumentException.class, () -> new FileSeal(200, 0, 0, ""));
        assertThrows(IllegalArgumentException.class, () -> new FileSeal(200, 0, 0, "1".repeat(65)));
        assertThrows(IllegalArgumentException.class, () -> new FileSeal(100, 0, 0, "1.2"));
        assertEquals("1".repeat(64), FileSeal.parse(new FileSeal(200, 0, 0, "1".repeat(64)).preamble()).uid());
    }

    @Property(tries = 300)
    void everyFieldRoundTrips(@ForAll @LongRange(min = 128) long length, @ForAll int crc, @ForAll long sequence,
                              @ForAll @IntRange(min = 1, max = 64) int uidLength) {
        String uid = "1." + "2".repeat(Math.max(0, uidLength - 2));
        uid = uid.substring(0, uidLength);
        FileSeal s = FileSeal.parse(new FileSeal(length, crc, sequence, uid).preamble());
        assertNotNull(s);
        assertEquals(length, s.length());
        assertEquals(crc, s.crc());
        assertEquals(sequence, s.sequence());
        assertEquals(uid, s.uid());
    }

    @Property(tries = 500)
    void anyChangeOfThePreambleMakesItNoSeal(@ForAll @IntRange(min = 0, max = 127) int at,
                                             @ForAll @IntRange(min = 1, max = 255) int flip,
                                             @ForAll @LongRange(min = 128) long length, @ForAll long sequence) {
        byte[] p = new FileSeal(length, 12345, sequence, UID_1).preamble();
        p[at] ^= (byte) flip;
        assertNull(FileSeal.parse(p), "byte " + at + " changed");
    }
}
