package org.dicomsec.iscl.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import org.dicomsec.iscl.EntityNames;
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
 * The responder (B) side of the handshake, docs/iscl-wire-format.md section 5:
 * accepts or refuses the opening request, runs the line check, challenges with
 * R_B, checks TokenAB, answers TokenBA and checks AUTH-RESULT.
 */
public final class ResponderHandshake {

    private ResponderHandshake() {
    }

    public static HandshakeResult run(IsclConfig cfg, InputStream in, OutputStream out, HandshakeClock clock)
            throws IOException {
        Transcript t = new Transcript(in, out, clock);
        LineConnectRq rq;
        LineConnectAc ac;
        try {
            rq = LineConnectRq.decode(t.expect(PacketType.LINE_CONNECT_RQ).body());
            ac = choose(cfg, rq);
        } catch (IsclException e) {
            t.refuse(PacketType.LINE_CONNECT_RJ, e.error());
            throw e;
        }
        KeyCardSession card;
        try {
            card = open(cfg, rq);
        } catch (IsclException e) {
            t.refuse(PacketType.LINE_CONNECT_RJ, e.error());
            throw e;
        }
        try (card) {
            try {
                return exchange(cfg, rq, ac, card, t);
            } catch (IsclException e) {
                // section 6.4: an unknown pair is answered exactly as a failed authentication
                t.refuse(PacketType.ERROR, e.error() == IsclError.UNKNOWN_ENTITY
                        ? IsclError.AUTHENTICATION_FAILED : e.error());
                throw e;
            }
        }
    }

    /**
     * The card session of the pair (B*, A*), or, when B* is not this side's entity or the card
     * has no key for the pair, a decoy that runs the same exchange and fails it at TokenAB, so
     * that an unauthenticated peer cannot tell unknown pairs from known ones (section 6.4).
     */
    private static KeyCardSession open(IsclConfig cfg, LineConnectRq rq) throws IsclException {
        String why = null;
        if (!rq.calledEntity().equals(cfg.localEntity())) {
            why = "called entity " + EntityNames.printable(rq.calledEntity()) + " is not this side's entity "
                    + cfg.localEntity();
        } else if (!cfg.keyCard().hasKey(cfg.localEntity(), rq.callingEntity())) {
            why = "no key for called entity " + rq.calledEntity() + " and calling entity "
                    + EntityNames.printable(rq.callingEntity());
        }
        if (why == null) {
            try {
                return cfg.keyCard().open(cfg.localEntity(), rq.callingEntity(), Role.RESPONDER);
            } catch (IsclException e) {
                if (e.error() != IsclError.UNKNOWN_ENTITY) {
                    throw e;
                }
                why = e.getMessage();
            }
        }
        return new DecoySession(why);
    }

    private static LineConnectAc choose(IsclConfig cfg, LineConnectRq rq) throws IsclException {
        if (rq.versionMajor() != LineConnectRq.VERSION_MAJOR) {
            throw new IsclException(IsclError.VERSION_NOT_SUPPORTED, "initiator offered version "
                    + rq.versionMajor() + "." + rq.versionMinor() + "; this side speaks 1.1");
        }
        if (rq.versionMinor() < LineConnectRq.VERSION_MINOR) {
            // section 5.8: 1.0 keyed the AUTH-RESULT confirmation with the A>B record MAC key
            throw new IsclException(IsclError.VERSION_NOT_SUPPORTED, "initiator offered version 1."
                    + rq.versionMinor() + "; this side speaks 1.1 only (1.0 is refused: it used one key for"
                    + " the confirmation and the records)");
        }
        if (Md5Order.ofCode(rq.md5Order()) == null) {
            throw new IsclException(IsclError.PROTOCOL_ERROR, "LINE-CONNECT-RQ: MD5 order "
                    + rq.md5Order() + " is neither 1 nor 2");
        }
        IntegrityMechanism integrity = null;
        for (int code : rq.integrityCodes()) {
            IntegrityMechanism m = IntegrityMechanism.ofCode(code);
            if (m != null && cfg.integrity().contains(m)) {
                integrity = m;
                break;
            }
        }
        PrivacyMechanism privacy = null;
        for (int code : rq.privacyCodes()) {
            PrivacyMechanism m = PrivacyMechanism.ofCode(code);
            if (m != null && cfg.privacy().contains(m)) {
                privacy = m;
                break;
            }
        }
        if (integrity == null || privacy == null) {
            throw new IsclException(IsclError.NO_ACCEPTABLE_MECHANISM, "offered integrity codes "
                    + rq.integrityCodes() + ", privacy codes " + rq.privacyCodes() + "; this side accepts "
                    + cfg.integrity() + ", " + cfg.privacy());
        }
        // a later minor version offered (1.2 ...) is answered with 1.1, the highest spoken here
        return new LineConnectAc(LineConnectRq.VERSION_MAJOR, LineConnectRq.VERSION_MINOR, integrity.code(),
                privacy.code(), cfg.md5Order().code());
    }

