package org.dicomsec.ul;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and timeouts of one association, either role.
 *
 * @param maxPduLength       Maximum Length announced to the peer (PS3.8 D.1): the largest P-DATA-TF
 *                           variable field this side accepts; 0 = unlimited; a longer PDU is aborted
 *                           with reason invalid-PDU-parameter value
 * @param maxSendPayload     cap on the PDV data sent in one P-DATA-TF PDU, applied below the peer's
 *                           maximum (a peer maximum of 0 = unlimited uses this cap alone)
 * @param connectTimeoutMillis TCP connect plus transport handshake; 0 = none
 * @param artimTimeout       the ARTIM timer (PS3.8 9.1.4)
 * @param readTimeoutMillis  how long a blocking read may wait for the peer while an association is
 *                           established (idle SCP, a PDU that stops mid-way); expiry aborts; 0 = none
 * @param dimseTimeoutMillis how long a request waits for its response, and a requestor for the
 *                           A-ASSOCIATE-AC or A-RELEASE-RP; expiry aborts; 0 = none
 */
public record AssociationSettings(long maxPduLength, int maxSendPayload, int connectTimeoutMillis,
                                  Duration artimTimeout, int readTimeoutMillis, int dimseTimeoutMillis) {

    /** 16 KiB PDUs, 1 MiB send cap, 10 s connect, 30 s ARTIM, 60 s read and DIMSE timeouts. */
    public static final AssociationSettings DEFAULT =
            new AssociationSettings(16_384, 1 << 20, 10_000, Duration.ofSeconds(30), 60_000, 60_000);

    public AssociationSettings {
        if (maxPduLength != 0 && (maxPduLength < 64 || maxPduLength > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("maximum PDU length must be 0 or 64..2^32-1: " + maxPduLength);
        }
        if (maxSendPayload < 64 || maxSendPayload > 64 << 20) {
            throw new IllegalArgumentException("send payload cap out of range: " + maxSendPayload);
        }
        Objects.requireNonNull(artimTimeout, "artimTimeout");
        if (connectTimeoutMillis < 0 || readTimeoutMillis < 0 || dimseTimeoutMillis < 0) {
            throw new IllegalArgumentException("timeouts must be >= 0");
        }
    }

    public AssociationSettings withMaxPduLength(long v) {
        return new AssociationSettings(v, maxSendPayload, connectTimeoutMillis, artimTimeout, readTimeoutMillis,
                dimseTimeoutMillis);
    }

    public AssociationSettings withMaxSendPayload(int v) {
        return new AssociationSettings(maxPduLength, v, connectTimeoutMillis, artimTimeout, readTimeoutMillis,
                dimseTimeoutMillis);
    }

    public AssociationSettings withConnectTimeoutMillis(int v) {
        return new AssociationSettings(maxPduLength, maxSendPayload, v, artimTimeout, readTimeoutMillis,
                dimseTimeoutMillis);
    }

    public AssociationSettings withArtimTimeout(Duration v) {
        return new AssociationSettings(maxPduLength, maxSendPayload, connectTimeoutMillis, v, readTimeoutMillis,
                dimseTimeoutMillis);
    }

    public AssociationSettings withReadTimeoutMillis(int v) {
        return new AssociationSettings(maxPduLength, maxSendPayload, connectTimeoutMillis, artimTimeout, v,
                dimseTimeoutMillis);
    }

    public AssociationSettings withDimseTimeoutMillis(int v) {
        return new AssociationSettings(maxPduLength, maxSendPayload, connectTimeoutMillis, artimTimeout,
                readTimeoutMillis, v);
    }
}
