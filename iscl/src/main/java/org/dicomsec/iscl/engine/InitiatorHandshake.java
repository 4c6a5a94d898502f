package org.dicomsec.iscl.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.dicomsec.iscl.IntegrityMechanism;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.iscl.IsclError;
import org.dicomsec.iscl.IsclException;
import org.dicomsec.iscl.PrivacyMechanism;
import org.dicomsec.iscl.crypto.DesMac;
import org.dicomsec.iscl.crypto.Md5Order;
import org.dicomsec.iscl.keys.KeyCardSession;
import org.dicomsec.iscl.keys.Role;
import org.dicomsec.iscl.keys.SessionKeys;
import org.dicomsec.iscl.wire.AuthResult;
import org.dicomsec.iscl.wire.LineCheck;
import org.dicomsec.iscl.wire.LineConnectAc;
import org.dicomsec.iscl.wire.LineConnectRq;
import org.dicomsec.iscl.wire.Packet;
import org.dicomsec.iscl.wire.PacketType;

/**
 * The initiator (A) side of the handshake, docs/iscl-wire-format.md section 5,
 * as a pure engine over two streams. ISO/IEC 9798-2 clause 5.2.2: A receives
 * R_B, sends TokenAB, checks TokenBA; then the closing AUTH-RESULT.
 */
public final class InitiatorHandshake {

    private InitiatorHandshake() {
    }

    public static HandshakeResult run(IsclConfig cfg, String remoteEntity, InputStream in, OutputStream out,
                                      HandshakeClock clock) throws IOException {
        List<Integer> integrity = new ArrayList<>();
        cfg.integrity().forEach(m -> integrity.add(m.code()));
        List<Integer> privacy = new ArrayList<>();
        cfg.privacy().forEach(m -> privacy.add(m.code()));
        return run(cfg, new LineConnectRq(LineConnectRq.VERSION_MAJOR, LineConnectRq.VERSION_MINOR, cfg.localEntity(), remoteEntity, integrity, privacy,
                cfg.md5Order().code()), in, out, clock);
    }

    /** With a given opening request (its codes may include unknown ones: tests of refusal). */
    public static HandshakeResult run(IsclConfig cfg, LineConnectRq rq, InputStream in, OutputStream out,
                                      HandshakeClock clock) throws IOException {
        Transcript t = new Transcript(in, out, clock);
        try (KeyCardSession card = cfg.keyCard().open(cfg.localEntity(), rq.calledEntity(), Role.INITIATOR)) {
            try {
                return exchange(cfg, rq, card, t);
            } catch (IsclException e) {
                t.refuse(PacketType.ERROR, e.error());
                throw e;
            }
        }
    }

    private static HandshakeResult exchange(IsclConfig cfg, LineConnectRq rq, KeyCardSession card, Transcript t)
            throws IOException {
        t.send(rq.toPacket());
        LineConnectAc ac = LineConnectAc.decode(t.expect(PacketType.LINE_CONNECT_AC).body());
        if (ac.versionMajor() != LineConnectRq.VERSION_MAJOR || ac.versionMinor() != LineConnectRq.VERSION_MINOR) {
            // section 5.1: B answers the version it chose; A speaks 1.1 only (1.0 is refused: section 5.8)
            throw new IsclException(IsclError.VERSION_NOT_SUPPORTED, "responder chose version "
                    + ac.versionMajor() + "." + ac.versionMinor() + "; this side speaks "
                    + LineConnectRq.VERSION_MAJOR + "." + LineConnectRq.VERSION_MINOR + " only");
        }
        IntegrityMechanism integrity = IntegrityMechanism.ofCode(ac.integrityCode());
        PrivacyMechanism privacy = PrivacyMechanism.ofCode(ac.privacyCode());
        if (integrity == null || !rq.integrityCodes().contains(ac.integrityCode())
                || privacy == null || !rq.privacyCodes().contains(ac.privacyCode())
                || Md5Order.ofCode(ac.md5Order()) == null) {
            throw new IsclException(IsclError.PROTOCOL_ERROR, String.format(
                    "LINE-CONNECT-AC chose integrity 0x%02X, privacy 0x%02X, MD5 order 0x%02X, not offered",
                    ac.integrityCode(), ac.privacyCode(), ac.md5Order()));
        }
        LineCheck check = LineCheck.decode(PacketType.LINE_CHECK, t.expect(PacketType.LINE_CHECK).body());
        int packetSize = ResponderHandshake.checkLine(check, ac.versionMajor(), ac.versionMinor(),
                cfg.maxPacketSize());
        t.send(new LineCheck(PacketType.LINE_CHECK_RSP, cfg.maxPacketSize(), ac.versionMajor(), ac.versionMinor())
                .toPacket());

        card.getChallenge(); // R_A: stays in the card, travels only inside TokenAB
        Packet challenge = t.expect(PacketType.AUTH_CHALLENGE);
        if (challenge.body().length != 8) {
            throw new IsclException(IsclError.PROTOCOL_ERROR, "AUTH-CHALLENGE body length "
                    + challenge.body().length + " at offset 2, expected 8");
        }
        byte[] tokenAB = card.internalAuthenticate(challenge.body(), t.hash());
        t.send(new Packet(PacketType.AUTH_TOKEN_AB, 0, tokenAB));
        byte[] th2 = t.hash();
        Packet tokenBA = t.expect(PacketType.AUTH_TOKEN_BA);
        card.externalAuthenticate(tokenBA.body(), th2);
        byte[] th3 = t.hash();
        SessionKeys keys = card.sessionKeys(th3);
        byte[] confirmation = new DesMac(keys.confirmation()).mac(th3);
        t.send(new AuthResult(0, confirmation).toPacket());
        return new HandshakeResult(Role.INITIATOR, cfg.localEntity(), rq.calledEntity(), card.attributes(),
                integrity, privacy, cfg.md5Order(), Md5Order.ofCode(ac.md5Order()), packetSize, cfg.volumeLimit(),
                keys);
    }
}
