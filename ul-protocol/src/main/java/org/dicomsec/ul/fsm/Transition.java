package org.dicomsec.ul.fsm;

import java.util.Objects;
import java.util.Optional;

/**
 * One step of the state machine: in state {@code from}, event {@code event}
 * selected {@code action} (PS3.8 table 9-10) and led to state {@code to}.
 * For an empty cell of table 9-10 {@code action} is null and {@code to}
 * equals {@code from}: the machine did nothing.
 *
 * @param from   the state before the event
 * @param event  the event
 * @param action the action of table 9-10, or null for an empty cell
 * @param to     the state after the action (the action's next state, PS3.8 section 9.2.2)
 */
public record Transition(State from, Event event, Action action, State to) {

    public Transition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(to, "to");
        if (action == null && from != to) {
            throw new IllegalArgumentException("an empty cell of table 9-10 cannot change the state");
        }
    }

    /** True when table 9-10 has an action for this (state, event) cell. */
    public boolean isDefined() {
        return action != null;
    }

    /** The action, or empty for an empty cell. */
    public Optional<Action> actionIfAny() {
        return Optional.ofNullable(action);
    }

    /**
     * Returns this transition, or throws when the cell was empty: for local
     * primitives (A-ASSOCIATE, P-DATA, A-RELEASE, A-ABORT requests) issued in
     * a state where PS3.8 table 9-10 does not allow them.
     */
    public Transition requireDefined() {
        if (action == null) {
            throw new IllegalStateException(event + " (" + event.description() + ") is not allowed in "
                    + from + " (" + from.description() + "): PS3.8 table 9-10 has no action for it");
        }
        return this;
    }

    @Override
    public String toString() {
        return from + " + " + event + " -> " + (action == null ? "(no action)" : action.standardName()) + " -> " + to;
    }
}
