package org.dicomsec.ul.pdu;

/**
 * One Upper Layer PDU of PS3.8 section 9.3. Implementations are immutable records.
 */
public sealed interface Pdu permits AAssociateRq, AAssociateAc, AAssociateRj, PDataTf,
        AReleaseRq, AReleaseRp, AAbort {
    /** The PDU type code, see {@link PduType}. */
    int pduType();
}
