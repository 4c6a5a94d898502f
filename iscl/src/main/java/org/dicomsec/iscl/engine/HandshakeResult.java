package org.dicomsec.iscl.engine;

import java.util.Map;
import org.dicomsec.iscl.IntegrityMechanism;
import org.dicomsec.iscl.PrivacyMechanism;
import org.dicomsec.iscl.crypto.Md5Order;
import org.dicomsec.iscl.keys.Role;
import org.dicomsec.iscl.keys.SessionKeys;

/**
 * What a completed handshake established.
 *
 * @param role          this side's role
 * @param localEntity   this side's entity name
 * @param peerEntity    the authenticated peer entity name
 * @param attributes    flags of the keyring entry of the pair
 * @param integrity     negotiated integrity mechanism
 * @param privacy       negotiated privacy mechanism
 * @param sendOrder     this side's MD5 sending order (announced in its LINE-CONNECT-RQ or -AC)
 * @param receiveOrder  the MD5 order the peer announced: the only MD5 tag form accepted from it
 *                      (docs/iscl-wire-format.md section 8.3)
 * @param packetSize    P = min of both maximum packet sizes
 * @param volumeLimit   most DATA body bytes this side sends under these keys (section 8.8)
 * @param keys          the session keys
 */
public record HandshakeResult(Role role, String localEntity, String peerEntity, Map<String, String> attributes,
                              IntegrityMechanism integrity, PrivacyMechanism privacy, Md5Order sendOrder,
                              Md5Order receiveOrder, int packetSize, long volumeLimit, SessionKeys keys) {

    /** With the sending order changed (tests that play a peer breaking its announcement). */
    public HandshakeResult withSendOrder(Md5Order order) {
        return new HandshakeResult(role, localEntity, peerEntity, attributes, integrity, privacy, order,
                receiveOrder, packetSize, volumeLimit, keys);
    }

    /** With another sending volume limit (tests). */
    public HandshakeResult withVolumeLimit(long limit) {
        return new HandshakeResult(role, localEntity, peerEntity, attributes, integrity, privacy, sendOrder,
                receiveOrder, packetSize, limit, keys);
    }
}
