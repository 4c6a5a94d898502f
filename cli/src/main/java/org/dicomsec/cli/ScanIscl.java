package org.dicomsec.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dicomsec.iscl.IntegrityMechanism;
import org.dicomsec.iscl.Iscl;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.iscl.IsclError;
import org.dicomsec.iscl.IsclException;
import org.dicomsec.iscl.PrivacyMechanism;
import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.iscl.keys.SoftwareKeyCard;
import org.dicomsec.ul.transport.TransportConnection;

/**
 * The ISCL part of {@code dicomsec scan} (PS3.15 B.2; docs/iscl-wire-format.md):
 * one handshake per integrity mechanism (DES-MAC, MD5+DES) and privacy
 * mechanism (DES-CBC, none) as {@code entity} towards {@code peerEntity} with
 * the keyring's shared key; each says whether the responder accepted that
 * combination. Four handshakes at most.
 */
final class ScanIscl {

    /** One combination. */
    record Row(String integrity, String privacy, boolean accepted, boolean answered, String detail) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("integrity", integrity);
            m.put("privacy", privacy);
            m.put("accepted", accepted);
            m.put("detail", detail);
            return m;
        }
    }

    private ScanIscl() {
    }

    static List<Row> probe(InetSocketAddress target, IsclKeyring keyring, String entity, String peerEntity,
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
                    rows.add(new Row(im.label(), pm.label(), false, answered, Main.describe(e)));
                    if (e.error() == IsclError.UNKNOWN_ENTITY && !card.hasKey(entity, peerEntity)) {
                        return rows; // no key for the pair: every other probe would say the same
                    }
                } catch (IOException e) {
                    rows.add(new Row(im.label(), pm.label(), false, false, Main.describe(e)));
                }
            }
        }
        return rows;
    }
}
