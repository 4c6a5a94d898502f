package org.dicomsec.ul.fsm;

import static org.dicomsec.ul.fsm.Action.AA_1;
import static org.dicomsec.ul.fsm.Action.AA_2;
import static org.dicomsec.ul.fsm.Action.AA_3;
import static org.dicomsec.ul.fsm.Action.AE_1;
import static org.dicomsec.ul.fsm.Action.AE_2;
import static org.dicomsec.ul.fsm.Action.AE_3;
import static org.dicomsec.ul.fsm.Action.AE_4;
import static org.dicomsec.ul.fsm.Action.AE_5;
import static org.dicomsec.ul.fsm.Action.AE_6;
import static org.dicomsec.ul.fsm.Action.AE_7;
import static org.dicomsec.ul.fsm.Action.AE_8;
import static org.dicomsec.ul.fsm.Action.AR_1;
import static org.dicomsec.ul.fsm.Action.AR_10;
import static org.dicomsec.ul.fsm.Action.AR_2;
import static org.dicomsec.ul.fsm.Action.AR_3;
import static org.dicomsec.ul.fsm.Action.AR_4;
import static org.dicomsec.ul.fsm.Action.AR_5;
import static org.dicomsec.ul.fsm.Action.AR_6;
import static org.dicomsec.ul.fsm.Action.AR_7;
import static org.dicomsec.ul.fsm.Action.AR_8;
import static org.dicomsec.ul.fsm.Action.AR_9;
import static org.dicomsec.ul.fsm.Action.DT_1;
import static org.dicomsec.ul.fsm.Action.DT_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whole associations between a requestor machine and an acceptor machine
 * wired back to back ({@link BackToBack}): establishment, data, release,
 * release collision from both sides, rejection. Each step checks the states
 * the standard's table 9-10 leads through.
 */
class StateMachineScenarioTest {

    @Test
    void normalAssociationRequestorAndAcceptor() {
        BackToBack w = new BackToBack();
        var rq = w.requestor;
        var ac = w.acceptor;

        rq.user(Event.Evt1);                              // A-ASSOCIATE request: AE-1, Sta4
        assertEquals(State.Sta4, rq.state());
        rq.deliverOne();                                  // Evt2 transport connect confirmation: AE-2
        assertEquals(State.Sta5, rq.state());
        ac.deliverOne();                                  // Evt5 transport connection indication: AE-5
        assertEquals(State.Sta2, ac.state());
        assertTrue(ac.fsm.isArtimRunning(), "AE-5 starts ARTIM");
        ac.deliverOne();                                  // Evt6 A-ASSOCIATE-RQ: AE-6 acceptable
        assertEquals(State.Sta3, ac.state());
        assertFalse(ac.fsm.isArtimRunning(), "AE-6 stops ARTIM");
        ac.user(Event.Evt7);                              // A-ASSOCIATE response (accept): AE-7
        assertEquals(State.Sta6, ac.state());
        rq.deliverOne();                                  // Evt3 A-ASSOCIATE-AC: AE-3
        assertEquals(State.Sta6, rq.state());

        rq.user(Event.Evt9);                              // P-DATA both ways
        ac.user(Event.Evt9);
        w.pump();
        assertEquals(State.Sta6, rq.state());
        assertEquals(State.Sta6, ac.state());

        rq.user(Event.Evt11);                             // A-RELEASE request: AR-1
        assertEquals(State.Sta7, rq.state());
        ac.deliverOne();                                  // Evt12: AR-2
        assertEquals(State.Sta8, ac.state());
        ac.user(Event.Evt9);                              // acceptor may still send data in Sta8: AR-7
        rq.deliverOne();                                  // Evt10 in Sta7: AR-6
        assertEquals(State.Sta7, rq.state());
        ac.user(Event.Evt14);                             // A-RELEASE response: AR-4, ARTIM
        assertEquals(State.Sta13, ac.state());
        assertTrue(ac.fsm.isArtimRunning(), "AR-4 starts ARTIM");
        rq.deliverOne();                                  // Evt13 A-RELEASE-RP: AR-3, closes transport
        assertEquals(State.Sta1, rq.state());
        ac.deliverOne();                                  // Evt17 transport closed: AR-5
        assertEquals(State.Sta1, ac.state());
        assertFalse(ac.fsm.isArtimRunning(), "AR-5 stops ARTIM");

        assertEquals(List.of(AE_1, AE_2, AE_3, DT_1, DT_2, AR_1, AR_6, AR_3), rq.actions);
        assertEquals(List.of(AE_5, AE_6, AE_7, DT_1, DT_2, AR_2, AR_7, AR_4, AR_5), ac.actions);
    }

