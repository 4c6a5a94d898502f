package org.dicomsec.ul.fsm;

import java.util.List;

/**
 * For each state, a role and a sequence of events that leads there from Sta1
 * through table 9-10 (with every A-ASSOCIATE-RQ acceptable).
 */
final class Paths {

    record PathTo(State state, Role role, List<Event> events) {
    }

    private static final List<Event> TO_STA6 = List.of(Event.Evt1, Event.Evt2, Event.Evt3);
    private static final List<Event> TO_STA6_ACCEPTOR = List.of(Event.Evt5, Event.Evt6, Event.Evt7);

    static final List<PathTo> ALL = List.of(
            new PathTo(State.Sta1, Role.REQUESTOR, List.of()),
            new PathTo(State.Sta2, Role.ACCEPTOR, List.of(Event.Evt5)),
            new PathTo(State.Sta3, Role.ACCEPTOR, List.of(Event.Evt5, Event.Evt6)),
            new PathTo(State.Sta4, Role.REQUESTOR, List.of(Event.Evt1)),
            new PathTo(State.Sta5, Role.REQUESTOR, List.of(Event.Evt1, Event.Evt2)),
            new PathTo(State.Sta6, Role.REQUESTOR, TO_STA6),
            new PathTo(State.Sta7, Role.REQUESTOR, concat(TO_STA6, Event.Evt11)),
            new PathTo(State.Sta8, Role.REQUESTOR, concat(TO_STA6, Event.Evt12)),
            new PathTo(State.Sta9, Role.REQUESTOR, concat(TO_STA6, Event.Evt11, Event.Evt12)),
            new PathTo(State.Sta10, Role.ACCEPTOR, concat(TO_STA6_ACCEPTOR, Event.Evt11, Event.Evt12)),
            new PathTo(State.Sta11, Role.REQUESTOR, concat(TO_STA6, Event.Evt11, Event.Evt12, Event.Evt14)),
            new PathTo(State.Sta12, Role.ACCEPTOR, concat(TO_STA6_ACCEPTOR, Event.Evt11, Event.Evt12, Event.Evt13)),
            new PathTo(State.Sta13, Role.ACCEPTOR, List.of(Event.Evt5, Event.Evt6, Event.Evt8)));

    private Paths() {
    }

    private static List<Event> concat(List<Event> head, Event... tail) {
        var l = new java.util.ArrayList<>(head);
        l.addAll(List.of(tail));
        return List.copyOf(l);
    }
}
