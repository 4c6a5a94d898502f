package org.dicomsec.ul;

import org.dicomsec.ul.fsm.Role;

/**
 * Which end of the association the local application is (PS3.8 section 7.1):
 * the association-requestor or the association-acceptor, as
 * {@link Association#role()} reports it. On a release collision the requestor
 * answers first (PS3.8 section 7.2.2).
 */
public enum AssociationRole {
    /** The side that issued the A-ASSOCIATE request. */
    REQUESTOR,
    /** The side that accepted the transport connection and answered the request. */
    ACCEPTOR;

    static AssociationRole of(Role r) {
        return r == Role.REQUESTOR ? REQUESTOR : ACCEPTOR;
    }
}
