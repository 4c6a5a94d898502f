package org.dicomsec.ul.fsm;

/**
 * Which end of the association the local machine is. PS3.8 section 9.2.2,
 * table 9-8, AR-8: on a release collision the association-requestor goes to
 * Sta9 and the association-acceptor to Sta10 (PS3.8 section 7.2.2: the
 * requestor answers the collision first).
 */
public enum Role {
    /** The side that issued the A-ASSOCIATE request (Evt1, AE-1). */
    REQUESTOR,
    /** The side that accepted the transport connection (Evt5, AE-5). */
    ACCEPTOR
}