    private static BackToBack established() {
        BackToBack w = new BackToBack();
        w.requestor.user(Event.Evt1);
        w.pump();
        w.acceptor.user(Event.Evt7);
        w.pump();
        assertEquals(State.Sta6, w.requestor.state());
        assertEquals(State.Sta6, w.acceptor.state());
        return w;
    }

    @Test
    void releaseCollisionEndsInSta1OnBothSides() {
        BackToBack w = established();
        var rq = w.requestor;
        var ac = w.acceptor;

        rq.user(Event.Evt11);                             // both ask to release before either RQ arrives
        ac.user(Event.Evt11);
        assertEquals(State.Sta7, rq.state());
        assertEquals(State.Sta7, ac.state());

        rq.deliverOne();                                  // Evt12 in Sta7: AR-8, requestor side -> Sta9
        ac.deliverOne();                                  // Evt12 in Sta7: AR-8, acceptor side -> Sta10
        assertEquals(State.Sta9, rq.state());
        assertEquals(State.Sta10, ac.state());

        rq.user(Event.Evt14);                             // PS3.8 7.2.2: the requestor answers first: AR-9
        assertEquals(State.Sta11, rq.state());
        ac.deliverOne();                                  // Evt13 in Sta10: AR-10 (confirmation)
        assertEquals(State.Sta12, ac.state());
        ac.user(Event.Evt14);                             // Evt14 in Sta12: AR-4
        assertEquals(State.Sta13, ac.state());
        rq.deliverOne();                                  // Evt13 in Sta11: AR-3, close
        assertEquals(State.Sta1, rq.state());
        ac.deliverOne();                                  // Evt17 in Sta13: AR-5
        assertEquals(State.Sta1, ac.state());

        assertEquals(List.of(AR_1, AR_8, AR_9, AR_3), rq.actions.subList(3, rq.actions.size()));
        assertEquals(List.of(AR_1, AR_8, AR_10, AR_4, AR_5), ac.actions.subList(3, ac.actions.size()));
    }

    @Test
    void collisionResponseFromTheWrongSideIsNotAllowed() {
        BackToBack w = established();
        w.requestor.user(Event.Evt11);
        w.acceptor.user(Event.Evt11);
        w.pump();
        assertEquals(State.Sta10, w.acceptor.state());
        // Sta10 waits for the peer's A-RELEASE-RP: a local A-RELEASE response has no cell there
        assertThrows(IllegalStateException.class, () -> w.acceptor.user(Event.Evt14));
        assertEquals(State.Sta10, w.acceptor.state());
    }

    @Test
    void serviceUserRejection() {
        BackToBack w = new BackToBack();
        w.requestor.user(Event.Evt1);
        w.pump();
        assertEquals(State.Sta3, w.acceptor.state());
        w.acceptor.user(Event.Evt8);                      // AE-8: A-ASSOCIATE-RJ, ARTIM, Sta13
        assertEquals(State.Sta13, w.acceptor.state());
        assertTrue(w.acceptor.fsm.isArtimRunning());
        w.pump();                                         // requestor AE-4 closes; acceptor AR-5
        assertEquals(State.Sta1, w.requestor.state());
        assertEquals(State.Sta1, w.acceptor.state());
        assertEquals(List.of(AE_1, AE_2, AE_4), w.requestor.actions);
        assertEquals(List.of(AE_5, AE_6, AE_8, AR_5), w.acceptor.actions);
    }

    @Test
    void serviceProviderRejectionInAe6() {
        BackToBack w = new BackToBack();
        w.acceptor.rejectAtProvider = true;
        w.requestor.user(Event.Evt1);
        w.requestor.deliverOne();
        w.acceptor.deliverOne();
        w.acceptor.deliverOne();                          // Evt6: AE-6, not acceptable -> RJ, Sta13
        assertEquals(State.Sta13, w.acceptor.state());
        assertTrue(w.acceptor.fsm.isArtimRunning(), "AE-6 restarts ARTIM on the reject branch");
        w.pump();
        assertEquals(State.Sta1, w.requestor.state());
        assertEquals(State.Sta1, w.acceptor.state());
        assertEquals(List.of(AE_1, AE_2, AE_4), w.requestor.actions);
    }

