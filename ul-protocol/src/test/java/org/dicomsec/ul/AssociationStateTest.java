package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dicomsec.ul.fsm.Role;
import org.dicomsec.ul.fsm.State;
import org.junit.jupiter.api.Test;

/** The exported mirrors of the protocol machine's states and roles match it one to one. */
class AssociationStateTest {

    @Test
    void everyStateHasItsMirrorInTheSameOrder() {
        assertEquals(State.values().length, AssociationState.values().length);
        for (State s : State.values()) {
            AssociationState m = AssociationState.of(s);
            assertEquals(s.name(), m.name());
            assertEquals(s.description(), m.description());
        }
        assertEquals(true, AssociationState.Sta6.isEstablished());
        assertEquals(false, AssociationState.Sta7.isEstablished());
    }

    @Test
    void rolesMirror() {
        assertEquals(AssociationRole.REQUESTOR, AssociationRole.of(Role.REQUESTOR));
        assertEquals(AssociationRole.ACCEPTOR, AssociationRole.of(Role.ACCEPTOR));
        assertEquals(Role.values().length, AssociationRole.values().length);
    }
}
