package org.dicomsec.storage.commitment;

/**
 * A Storage Commitment data set that does not have the form PS3.4 J.3.2/J.3.3
 * gives it. Carries the DIMSE status to answer with (PS3.7 C.4) and the tag.
 */
public final class CommitmentFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** PS3.7 C.4: Invalid argument value. */
    public static final int INVALID_ARGUMENT_VALUE = 0x0115;
    /** PS3.7 C.4: Processing failure. */
    public static final int PROCESSING_FAILURE = 0x0110;

    private final int status;
    private final int tag;

    public CommitmentFormatException(String message, int tag, int status) {
        super(message + String.format(" (%04X,%04X)", tag >>> 16, tag & 0xFFFF));
        this.tag = tag;
        this.status = status;
    }

    /** The DIMSE status for the response. */
    public int status() {
        return status;
    }

    /** The attribute at fault. */
    public int tag() {
        return tag;
    }
}