    @Test
    void abortByOneSideReachesTheOther() {
        BackToBack w = established();
        w.requestor.user(Event.Evt15);                    // AA-1: A-ABORT, ARTIM, Sta13
        assertEquals(State.Sta13, w.requestor.state());
        w.acceptor.deliverOne();                          // Evt16: AA-3 (A-ABORT indication), close
        assertEquals(State.Sta1, w.acceptor.state());
        w.requestor.deliverOne();                         // Evt17 in Sta13: AR-5
        assertEquals(State.Sta1, w.requestor.state());
        assertEquals(AA_1, w.requestor.actions.get(3));
        assertEquals(AA_3, w.acceptor.actions.get(3));
        assertFalse(w.requestor.fsm.isArtimRunning());
    }

    @Test
    void unexpectedPduInDataTransferIsAbortedByTheProvider() {
        BackToBack w = established();
        w.acceptor.inbound.add(Event.Evt6);               // a second A-ASSOCIATE-RQ in Sta6
        w.acceptor.deliverOne();                          // AA-8: A-ABORT (provider), A-P-ABORT, ARTIM
        assertEquals(State.Sta13, w.acceptor.state());
        assertTrue(w.acceptor.fsm.isArtimRunning());
        w.pump();
        assertEquals(State.Sta1, w.requestor.state());
        assertEquals(State.Sta1, w.acceptor.state());
    }

    @Test
    void emptyCellDoesNothingAndRequireDefinedNamesIt() throws Exception {
        RecordingHandler h = new RecordingHandler();
        StateMachine<String> m = new StateMachine<>(Role.REQUESTOR, h);
        Transition t = m.handle(Event.Evt9, "data");      // P-DATA request while idle
        assertFalse(t.isDefined());
        assertEquals(State.Sta1, m.state());
        assertTrue(h.performed.isEmpty());
        IllegalStateException e = assertThrows(IllegalStateException.class, t::requireDefined);
        assertTrue(e.getMessage().contains("Evt9") && e.getMessage().contains("Sta1"), e.getMessage());
        assertEquals(Role.REQUESTOR, m.role());
        assertEquals(StateMachine.DEFAULT_ARTIM_TIMEOUT, m.artimTimeout());
    }

    @Test
    void handlerFailureLeavesTheStandardsNextState() throws Exception {
        StateMachine<String> m = new StateMachine<>(Role.REQUESTOR, (t, p) -> {
            if (t.action() == AE_2) {
                throw new java.io.IOException("connection reset while sending A-ASSOCIATE-RQ");
            }
        });
        m.handle(Event.Evt1);
        assertThrows(java.io.IOException.class, () -> m.handle(Event.Evt2));
        assertEquals(State.Sta5, m.state());
        // the caller reports the broken transport as Evt17: AA-4, Sta1
        assertEquals(Action.AA_4, m.handle(Event.Evt17).action());
        assertEquals(State.Sta1, m.state());
    }

    @Test
    void artimRestartIsAFreshDeadline() throws Exception {
        BackToBack w = new BackToBack();
        var ac = w.acceptor;
        ac.inbound.add(Event.Evt5);
        w.clock.set(5_000_000_000L);
        ac.deliverOne();                                  // AE-5 at t = 5 s
        assertEquals(5_000_000_000L + 30_000_000_000L, ac.fsm.artimDeadline().getAsLong());
        w.clock.set(20_000_000_000L);
        ac.inbound.add(Event.Evt10);                      // P-DATA-TF before any A-ASSOCIATE-RQ: AA-1
        ac.deliverOne();
        assertEquals(State.Sta13, ac.state());
        assertEquals(AA_1, ac.actions.get(1));
        assertEquals(20_000_000_000L + 30_000_000_000L, ac.fsm.artimDeadline().getAsLong(),
                "AA-1 starts (or restarts) ARTIM");
        w.clock.set(49_000_000_000L);
        assertFalse(ac.fsm.onTimeout());
        w.clock.set(50_000_000_000L);
        assertTrue(ac.fsm.onTimeout());
        assertEquals(State.Sta1, ac.state());
        assertEquals(AA_2, ac.actions.get(2));
    }
}
