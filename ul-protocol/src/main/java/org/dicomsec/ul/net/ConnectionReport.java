package org.dicomsec.ul.net;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.SecurityDescription;

/**
 * One association's connection as the {@link ConnectionTap}s at its two ends saw
 * it, for an application to show: what the transport negotiated, whom each side
 * authenticated, the Maximum Length each announced (PS3.8 D.1), and how the data
 * went from the association-requestor (the side that connected, which sends the
 * data set of a C-STORE) to the association-acceptor. {@link #text()} is the
 * one-line form {@code dicomsec demo} prints for each network step.
 *
 * @param security        the transport as the requestor saw it ({@link SecurityDescription#summary()}:
 *                        "tls bcp195-nd TLSv1.3 TLS_AES_128_GCM_SHA256", "ISCL 1.1 DES-MAC+DES-CBC",
 *                        "plain TCP"), or "no connection"
 * @param acceptor        the acceptor's AE title
 * @param acceptorSeenAs  the acceptor's identity as the requestor authenticated it
 *                        ({@link PeerIdentity#shortName()}), "-" without a connection
 * @param requestor       the requestor's AE title
 * @param requestorSeenAs the requestor's identity as the acceptor authenticated it, "-" without a
 *                        connection, "?" when the acceptor's tap saw none
 * @param acceptorMaxPdu  the Maximum Length the acceptor announced (-1 unknown, 0 unlimited)
 * @param requestorMaxPdu the Maximum Length the requestor announced (-1 unknown, 0 unlimited)
 * @param bytes           bytes the requestor wrote (PDUs, before the transport's framing)
 * @param millis          how long the association took, as the caller measured it
 * @param bulkRate        MB/s at which the acceptor read the bulk of the data
 *                        ({@link ConnectionTap.Seen#bulkReadRate()}; 0: not measured)
 */
public record ConnectionReport(String security, String acceptor, String acceptorSeenAs, String requestor,
                               String requestorSeenAs, long acceptorMaxPdu, long requestorMaxPdu, long bytes,
                               double millis, double bulkRate) {

    /**
     * The report of the connections {@code requestorSide} and {@code acceptorSide} (either null when
     * that tap saw none: {@link ConnectionTap#last()} after {@link ConnectionTap#reset()}).
     */
    public static ConnectionReport of(String requestor, ConnectionTap.Seen requestorSide, String acceptor,
                                      ConnectionTap.Seen acceptorSide, double millis) {
        if (requestorSide == null) {
            return new ConnectionReport("no connection", acceptor, "-", requestor, "-", -1, -1, 0, millis, 0);
        }
        return new ConnectionReport(requestorSide.security().summary(), acceptor, requestorSide.peer().shortName(),
                requestor, acceptorSide == null ? "?" : acceptorSide.peer().shortName(),
                requestorSide.peerMaxPdu().orElse(-1),
                acceptorSide == null ? -1 : acceptorSide.peerMaxPdu().orElse(-1), requestorSide.bytesOut(), millis,
                acceptorSide == null ? 0 : acceptorSide.bulkReadRate());
    }

    /**
     * "tls bcp195-nd TLSv1.3 TLS_AES_256_GCM_SHA384, ARCHIVE as CN=localhost, MODALITY as
     * CN=dicomsec client, max PDU 65530 both ways, 2.1 MB at 49 MB/s, 960 ms in all": security,
     * identities (acceptor first), Maximum Lengths, megabytes sent, bulk rate, time.
     */
    public String text() {
        String peers = acceptorSeenAs.equals(requestorSeenAs) && acceptorSeenAs.equals("unauthenticated")
                ? "both unauthenticated"
                : acceptor + " as " + acceptorSeenAs + ", " + requestor + " as " + requestorSeenAs;
        String pdu = acceptorMaxPdu == requestorMaxPdu ? "max PDU " + pdu(acceptorMaxPdu) + " both ways"
                : "max PDU " + acceptor + " " + pdu(acceptorMaxPdu) + " / " + requestor + " " + pdu(requestorMaxPdu);
        return security + ", " + peers + ", " + pdu + ", " + String.format(Locale.ROOT,
                "%.1f MB at %.0f MB/s, %.0f ms in all", bytes / 1e6, bulkRate, millis);
    }

    /**
     * The report as JSON members, for {@link org.dicomsec.data.json.JsonWriter}: security,
     * receiver (the acceptor) and sender (the requestor) with the identities each was seen as,
     * their Maximum Lengths, bytes, millis, megabytesPerSecond.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("security", security);
        k.put("receiver", acceptor);
        k.put("receiverIdentity", acceptorSeenAs);
        k.put("sender", requestor);
        k.put("senderIdentity", requestorSeenAs);
        k.put("receiverMaxPdu", acceptorMaxPdu);
        k.put("senderMaxPdu", requestorMaxPdu);
        k.put("bytes", bytes);
        k.put("millis", millis);
        k.put("megabytesPerSecond", bulkRate);
        return k;
    }

    private static String pdu(long v) {
        return v < 0 ? "?" : v == 0 ? "unlimited" : Long.toString(v);
    }
}
