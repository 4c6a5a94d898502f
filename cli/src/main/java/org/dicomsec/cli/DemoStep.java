package org.dicomsec.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one step of {@code dicomsec demo}: whether it behaved as
 * PS3.15 A.1 says, the SOP Instance Status each node holds afterwards, what
 * the connection negotiated (for the network steps) and, when it failed, what
 * was wrong. {@link #line()} is the one readable line the demo prints.
 *
 * @param number   1..7
 * @param name     a word: create, authorize, transfer, copy, unsecured, tamper, duplicate
 * @param ok       every check of the step passed
 * @param rule     the rule of PS3.15 A.1.1 shown ("a", "d.3" ...)
 * @param statuses node -> what it holds (OR, AO, AC, NS, "-" for nothing), in display order
 * @param link     the connection of the step, when it used the network
 * @param detail   what happened, in a few words
 * @param problems why the step failed (empty when ok)
 * @param millis   how long the step took
 */
record DemoStep(int number, String name, boolean ok, String rule, Map<String, String> statuses,
                Optional<Link> link, String detail, List<String> problems, long millis) {

    DemoStep {
        statuses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
        problems = List.copyOf(problems);
    }

    /**
     * What one association's transport negotiated, as each side observed it.
     *
     * @param security       "tls bcp195-nd TLSv1.3 TLS_AES_128_GCM_SHA256", "ISCL 1.0 ... DES-MAC+DES-CBC", "plain TCP"
     * @param receiver       the receiving AE
     * @param receiverSeenAs the receiver's authenticated identity as the sender saw it
     * @param sender         the sending AE
     * @param senderSeenAs   the sender's authenticated identity as the receiver saw it
     * @param receiverMaxPdu the Maximum Length the receiver announced (-1 unknown, 0 unlimited)
     * @param senderMaxPdu   the Maximum Length the sender announced
     * @param bytes          bytes the sender wrote (PDUs, before transport framing)
     * @param millis         from connect to release (handshake and commitment included)
     * @param bulkRate       MB/s at which the receiver read the bulk of the data set (0: not measured)
     */
    record Link(String security, String receiver, String receiverSeenAs, String sender, String senderSeenAs,
                long receiverMaxPdu, long senderMaxPdu, long bytes, double millis, double bulkRate) {

        String text() {
            String peers = receiverSeenAs.equals(senderSeenAs) && receiverSeenAs.equals("unauthenticated")
                    ? "both unauthenticated"
                    : receiver + " as " + receiverSeenAs + ", " + sender + " as " + senderSeenAs;
            String pdu = receiverMaxPdu == senderMaxPdu ? "max PDU " + pdu(receiverMaxPdu) + " both ways"
                    : "max PDU " + receiver + " " + pdu(receiverMaxPdu) + " / " + sender + " " + pdu(senderMaxPdu);
            return security + ", " + peers + ", " + pdu + ", "
                    + String.format(java.util.Locale.ROOT, "%.1f MB at %.0f MB/s, %.0f ms in all", bytes / 1e6,
                    bulkRate, millis);
        }

        private static String pdu(long v) {
            return v < 0 ? "?" : v == 0 ? "unlimited" : Long.toString(v);
        }
    }

    /** The step's line: mark, number, name, statuses, connection, detail, rule; problems when failed. */
    String line() {
        StringBuilder b = new StringBuilder();
        b.append(ok ? "[ok]   " : "[FAIL] ").append(number).append(' ');
        b.append(String.format(java.util.Locale.ROOT, "%-10s", name));
        StringBuilder s = new StringBuilder();
        statuses.forEach((node, status) -> s.append(s.length() == 0 ? "" : " ").append(node).append('=')
                .append(status));
        b.append(String.format(java.util.Locale.ROOT, "%-30s", s)).append(' ');
        link.ifPresent(l -> b.append(l.text()).append(" | "));
        b.append(detail).append(" (rule ").append(rule).append(')');
        if (!ok) {
            b.append(" -- FAILED: ").append(String.join("; ", problems));
        }
        return b.toString();
    }
}
