package org.dicomsec.ul.fsm;

import static org.dicomsec.ul.fsm.Action.AA_1;
import static org.dicomsec.ul.fsm.Action.AA_2;
import static org.dicomsec.ul.fsm.Action.AA_3;
import static org.dicomsec.ul.fsm.Action.AA_4;
import static org.dicomsec.ul.fsm.Action.AA_5;
import static org.dicomsec.ul.fsm.Action.AA_6;
import static org.dicomsec.ul.fsm.Action.AA_7;
import static org.dicomsec.ul.fsm.Action.AA_8;
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

import java.util.Optional;

/**
 * PS3.8 section 9.2.3, table 9-10 "DICOM Upper Layer Protocol State
 * Transition Table", as data. Rows are events Evt1..Evt19 and columns states
 * Sta1..Sta13, in the standard's order, so the literal below can be checked
 * line by line against the printed table. {@code __} marks an empty cell: the
 * standard gives no action for that event in that state.
 *
 * <p>Every PDU event (Evt3, Evt4, Evt6, Evt10, Evt12, Evt13, Evt16, Evt19) has
 * an action in every state that has a transport connection (all but Sta1 and
 * Sta4): an unexpected PDU is answered by AA-1, AA-8 (A-ABORT, provider
 * source, reason unexpected-PDU), AA-7 or ignored (AA-6), never dropped
 * silently by this table. Empty cells are only local primitives issued in the
 * wrong state, transport indications that cannot happen there, or the ARTIM
 * timer outside Sta2 and Sta13.
 */
public final class StateTransitionTable {

    /** An empty cell of table 9-10. */
    private static final Action __ = null;

    private static final Action[][] TABLE = {
        //           Sta1  Sta2  Sta3  Sta4  Sta5  Sta6  Sta7  Sta8  Sta9  Sta10  Sta11  Sta12  Sta13
        /* Evt1  */ {AE_1, __,   __,   __,   __,   __,   __,   __,   __,   __,    __,    __,    __  },
        /* Evt2  */ {__,   __,   __,   AE_2, __,   __,   __,   __,   __,   __,    __,    __,    __  },
        /* Evt3  */ {__,   AA_1, AA_8, __,   AE_3, AA_8, AA_8, AA_8, AA_8, AA_8,  AA_8,  AA_8,  AA_6},
        /* Evt4  */ {__,   AA_1, AA_8, __,   AE_4, AA_8, AA_8, AA_8, AA_8, AA_8,  AA_8,  AA_8,  AA_6},
        /* Evt5  */ {AE_5, __,   __,   __,   __,   __,   __,   __,   __,   __,    __,    __,    __  },
        /* Evt6  */ {__,   AE_6, AA_8, __,   AA_8, AA_8, AA_8, AA_8, AA_8, AA_8,  AA_8,  AA_8,  AA_7},
        /* Evt7  */ {__,   __,   AE_7, __,   __,   __,   __,   __,   __,   __,    __,    __,    __  },
        /* Evt8  */ {__,   __,   AE_8, __,   __,   __,   __,   __,   __,   __,    __,    __,    __  },
        /* Evt9  */ {__,   __,   __,   __,   __,   DT_1, __,   AR_7, __,   __,    __,    __,    __  },
        /* Evt10 */ {__,   AA_1, AA_8, __,   AA_8, DT_2, AR_6, AA_8, AA_8, AA_8,  AA_8,  AA_8,  AA_6},
        /* Evt11 */ {__,   __,   __,   __,   __,   AR_1, __,   __,   __,   __,    __,    __,    __  },
        /* Evt12 */ {__,   AA_1, AA_8, __,   AA_8, AR_2, AR_8, AA_8, AA_8, AA_8,  AA_8,  AA_8,  AA_6},
        /* Evt13 */ {__,   AA_1, AA_8, __,   AA_8, AA_8, AR_3, AA_8, AA_8, AR_10, AR_3,  AA_8,  AA_6},
        /* Evt14 */ {__,   __,   __,   __,   __,   __,   __,   AR_4, AR_9, __,    __,    AR_4,  __  },
        /* Evt15 */ {__,   __,   AA_1, AA_2, AA_1, AA_1, AA_1, AA_1, AA_1, AA_1,  AA_1,  AA_1,  __  },
        /* Evt16 */ {__,   AA_2, AA_3, __,   AA_3, AA_3, AA_3, AA_3, AA_3, AA_3,  AA_3,  AA_3,  AA_2},
        /* Evt17 */ {__,   AA_5, AA_4, AA_4, AA_4, AA_4, AA_4, AA_4, AA_4, AA_4,  AA_4,  AA_4,  AR_5},
        /* Evt18 */ {__,   AA_2, __,   __,   __,   __,   __,   __,   __,   __,    __,    __,    AA_2},
        /* Evt19 */ {__,   AA_1, AA_8, __,   AA_8, AA_8, AA_8, AA_8, AA_8, AA_8,  AA_8,  AA_8,  AA_7},
    };

    static {
        // The literal above must have exactly one row per event and one column per state.
        if (TABLE.length != Event.values().length) {
            throw new ExceptionInInitializerError("table 9-10 needs " + Event.values().length + " rows");
        }
        for (Action[] row : TABLE) {
            if (row.length != State.values().length) {
                throw new ExceptionInInitializerError("table 9-10 needs " + State.values().length + " columns");
            }
        }
    }

    private StateTransitionTable() {
    }

    /**
     * The action PS3.8 table 9-10 gives for {@code event} in {@code state},
     * or empty for an empty cell.
     */
    public static Optional<Action> actionFor(State state, Event event) {
        return Optional.ofNullable(TABLE[event.ordinal()][state.ordinal()]);
    }
}
