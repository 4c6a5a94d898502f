package org.dicomsec.ul;

import java.io.IOException;

import org.dicomsec.ul.pdu.Pdu;
import org.dicomsec.ul.pdu.PduDecodeException;

/**
 * What comes with an event to the association's state machine (PS3.8 9.2, table 9-10): a closed
 * set of kinds, so that {@link UpperLayer#perform} knows what each action receives instead of
 * casting an {@code Object}.
 * <ul>
 *   <li>{@link Received}: a PDU read from the transport (Evt3, 4, 6, 12, 13, 16), or one the
 *       local user hands over to be sent (Evt1/Evt2 for AE-2, Evt7, Evt8);</li>
 *   <li>{@link PdvSend}: a P-DATA request (Evt9), the PDV prepared in the association's buffer;</li>
 *   <li>{@link TransportClosed}: the transport's end or failure (Evt17);</li>
 *   <li>{@link InvalidPdu}: what could not be decoded (Evt19);</li>
 *   <li>{@link None}: the events that carry nothing (Evt5, 10, 11, 14, 15, 18).</li>
 * </ul>
 */
sealed interface UlPayload permits UlPayload.Received, UlPayload.PdvSend, UlPayload.TransportClosed,
        UlPayload.InvalidPdu, UlPayload.None {

    /** A PDU received, or handed over by the local user to be sent. */
    record Received(Pdu pdu) implements UlPayload {
    }

    /**
     * The PDV that DT-1 / AR-7 send from the {@link org.dicomsec.ul.pdu.PDataWriter} buffer. One
     * instance per association, refilled for each PDU under the association's send lock: the hot
     * path allocates nothing per fragment.
     */
    final class PdvSend implements UlPayload {
        int presentationContextId;
        boolean command;
        boolean last;
        int length;
        boolean flush;

        PdvSend set(int presentationContextId, boolean command, boolean last, int length, boolean flush) {
            this.presentationContextId = presentationContextId;
            this.command = command;
            this.last = last;
            this.length = length;
            this.flush = flush;
            return this;
        }
    }

    /** The transport connection closed or failed (Evt17). */
    record TransportClosed(IOException cause) implements UlPayload {
    }

    /** An unrecognized or invalid PDU (Evt19), with the A-ABORT reason it calls for. */
    record InvalidPdu(PduDecodeException error) implements UlPayload {
    }

    /** No payload. */
    enum None implements UlPayload {
        INSTANCE
    }
}
