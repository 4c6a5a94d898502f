package org.dicomsec.ul.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An abort in each state, reached by a real path of events from Sta1: a local
 * A-ABORT request (Evt15), a received A-ABORT PDU (Evt16), the transport
 * closing (Evt17), and an invalid PDU (Evt19). Each ends in Sta1, directly or
 * through Sta13 and ARTIM.
 */
class AbortTest {

    static Stream<Paths.PathTo> paths() {
        return Paths.ALL.stream();
    }

    private static StateMachine<String> reach(Paths.PathTo p, RecordingHandler h, AtomicLong clock) throws Exception {
        StateMachine<String> m = new StateMachine<>(p.role(), h, Duration.ofSeconds(30), clock::get);
        for (Event e : p.events()) {
            m.handle(e, null).requireDefined();
        }
        assertEquals(p.state(), m.state(), "path to " + p.state());
        h.performed.clear();
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void localAbortRequest(Paths.PathTo p) throws Exception {
        AtomicLong clock = new AtomicLong();
        RecordingHandler h = new RecordingHandler();
        StateMachine<String> m = reach(p, h, clock);
        Transition t = m.handle(Event.Evt15);
        switch (p.state()) {
            // PS3.8 table 9-10: no A-ABORT request before the A-ASSOCIATE indication, nor after the association ended
            case Sta1, Sta2, Sta13 -> {
                assertFalse(t.isDefined());
                assertEquals(p.state(), m.state());
            }
            // the transport connection is still opening: AA-2 closes it
            case Sta4 -> {
                assertEquals(Action.AA_2, t.action());
                assertEquals(State.Sta1, m.state());
            }
            default -> {
                assertEquals(Action.AA_1, t.action());
                assertEquals(State.Sta13, m.state());
                assertTrue(m.isArtimRunning());
                // the peer never closes: ARTIM expires and AA-2 closes the transport
                clock.addAndGet(Duration.ofSeconds(30).toNanos());
                assertTrue(m.onTimeout());
                assertEquals(State.Sta1, m.state());
                assertEquals(Action.AA_2, h.performed.get(1).action());
            }
        }
        assertEquals(m.state() == State.Sta2 || m.state() == State.Sta13, m.isArtimRunning());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void abortPduReceived(Paths.PathTo p) throws Exception {
        RecordingHandler h = new RecordingHandler();
        StateMachine<String> m = reach(p, h, new AtomicLong());
        Transition t = m.handle(Event.Evt16, "A-ABORT");
        switch (p.state()) {
            case Sta1, Sta4 -> {                            // no transport connection to receive on
                assertFalse(t.isDefined());
                assertEquals(p.state(), m.state());
                return;
            }
            case Sta2, Sta13 -> assertEquals(Action.AA_2, t.action());
            default -> assertEquals(Action.AA_3, t.action());
        }
        assertEquals(State.Sta1, m.state());
        assertFalse(m.isArtimRunning());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void transportClosed(Paths.PathTo p) throws Exception {
        RecordingHandler h = new RecordingHandler();
        StateMachine<String> m = reach(p, h, new AtomicLong());
        Transition t = m.handle(Event.Evt17);
        switch (p.state()) {
            case Sta1 -> assertFalse(t.isDefined());
            case Sta2 -> assertEquals(Action.AA_5, t.action());
            case Sta13 -> assertEquals(Action.AR_5, t.action());
            default -> assertEquals(Action.AA_4, t.action());
        }
        assertEquals(State.Sta1, m.state());
        assertFalse(m.isArtimRunning());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void invalidPdu(Paths.PathTo p) throws Exception {
        RecordingHandler h = new RecordingHandler();
        StateMachine<String> m = reach(p, h, new AtomicLong());
        Transition t = m.handle(Event.Evt19, "garbage");
        switch (p.state()) {
            case Sta1, Sta4 -> {
                assertFalse(t.isDefined());
                assertEquals(p.state(), m.state());
                return;
            }
            case Sta2 -> assertEquals(Action.AA_1, t.action());
            case Sta13 -> assertEquals(Action.AA_7, t.action());
            default -> assertEquals(Action.AA_8, t.action());
        }
        assertEquals(State.Sta13, m.state());
        assertTrue(m.isArtimRunning());
        assertEquals(Action.AR_5, m.handle(Event.Evt17).action());
        assertEquals(State.Sta1, m.state());
    }
}
