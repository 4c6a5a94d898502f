/**
 * The DICOM Upper Layer (PS3.8) and DIMSE (PS3.7): PDUs, the state machine,
 * associations, DIMSE messages, and the transport SPI with plain TCP. JDK only.
 * The state machine ({@code org.dicomsec.ul.fsm}) is internal: applications
 * drive it through {@link org.dicomsec.ul.Association}.
 */
module org.dicomsec.ul {
    requires transitive org.dicomsec.data;
    // org.dicomsec.ul.bench times crypto rows by the thread's CPU time (ThreadMXBean)
    requires java.management;

    exports org.dicomsec.ul.transport;
    uses org.dicomsec.ul.transport.TransportProvider;
    exports org.dicomsec.ul.pdu;
    exports org.dicomsec.ul;
    exports org.dicomsec.ul.dimse;
    exports org.dicomsec.ul.net;
    exports org.dicomsec.ul.bench;
}
