package org.dicomsec.iscl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.dicomsec.iscl.crypto.Md5Order;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.TransportConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Mutual authentication and data over loopback sockets, every mechanism combination. */
class IsclConnectionTest {

    /** Reads exactly n bytes. */
    static byte[] readN(InputStream in, int n) throws Exception {
        byte[] b = in.readNBytes(n);
        assertEquals(n, b.length, "bytes before end of stream");
        return b;
    }

    /** Server: reads n bytes, echoes them, then expects a clean end (DISCONNECT) and reports its view. */
    static String echo(TransportConnection c, int n) throws Exception {
        byte[] b = readN(c.input(), n);
        c.output().write(b);
        c.output().flush();
        assertEquals(-1, c.input().read(), "clean end after DISCONNECT");
        return c.peer().kind() + " " + c.peer().name() + " " + c.peer().attributes() + " " + c.security().cipherSuite();
    }

    @Test
    void aliceAuthenticatesBobAndDataIsEchoed() throws Exception {
        byte[] data = new byte[200_000];
        new Random(1).nextBytes(data);
        try (IsclFixture.OneShotServer<String> server = new IsclFixture.OneShotServer<>(
                IsclFixture.bob().build(), 10_000, c -> echo(c, data.length))) {
            TransportConnection c = Iscl.connector(IsclFixture.alice().maxPacketSize(4096).build(), "BOB")
                    .connect(IsclFixture.loopback(server.port()), 10_000);
            assertEquals(new PeerIdentity(PeerIdentity.Kind.ISCL_ENTITY, "BOB", java.util.List.of(), Map.of()), c.peer());
            assertTrue(c.security().secure());
            assertEquals("iscl", c.security().profile());
            assertEquals("DES-MAC+DES-CBC", c.security().cipherSuite());
            assertTrue(c.security().privacy());
            assertEquals(4096, c.recordPayloadSize(), "min of 4096 and 65536");
            c.output().write(data, 0, 1000);
            c.output().write(data, 1000, data.length - 1000);
            c.output().flush();
            assertArrayEquals(data, readN(c.input(), data.length));
            c.close();
            assertEquals("ISCL_ENTITY ALICE {profile.online-storage=true} DES-MAC+DES-CBC", server.get());
        }
    }

    @Test
    void bobAuthenticatesAliceTheOtherWayRound() throws Exception {
        // BOB initiates towards ALICE: keys looked up as (BOB, ALICE) and (ALICE, BOB)
        byte[] data = "hello from BOB".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (IsclFixture.OneShotServer<String> server = new IsclFixture.OneShotServer<>(
                IsclFixture.alice().build(), 10_000, c -> echo(c, data.length))) {
            try (TransportConnection c = Iscl.connector(IsclFixture.bob().build(), "ALICE")
                    .connect(IsclFixture.loopback(server.port()), 10_000)) {
                assertEquals("ALICE", c.peer().name());
                assertEquals(IsclFixture.ALICE_FLAGS, c.peer().attributes());
                c.output().write(data);
                c.output().flush();
                assertArrayEquals(data, readN(c.input(), data.length));
            }
            assertEquals("ISCL_ENTITY BOB {} DES-MAC+DES-CBC", server.get());
        }
    }

    static Stream<Arguments> combinations() {
        return Stream.of(
                Arguments.of(IntegrityMechanism.DES_MAC, PrivacyMechanism.NONE, Md5Order.ENCRYPT_RANDOM_THEN_HASH,
                        Md5Order.ENCRYPT_RANDOM_THEN_HASH, "DES-MAC"),
                Arguments.of(IntegrityMechanism.DES_MAC, PrivacyMechanism.DES_CBC, Md5Order.HASH_THEN_ENCRYPT,
                        Md5Order.ENCRYPT_RANDOM_THEN_HASH, "DES-MAC+DES-CBC"),
                Arguments.of(IntegrityMechanism.MD5_DES, PrivacyMechanism.NONE, Md5Order.ENCRYPT_RANDOM_THEN_HASH,
                        Md5Order.HASH_THEN_ENCRYPT, "MD5+DES"),
                Arguments.of(IntegrityMechanism.MD5_DES, PrivacyMechanism.NONE, Md5Order.HASH_THEN_ENCRYPT,
                        Md5Order.ENCRYPT_RANDOM_THEN_HASH, "MD5+DES"),
                Arguments.of(IntegrityMechanism.MD5_DES, PrivacyMechanism.DES_CBC, Md5Order.ENCRYPT_RANDOM_THEN_HASH,
                        Md5Order.HASH_THEN_ENCRYPT, "MD5+DES+DES-CBC"),
                Arguments.of(IntegrityMechanism.MD5_DES, PrivacyMechanism.DES_CBC, Md5Order.HASH_THEN_ENCRYPT,
                        Md5Order.HASH_THEN_ENCRYPT, "MD5+DES+DES-CBC"));
    }

