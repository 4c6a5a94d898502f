package org.dicomsec.ul;

import org.dicomsec.ul.fsm.State;

/**
 * The state of an association's Upper Layer protocol machine as PS3.8 section
 * 9.2.1 names it (tables 9-1 to 9-5), as {@link Association#state()} reports it.
 * The protocol machine itself is internal; this enum mirrors its states one to
 * one, in the same order.
 */
public enum AssociationState {
    /** PS3.8 9.2.1: Idle */
    Sta1,
    /** PS3.8 9.2.1: Transport connection open (Awaiting A-ASSOCIATE-RQ PDU) */
    Sta2,
    /** PS3.8 9.2.1: Awaiting local A-ASSOCIATE response primitive (from local user) */
    Sta3,
    /** PS3.8 9.2.1: Awaiting transport connection opening to complete (from local transport service) */
    Sta4,
    /** PS3.8 9.2.1: Awaiting A-ASSOCIATE-AC or A-ASSOCIATE-RJ PDU */
    Sta5,
    /** PS3.8 9.2.1: Association established and ready for data transfer */
    Sta6,
    /** PS3.8 9.2.1: Awaiting A-RELEASE-RP PDU */
    Sta7,
    /** PS3.8 9.2.1: Awaiting local A-RELEASE response primitive (from local user) */
    Sta8,
    /** PS3.8 9.2.1: Release collision requestor side; awaiting A-RELEASE response (from local user) */
    Sta9,
    /** PS3.8 9.2.1: Release collision acceptor side; awaiting A-RELEASE-RP PDU */
    Sta10,
    /** PS3.8 9.2.1: Release collision requestor side; awaiting A-RELEASE-RP PDU */
    Sta11,
    /** PS3.8 9.2.1: Release collision acceptor side; awaiting A-RELEASE response primitive (from local user) */
    Sta12,
    /** PS3.8 9.2.1: Awaiting Transport Connection Close Indication (Association no longer exists) */
    Sta13;

    private static final AssociationState[] VALUES = values();

    /** The definition of this state as PS3.8 section 9.2.1 words it. */
    public String description() {
        return State.values()[ordinal()].description();
    }

    /** True in Sta6, the only state that carries messages. */
    public boolean isEstablished() {
        return this == Sta6;
    }

    /** The mirror of the protocol machine's state. */
    static AssociationState of(State s) {
        return VALUES[s.ordinal()];
    }
}
