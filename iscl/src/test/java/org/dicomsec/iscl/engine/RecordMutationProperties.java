package org.dicomsec.iscl.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dicomsec.iscl.IsclIntegrityException;
import org.dicomsec.iscl.wire.Packet;

/**
 * Random mutations of a recorded session (every mechanism combination) never
 * deliver altered bytes upward: what is delivered is a prefix of what was
 * sent, and the stream ends in an integrity failure, or cleanly only when all
 * of it arrived intact.
 */
class RecordMutationProperties {

    enum Mutation { FLIP_BIT, DELETE, DUPLICATE, INSERT, TRUNCATE, SWAP_RECORDS, SET_BYTE }

    private static final byte[] PLAIN = new byte[3000];
    private static final byte[][] WIRE = new byte[6][];

    static {
        new Random(99).nextBytes(PLAIN);
        try {
            for (int c = 0; c < 6; c++) {
                HandshakeResult[] p = EngineFixture.combination(c, 1024);
                ByteArrayOutputStream wire = new ByteArrayOutputStream();
                RecordOutputStream out = new RecordOutputStream(wire, p[0]);
                Random chunks = new Random(c);
                for (int off = 0; off < PLAIN.length; ) {
                    int n = Math.min(PLAIN.length - off, 1 + chunks.nextInt(700));
                    out.write(PLAIN, off, n);
                    out.flush();
                    off += n;
                }
                out.close();
                WIRE[c] = wire.toByteArray();
            }
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Property(tries = 1000)
    void mutatedSessionsNeverDeliverAlteredBytes(@ForAll @IntRange(min = 0, max = 5) int combination,
                                                 @ForAll Mutation mutation,
                                                 @ForAll @IntRange(min = 0, max = 1 << 20) int position,
                                                 @ForAll @IntRange(min = 1, max = 64) int length,
                                                 @ForAll byte value) {
        byte[] wire = WIRE[combination];
        byte[] mutated = mutate(wire, mutation, position % wire.length, length, value);
        Assume.that(!Arrays.equals(wire, mutated));

        RecordInputStream in = new RecordInputStream(new ByteArrayInputStream(mutated),
                EngineFixture.combination(combination, 1024)[1], new AtomicInteger()::incrementAndGet, "recorded");
        ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        Exception failure = null;
        byte[] buf = new byte[512];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                delivered.write(buf, 0, n);
            }
        } catch (Exception e) {
            failure = e;
        }
        byte[] got = delivered.toByteArray();
        assertTrue(got.length <= PLAIN.length);
        assertArrayEquals(Arrays.copyOf(PLAIN, got.length), got, "delivered bytes are an unaltered prefix");
        if (failure == null) {
            // a clean end needs the checked DISCONNECT: then everything arrived intact (bytes
            // after DISCONNECT, e.g. a duplicate of its tail, are never read)
            assertArrayEquals(PLAIN, got, mutation + " ended cleanly, so all data must be there");
        } else {
            assertInstanceOf(IsclIntegrityException.class, failure, "only the integrity exception, no crash");
        }
    }

    private static byte[] mutate(byte[] w, Mutation m, int pos, int len, byte value) {
        switch (m) {
            case FLIP_BIT -> {
                byte[] c = w.clone();
                c[pos] ^= (byte) (1 << (len % 8));
                return c;
            }
            case SET_BYTE -> {
                byte[] c = w.clone();
                c[pos] = value;
                return c;
            }
            case DELETE -> {
                int n = Math.min(len, w.length - pos);
                byte[] c = new byte[w.length - n];
                System.arraycopy(w, 0, c, 0, pos);
                System.arraycopy(w, pos + n, c, pos, w.length - pos - n);
                return c;
            }
            case DUPLICATE -> {
                int n = Math.min(len, w.length - pos);
                byte[] c = new byte[w.length + n];
                System.arraycopy(w, 0, c, 0, pos + n);
                System.arraycopy(w, pos, c, pos + n, w.length - pos);
                return c;
            }
            case INSERT -> {
                byte[] extra = new byte[len];
                Arrays.fill(extra, value);
                byte[] c = new byte[w.length + len];
                System.arraycopy(w, 0, c, 0, pos);
                System.arraycopy(extra, 0, c, pos, len);
                System.arraycopy(w, pos, c, pos + len, w.length - pos);
                return c;
            }
            case TRUNCATE -> {
                return Arrays.copyOf(w, pos);
            }
            case SWAP_RECORDS -> {
                List<byte[]> records = new ArrayList<>();
                for (int p = 0; p < w.length; ) {
                    int n = Packet.HEADER + Packet.getInt(w, p + 2);
                    records.add(Arrays.copyOfRange(w, p, p + n));
                    p += n;
                }
                int i = pos % (records.size() - 1);
                byte[] t = records.get(i);
                records.set(i, records.get(i + 1));
                records.set(i + 1, t);
                ByteArrayOutputStream c = new ByteArrayOutputStream();
                records.forEach(c::writeBytes);
                return c.toByteArray();
            }
            default -> throw new IllegalArgumentException(m.name());
        }
    }
}
