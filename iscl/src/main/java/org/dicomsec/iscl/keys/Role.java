package org.dicomsec.iscl.keys;

/** The two parties of ISO/IEC 9798-2 clause 5.2.2 as ISCL uses them. */
public enum Role {
    /** A: the client, opens the connection, sends TokenAB. */
    INITIATOR,
    /** B: the server, sends the challenge R_B first, then TokenBA. */
    RESPONDER
}
