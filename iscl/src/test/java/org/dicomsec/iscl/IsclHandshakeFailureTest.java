package org.dicomsec.iscl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dicomsec.iscl.engine.HandshakeClock;
import org.dicomsec.iscl.engine.InitiatorHandshake;
import org.dicomsec.iscl.wire.LineCheck;
import org.dicomsec.iscl.wire.LineConnectAc;
import org.dicomsec.iscl.wire.LineConnectRq;
import org.dicomsec.iscl.wire.LineReject;
import org.dicomsec.iscl.wire.Packet;
import org.dicomsec.iscl.wire.PacketType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Refusals and faults during the handshake, over loopback sockets. */
class IsclHandshakeFailureTest {

    private final ExecutorService exec = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        exec.shutdownNow();
    }

    private static IsclException serverFailure(IsclFixture.OneShotServer<?> server) {
        return assertThrows(IsclException.class, server::get);
    }

    @Test
    void wrongKeyFailsAuthenticationOnBothSides() throws Exception {
        IsclConfig bob = IsclConfig.builder(new org.dicomsec.iscl.keys.SoftwareKeyCard(
                IsclFixture.ring("BOB", "ALICE", IsclFixture.OTHER_K, java.util.Map.of())), "BOB").build();
        try (IsclFixture.OneShotServer<Object> server = new IsclFixture.OneShotServer<>(bob, 10_000, c -> "open")) {
            IsclException client = assertThrows(IsclException.class, () -> Iscl.connector(IsclFixture.alice().build(),
                    "BOB").connect(IsclFixture.loopback(server.port()), 10_000));
            assertEquals(IsclError.PEER_ERROR, client.error());
            assertEquals(IsclError.AUTHENTICATION_FAILED.code(), client.peerCode());
            assertEquals(IsclError.AUTHENTICATION_FAILED, serverFailure(server).error());
        }
    }

    /**
     * Section 6.4: an unknown pair (CAROL, or BOB called under another name) is answered with the
     * same packets as a known pair with a wrong key - LINE-CONNECT-AC, LINE-CHECK, AUTH-CHALLENGE,
     * then ERROR AUTHENTICATION_FAILED after TokenAB - while the responder's own error says why.
     */
    @Test
    void unknownPairIsAnsweredExactlyLikeAWrongKey() throws Exception {
        IsclConfig carol = IsclConfig.builder(new org.dicomsec.iscl.keys.SoftwareKeyCard(
                IsclFixture.ring("CAROL", "BOB", IsclFixture.K, java.util.Map.of())), "CAROL").build();
        IsclConfig aliceCallingBobby = IsclConfig.builder(new org.dicomsec.iscl.keys.SoftwareKeyCard(
                IsclFixture.ring("ALICE", "BOBBY", IsclFixture.K, java.util.Map.of())), "ALICE").build();
        IsclConfig bobWrongKey = IsclConfig.builder(new org.dicomsec.iscl.keys.SoftwareKeyCard(
                IsclFixture.ring("BOB", "ALICE", IsclFixture.OTHER_K, java.util.Map.of())), "BOB").build();
        List<String> wrongKey = answers(bobWrongKey, IsclFixture.alice().build(), "BOB", IsclError.AUTHENTICATION_FAILED);
        assertEquals(List.of("LINE-CONNECT-AC 5", "LINE-CHECK 6", "AUTH-CHALLENGE 8", "ERROR 24"), wrongKey);
        assertEquals(wrongKey, answers(IsclFixture.bob().build(), carol, "BOB", IsclError.UNKNOWN_ENTITY));
        assertEquals(wrongKey, answers(IsclFixture.bob().build(), aliceCallingBobby, "BOBBY", IsclError.UNKNOWN_ENTITY));
        // the client has no key for the responder it names: refused locally, nothing sent
        IsclException local = assertThrows(IsclException.class, () -> Iscl.connector(IsclFixture.alice().build(),
                "DAVE").connect(IsclFixture.loopback(1), 1000));
        assertEquals(IsclError.UNKNOWN_ENTITY, local.error());
    }

    /** The packets (type and body length) the responder sends to a client that fails; the server's error checked. */
    private List<String> answers(IsclConfig server, IsclConfig client, String called, IsclError atServer)
            throws Exception {
        try (IsclFixture.OneShotServer<Object> s = new IsclFixture.OneShotServer<>(server, 10_000, c -> "open");
             Socket sock = new Socket(InetAddress.getLoopbackAddress(), s.port())) {
            sock.setSoTimeout(10_000);
            java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
            InputStream tee = new java.io.FilterInputStream(new BufferedInputStream(sock.getInputStream())) {
                @Override
                public int read() throws java.io.IOException {
                    int b = super.read();
                    if (b >= 0) {
                        seen.write(b);
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws java.io.IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        seen.write(b, off, n);
                    }
                    return n;
                }
            };
            IsclException e = assertThrows(IsclException.class, () -> InitiatorHandshake.run(client, called, tee,
                    sock.getOutputStream(), HandshakeClock.NONE));
            assertEquals(IsclError.PEER_ERROR, e.error());
            assertEquals(IsclError.AUTHENTICATION_FAILED.code(), e.peerCode(), e.getMessage());
            IsclException at = serverFailure(s);
            assertEquals(atServer, at.error());
            List<String> out = new java.util.ArrayList<>();
            InputStream again = new java.io.ByteArrayInputStream(seen.toByteArray());
            while (again.available() > 0) {
                Packet p = Packet.read(again);
                out.add(PacketType.name(p.type()) + " " + p.body().length);
            }
            return out;
        }
    }

    @Test
    void version10IsRefusedWithAClearReasonAndALaterMinorIsAnsweredWith11() throws Exception {
        IsclException e = rawRequest(IsclFixture.bob().build(),
                new LineConnectRq(1, 0, "ALICE", "BOB", List.of(1), List.of(0), 1), IsclError.VERSION_NOT_SUPPORTED);
        assertEquals(0x0002, e.peerCode());
        try (IsclFixture.OneShotServer<Object> s = new IsclFixture.OneShotServer<>(IsclFixture.bob().build(), 10_000,
                c -> "open");
             Socket sock = new Socket(InetAddress.getLoopbackAddress(), s.port())) {
            sock.setSoTimeout(10_000);
            new LineConnectRq(1, 7, "ALICE", "BOB", List.of(1), List.of(0), 1).toPacket().writeTo(sock.getOutputStream());
            Packet ac = Packet.read(sock.getInputStream());
            assertEquals(PacketType.LINE_CONNECT_AC, ac.type());
            LineConnectAc chosen = LineConnectAc.decode(ac.body());
            assertEquals(List.of(1, 1), List.of(chosen.versionMajor(), chosen.versionMinor()));
            LineCheck check = LineCheck.decode(PacketType.LINE_CHECK, Packet.read(sock.getInputStream()).body());
            assertEquals(List.of(1, 1), List.of(check.versionMajor(), check.versionMinor()));
        }
        // an initiator refuses a responder that chose 1.0
        try (ServerSocket ss = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Future<Packet> old = exec.submit(() -> {
                try (Socket s = ss.accept()) {
                    s.setSoTimeout(10_000);
                    Packet.read(s.getInputStream());
                    new LineConnectAc(1, 0, 1, 0, 1).toPacket().writeTo(s.getOutputStream());
                    return Packet.read(s.getInputStream());
                }
            });
            IsclException x = assertThrows(IsclException.class, () -> Iscl.connector(IsclFixture.alice().build(), "BOB")
                    .connect(IsclFixture.loopback(ss.getLocalPort()), 10_000));
            assertEquals(IsclError.VERSION_NOT_SUPPORTED, x.error());
            Packet answer = old.get(10, TimeUnit.SECONDS);
            assertEquals(PacketType.ERROR, answer.type());
            assertEquals(0x0002, LineReject.decode(answer.type(), answer.body()).code());
        }
    }

    @Test
    void duplicateMechanismCodesAreAProtocolError() throws Exception {
        IsclException e = rawRequest(IsclFixture.bob().build(),
                new LineConnectRq(1, 1, "ALICE", "BOB", List.of(1, 2, 1), List.of(0), 1), IsclError.PROTOCOL_ERROR);
        assertEquals(0x0001, e.peerCode());
        e = rawRequest(IsclFixture.bob().build(),
                new LineConnectRq(1, 1, "ALICE", "BOB", List.of(1), List.of(0, 0), 1), IsclError.PROTOCOL_ERROR);
        assertEquals(0x0001, e.peerCode());
    }

    /** Runs a raw opening request against BOB and returns the client's exception. */
    private IsclException rawRequest(IsclConfig server, LineConnectRq rq, IsclError expectedAtServer) throws Exception {
        try (IsclFixture.OneShotServer<Object> s = new IsclFixture.OneShotServer<>(server, 10_000, c -> "open");
             Socket sock = new Socket(InetAddress.getLoopbackAddress(), s.port())) {
            sock.setSoTimeout(10_000);
            IsclException e = assertThrows(IsclException.class, () -> InitiatorHandshake.run(
                    IsclFixture.alice().build(), rq, sock.getInputStream(), sock.getOutputStream(), HandshakeClock.NONE));
            assertEquals(expectedAtServer, serverFailure(s).error());
            return e;
        }
    }

    @Test
    void onlyUnknownMechanismsOfferedIsRefusedWithNoAcceptableMechanism() throws Exception {
        IsclException e = rawRequest(IsclFixture.bob().build(),
                new LineConnectRq(1, 1, "ALICE", "BOB", List.of(0x7E, 0x55), List.of(0x00), 1),
                IsclError.NO_ACCEPTABLE_MECHANISM);
        assertEquals(IsclError.PEER_ERROR, e.error());
        assertEquals(0x0004, e.peerCode());
        assertTrue(e.getMessage().contains("NO_ACCEPTABLE_MECHANISM (0x0004)"), e.getMessage());
    }

    @Test
    void unknownCodesAreSkippedWhenAKnownOneFollows() throws Exception {
        try (IsclFixture.OneShotServer<String> s = new IsclFixture.OneShotServer<>(IsclFixture.bob().build(), 10_000,
                c -> c.security().cipherSuite());
             Socket sock = new Socket(InetAddress.getLoopbackAddress(), s.port())) {
            var hs = InitiatorHandshake.run(IsclFixture.alice().build(),
                    new LineConnectRq(1, 1, "ALICE", "BOB", List.of(0x7E, 0x02), List.of(0x09, 0x00), 2),
                    new BufferedInputStream(sock.getInputStream()), sock.getOutputStream(), HandshakeClock.NONE);
            assertEquals(IntegrityMechanism.MD5_DES, hs.integrity());
            assertEquals(PrivacyMechanism.NONE, hs.privacy());
            assertEquals("MD5+DES", s.get());
        }
    }

    @Test
    void responderThatRequiresPrivacyRefusesAnOfferWithout() throws Exception {
        IsclException e = rawRequest(IsclFixture.bob().privacy(PrivacyMechanism.DES_CBC).build(),
                new LineConnectRq(1, 1, "ALICE", "BOB", List.of(1, 2), List.of(0), 1),
                IsclError.NO_ACCEPTABLE_MECHANISM);
        assertEquals(0x0004, e.peerCode());
    }

    @Test
    void otherMajorVersionIsRefused() throws Exception {
        IsclException e = rawRequest(IsclFixture.bob().build(),
                new LineConnectRq(2, 0, "ALICE", "BOB", List.of(1), List.of(0), 1), IsclError.VERSION_NOT_SUPPORTED);
        assertEquals(0x0002, e.peerCode());
    }

    @Test
    void silentResponderTimesOut() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Future<Socket> held = exec.submit(ss::accept); // accepts, never answers
            long t0 = System.nanoTime();
            IsclException e = assertThrows(IsclException.class, () -> Iscl.connector(
                    IsclFixture.alice().messageTimeoutMillis(300).build(), "BOB")
                    .connect(IsclFixture.loopback(ss.getLocalPort()), 0));
            assertEquals(IsclError.TIMEOUT, e.error());
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 10_000);
            held.get(5, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void wholeHandshakeDeadlineAppliesToo() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Future<Socket> held = exec.submit(ss::accept);
            IsclException e = assertThrows(IsclException.class, () -> Iscl.connector(IsclFixture.alice().build(), "BOB")
                    .connect(IsclFixture.loopback(ss.getLocalPort()), 400));
            assertEquals(IsclError.TIMEOUT, e.error());
            held.get(5, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void initiatorSilentAfterTheLineCheckTimesOutAtTheResponder() throws Exception {
        try (IsclFixture.OneShotServer<Object> s = new IsclFixture.OneShotServer<>(
                IsclFixture.bob().messageTimeoutMillis(300).build(), 0, c -> "open");
             Socket sock = new Socket(InetAddress.getLoopbackAddress(), s.port())) {
            sock.setSoTimeout(10_000);
            OutputStream out = sock.getOutputStream();
            InputStream in = sock.getInputStream();
            new LineConnectRq(1, 1, "ALICE", "BOB", List.of(1), List.of(0), 1).toPacket().writeTo(out);
            assertEquals(PacketType.LINE_CONNECT_AC, Packet.read(in).type());
            assertEquals(PacketType.LINE_CHECK, Packet.read(in).type());
            // ... and nothing more: the responder gives up
            assertEquals(IsclError.TIMEOUT, serverFailure(s).error());
            assertDropped(in);
        }
    }

    /** The peer closed or reset the connection. */
    static void assertDropped(InputStream in) {
        try {
            assertEquals(-1, in.read(), "connection closed");
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("connection still open", e);
        } catch (java.io.IOException e) {
            // reset: dropped
        }
    }

    @Test
    void oversizedHandshakePacketIsRefusedBeforeAllocation() throws Exception {
        try (IsclFixture.OneShotServer<Object> s = new IsclFixture.OneShotServer<>(IsclFixture.bob().build(), 10_000,
                c -> "open");
             Socket sock = new Socket(InetAddress.getLoopbackAddress(), s.port())) {
            sock.setSoTimeout(10_000);
            sock.getOutputStream().write(new byte[] {0x01, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            sock.getOutputStream().flush();
            IsclException e = serverFailure(s);
            assertEquals(IsclError.PROTOCOL_ERROR, e.error());
            assertTrue(e.getMessage().contains("2147483647"), e.getMessage());
            Packet rj = Packet.read(sock.getInputStream());
            assertEquals(PacketType.LINE_CONNECT_RJ, rj.type());
            assertEquals(0x0001, LineReject.decode(rj.type(), rj.body()).code());
        }
    }

    /** An attacker posing as BOB (without the key) sends ALICE's own TokenAB back as TokenBA. */
    @Test
    void reflectedTokenIsRefused() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Future<Packet> attacker = exec.submit(() -> {
                try (Socket s = ss.accept()) {
                    s.setSoTimeout(10_000);
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    Packet.read(in); // LINE-CONNECT-RQ
                    new LineConnectAc(1, 1, 1, 1, 1).toPacket().writeTo(out);
                    new LineCheck(PacketType.LINE_CHECK, 65536, 1, 1).toPacket().writeTo(out);
                    Packet.read(in); // LINE-CHECK-RSP
                    new Packet(PacketType.AUTH_CHALLENGE, 0, TestVectors.hex("0011223344556677")).writeTo(out);
                    Packet tokenAB = Packet.read(in);
                    new Packet(PacketType.AUTH_TOKEN_BA, 0, tokenAB.body()).writeTo(out);
                    return Packet.read(in);
                }
            });
            IsclException e = assertThrows(IsclException.class, () -> Iscl.connector(IsclFixture.alice().build(), "BOB")
                    .connect(IsclFixture.loopback(ss.getLocalPort()), 10_000));
            assertEquals(IsclError.AUTHENTICATION_FAILED, e.error());
            Packet answer = attacker.get(10, TimeUnit.SECONDS);
            assertEquals(PacketType.ERROR, answer.type());
            assertEquals(IsclError.AUTHENTICATION_FAILED.code(), LineReject.decode(answer.type(), answer.body()).code());
        }
    }
}
