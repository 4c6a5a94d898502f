package org.dicomsec.ul.pdu;

import java.io.IOException;

/**
 * A PDU that cannot be decoded. Carries the A-ABORT that PS3.8 names for it (table 9-26:
 * source 2 service-provider and a provider reason) so the state machine can send it (Evt19).
 */
public final class PduDecodeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int pduType;
    private final long offset;
    private final int abortReason;

    /**
     * @param message     what is wrong, naming the field
     * @param pduType     type of the PDU being decoded (its first byte)
     * @param offset      byte offset from the start of the PDU (0 is the PDU type byte)
     * @param abortReason one of the {@code AAbort.REASON_*} provider reasons
     */
    public PduDecodeException(String message, int pduType, long offset, int abortReason) {
        super(PduType.name(pduType) + " at offset " + offset + ": " + message
                + " (A-ABORT reason " + abortReason + " " + AAbort.reasonName(abortReason) + ")");
        this.pduType = pduType;
        this.offset = offset;
        this.abortReason = abortReason;
    }

    /** The PDU type byte of the offending PDU. */
    public int pduType() {
        return pduType;
    }

    /** Offset in bytes from the first byte of the PDU. */
    public long offset() {
        return offset;
    }

    /** Always {@link AAbort#SOURCE_SERVICE_PROVIDER}: a decode error is detected by the UL provider. */
    public int abortSource() {
        return AAbort.SOURCE_SERVICE_PROVIDER;
    }

    /** The provider reason to send in the A-ABORT (PS3.8 table 9-26). */
    public int abortReason() {
        return abortReason;
    }

    /** The A-ABORT PDU to send for this error. */
    public AAbort toAbort() {
        return new AAbort(abortSource(), abortReason);
    }
}
