package org.dicomsec.ul.fsm;

/**
 * The events of the DICOM Upper Layer protocol machine: the rows of PS3.8
 * table 9-10 (section 9.2.3), with the standard's wording.
 */
public enum Event {
    Evt1("A-ASSOCIATE Request (local user)", Source.LOCAL_USER),
    Evt2("Transport Connect Confirmation (local transport service)", Source.TRANSPORT),
    Evt3("A-ASSOCIATE-AC PDU (received on transport connection)", Source.PDU),
    Evt4("A-ASSOCIATE-RJ PDU (received on transport connection)", Source.PDU),
    Evt5("Transport Connection Indication (local transport service)", Source.TRANSPORT),
    Evt6("A-ASSOCIATE-RQ PDU (received on transport connection)", Source.PDU),
    Evt7("A-ASSOCIATE response primitive (accept)", Source.LOCAL_USER),
    Evt8("A-ASSOCIATE response primitive (reject)", Source.LOCAL_USER),
    Evt9("P-DATA request primitive", Source.LOCAL_USER),
    Evt10("P-DATA-TF PDU", Source.PDU),
    Evt11("A-RELEASE Request primitive", Source.LOCAL_USER),
    Evt12("A-RELEASE-RQ PDU (received on open transport connection)", Source.PDU),
    Evt13("A-RELEASE-RP PDU (received on transport connection)", Source.PDU),
    Evt14("A-RELEASE Response primitive", Source.LOCAL_USER),
    Evt15("A-ABORT Request primitive", Source.LOCAL_USER),
    Evt16("A-ABORT PDU (received on open transport connection)", Source.PDU),
    Evt17("Transport connection closed indication (local transport service)", Source.TRANSPORT),
    Evt18("ARTIM timer expired (Association reject/release timer)", Source.TIMER),
    Evt19("Unrecognized or invalid PDU received", Source.PDU);

    /** Where an event comes from; tells the association which thread feeds it. */
    public enum Source {
        /** A primitive issued by the local service-user (a user thread). */
        LOCAL_USER,
        /** An indication from the local transport service. */
        TRANSPORT,
        /** A PDU read from the transport connection (the reader thread). */
        PDU,
        /** The ARTIM timer (the reader thread, see {@link StateMachine#onTimeout()}). */
        TIMER
    }

    private final String description;
    private final Source source;

    Event(String description, Source source) {
        this.description = description;
        this.source = source;
    }

    /** The event as PS3.8 table 9-10 words it. */
    public String description() {
        return description;
    }

    public Source source() {
        return source;
    }
}
