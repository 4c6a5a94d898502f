package org.dicomsec.ul.pdu;

import java.io.EOFException;

/**
 * The input ended before a whole PDU was read: the transport connection closed (PS3.8 Evt17).
 * {@link #atPduBoundary()} tells a close between PDUs from a close in the middle of one.
 */
public final class PduTruncatedException extends EOFException {
    private static final long serialVersionUID = 1L;

    private final int pduType;
    private final long offset;
    private final boolean atPduBoundary;

    /**
     * @param pduType type byte of the PDU being read, or -1 if not even that was read
     * @param offset  bytes of the PDU read before the end of the stream
     */
    public PduTruncatedException(String message, int pduType, long offset) {
        super((pduType < 0 ? "no PDU" : PduType.name(pduType)) + ": end of stream after " + offset
                + " bytes: " + message);
        this.pduType = pduType;
        this.offset = offset;
        this.atPduBoundary = offset == 0;
    }

    /** Type byte of the PDU being read, -1 if the stream ended before it. */
    public int pduType() {
        return pduType;
    }

    /** Bytes of this PDU read before the end of the stream. */
    public long offset() {
        return offset;
    }

    /** True if the stream ended cleanly between PDUs (no byte of a new PDU was read). */
    public boolean atPduBoundary() {
        return atPduBoundary;
    }
}
