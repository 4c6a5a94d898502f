package org.dicomsec.iscl.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.dicomsec.iscl.IntegrityMechanism;
import org.dicomsec.iscl.IsclError;
import org.dicomsec.iscl.IsclIntegrityException;
import org.dicomsec.iscl.PrivacyMechanism;
import org.dicomsec.iscl.crypto.Md5Order;
import org.dicomsec.iscl.wire.Packet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The record layer as a pure engine over in-memory streams (docs/iscl-wire-format.md section 8). */
class RecordLayerTest {

    static byte[] record(HandshakeResult sender, byte[]... chunks) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        RecordOutputStream out = new RecordOutputStream(wire, sender);
        for (byte[] c : chunks) {
            out.write(c);
            out.flush();
        }
        out.close();
        return wire.toByteArray();
    }

    static RecordInputStream reader(HandshakeResult receiver, InputStream in, AtomicInteger drops) {
        return new RecordInputStream(in, receiver, drops::incrementAndGet, "test");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void roundTripAtAndAroundThePacketSize(int combination) throws Exception {
        HandshakeResult[] p = EngineFixture.combination(combination, 1024);
        Random rnd = new Random(combination);
        byte[][] chunks = {new byte[1], new byte[1023], new byte[1024], new byte[1025], new byte[5000]};
        for (byte[] c : chunks) {
            rnd.nextBytes(c);
        }
        byte[] wire = record(p[0], chunks);
        AtomicInteger drops = new AtomicInteger();
        RecordInputStream in = reader(p[1], new ByteArrayInputStream(wire), drops);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        in.transferTo(got);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (byte[] c : chunks) {
            sent.write(c);
        }
        assertArrayEquals(sent.toByteArray(), got.toByteArray());
        // 1 + 1 + 1 + 2 + 5 DATA records + DISCONNECT
        assertEquals(11, in.recordsReceived());
        assertEquals(-1, in.read(), "end stays end");
        assertEquals(0, drops.get());
    }

    @Test
    void receiverVerifiesEitherMd5OrderButOnlyTheOneAnnounced() throws Exception {
        for (Md5Order order : Md5Order.values()) {
            HandshakeResult[] p = EngineFixture.pair(IntegrityMechanism.MD5_DES, PrivacyMechanism.NONE, order, 1024);
            byte[] wire = record(p[0], "either order".getBytes());
            assertEquals(order.code(), wire[1] & 0x03, "order carried in the record flags");
            assertArrayEquals("either order".getBytes(), reader(p[1], new ByteArrayInputStream(wire),
                    new AtomicInteger()).readAllBytes());
            // claiming the other order is refused before the tag is checked (section 8.3: the announced order)
            byte[] flipped = wire.clone();
            flipped[1] ^= 0x03;
            IsclIntegrityException e = assertThrows(IsclIntegrityException.class,
                    () -> reader(p[1], new ByteArrayInputStream(flipped), new AtomicInteger()).read());
            assertEquals(IsclError.UNEXPECTED_RECORD, e.error());
            // a sender that announced one order and sends the other, correctly tagged: refused too
            Md5Order other = order == Md5Order.ENCRYPT_RANDOM_THEN_HASH ? Md5Order.HASH_THEN_ENCRYPT
                    : Md5Order.ENCRYPT_RANDOM_THEN_HASH;
            byte[] otherForm = record(p[0].withSendOrder(other), "either order".getBytes());
            assertEquals(other.code(), otherForm[1] & 0x03);
            e = assertThrows(IsclIntegrityException.class,
                    () -> reader(p[1], new ByteArrayInputStream(otherForm), new AtomicInteger()).read());
            assertEquals(IsclError.UNEXPECTED_RECORD, e.error());
            assertTrue(e.getMessage().contains("MD5 order announced " + order.code()), e.getMessage());
        }
    }

    @Test
    void flagsNotAsNegotiatedAreRefused() throws Exception {
        HandshakeResult[] p = EngineFixture.pair(IntegrityMechanism.DES_MAC, PrivacyMechanism.NONE,
                Md5Order.ENCRYPT_RANDOM_THEN_HASH, 1024);
        byte[] wire = record(p[0], new byte[10]);
        for (int flags : new int[] {0x04, 0x01, 0x08, 0x80}) {
            byte[] w = wire.clone();
            w[1] = (byte) flags;
            AtomicInteger drops = new AtomicInteger();
            IsclIntegrityException e = assertThrows(IsclIntegrityException.class,
                    () -> reader(p[1], new ByteArrayInputStream(w), drops).read());
            assertEquals(IsclError.UNEXPECTED_RECORD, e.error());
            assertEquals(1, drops.get(), "connection dropped");
        }
        byte[] w = wire.clone();
        w[0] = 0x13;
        assertEquals(IsclError.UNEXPECTED_RECORD, assertThrows(IsclIntegrityException.class,
                () -> reader(p[1], new ByteArrayInputStream(w), new AtomicInteger()).read()).error());
    }

    @Test
    void oversizedRecordIsRefusedBeforeItsBodyIsRead() throws Exception {
        HandshakeResult[] p = EngineFixture.combination(1, 1024);
        byte[] header = {0x20, 0x04, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF8};
        AtomicInteger consumed = new AtomicInteger();
        InputStream counting = new FilterInputStream(new ByteArrayInputStream(
                Arrays.copyOf(header, 100_000))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                consumed.addAndGet(Math.max(n, 0));
                return n;
            }
        };
        IsclIntegrityException e = assertThrows(IsclIntegrityException.class,
                () -> reader(p[1], counting, new AtomicInteger()).read());
        assertEquals(IsclError.RECORD_OVERFLOW, e.error());
        assertTrue(e.getMessage().contains("2147483640"), e.getMessage());
        assertEquals(Packet.HEADER, consumed.get(), "only the header was read");
    }

    @Test
    void endWithoutDisconnectIsTruncation() throws Exception {
        HandshakeResult[] p = EngineFixture.combination(3, 1024);
        byte[] wire = record(p[0], "abc".getBytes(), "def".getBytes());
        // cut exactly before the DISCONNECT record, then inside it
        int firstLen = Packet.HEADER + Packet.getInt(wire, 2);
        int secondLen = Packet.HEADER + Packet.getInt(wire, firstLen + 2);
        int cut = firstLen + secondLen;
        assertTrue(cut < wire.length);
        for (int end : new int[] {cut, cut + 3, cut + 7}) {
            RecordInputStream in = reader(p[1], new ByteArrayInputStream(Arrays.copyOf(wire, end)), new AtomicInteger());
            assertArrayEquals("abcdef".getBytes(), in.readNBytes(6));
            assertEquals(IsclError.TRUNCATED, assertThrows(IsclIntegrityException.class, in::read).error());
        }
    }

    @Test
    void writingAfterCloseFails() throws Exception {
        HandshakeResult[] p = EngineFixture.combination(0, 1024);
        RecordOutputStream out = new RecordOutputStream(new ByteArrayOutputStream(), p[0]);
        out.close();
        out.close(); // idempotent
        assertThrows(IOException.class, () -> out.write(1));
        assertEquals(1, out.recordsSent(), "just the DISCONNECT");
    }

    /**
     * Section 8.8 at the record layer: with a limit of 3 records' worth, the 4th DATA record is not
     * sent; a DISCONNECT with reason 0x0015 is, the writer fails with VOLUME_LIMIT, and the receiver
     * delivers the three records, then fails with VOLUME_LIMIT too.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void senderAtItsVolumeLimitSendsDisconnectWithTheReason(int combination) throws Exception {
        HandshakeResult[] p = EngineFixture.combination(combination, 1024);
        byte[] chunk = new byte[1000];
        new Random(combination).nextBytes(chunk);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        RecordOutputStream probe = new RecordOutputStream(new ByteArrayOutputStream(), p[0]);
        probe.write(chunk);
        probe.flush();
        long perRecord = probe.volumeSent();
        RecordOutputStream out = new RecordOutputStream(wire, p[0].withVolumeLimit(3 * perRecord + perRecord / 2));
        for (int i = 0; i < 3; i++) {
            out.write(chunk);
            out.flush();
        }
        out.write(chunk);
        IsclIntegrityException e = assertThrows(IsclIntegrityException.class, out::flush);
        assertEquals(IsclError.VOLUME_LIMIT, e.error());
        assertTrue(out.endedAtLimit());
        assertEquals(3 * perRecord, out.volumeSent());
        assertEquals(IsclError.VOLUME_LIMIT, assertThrows(IsclIntegrityException.class, () -> out.write(1)).error());
        byte[] w = wire.toByteArray();
        AtomicInteger drops = new AtomicInteger();
        RecordInputStream in = reader(p[1], new ByteArrayInputStream(w), drops);
        byte[] got = new byte[3 * chunk.length];
        int n = 0;
        while (n < got.length) {
            n += in.read(got, n, got.length - n);
        }
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(chunk, Arrays.copyOfRange(got, i * chunk.length, (i + 1) * chunk.length));
        }
        IsclIntegrityException r = assertThrows(IsclIntegrityException.class, in::read);
        assertEquals(IsclError.VOLUME_LIMIT, r.error());
        assertTrue(r.getMessage().contains("DISCONNECT reason VOLUME_LIMIT (0x0015)"), r.getMessage());
        assertEquals(1, drops.get());
    }

    @Test
    void disconnectWithAnUnknownReasonIsAPeerErrorNamingTheCode() throws Exception {
        HandshakeResult[] p = EngineFixture.combination(1, 1024);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        RecordOutputStream out = new RecordOutputStream(wire, p[0]);
        out.disconnect(0x0099);
        RecordInputStream in = reader(p[1], new ByteArrayInputStream(wire.toByteArray()), new AtomicInteger());
        IsclIntegrityException e = assertThrows(IsclIntegrityException.class, in::read);
        assertEquals(IsclError.PEER_ERROR, e.error());
        assertTrue(e.getMessage().contains("unknown code 0x0099"), e.getMessage());
    }

    @Test
    void receiverCutsOffAPeerThatSendsBeyondTheProtocolVolume() throws Exception {
        HandshakeResult[] p = EngineFixture.combination(3, 1024);
        byte[] wire = record(p[0], new byte[500], new byte[500], new byte[500]);
        AtomicInteger drops = new AtomicInteger();
        RecordInputStream in = reader(p[1], new ByteArrayInputStream(wire), drops);
        in.receiveLimit(1100); // each record body here is 512 bytes: the third passes the bound
        byte[] two = new byte[1000];
        int n = 0;
        while (n < two.length) {
            n += in.read(two, n, two.length - n);
        }
        IsclIntegrityException e = assertThrows(IsclIntegrityException.class, in::read);
        assertEquals(IsclError.VOLUME_LIMIT, e.error());
        assertEquals(1, drops.get());
    }
}
