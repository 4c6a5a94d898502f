package org.dicomsec.ul.fsm;

/**
 * The states of the DICOM Upper Layer protocol machine, PS3.8 section 9.2.1,
 * tables 9-1 (no association), 9-2 (association establishment), 9-3 (data
 * transfer), 9-4 (association release, normal and collision) and 9-5 (waiting
 * for transport connection close).
 */
public enum State {
    /** PS3.8 table 9-1. */
    Sta1("Idle"),
    /** PS3.8 table 9-2. ARTIM runs in this state (started by AE-5). */
    Sta2("Transport connection open (Awaiting A-ASSOCIATE-RQ PDU)"),
    /** PS3.8 table 9-2. */
    Sta3("Awaiting local A-ASSOCIATE response primitive (from local user)"),
    /** PS3.8 table 9-2. */
    Sta4("Awaiting transport connection opening to complete (from local transport service)"),
    /** PS3.8 table 9-2. */
    Sta5("Awaiting A-ASSOCIATE-AC or A-ASSOCIATE-RJ PDU"),
    /** PS3.8 table 9-3. */
    Sta6("Association established and ready for data transfer"),
    /** PS3.8 table 9-4. */
    Sta7("Awaiting A-RELEASE-RP PDU"),
    /** PS3.8 table 9-4. */
    Sta8("Awaiting local A-RELEASE response primitive (from local user)"),
    /** PS3.8 table 9-4. */
    Sta9("Release collision requestor side; awaiting A-RELEASE response (from local user)"),
    /** PS3.8 table 9-4. */
    Sta10("Release collision acceptor side; awaiting A-RELEASE-RP PDU"),
    /** PS3.8 table 9-4. */
    Sta11("Release collision requestor side; awaiting A-RELEASE-RP PDU"),
    /** PS3.8 table 9-4. */
    Sta12("Release collision acceptor side; awaiting A-RELEASE response primitive (from local user)"),
    /** PS3.8 table 9-5. ARTIM runs in this state (started by AE-6, AE-8, AR-4, AA-1 or AA-8). */
    Sta13("Awaiting Transport Connection Close Indication (Association no longer exists)");

    private final String description;

    State(String description) {
        this.description = description;
    }

    /** The definition of this state as PS3.8 section 9.2.1 words it. */
    public String description() {
        return description;
    }
}
