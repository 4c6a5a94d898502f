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
 * @param sendOrder     this side's MD5 sending order
 * @param packetSize    P = min of both maximum packet sizes
 * @param keys          the session keys
 */
public record HandshakeResult(Role role, String localEntity, String peerEntity, Map<String, String> attributes,
                              IntegrityMechanism integrity, PrivacyMechanism privacy, Md5Order sendOrder,
                              int packetSize, SessionKeys keys) {
}
