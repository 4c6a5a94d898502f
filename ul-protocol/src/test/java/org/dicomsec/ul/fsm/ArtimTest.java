package org.dicomsec.ul.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The ARTIM timer as a deadline (PS3.8 sections 9.1.2, 9.2): started by AE-5,
 * AE-8, AR-4, AA-1, AA-8 (and AE-6 when rejecting), stopped by AE-6, AR-5,
 * AA-2, AA-5; expiry fires Evt18 only through {@link StateMachine#onTimeout}.
 */
class ArtimTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(7 * SECOND);
    private final RecordingHandler handler = new RecordingHandler();
    private final StateMachine<String> acceptor =
            new StateMachine<>(Role.ACCEPTOR, handler, Duration.ofSeconds(30), clock::get);

    @Test
    void expiryInSta2ClosesTheConnection() throws Exception {
        assertFalse(acceptor.isArtimRunning());
        assertEquals(OptionalLong.empty(), acceptor.artimDeadline());
        assertEquals(1234, acceptor.soTimeoutMillis(1234), "no ARTIM: the caller's own timeout");

        acceptor.handle(Event.Evt5);                       // AE-5 starts ARTIM
        assertEquals(State.Sta2, acceptor.state());
        assertEquals(OptionalLong.of(37 * SECOND), acceptor.artimDeadline());
        assertEquals(OptionalLong.of(30_000), acceptor.artimRemainingMillis());
        assertEquals(30_000, acceptor.soTimeoutMillis(0));
        assertEquals(5_000, acceptor.soTimeoutMillis(5_000), "the shorter of the two");

        clock.set(37 * SECOND - 1);                        // one nanosecond early: nothing
        assertFalse(acceptor.onTimeout());
        assertEquals(State.Sta2, acceptor.state());
        assertEquals(OptionalLong.of(1), acceptor.artimRemainingMillis(), "rounded up");

        clock.set(37 * SECOND);                            // at the deadline: Evt18, AA-2
        assertEquals(OptionalLong.of(0), acceptor.artimRemainingMillis());
        assertEquals(1, acceptor.soTimeoutMillis(0), "a passed deadline never becomes 0 = infinite");
        assertTrue(acceptor.onTimeout());
        assertEquals(State.Sta1, acceptor.state());
        assertFalse(acceptor.isArtimRunning());
        Transition t = handler.performed.get(1);
        assertEquals(Event.Evt18, t.event());
        assertEquals(Action.AA_2, t.action());
        assertFalse(acceptor.onTimeout(Long.MAX_VALUE), "stopped ARTIM never fires");
    }

    @Test
    void expiryInSta13AfterRejection() throws Exception {
        acceptor.handle(Event.Evt5);
        clock.addAndGet(2 * SECOND);
        acceptor.handle(Event.Evt6, "A-ASSOCIATE-RQ");     // AE-6 stops ARTIM
        assertFalse(acceptor.isArtimRunning());
        assertEquals(0, acceptor.soTimeoutMillis(0), "no ARTIM in Sta3: caller's 0 (no timeout) stands");
        clock.addAndGet(100 * SECOND);                     // the local user takes its time in Sta3
        assertFalse(acceptor.onTimeout());
        acceptor.handle(Event.Evt8);                       // AE-8 sends RJ and starts ARTIM
        assertEquals(State.Sta13, acceptor.state());
        long deadline = acceptor.artimDeadline().getAsLong();
        assertEquals(clock.get() + 30 * SECOND, deadline);

        acceptor.handle(Event.Evt10);                      // AA-6: ignore PDU, ARTIM keeps its deadline
        assertEquals(deadline, acceptor.artimDeadline().getAsLong());

        assertFalse(acceptor.onTimeout(deadline - 1));
        assertTrue(acceptor.onTimeout(deadline));          // the peer never closed: AA-2
        assertEquals(State.Sta1, acceptor.state());
        assertEquals(List.of(Action.AE_5, Action.AE_6, Action.AE_8, Action.AA_6, Action.AA_2), handler.actions());
    }

    @Test
    void deadlineComparisonSurvivesTickerWrapAround() throws Exception {
        clock.set(Long.MAX_VALUE - 10 * SECOND);           // System.nanoTime may be anywhere, even negative
        acceptor.handle(Event.Evt5);
        long deadline = acceptor.artimDeadline().getAsLong();
        assertTrue(deadline < 0, "deadline wrapped");
        clock.set(Long.MAX_VALUE);
        assertFalse(acceptor.onTimeout());
        clock.set(deadline);
        assertTrue(acceptor.onTimeout());
    }

    @Test
    void timeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class,
                () -> new StateMachine<>(Role.ACCEPTOR, handler, Duration.ZERO, clock::get));
        assertThrows(IllegalArgumentException.class,
                () -> new StateMachine<>(Role.ACCEPTOR, handler, Duration.ofSeconds(-1), clock::get));
        assertThrows(IllegalArgumentException.class, () -> acceptor.soTimeoutMillis(-1));
        assertEquals(Duration.ofSeconds(30), acceptor.artimTimeout());
    }

    /**
     * Over a real loopback socket and the real clock: a peer connects and
     * never sends an A-ASSOCIATE-RQ. The accepting side's reader bounds its
     * read with the ARTIM deadline, fires Evt18 on the timeout, and AA-2
     * closes the connection: the peer sees end of stream.
     */
    @Test
    void silentPeerIsDisconnectedWhenArtimExpires() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
                Socket silentPeer = new Socket(loopback, server.getLocalPort());
                Socket accepted = server.accept()) {
            StateMachine<String> m = new StateMachine<>(Role.ACCEPTOR, (t, p) -> {
                if (t.action() == Action.AA_2) {
                    accepted.close();                      // "Close transport connection"
                }
            }, Duration.ofMillis(200), System::nanoTime);
            long start = System.nanoTime();
            m.handle(Event.Evt5);

            // the association's reader loop, reduced to what ARTIM needs
            InputStream in = accepted.getInputStream();
            int timeouts = 0;
            while (m.state() == State.Sta2) {
                accepted.setSoTimeout(m.soTimeoutMillis(0));
                try {
                    int b = in.read();
                    throw new AssertionError("silent peer sent " + b);
                } catch (SocketTimeoutException e) {
                    timeouts++;
                    m.onTimeout();
                }
                assertTrue(timeouts < 100, "ARTIM never fired");
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(State.Sta1, m.state());
            assertTrue(accepted.isClosed());
            assertTrue(elapsedMs >= 200, "not before the deadline: " + elapsedMs + " ms");
            silentPeer.setSoTimeout(5_000);
            assertEquals(-1, silentPeer.getInputStream().read(), "peer sees the connection closed");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
