package org.dicomsec.ul.pdu;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The hot path for sending: P-DATA-TF PDUs with one PDV each (PS3.8 9.3.5), written from one
 * reusable buffer with one {@code OutputStream.write} per PDU and no allocation.
 * <p>
 * The buffer holds a 12-byte prefix — PDU header (6), PDV Item-length (4), Presentation-context-ID
 * (1), message control header (1) — followed by the payload region. The caller fills
 * {@code buffer()[payloadOffset() .. payloadOffset() + n)} (e.g. straight from a file channel
 * or an input stream), then calls {@link #write}, which fills in the prefix in front.
 * <p>
 * Sizing (PS3.8 D.1): the peer's Maximum Length bounds the P-DATA-TF variable field, i.e.
 * {@code 4 + 2 + payload} for one PDV, so the payload is at most {@code peerMax - 6}. A peer
 * maximum of 0 means no limit; the buffer then uses {@link #DEFAULT_UNLIMITED_PAYLOAD}.
 * One writer per association; not thread-safe.
 */
public final class PDataWriter {
    /** Bytes in front of the payload: PDU header, PDV length, context ID, control header. */
    public static final int PREFIX_LENGTH = 12;
    /** Payload size used when the peer announced no maximum (0): 1 MiB. */
    public static final int DEFAULT_UNLIMITED_PAYLOAD = 1 << 20;

    private final byte[] buffer;
    private final int maxPayload;

    /**
     * @param peerMaxLength the Maximum Length the peer announced (PS3.8 D.1); 0 = unlimited;
     *                      otherwise at least 7 so that a PDV can carry one byte
     */
    public PDataWriter(long peerMaxLength) {
        this(peerMaxLength, DEFAULT_UNLIMITED_PAYLOAD);
    }

    /**
     * @param peerMaxLength the Maximum Length the peer announced; 0 = unlimited
     * @param localCap      largest payload this side wants per PDU (bounds the buffer)
     */
    public PDataWriter(long peerMaxLength, int localCap) {
        if (peerMaxLength < 0 || peerMaxLength > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("maximum length is unsigned 32-bit: " + peerMaxLength);
        }
        if (peerMaxLength != 0 && peerMaxLength < 7) {
            throw new IllegalArgumentException("a maximum length below 7 cannot carry a PDV with data: "
                    + peerMaxLength);
        }
        if (localCap < 1 || localCap > Integer.MAX_VALUE - PREFIX_LENGTH - 64) {
            throw new IllegalArgumentException("payload cap out of range: " + localCap);
        }
        long peerPayload = peerMaxLength == 0 ? Long.MAX_VALUE : peerMaxLength - 6;
        this.maxPayload = (int) Math.min(peerPayload, localCap);
        this.buffer = new byte[PREFIX_LENGTH + maxPayload];
    }

    /** The reusable buffer: fill the payload region, then {@link #write}. */
    public byte[] buffer() {
        return buffer;
    }

    /** Where the payload starts in {@link #buffer()}: {@value #PREFIX_LENGTH}. */
    public int payloadOffset() {
        return PREFIX_LENGTH;
    }

    /** The largest payload one PDU may carry: {@code min(peerMax - 6, local cap)}. */
    public int maxPayloadLength() {
        return maxPayload;
    }

    /**
     * Writes one P-DATA-TF PDU carrying one PDV whose data is
     * {@code buffer()[payloadOffset() .. payloadOffset() + payloadLength)}.
     *
     * @param presentationContextId the context ID (odd, 1..255)
     * @param command               message control header bit 0
     * @param last                  message control header bit 1
     */
    public void write(OutputStream out, int presentationContextId, boolean command, boolean last,
                      int payloadLength) throws IOException {
        if (payloadLength < 0 || payloadLength > maxPayload) {
            throw new IllegalArgumentException("payload length " + payloadLength + " outside 0.." + maxPayload);
        }
        if (presentationContextId < 1 || presentationContextId > 255) {
            throw new IllegalArgumentException("Presentation-context-ID out of range: " + presentationContextId);
        }
        byte[] b = buffer;
        b[0] = PduType.P_DATA_TF;
        b[1] = 0; // PS3.8 table 9-22 byte 2: reserved
        Bytes.put32(b, 2, 6L + payloadLength); // PDU-length: one PDV item with its length field
        Bytes.put32(b, 6, 2L + payloadLength); // PDV Item-length: context ID + control header + data
        b[10] = (byte) presentationContextId;
        b[11] = (byte) ((command ? PresentationDataValue.COMMAND : 0)
                | (last ? PresentationDataValue.LAST_FRAGMENT : 0));
        out.write(b, 0, PREFIX_LENGTH + payloadLength);
    }
}
