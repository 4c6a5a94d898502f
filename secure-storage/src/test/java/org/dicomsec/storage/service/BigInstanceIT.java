package org.dicomsec.storage.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.UID;
import org.dicomsec.data.VR;
import org.dicomsec.storage.TestData;
import org.dicomsec.storage.store.DatasetDigest;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.transport.PlainTcp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any size through the profile's SCP with a small heap: a data set of more than 4 GiB + 1 byte
 * (encapsulated Pixel Data of 4 GiB + 2 bytes in 65 fragments) is sent by C-STORE to
 * {@link BigInstanceScp} running in a child JVM with {@code -Xmx64m}; the stored data set has the
 * SHA-256 of the bytes sent (computed while they were generated and sent: neither side holds
 * them). The instance carries SOP Instance Status NS, so rule f.2 (plain TCP: NS) changes nothing
 * and the stored bytes are the sent ones exactly.
 *
 * <p>{@code -Ddicomsec.bigInstance.fragments=N} sends N fragments of 64 MiB instead of 64 (a quick
 * run: 2).
 */
class BigInstanceIT {

    @TempDir
    Path dir;

    private static final int FRAGMENT = 64 << 20;

    /** The data set: a CT head with status NS, then Pixel Data as {@code n} fragments of 64 MiB and one of 2 bytes. */
    static InputStream dataSet(String uid, int n) {
        Dataset head = TestData.ctImage(uid);
        head.remove(Tag.PixelData);
        head.setString(Tag.SOPInstanceStatus, VR.CS, "NS");
        ByteBuffer px = ByteBuffer.allocate(12 + 8).order(ByteOrder.LITTLE_ENDIAN);
        px.putShort((short) 0x7FE0).putShort((short) 0x0010).put((byte) 'O').put((byte) 'B').putShort((short) 0)
                .putInt(-1).putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(0); // empty offset table
        byte[] block = new byte[1 << 20];
        ThreadLocalRandom.current().nextBytes(block);
        InputStream fragments = new InputStream() {
            int fragment;
            long left = -1; // bytes of the current fragment's value; -1: its header is next
            final ByteBuffer hdr = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            int hdrPos = 8;
            boolean done;

            @Override
            public int read() {
                byte[] b = new byte[1];
                return read(b, 0, 1) < 0 ? -1 : b[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (hdrPos < 8) {
                    int k = Math.min(len, 8 - hdrPos);
                    System.arraycopy(hdr.array(), hdrPos, b, off, k);
                    hdrPos += k;
                    return k;
                }
                if (left > 0) {
                    int k = (int) Math.min(len, left);
                    long at = (fragment == n ? 2 : FRAGMENT) - left;
                    int from = (int) (at % block.length);
                    k = Math.min(k, block.length - from);
                    System.arraycopy(block, from, b, off, k);
                    b[off] ^= (byte) fragment; // fragments differ
                    left -= k;
                    if (left == 0) {
                        fragment++;
                    }
                    return k;
                }
                if (done) {
                    return -1;
                }
                hdr.clear();
                if (fragment <= n) {
                    int size = fragment == n ? 2 : FRAGMENT;
                    hdr.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(size);
                    left = size;
                } else {
                    hdr.putShort((short) 0xFFFE).putShort((short) 0xE0DD).putInt(0); // sequence delimiter
                    done = true;
                }
                hdrPos = 0;
                return read(b, off, len);
            }
        };
        return new SequenceInputStream(new SequenceInputStream(
                new ByteArrayInputStream(DicomWriter.encode(head, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)),
                new ByteArrayInputStream(px.array())), fragments);
    }

    @Test
    void moreThan4GiB_throughTheProfileScp_inA64MiBHeap_storedByteIdentical() throws Exception {
        int n = Integer.getInteger("dicomsec.bigInstance.fragments", 64);
        Path store = dir.resolve("store");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = dir.resolve("child.err");
        Process child = new ProcessBuilder(javaBin, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                BigInstanceScp.class.getName(), store.toString())
                .redirectError(ProcessBuilder.Redirect.to(err.toFile())).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.US_ASCII))) {
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("PORT "), first + " " + Files.readString(err));
            String[] f = first.split(" ");
            int port = Integer.parseInt(f[1]);
            assertTrue(Long.parseLong(f[3]) <= 64L << 20, "the child's heap is at most 64 MiB: " + f[3]);

            String uid = TestData.newUid();
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long[] sent = {0};
            InputStream counted = new java.io.FilterInputStream(new DigestInputStream(dataSet(uid, n), md)) {
                @Override
                public int read() throws java.io.IOException {
                    int c = in.read(); // the sender reads one byte ahead at each full PDU
                    sent[0] += c < 0 ? 0 : 1;
                    return c;
                }

                @Override
                public int read(byte[] b, int off, int len) throws java.io.IOException {
                    int r = in.read(b, off, len);
                    sent[0] += Math.max(r, 0);
                    return r;
                }
            };
            long t0 = System.nanoTime();
            try (Association a = Association.request(PlainTcp.connector(),
                    new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port),
                    AssociationRequest.builder("BIG-SCP", "BIG-SCU")
                            .presentationContext(TestData.CT_IMAGE_STORAGE, UID.ExplicitVRLittleEndian)
                            .settings(AssociationSettings.DEFAULT.withMaxPduLength(65530)).build())) {
                var rsp = a.cstore(TestData.CT_IMAGE_STORAGE, uid, UID.ExplicitVRLittleEndian, counted);
                assertEquals(0, rsp.status().code(), rsp.status().toString() + " " + Files.readString(err));
                a.release();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (n == 64) {
                assertTrue(sent[0] > (4L << 30) + 1, "more than 4 GiB + 1 byte: " + sent[0]);
            }
            child.getOutputStream().close();
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child ends");
            System.out.printf("BigInstanceIT: %d bytes in %.1f s (%.0f MB/s) into a -Xmx64m SCP%n", sent[0], s,
                    sent[0] / s / 1e6);
            assertEquals(0, child.exitValue(), Files.readString(err));

            String expected = HexFormat.of().formatHex(md.digest());
            List<Path> files;
            try (Stream<Path> st = Files.list(store.resolve("instances"))) {
                files = st.toList();
            }
            assertEquals(1, files.size(), files.toString());
            assertEquals(expected, DatasetDigest.ofFile(files.get(0)), "the stored data set is the bytes sent");
            InstanceStore reopened = InstanceStore.open(store);
            assertEquals(expected, reopened.get(uid).orElseThrow().digest(), "the index has the same digest");
            assertTrue(Files.size(files.get(0)) > sent[0]);
        } finally {
            child.destroyForcibly();
        }
    }
}
