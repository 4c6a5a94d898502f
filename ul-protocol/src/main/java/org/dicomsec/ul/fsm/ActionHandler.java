package org.dicomsec.ul.fsm;

import java.io.IOException;

/**
 * Performs the actions of PS3.8 section 9.2.2 for a {@link StateMachine}: the
 * association implements this and does the I/O (send a PDU, close the
 * transport, issue an indication or confirmation to its user). The machine
 * owns the state and the ARTIM timer; the handler never changes either.
 *
 * <p>What each action must do is its {@link Action#definition()}. The handler
 * learns the branch of the two conditional actions from
 * {@link Transition#to()}: AE-6 with {@code to == Sta3} issues the A-ASSOCIATE
 * indication, with {@code to == Sta13} sends an A-ASSOCIATE-RJ; AR-8 issues the
 * A-RELEASE indication either way. For AA-3 the handler tells an A-ABORT
 * indication (source 0, service-user) from an A-P-ABORT indication (source 2,
 * service-provider) by the source field of the received A-ABORT PDU in the
 * payload.
 *
 * @param <P> what the association passes with an event: a PDU, a primitive, or nothing
 */
@FunctionalInterface
public interface ActionHandler<P> {

    /**
     * Performs {@code transition.action()}. Called with the machine's lock
     * held, after the machine has moved to {@code transition.to()} and
     * started or stopped ARTIM; so PDUs leave in the order the state changes
     * and an exception here leaves the machine in the standard's next state
     * (a failed send is then reported by the caller as Evt17, transport
     * closed). Never called for an empty cell of table 9-10.
     *
     * @param transition the cell and the next state
     * @param payload    what came with the event, may be null
     * @throws IOException when the transport fails while performing the action
     */
    void perform(Transition transition, P payload) throws IOException;

    /**
     * AE-6 (PS3.8 table 9-6): whether the received A-ASSOCIATE-RQ is
     * acceptable by the service-provider (e.g. its protocol version, PS3.8
     * section 9.3.2). Called only for Sta2 + Evt6, before the state changes;
     * true leads to Sta3 (A-ASSOCIATE indication to the local user), false to
     * Sta13 (A-ASSOCIATE-RJ sent, ARTIM started). Decisions of the service-user
     * (called AE title, presentation contexts) are made later, in Sta3, as
     * Evt7 or Evt8.
     *
     * @param associateRq the payload passed with Evt6
     */
    default boolean isAcceptableByServiceProvider(P associateRq) {
        return true;
    }
}
