package org.dicomsec.ul.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks every (state, event) cell of PS3.8 table 9-10 and checks the machine
 * against the independent transcription in
 * src/test/resources/fsm/ps3.8-table-9-10.txt: the action, the next state for
 * both roles (and both AE-6 branches), that the handler is called exactly for
 * defined cells, and where ARTIM runs afterwards.
 */
class StateTransitionTableTest {

    private static final Set<State> ARTIM_STATES = EnumSet.of(State.Sta2, State.Sta13);

    static Stream<Table910Transcription.Cell> cells() {
        return Table910Transcription.cells().stream();
    }

    @Test
    void transcriptionHasEveryCellOnce() {
        assertEquals(State.values().length * Event.values().length, Table910Transcription.cells().size());
        for (Event e : Event.values()) {
            for (State s : State.values()) {
                assertEquals(e, Table910Transcription.cell(s, e).event());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void tableCellMatchesTheStandard(Table910Transcription.Cell cell) {
        String actual = StateTransitionTable.actionFor(cell.state(), cell.event())
                .map(Action::standardName).orElse(null);
        assertEquals(cell.action(), actual, "table 9-10 cell " + cell.event() + " " + cell.state());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void machineTakesTheCellsActionAndNextState(Table910Transcription.Cell cell) throws Exception {
        for (Role role : Role.values()) {
            for (boolean acceptable : new boolean[] {true, false}) {
                AtomicLong clock = new AtomicLong(1_000_000_000L);
                RecordingHandler handler = new RecordingHandler(rq -> acceptable);
                StateMachine<String> m = new StateMachine<>(role, handler, Duration.ofSeconds(30), clock::get,
                        cell.state());
                String what = cell + " as " + role + (acceptable ? "" : " (RQ not acceptable)");

                Transition t = m.handle(cell.event(), "payload");

                State expected = cell.expectedNext(role, acceptable);
                assertEquals(expected, m.state(), what);
                assertEquals(expected, t.to(), what);
                assertEquals(cell.state(), t.from(), what);
                assertEquals(cell.event(), t.event(), what);
                if (cell.action() == null) {
                    assertFalse(t.isDefined(), what);
                    assertNull(t.action(), what);
                    assertTrue(handler.performed.isEmpty(), what + ": handler must not run for an empty cell");
                } else {
                    assertEquals(cell.action(), t.action().standardName(), what);
                    assertEquals(1, handler.performed.size(), what);
                    assertEquals(t, handler.performed.get(0), what);
                    assertEquals("payload", handler.payloads.get(0), what);
                }
                // ARTIM runs exactly in Sta2 and Sta13 after any cell (started/stopped per 9.2.2)
                assertEquals(ARTIM_STATES.contains(m.state()), m.isArtimRunning(), what + ": ARTIM");
            }
        }
    }

    @Test
    void everyPduEventHasAnActionWhereverThereIsATransportConnection() {
        Set<Event> pduEvents = EnumSet.of(Event.Evt3, Event.Evt4, Event.Evt6, Event.Evt10, Event.Evt12,
                Event.Evt13, Event.Evt16, Event.Evt19);
        for (Event e : Event.values()) {
            assertEquals(pduEvents.contains(e), e.source() == Event.Source.PDU, e.toString());
        }
        for (Event e : pduEvents) {
            for (State s : State.values()) {
                boolean connected = s != State.Sta1 && s != State.Sta4;
                assertEquals(connected, StateTransitionTable.actionFor(s, e).isPresent(), e + " " + s);
            }
        }
    }

    @Test
    void conditionalActionsAreExactlyAe6AndAr8() {
        for (Action a : Action.values()) {
            boolean conditional = a == Action.AE_6 || a == Action.AR_8;
            assertEquals(conditional, a.isConditional(), a.toString());
            assertEquals(conditional ? 2 : 1, a.possibleNextStates().size(), a.toString());
        }
        assertEquals(State.Sta3, Action.AE_6.nextState(Role.ACCEPTOR, true));
        assertEquals(State.Sta13, Action.AE_6.nextState(Role.ACCEPTOR, false));
        assertEquals(State.Sta9, Action.AR_8.nextState(Role.REQUESTOR, true));
        assertEquals(State.Sta10, Action.AR_8.nextState(Role.ACCEPTOR, true));
        assertEquals("AR-10", Action.AR_10.standardName());
    }

    @Test
    void everyActionAppearsInTheTable() {
        Set<Action> used = EnumSet.noneOf(Action.class);
        for (Event e : Event.values()) {
            for (State s : State.values()) {
                StateTransitionTable.actionFor(s, e).ifPresent(used::add);
            }
        }
        assertEquals(EnumSet.allOf(Action.class), used);
    }
}
