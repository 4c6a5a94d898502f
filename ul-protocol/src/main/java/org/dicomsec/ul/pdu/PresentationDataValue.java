package org.dicomsec.ul.pdu;

import java.util.Arrays;

/**
 * Presentation Data Value Item of a P-DATA-TF PDU (PS3.8 9.3.5.1, table 9-23; Annex E.2 for the
 * message control header). The item length on the wire is {@code 2 + data.length}: the
 * presentation context ID, the message control header and the fragment.
 *
 * @param presentationContextId the presentation context ID byte (checked against the
 *                              negotiated contexts by the reassembly layer, not here)
 * @param messageControlHeader  the message control header byte: bit 0 {@link #COMMAND},
 *                              bit 1 {@link #LAST_FRAGMENT}; bits 2-7 are kept as received
 * @param data                  the fragment of the command or data set
 */
public record PresentationDataValue(int presentationContextId, int messageControlHeader, byte[] data) {
    /** Bit 0 of the message control header: 1 command information, 0 data set information. */
    public static final int COMMAND = 0x01;
    /** Bit 1 of the message control header: 1 last fragment, 0 not the last. */
    public static final int LAST_FRAGMENT = 0x02;

    public PresentationDataValue {
        if ((presentationContextId | messageControlHeader) >>> 8 != 0) {
            throw new IllegalArgumentException("Presentation-context-ID and message control header are one byte");
        }
        data = Bytes.checkBytes(data, Integer.MAX_VALUE - 64, "PDV data");
    }

    /** A PDV from flags. */
    public static PresentationDataValue of(int presentationContextId, boolean command, boolean last, byte[] data) {
        return new PresentationDataValue(presentationContextId, (command ? COMMAND : 0) | (last ? LAST_FRAGMENT : 0),
                data);
    }

    /** True if this fragment carries command information. */
    public boolean isCommand() {
        return (messageControlHeader & COMMAND) != 0;
    }

    /** True if this is the last fragment of the command or data set. */
    public boolean isLastFragment() {
        return (messageControlHeader & LAST_FRAGMENT) != 0;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The number of data bytes. */
    public int dataLength() {
        return data.length;
    }

    byte[] raw() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PresentationDataValue p && p.presentationContextId == presentationContextId
                && p.messageControlHeader == messageControlHeader && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return (presentationContextId * 31 + messageControlHeader) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "PresentationDataValue[pcid=" + presentationContextId + ", " + (isCommand() ? "command" : "data set")
                + (isLastFragment() ? ", last" : "") + ", " + data.length + " bytes]";
    }
}
