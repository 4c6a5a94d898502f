package org.dicomsec.ul.fsm;

import java.util.EnumSet;
import java.util.Set;

/**
 * The actions of the DICOM Upper Layer protocol machine, PS3.8 section 9.2.2:
 * table 9-6 (association establishment, AE-1..AE-8), table 9-7 (data
 * transfer, DT-1..DT-2), table 9-8 (association release, AR-1..AR-10) and
 * table 9-9 (association abort, AA-1..AA-8). Each carries the standard's
 * definition, its next state, and what it does to the ARTIM timer.
 *
 * <p>Two actions have a next state that depends on a condition, and the
 * standard names it in the action's definition:
 * <ul>
 *   <li>AE-6 (table 9-6): Sta3 if the A-ASSOCIATE-RQ is acceptable by the
 *       service-provider, otherwise Sta13 (after sending an A-ASSOCIATE-RJ);</li>
 *   <li>AR-8 (table 9-8): Sta9 if the local side is the association-requestor,
 *       otherwise Sta10.</li>
 * </ul>
 * Every other action has one next state. AA-3 chooses between an A-ABORT and
 * an A-P-ABORT indication from the source of the received A-ABORT PDU, but its
 * next state is Sta1 either way; that choice belongs to the {@link ActionHandler}.
 */
public enum Action {
    // PS3.8 table 9-6: Association establishment related actions
    AE_1("Issue TRANSPORT CONNECT request primitive to local transport service", State.Sta4, Artim.NONE),
    AE_2("Send A-ASSOCIATE-RQ-PDU", State.Sta5, Artim.NONE),
    AE_3("Issue A-ASSOCIATE confirmation (accept) primitive", State.Sta6, Artim.NONE),
    AE_4("Issue A-ASSOCIATE confirmation (reject) primitive and close transport connection",
            State.Sta1, Artim.NONE),
    AE_5("Issue Transport connection response primitive; start ARTIM timer", State.Sta2, Artim.START),
    AE_6("Stop ARTIM timer and if A-ASSOCIATE-RQ acceptable by service-provider: issue A-ASSOCIATE"
            + " indication primitive (next state Sta3); otherwise: issue A-ASSOCIATE-RJ-PDU and start"
            + " ARTIM timer (next state Sta13)", null, Artim.STOP_THEN_START_IF_REJECTED),
    AE_7("Send A-ASSOCIATE-AC PDU", State.Sta6, Artim.NONE),
    AE_8("Send A-ASSOCIATE-RJ PDU and start ARTIM timer", State.Sta13, Artim.START),

    // PS3.8 table 9-7: Data transfer related actions
    DT_1("Send P-DATA-TF PDU", State.Sta6, Artim.NONE),
    DT_2("Send P-DATA indication primitive", State.Sta6, Artim.NONE),

    // PS3.8 table 9-8: Association release related actions
    AR_1("Send A-RELEASE-RQ PDU", State.Sta7, Artim.NONE),
    AR_2("Issue A-RELEASE indication primitive", State.Sta8, Artim.NONE),
    AR_3("Issue A-RELEASE confirmation primitive, and close transport connection", State.Sta1, Artim.NONE),
    AR_4("Issue A-RELEASE-RP PDU and start ARTIM timer", State.Sta13, Artim.START),
    AR_5("Stop ARTIM timer", State.Sta1, Artim.STOP),
    AR_6("Issue P-DATA indication", State.Sta7, Artim.NONE),
    AR_7("Issue P-DATA-TF PDU", State.Sta8, Artim.NONE),
    AR_8("Issue A-RELEASE indication (release collision): if association-requestor, next state is"
            + " Sta9; if not, next state is Sta10", null, Artim.NONE),
    AR_9("Send A-RELEASE-RP PDU", State.Sta11, Artim.NONE),
    AR_10("Issue A-RELEASE confirmation primitive", State.Sta12, Artim.NONE),

    // PS3.8 table 9-9: Association abort related actions
    AA_1("Send A-ABORT PDU (service-user source) and start (or restart if already started) ARTIM timer",
            State.Sta13, Artim.START),
    AA_2("Stop ARTIM timer if running. Close transport connection", State.Sta1, Artim.STOP),
    AA_3("If (service-user initiated abort): issue A-ABORT indication and close transport connection;"
            + " otherwise (service-provider initiated abort): issue A-P-ABORT indication and close"
            + " transport connection", State.Sta1, Artim.NONE),
    AA_4("Issue A-P-ABORT indication primitive", State.Sta1, Artim.NONE),
    AA_5("Stop ARTIM timer", State.Sta1, Artim.STOP),
    AA_6("Ignore PDU", State.Sta13, Artim.NONE),
    AA_7("Send A-ABORT PDU", State.Sta13, Artim.NONE),
    AA_8("Send A-ABORT PDU (service-provider source), issue an A-P-ABORT indication, and start ARTIM"
            + " timer", State.Sta13, Artim.START);

    /** What an action does to the ARTIM timer, as its definition in PS3.8 section 9.2.2 says. */
    public enum Artim {
        /** The definition does not mention ARTIM: it keeps running or stays stopped. */
        NONE,
        /** "start ARTIM timer" (AE-5, AE-8, AR-4, AA-8) or "start (or restart if already started)" (AA-1): a new deadline. */
        START,
        /** "Stop ARTIM timer" (AR-5, AA-5), "Stop ARTIM timer if running" (AA-2). */
        STOP,
        /** AE-6: stop, and start again only on the reject branch (next state Sta13). */
        STOP_THEN_START_IF_REJECTED
    }

    private final String definition;
    private final State nextState;
    private final Artim artim;

    Action(String definition, State nextState, Artim artim) {
        this.definition = definition;
        this.nextState = nextState;
        this.artim = artim;
    }

    /** The definition of the action as PS3.8 section 9.2.2 words it. */
    public String definition() {
        return definition;
    }

    /** The standard's name with its hyphen, e.g. "AR-10". */
    public String standardName() {
        return name().replace('_', '-');
    }

    /** What this action does to the ARTIM timer. */
    public Artim artim() {
        return artim;
    }

    /** True for AE-6 and AR-8, whose next state depends on a condition. */
    public boolean isConditional() {
        return nextState == null;
    }

    /** Every state this action may lead to: one, or two for AE-6 and AR-8. */
    public Set<State> possibleNextStates() {
        return switch (this) {
            case AE_6 -> EnumSet.of(State.Sta3, State.Sta13);
            case AR_8 -> EnumSet.of(State.Sta9, State.Sta10);
            default -> EnumSet.of(nextState);
        };
    }

    /**
     * The next state after this action.
     *
     * @param localRole                whether the local side is association-requestor or -acceptor (AR-8)
     * @param associateRqAcceptable    whether the received A-ASSOCIATE-RQ is acceptable by the
     *                                 service-provider (AE-6); ignored by every other action
     */
    public State nextState(Role localRole, boolean associateRqAcceptable) {
        return switch (this) {
            // PS3.8 table 9-6, AE-6
            case AE_6 -> associateRqAcceptable ? State.Sta3 : State.Sta13;
            // PS3.8 table 9-8, AR-8
            case AR_8 -> localRole == Role.REQUESTOR ? State.Sta9 : State.Sta10;
            default -> nextState;
        };
    }
}