    /** Each combination; with MD5+DES the two sides send in different orders and each verifies the other's. */
    @ParameterizedTest(name = "{4}, client order {2}, server order {3}")
    @MethodSource("combinations")
    void everyMechanismCombination(IntegrityMechanism integrity, PrivacyMechanism privacy, Md5Order clientOrder,
                                   Md5Order serverOrder, String suite) throws Exception {
        byte[] data = new byte[20_000];
        new Random(integrity.ordinal() * 10 + privacy.ordinal()).nextBytes(data);
        IsclConfig server = IsclFixture.bob().integrity(integrity).privacy(privacy).md5Order(serverOrder)
                .maxPacketSize(1024).build();
        try (IsclFixture.OneShotServer<String> s = new IsclFixture.OneShotServer<>(server, 10_000,
                c -> echo(c, data.length))) {
            IsclConfig client = IsclFixture.alice().md5Order(clientOrder).build(); // offers everything
            try (TransportConnection c = Iscl.connector(client, "BOB").connect(IsclFixture.loopback(s.port()), 10_000)) {
                assertEquals(suite, c.security().cipherSuite());
                assertEquals(privacy == PrivacyMechanism.DES_CBC, c.security().privacy());
                c.output().write(data);
                c.output().flush();
                assertArrayEquals(data, readN(c.input(), data.length));
            }
            assertTrue(s.get().endsWith(" " + suite));
        }
    }

    @Test
    void clientPreferenceOrderIsHonoured() throws Exception {
        try (IsclFixture.OneShotServer<String> s = new IsclFixture.OneShotServer<>(IsclFixture.bob().build(), 10_000,
                c -> echo(c, 1))) {
            IsclConfig client = IsclFixture.alice().integrity(IntegrityMechanism.MD5_DES, IntegrityMechanism.DES_MAC)
                    .privacy(PrivacyMechanism.NONE, PrivacyMechanism.DES_CBC).build();
            try (TransportConnection c = Iscl.connector(client, "BOB").connect(IsclFixture.loopback(s.port()), 10_000)) {
                assertEquals("MD5+DES", c.security().cipherSuite());
                assertFalse(c.security().privacy());
                c.output().write(7);
                c.output().flush();
                assertEquals(7, c.input().read());
            }
            assertEquals("ISCL_ENTITY ALICE {profile.online-storage=true} MD5+DES", s.get());
        }
    }

    @Test
    void manySmallFlushesGiveOneRecordEach() throws Exception {
        try (IsclFixture.OneShotServer<String> s = new IsclFixture.OneShotServer<>(IsclFixture.bob().build(), 10_000,
                c -> {
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    c.input().transferTo(got);
                    return got.toString(java.nio.charset.StandardCharsets.US_ASCII);
                })) {
            try (TransportConnection c = Iscl.connector(IsclFixture.alice().build(), "BOB")
                    .connect(IsclFixture.loopback(s.port()), 10_000)) {
                for (int i = 0; i < 100; i++) {
                    c.output().write(("m" + i + ";").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    c.output().flush();
                }
            }
            String got = s.get();
            assertTrue(got.startsWith("m0;m1;") && got.endsWith("m99;"), got);
        }
    }

    /** The Upper Layer's read timeout (ARTIM) between records leaves the stream usable. */
    @Test
    void readTimeoutBetweenRecordsKeepsTheConnection() throws Exception {
        java.util.concurrent.CountDownLatch timedOut = new java.util.concurrent.CountDownLatch(1);
        try (IsclFixture.OneShotServer<String> s = new IsclFixture.OneShotServer<>(IsclFixture.bob().build(), 10_000,
                c -> {
                    assertTrue(timedOut.await(10, java.util.concurrent.TimeUnit.SECONDS));
                    c.output().write(42);
                    c.output().flush();
                    return "sent";
                })) {
            try (TransportConnection c = Iscl.connector(IsclFixture.alice().build(), "BOB")
                    .connect(IsclFixture.loopback(s.port()), 10_000)) {
                c.setReadTimeout(100);
                org.junit.jupiter.api.Assertions.assertThrows(java.net.SocketTimeoutException.class,
                        () -> c.input().read());
                timedOut.countDown();
                c.setReadTimeout(10_000);
                assertEquals(42, c.input().read());
                assertEquals(-1, c.input().read(), "server closed with DISCONNECT");
            }
            assertEquals("sent", s.get());
        }
    }
}
