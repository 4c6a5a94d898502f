package org.dicomsec.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Run by {@link LargeFileIT} in a JVM with a 64 MiB heap: writes a Part 10 file
 * whose Pixel Data is {@code args[1]} bytes through the streaming writer, reads
 * it back through the streaming reader, streams it into Explicit VR Big Endian,
 * and checks the CRC of the pixel bytes each time. Prints "OK" and exits 0.
 */
public final class LargeFileTool {

    private LargeFileTool() {
    }

    /** The byte at position i of the generated pixel data. */
    static byte pattern(long i) {
        return (byte) (i * 31 + (i >>> 11));
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long size = Long.parseLong(args[1]);
        if ((size & 1) == 1) {
            throw new IllegalArgumentException("even size expected");
        }
        long t0 = System.nanoTime();
        // 1. write: header, then the value streamed from a generator
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, UID.randomUID());
        ds.setString(Tag.PatientName, VR.PN, "Large^File");
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        CRC32 written = new CRC32();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            DicomWriter w = DicomFileWriter.open(out,
                    FileMetaInformation.createFor(ds, UID.ExplicitVRLittleEndian));
            w.writeDataset(ds);
            w.writeHeader(Tag.PixelData, VR.OW, size);
            w.copyValue(new PatternStream(size, written), size, VR.OW, false);
            w.finish();
        }
        long t1 = System.nanoTime();
        // 2. read: data set up to Pixel Data into memory, the pixels streamed
        CRC32 read = new CRC32();
        try (DicomFileReader r = DicomFileReader.open(file)) {
            Dataset head = r.readDataset(Tag.PixelData);
            check("Large^File".equals(head.getString(Tag.PatientName)), "patient name");
            DicomReader dr = r.reader();
            check(dr.next() == DicomReader.Event.ELEMENT && dr.tag() == Tag.PixelData, "pixel data header");
            check(dr.length() == size, "pixel data length " + dr.length());
            byte[] buf = new byte[1 << 16];
            for (int n; (n = dr.readValueChunk(buf, 0, buf.length)) > 0; ) {
                read.update(buf, 0, n);
            }
            check(dr.next() == DicomReader.Event.END, "end after pixel data");
        }
        check(read.getValue() == written.getValue(), "CRC of the pixel data read back");
        long t2 = System.nanoTime();
        // 3. whole-data-set reading refuses the value instead of running out of memory
        try (DicomFileReader r = DicomFileReader.open(file)) {
            r.readDataset();
            check(false, "whole data set read into 64 MiB");
        } catch (DicomCodecException expected) {
            check(expected.getMessage().contains("in-memory limit"), expected.getMessage());
        }
        // 4. stream into Explicit VR Big Endian: OW swapped on the way; check CRC of swapped-back bytes
        CRC32 swapped = new CRC32();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Transcoder.transcodeFile(in, new SwapCheckingSink(size, swapped), TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        }
        check(swapped.getValue() == written.getValue(), "CRC after big endian transcoding");
        long t3 = System.nanoTime();
        System.out.printf("OK size=%d write=%.1fs read=%.1fs transcode=%.1fs maxHeap=%dMiB%n", size,
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, Runtime.getRuntime().maxMemory() >> 20);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("check failed: " + what);
        }
    }

    /** Generates the pattern bytes, updating a CRC. */
    static final class PatternStream extends InputStream {
        private final long size;
        private final CRC32 crc;
        private long pos;

        PatternStream(long size, CRC32 crc) {
            this.size = size;
            this.crc = crc;
        }

        @Override
        public int read() {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - pos);
            for (int i = 0; i < n; i++) {
                b[off + i] = pattern(pos + i);
            }
            crc.update(b, off, n);
            pos += n;
            return n;
        }
    }

    /**
     * Receives a big endian file: the last {@code size} bytes are the OW pixel data;
     * swaps each 16-bit word back and feeds the CRC. Keeps only a small tail buffer.
     */
    static final class SwapCheckingSink extends OutputStream {
        private final long size;
        private final CRC32 crc;
        private final java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        private long pixelStart = -1;
        private long total;
        private int pendingHigh = -1;

        SwapCheckingSink(long size, CRC32 crc) {
            this.size = size;
            this.crc = crc;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        private final byte[] tmp = new byte[1 << 16];

        @Override
        public void write(byte[] b, int off, int len) {
            int i = 0;
            while (i < len && pixelStart < 0) {
                head.write(b[off + i++]);
                total++;
                byte[] h = head.toByteArray();
                int n = h.length;
                // the big endian Pixel Data header: 7FE0 0010 'OW' 0000 + 32-bit length
                if (n >= 12 && h[n - 12] == 0x7F && (h[n - 11] & 0xFF) == 0xE0 && h[n - 10] == 0x00
                        && h[n - 9] == 0x10 && h[n - 8] == 'O' && h[n - 7] == 'W') {
                    pixelStart = total;
                }
            }
            // pixel bytes: swap each 16-bit word back to little endian, in bulk
            while (i < len) {
                int t = 0;
                while (i < len && t < tmp.length - 1) {
                    byte x = b[off + i++];
                    if (pendingHigh < 0) {
                        pendingHigh = x & 0xFF;
                    } else {
                        tmp[t++] = x;
                        tmp[t++] = (byte) pendingHigh;
                        pendingHigh = -1;
                    }
                }
                crc.update(tmp, 0, t);
            }
        }
    }
}
