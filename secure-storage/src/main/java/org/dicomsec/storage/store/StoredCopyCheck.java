package org.dicomsec.storage.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * Rules d.3/e.4 and g/h on the stored bytes of a data set received as a stream: the file is read
 * back from the disk once, and
 * <ul>
 * <li>its data set, with the controlled region (the top-level group 0100 elements as stored)
 *     replaced by that region as received, must have the CRC-32C of the bytes received: so every
 *     byte outside the region is the byte received;</li>
 * <li>the region on the disk must be the region the receiver wrote (which differs from the one
 *     received only in the controlled attributes, checked before writing);</li>
 * <li>the SHA-256 of the data set as stored is computed from the bytes read back, for the index.</li>
 * </ul>
 * The comparison with the received bytes uses CRC-32C, not a second SHA-256: it guards against
 * what can go wrong between the socket and the disk (a fault of the writer, the file system or
 * the memory), which no adversary controls (the transport's MAC covers the wire, rule d.3/e.4's
 * "altered during transmission"), and the JDK computes it with the CPU's CRC instructions, where a
 * SHA-256 of a CT instance took a fifth of the online-storage SCP's CPU (docs/benchmarks.md). The
 * digest that stays with the instance is the SHA-256 of what was read back.
 * Memory: one 256 KiB buffer per thread, whatever the size of the file.
 */
public final class StoredCopyCheck {

    private static final int BUFFER = 256 * 1024;
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[BUFFER]);

    private StoredCopyCheck() {
    }

    /**
     * Reads {@code file} back and checks it.
     *
     * @param file           the Part 10 file, its data set last
     * @param dataSetLength  the number of data set bytes written ({@link ReceivedFileWriter#write})
     * @param regionOffset   where the controlled region starts in the data set
     * @param storedRegion   the region as written
     * @param receivedRegion the region as received
     * @param receivedCrc    CRC-32C of the data set bytes as received ({@link java.util.zip.CRC32C})
     * @return SHA-256 (lower-case hex) of the data set bytes as read back
     * @throws StoreIntegrityException when the file is not what was received and changed
     */
    public static String verify(Path file, long dataSetLength, long regionOffset, byte[] storedRegion,
                                byte[] receivedRegion, long receivedCrc) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return verify(ch, file, dataSetLength, regionOffset, storedRegion, receivedRegion, receivedCrc);
        }
    }

    /**
     * As {@link #verify(Path, long, long, byte[], byte[], long)}, through {@code ch} (open for
     * reading; read at positions, its own position left as it is), {@code file} naming it in messages.
     */
    public static String verify(FileChannel ch, Path file, long dataSetLength, long regionOffset, byte[] storedRegion,
                                byte[] receivedRegion, long receivedCrc) throws IOException {
        boolean same = Arrays.equals(storedRegion, receivedRegion);
        MessageDigest stored = DigestTap.sha256();
        CRC32C received = new CRC32C();
        byte[] buf = BUFFERS.get();
        long regionEnd = regionOffset + storedRegion.length;
        if (regionOffset < 0 || regionEnd > dataSetLength) {
            throw new IllegalArgumentException("region " + regionOffset + "+" + storedRegion.length
                    + " outside the data set of " + dataSetLength + " bytes");
        }
        long start = ch.size() - dataSetLength;
        if (start < 132) {
            throw new StoreIntegrityException(file + ": " + ch.size() + " bytes on the disk, "
                    + dataSetLength + " written after the File Meta Information");
        }
        long p = 0;
        boolean regionDone = false;
        while (p < dataSetLength) {
            int want = (int) Math.min(buf.length, dataSetLength - p);
            int n = ch.read(ByteBuffer.wrap(buf, 0, want), start + p);
            if (n < 0) {
                throw new StoreIntegrityException(file + ": ends " + (dataSetLength - p) + " bytes early");
            }
            stored.update(buf, 0, n);
            if (same) {
                received.update(buf, 0, n);
            } else {
                // the part of this chunk outside the region goes into the received checksum as is
                long a = p;
                long b = p + n;
                if (a < regionOffset) {
                    received.update(buf, 0, (int) (Math.min(b, regionOffset) - a));
                }
                if (!regionDone && b >= regionOffset && regionOffset >= a) {
                    received.update(receivedRegion);
                    regionDone = true;
                }
                if (b > regionEnd) {
                    int from = (int) (Math.max(a, regionEnd) - a);
                    received.update(buf, from, n - from);
                }
            }
            compareRegion(file, buf, p, n, regionOffset, storedRegion);
            p += n;
        }
        if (!same && !regionDone) {
            received.update(receivedRegion); // a region at the very end (no element after group 0100)
        }
        if (received.getValue() != receivedCrc) {
            throw new StoreIntegrityException(String.format("checksum mismatch: the data set read back from %s is "
                    + "not the one received (outside the controlled attributes): CRC-32C %08x, the received "
                    + "bytes' %08x", file.getFileName(), received.getValue(), receivedCrc));
        }
        return HexFormat.of().formatHex(stored.digest());
    }

    private static void compareRegion(Path file, byte[] buf, long p, int n, long regionOffset, byte[] region)
            throws StoreIntegrityException {
        long from = Math.max(p, regionOffset);
        long to = Math.min(p + n, regionOffset + region.length);
        for (long i = from; i < to; i++) {
            if (buf[(int) (i - p)] != region[(int) (i - regionOffset)]) {
                throw new StoreIntegrityException(file.getFileName() + ": the controlled attributes on the disk "
                        + "differ from those written at data set offset " + i);
            }
        }
    }
}
