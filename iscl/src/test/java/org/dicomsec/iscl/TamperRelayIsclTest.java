package org.dicomsec.iscl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.dicomsec.ul.net.TamperRelay;
import org.dicomsec.ul.transport.Transport;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnection;
import org.dicomsec.ul.transport.Transports;
import org.junit.jupiter.api.Test;

/** The tamper relay with ISCL's record framing: one altered byte is an integrity failure; none, the bytes arrive. */
class TamperRelayIsclTest {

    private static final int SIZE = 200_000;

    @Test
    void aFlippedByteIsCaughtAndAnUntouchedStreamArrives() throws Exception {
        assertInstanceOf(IOException.class, run(true), "the receiver's integrity check fails");
        assertArrayEquals(data(), (byte[]) run(false));
    }

    /** Sends SIZE bytes through a relay; returns what the receiver read, or what its read threw. */
    private static Object run(boolean flip) throws Exception {
        Transport alice = Transports.of(IsclTransportProvider.config(IsclEndpoint.builder(IsclFixture.ring("ALICE",
                "BOB", IsclFixture.K, IsclFixture.BOB_FLAGS), "ALICE").build()));
        Transport bob = Transports.of(IsclTransportProvider.config(IsclEndpoint.builder(IsclFixture.ring("BOB",
                "ALICE", IsclFixture.K, IsclFixture.ALICE_FLAGS), "BOB").build()));
        ExecutorService exec = Executors.newCachedThreadPool();
        try (TransportAcceptor acceptor = bob.acceptor(InetAddress.getLoopbackAddress(), 0);
             TamperRelay relay = new TamperRelay(IsclFixture.loopback(acceptor.localPort()),
                     IsclTransportProvider.RECORD_FRAMING, 50_000, flip, exec)) {
            CompletableFuture<Object> got = CompletableFuture.supplyAsync(() -> {
                try (TransportConnection t = acceptor.accept().handshake(30_000); InputStream in = t.input()) {
                    return in.readNBytes(SIZE);
                } catch (IOException e) {
                    return e;
                }
            }, exec);
            try (TransportConnection t = alice.connector().connect(relay.address(), 30_000)) {
                t.output().write(data());
                t.output().flush();
                Object result = got.get(30, TimeUnit.SECONDS);
                assertEquals(flip, relay.flippedRecord() > 0, "record " + relay.flippedRecord());
                assertTrue(relay.dataRecords() > 1, "data records: " + relay.dataRecords());
                return result;
            } catch (IOException e) {
                // the sender may see the receiver drop the connection first
                return got.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            throw e;
        } finally {
            exec.shutdownNow();
        }
    }

    private static byte[] data() {
        byte[] b = new byte[SIZE];
        new Random(5).nextBytes(b);
        return b;
    }
}