    private static HandshakeResult exchange(IsclConfig cfg, LineConnectRq rq, LineConnectAc ac,
                                            KeyCardSession card, Transcript t) throws IOException {
        t.send(ac.toPacket());
        t.send(new LineCheck(PacketType.LINE_CHECK, cfg.maxPacketSize(), ac.versionMajor(), ac.versionMinor())
                .toPacket());
        LineCheck rsp = LineCheck.decode(PacketType.LINE_CHECK_RSP, t.expect(PacketType.LINE_CHECK_RSP).body());
        int packetSize = checkLine(rsp, ac.versionMajor(), ac.versionMinor(), cfg.maxPacketSize());

        byte[] rB = card.getChallenge();
        t.send(new Packet(PacketType.AUTH_CHALLENGE, 0, rB));
        byte[] th1 = t.hash();
        Packet tokenAB = t.expect(PacketType.AUTH_TOKEN_AB);
        byte[] rA = card.externalAuthenticate(tokenAB.body(), th1);
        byte[] tokenBA = card.internalAuthenticate(rA, t.hash());
        t.send(new Packet(PacketType.AUTH_TOKEN_BA, 0, tokenBA));
        byte[] th3 = t.hash();
        SessionKeys keys = card.sessionKeys(th3);
        AuthResult result = AuthResult.decode(t.expect(PacketType.AUTH_RESULT).body());
        byte[] expected = new DesMac(keys.confirmation()).mac(th3);
        if (result.status() != 0 | !MessageDigest.isEqual(expected, result.confirmation())) {
            keys.destroy();
            throw new IsclException(IsclError.AUTHENTICATION_FAILED, "AUTH-RESULT status " + result.status()
                    + " or confirmation check failed");
        }
        return new HandshakeResult(Role.RESPONDER, cfg.localEntity(), rq.callingEntity(), card.attributes(),
                IntegrityMechanism.ofCode(ac.integrityCode()), PrivacyMechanism.ofCode(ac.privacyCode()),
                cfg.md5Order(), Md5Order.ofCode(rq.md5Order()), packetSize, cfg.volumeLimit(), keys);
    }

    /** Section 5.4: the peer's size in range and its version as agreed; returns P = min of both. */
    static int checkLine(LineCheck c, int major, int minor, int own) throws IsclException {
        if (c.versionMajor() != major || c.versionMinor() != minor) {
            throw new IsclException(IsclError.VERSION_NOT_SUPPORTED, PacketType.name(c.type()) + " version "
                    + c.versionMajor() + "." + c.versionMinor() + " differs from " + major + "." + minor);
        }
        if (c.maxPacketSize() < IsclConfig.MIN_PACKET_SIZE || c.maxPacketSize() > IsclConfig.MAX_PACKET_SIZE) {
            throw new IsclException(IsclError.PACKET_SIZE_UNACCEPTABLE, PacketType.name(c.type())
                    + " max packet size " + c.maxPacketSize() + " at offset 0 outside "
                    + IsclConfig.MIN_PACKET_SIZE + ".." + IsclConfig.MAX_PACKET_SIZE);
        }
        return (int) Math.min(own, c.maxPacketSize());
    }
}
