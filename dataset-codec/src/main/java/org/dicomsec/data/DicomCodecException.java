package org.dicomsec.data;

import java.io.IOException;

/**
 * Bad input to the codec: the message says what is wrong, and the exception
 * carries where (byte offset from the start of the stream, -1 when unknown)
 * and the tag of the element being read (-1 when none).
 */
public class DicomCodecException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final int tag;

    public DicomCodecException(String message, long offset, int tag) {
        super(format(message, offset, tag));
        this.offset = offset;
        this.tag = tag;
    }

    public DicomCodecException(String message, long offset, int tag, Throwable cause) {
        super(format(message, offset, tag), cause);
        this.offset = offset;
        this.tag = tag;
    }

    /** Byte offset in the stream where the problem was found, or -1. */
    public long offset() {
        return offset;
    }

    /** The tag of the element concerned, or -1. */
    public int tag() {
        return tag;
    }

    private static String format(String message, long offset, int tag) {
        StringBuilder sb = new StringBuilder(message);
        if (tag != -1) {
            sb.append(String.format(" [tag (%04X,%04X)]", tag >>> 16, tag & 0xFFFF));
        }
        if (offset >= 0) {
            sb.append(" [offset ").append(offset).append(']');
        }
        return sb.toString();
    }
}
