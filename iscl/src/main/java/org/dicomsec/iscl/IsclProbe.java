package org.dicomsec.iscl;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.iscl.keys.SoftwareKeyCard;
import org.dicomsec.ul.transport.TransportConnection;

/**
 * Probes an ISCL responder ({@code dicomsec scan}; PS3.15 B.2; docs/iscl-wire-format.md):
 * one handshake per integrity mechanism (DES-MAC, MD5+DES) and privacy
 * mechanism (DES-CBC, none) as {@code entity} towards {@code peerEntity} with
 * the keyring's shared key; each says whether the responder accepted that
 * combination. Four handshakes at most.
 */
public final class IsclProbe {

    /**
     * One combination.
     *
     * @param integrity the integrity mechanism offered ("DES-MAC", "MD5+DES")
     * @param privacy   the privacy mechanism offered ("DES-CBC", "none")
     * @param accepted  the handshake completed
     * @param answered  the responder spoke ISCL (accepted, refused by packet, or failed our check)
     * @param detail    what happened, in a few words
     */
    public record Row(String integrity, String privacy, boolean accepted, boolean answered, String detail) {
        /** The row as a JSON object's members. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("integrity", integrity);
            m.put("privacy", privacy);
            m.put("accepted", accepted);
            m.put("detail", detail);
            return m;
        }
    }

    private IsclProbe() {
    }

    /** The rows as lines of a table: integrity, privacy, accepted, detail, under a heading line. */
    public static List<String> lines(List<Row> rows) {
        String row = "%-10s %-10s %-9s %s";
        List<String> l = new ArrayList<>();
        l.add(String.format(row, "integrity", "privacy", "accepted", "detail"));
        for (Row r : rows) {
            l.add(String.format(row, r.integrity(), r.privacy(), r.accepted() ? "yes" : "no", r.detail()));
        }
        return l;
    }

    /**
     * Up to four handshakes as {@code entity} towards {@code peerEntity} with the key of
     * {@code keyring}; stops after the first when the keyring has no key for the pair.
     */
    public static List<Row> probe(InetSocketAddress target, IsclKeyring keyring, String entity, String peerEntity,
                           int timeoutMillis) {
        SoftwareKeyCard card = new SoftwareKeyCard(keyring);
        List<Row> rows = new ArrayList<>();
        for (IntegrityMechanism im : List.of(IntegrityMechanism.DES_MAC, IntegrityMechanism.MD5_DES)) {
            for (PrivacyMechanism pm : List.of(PrivacyMechanism.DES_CBC, PrivacyMechanism.NONE)) {
                IsclConfig config = IsclConfig.builder(card, entity).integrity(im).privacy(pm)
                        .messageTimeoutMillis(Math.max(1, timeoutMillis)).build();
                try (TransportConnection c = Iscl.connector(config, peerEntity).connect(target, timeoutMillis)) {
                    rows.add(new Row(im.label(), pm.label(), true, true, "authenticated " + c.peer().name()
                            + ", " + c.security().cipherSuite() + ", record payload " + c.recordPayloadSize()));
                } catch (IsclException e) {
                    // the responder spoke ISCL when it refused by packet or failed our authentication check
                    boolean answered = e.peerCode() >= 0 || e.error() == IsclError.AUTHENTICATION_FAILED;
                    rows.add(new Row(im.label(), pm.label(), false, answered, describe(e)));
                    if (e.error() == IsclError.UNKNOWN_ENTITY && !card.hasKey(entity, peerEntity)) {
                        return rows; // no key for the pair: every other probe would say the same
                    }
                } catch (IOException e) {
                    rows.add(new Row(im.label(), pm.label(), false, false, describe(e)));
                }
            }
        }
        return rows;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
