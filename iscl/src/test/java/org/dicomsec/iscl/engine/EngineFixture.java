package org.dicomsec.iscl.engine;

import java.util.Map;
import org.dicomsec.iscl.IntegrityMechanism;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.iscl.PrivacyMechanism;
import org.dicomsec.iscl.TestVectors;
import org.dicomsec.iscl.crypto.Md5Order;
import org.dicomsec.iscl.keys.Role;
import org.dicomsec.iscl.keys.SessionKeyDerivation;
import org.dicomsec.iscl.keys.SessionKeys;

/** Handshake results with fixed session keys, to drive the record layer over in-memory streams. */
final class EngineFixture {

    private EngineFixture() {
    }

    static SessionKeys fixedKeys() {
        return SessionKeyDerivation.derive(TestVectors.hex("a2".repeat(16)), TestVectors.hex("b2".repeat(16)),
                TestVectors.hex("a1".repeat(8)), TestVectors.hex("b1".repeat(8)), new byte[16]);
    }

    /** [0] = A sending with {@code senderOrder}, [1] = B receiving what A sends. */
    static HandshakeResult[] pair(IntegrityMechanism integrity, PrivacyMechanism privacy, Md5Order senderOrder,
                                  int packetSize) {
        SessionKeys keys = fixedKeys();
        return new HandshakeResult[] {
            new HandshakeResult(Role.INITIATOR, "ALICE", "BOB", Map.of(), integrity, privacy, senderOrder,
                    Md5Order.ENCRYPT_RANDOM_THEN_HASH, packetSize, IsclConfig.DEFAULT_VOLUME_LIMIT, keys),
            new HandshakeResult(Role.RESPONDER, "BOB", "ALICE", Map.of(), integrity, privacy,
                    Md5Order.ENCRYPT_RANDOM_THEN_HASH, senderOrder, packetSize, IsclConfig.DEFAULT_VOLUME_LIMIT, keys)};
    }

    /** The six combinations of integrity form and privacy. */
    static HandshakeResult[] combination(int i, int packetSize) {
        IntegrityMechanism integrity = i < 2 ? IntegrityMechanism.DES_MAC : IntegrityMechanism.MD5_DES;
        PrivacyMechanism privacy = i % 2 == 0 ? PrivacyMechanism.NONE : PrivacyMechanism.DES_CBC;
        Md5Order order = i < 4 ? Md5Order.ENCRYPT_RANDOM_THEN_HASH : Md5Order.HASH_THEN_ENCRYPT;
        return pair(integrity, privacy, order, packetSize);
    }
}
