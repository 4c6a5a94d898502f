package org.dicomsec.iscl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.iscl.IsclException;
import org.dicomsec.iscl.IsclFixture;
import org.dicomsec.iscl.keys.SoftwareKeyCard;

/**
 * The initiator's handshake bytes, recorded with fixed random numbers and
 * mutated at random, replayed into a responder with the same random numbers:
 * the unmutated recording authenticates, and every mutation ends in an
 * IsclException (the transcript hash covers the negotiation), never another
 * exception and never a hang.
 */
class HandshakeMutationProperties {

    enum Mutation { FLIP_BIT, SET_BYTE, DELETE, DUPLICATE, TRUNCATE }

    private static byte[] recorded;

    /** Recorded on first use, from the test thread (not in the static initializer: the worker would deadlock on it). */
    private static synchronized byte[] recorded() {
        if (recorded == null) {
            recorded = record();
        }
        return recorded;
    }

    private static IsclConfig bob() {
        return IsclConfig.builder(new SoftwareKeyCard(IsclFixture.ring("BOB", "ALICE", IsclFixture.K, Map.of()),
                HandshakeTranscriptTest.fixed("B1B1B1B1B1B1B1B1", "B2".repeat(16))), "BOB").build();
    }

    private static byte[] record() {
        ExecutorService exec = Executors.newSingleThreadExecutor();
        try {
            PipedOutputStream aOut = new PipedOutputStream();
            PipedInputStream bIn = new PipedInputStream(aOut, 1 << 16);
            PipedOutputStream bOut = new PipedOutputStream();
            PipedInputStream aIn = new PipedInputStream(bOut, 1 << 16);
            ByteArrayOutputStream fromA = new ByteArrayOutputStream();
            IsclConfig bob = bob();
            Future<HandshakeResult> b = exec.submit(() -> {
                try (bOut) {
                    return ResponderHandshake.run(bob, new java.io.FilterInputStream(bIn) {
                @Override
                public int read(byte[] buf, int off, int len) throws java.io.IOException {
                    int n = super.read(buf, off, len);
                    if (n > 0) {
                        fromA.write(buf, off, n);
                    }
                    return n;
                }
            }, bOut, HandshakeClock.NONE);
                }
            });
            IsclConfig alice = IsclConfig.builder(new SoftwareKeyCard(IsclFixture.ring("ALICE", "BOB", IsclFixture.K,
                    Map.of()), HandshakeTranscriptTest.fixed("A1A1A1A1A1A1A1A1", "A2".repeat(16))), "ALICE").build();
            try (aOut) { // a failure on either side ends the other's read with end of stream, not a hang
                InitiatorHandshake.run(alice, "BOB", aIn, aOut, HandshakeClock.NONE);
            }
            b.get(10, TimeUnit.SECONDS);
            return fromA.toByteArray();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        } finally {
            exec.shutdownNow();
        }
    }

    private static Exception replay(byte[] fromA) {
        try {
            ResponderHandshake.run(bob(), new ByteArrayInputStream(fromA), new ByteArrayOutputStream(),
                    HandshakeClock.NONE);
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    @Property(tries = 300)
    void everyMutationOfTheInitiatorsBytesIsRefused(@ForAll Mutation mutation,
                                                    @ForAll @IntRange(min = 0, max = 1 << 20) int position,
                                                    @ForAll @IntRange(min = 1, max = 16) int length,
                                                    @ForAll byte value) {
        byte[] rec = recorded();
        assertEquals(null, replay(rec), "the recording itself authenticates");
        int pos = position % rec.length;
        byte[] m = switch (mutation) {
            case FLIP_BIT -> {
                byte[] c = rec.clone();
                c[pos] ^= (byte) (1 << (length % 8));
                yield c;
            }
            case SET_BYTE -> {
                byte[] c = rec.clone();
                c[pos] = value;
                yield c;
            }
            case DELETE -> {
                int n = Math.min(length, rec.length - pos);
                byte[] c = new byte[rec.length - n];
                System.arraycopy(rec, 0, c, 0, pos);
                System.arraycopy(rec, pos + n, c, pos, rec.length - pos - n);
                yield c;
            }
            case DUPLICATE -> {
                int n = Math.min(length, rec.length - pos);
                byte[] c = new byte[rec.length + n];
                System.arraycopy(rec, 0, c, 0, pos + n);
                System.arraycopy(rec, pos, c, pos + n, rec.length - pos);
                yield c;
            }
            case TRUNCATE -> Arrays.copyOf(rec, pos);
        };
        // bytes appended after AUTH-RESULT belong to the record phase, not to the handshake
        Assume.that(!(m.length > rec.length && Arrays.equals(rec, Arrays.copyOf(m, rec.length))));
        Assume.that(!Arrays.equals(rec, m));
        Exception e = replay(m);
        assertNotNull(e, mutation + " at " + pos + " must be refused");
        assertInstanceOf(IsclException.class, e, "a clean ISCL refusal, no crash");
    }
}
