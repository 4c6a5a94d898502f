package org.dicomsec.iscl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dicomsec.ul.transport.TransportConnection;
import org.dicomsec.ul.transport.TransportIntegrityException;
import org.junit.jupiter.api.Test;

/**
 * docs/iscl-wire-format.md section 8.5 on the sending side: a connection lost
 * under a write, without DISCONNECT, is TRUNCATED (a TransportIntegrityException,
 * so the Upper Layer's A-P-ABORT carries provider reason 0x80 whichever way it
 * notices); after the peer's DISCONNECT, or after closing locally, it is not.
 */
class IsclWriteFailureTest {

    /** Writes 64 KiB records until the write fails; the peer has already dropped or closed. */
    private static IOException writeUntilFailure(OutputStream out) {
        byte[] chunk = new byte[64 * 1024];
        return assertThrows(IOException.class, () -> {
            for (int i = 0; i < 100_000; i++) {
                out.write(chunk);
                out.flush();
            }
        }, "a write to a dropped connection fails within a few records");
    }

    @Test
    void writeAfterThePeerDroppedTheConnectionIsTruncated() throws Exception {
        CountDownLatch dropped = new CountDownLatch(1);
        try (IsclFixture.OneShotServer<Boolean> server = new IsclFixture.OneShotServer<>(IsclFixture.bob().build(),
                10_000, c -> {
                    c.abort(); // a reset, no DISCONNECT: as after an integrity failure on that side
                    dropped.countDown();
                    return true;
                })) {
            TransportConnection c = Iscl.connector(IsclFixture.alice().build(), "BOB")
                    .connect(IsclFixture.loopback(server.port()), 10_000);
            assertTrue(dropped.await(10, TimeUnit.SECONDS));
            assertTrue(server.get());
            IOException e = writeUntilFailure(c.output());
            IsclIntegrityException x = assertInstanceOf(IsclIntegrityException.class, e);
            assertInstanceOf(TransportIntegrityException.class, x);
            assertEquals(IsclError.TRUNCATED, x.error());
            assertTrue(x.getMessage().contains("connection lost without DISCONNECT while"), x.getMessage());
            // the connection stays dropped: a later write says so, with the same code
            IsclIntegrityException again = assertThrows(IsclIntegrityException.class, () -> c.output().write(1));
            assertEquals(IsclError.TRUNCATED, again.error());
            c.abort();
        }
    }

    @Test
    void writeAfterThePeersDisconnectIsAPlainIoError() throws Exception {
        try (IsclFixture.OneShotServer<Boolean> server = new IsclFixture.OneShotServer<>(IsclFixture.bob().build(),
                10_000, c -> true)) { // the server closes at once: DISCONNECT, then TCP close
            TransportConnection c = Iscl.connector(IsclFixture.alice().build(), "BOB")
                    .connect(IsclFixture.loopback(server.port()), 10_000);
            assertTrue(server.get());
            assertEquals(-1, c.input().read(), "the DISCONNECT is a clean end");
            IOException e = writeUntilFailure(c.output());
            assertFalse(e instanceof TransportIntegrityException, "an expected end, not an integrity failure: " + e);
            c.abort();
        }
    }

    @Test
    void writeAfterALocalAbortIsAPlainIoError() throws Exception {
        try (IsclFixture.OneShotServer<Integer> server = new IsclFixture.OneShotServer<>(IsclFixture.bob().build(),
                10_000, c -> c.input().read())) {
            TransportConnection c = Iscl.connector(IsclFixture.alice().build(), "BOB")
                    .connect(IsclFixture.loopback(server.port()), 10_000);
            c.abort();
            IOException e = writeUntilFailure(c.output());
            assertFalse(e instanceof TransportIntegrityException, "this side aborted: " + e);
            // the responder sees the reset without DISCONNECT as truncation
            IsclIntegrityException seen = assertThrows(IsclIntegrityException.class, server::get);
            assertEquals(IsclError.TRUNCATED, seen.error());
        }
    }
}
