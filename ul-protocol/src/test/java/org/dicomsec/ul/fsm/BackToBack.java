package org.dicomsec.ul.fsm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two machines, a requestor and an acceptor, whose handlers turn each action
 * that writes to the transport into the event the other side's reader would
 * raise (a sent A-RELEASE-RQ becomes the peer's Evt12, a closed transport its
 * Evt17). The "wire" is a queue per direction, delivered only when the test
 * says so, so tests choose the interleaving (e.g. a release collision).
 */
final class BackToBack {

    final AtomicLong clock = new AtomicLong(0);
    final Side requestor = new Side("requestor", Role.REQUESTOR);
    final Side acceptor = new Side("acceptor", Role.ACCEPTOR);

    BackToBack() {
        requestor.peer = acceptor;
        acceptor.peer = requestor;
    }

    final class Side implements ActionHandler<String> {
        final String name;
        final StateMachine<String> fsm;
        final List<Action> actions = new ArrayList<>();
        /** Events on the way to this side, in order. */
        final Deque<Event> inbound = new ArrayDeque<>();
        Side peer;
        boolean rejectAtProvider;

        Side(String name, Role role) {
            this.name = name;
            this.fsm = new StateMachine<>(role, this, Duration.ofSeconds(30), clock::get);
        }

        @Override
        public void perform(Transition t, String payload) {
            actions.add(t.action());
            switch (t.action()) {
                // AE-1: the connect is immediate here: the peer's transport indicates, ours confirms
                case AE_1 -> {
                    peer.inbound.add(Event.Evt5);
                    inbound.addFirst(Event.Evt2);
                }
                case AE_2 -> peer.inbound.add(Event.Evt6);
                case AE_6 -> {
                    if (t.to() == State.Sta13) {
                        peer.inbound.add(Event.Evt4);
                    }
                }
                case AE_7 -> peer.inbound.add(Event.Evt3);
                case AE_8 -> peer.inbound.add(Event.Evt4);
                case DT_1, AR_7 -> peer.inbound.add(Event.Evt10);
                case AR_1 -> peer.inbound.add(Event.Evt12);
                case AR_4, AR_9 -> peer.inbound.add(Event.Evt13);
                case AA_1, AA_7, AA_8 -> peer.inbound.add(Event.Evt16);
                // the actions that close the transport connection
                case AE_4, AR_3, AA_2, AA_3 -> peer.inbound.add(Event.Evt17);
                default -> {
                    // indications to the local user, ignoring a PDU, stopping ARTIM: nothing on the wire
                }
            }
        }

        @Override
        public boolean isAcceptableByServiceProvider(String associateRq) {
            return !rejectAtProvider;
        }

        /** A primitive from the local user. */
        Transition user(Event e) {
            try {
                return fsm.handle(e, name).requireDefined();
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        }

        /** Delivers the next inbound event; false if there was none. */
        boolean deliverOne() {
            Event e = inbound.poll();
            if (e == null) {
                return false;
            }
            try {
                fsm.handle(e, name + " wire");
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
            return true;
        }

        State state() {
            return fsm.state();
        }
    }

    /** Delivers everything in both directions until both wires are empty. */
    void pump() {
        boolean moved = true;
        int guard = 0;
        while (moved) {
            if (++guard > 1000) {
                throw new IllegalStateException("wire does not settle");
            }
            moved = requestor.deliverOne() | acceptor.deliverOne();
        }
    }
}
