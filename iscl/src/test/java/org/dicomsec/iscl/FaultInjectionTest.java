package org.dicomsec.iscl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.dicomsec.ul.transport.TransportConnection;
import org.dicomsec.ul.transport.TransportIntegrityException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Tampered, replayed, reordered, deleted, truncated and oversized records, made
 * by a relay between real ISCL endpoints: the receiver reports an integrity
 * failure, nothing altered is delivered, and both sides lose the connection.
 */
class FaultInjectionTest {

    private static final int MESSAGES = 5;
    private static final int SIZE = 700;

    private static byte[] message(int i) {
        byte[] m = new byte[SIZE];
        Arrays.fill(m, (byte) ('a' + i));
        return m;
    }

    /** What the responder saw: the bytes delivered and how its input ended. */
    record Received(byte[] delivered, IOException failure, IOException later) {
    }

    private static Received receiveAll(TransportConnection c) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = c.input().read(buf)) >= 0; ) {
                got.write(buf, 0, n);
            }
            return new Received(got.toByteArray(), null, null);
        } catch (IOException e) {
            IOException later = null;
            try {
                c.input().read();
            } catch (IOException x) {
                later = x;
            }
            return new Received(got.toByteArray(), e, later);
        }
    }

    /** Collects the WARNING lines of the record layer (System.Logger goes to java.util.logging here). */
    static final class LogLines extends java.util.logging.Handler implements AutoCloseable {
        private final java.util.logging.Logger logger =
                java.util.logging.Logger.getLogger(org.dicomsec.iscl.engine.RecordInputStream.class.getName());
        final java.util.List<String> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        LogLines() {
            logger.addHandler(this);
        }

        @Override
        public void publish(java.util.logging.LogRecord r) {
            if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                lines.add(java.text.MessageFormat.format(r.getMessage(), r.getParameters()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }

    @ParameterizedTest(name = "{0} at record {1} -> {2}")
    @CsvSource({
        "FLIP, 2, INTEGRITY_FAILURE, 2",
        "FLIP, 0, INTEGRITY_FAILURE, 0",
        "REPLAY, 1, INTEGRITY_FAILURE, 2",
        "REORDER, 1, INTEGRITY_FAILURE, 1",
        "DROP, 3, INTEGRITY_FAILURE, 3",
        "DROP, 5, TRUNCATED, 5",
        "TRUNCATE, 2, TRUNCATED, 2",
        "OVERSIZE, 1, RECORD_OVERFLOW, 1"})
    void faultEndsInIntegrityFailureAndADroppedConnection(FaultRelay.Fault fault, int index, IsclError expected,
                                                          int intactMessages) throws Exception {
        for (boolean privacy : new boolean[] {false, true}) {
            IsclConfig client = IsclFixture.alice().privacy(privacy ? PrivacyMechanism.DES_CBC : PrivacyMechanism.NONE)
                    .build();
            try (LogLines log = new LogLines();
                 IsclFixture.OneShotServer<Received> server = new IsclFixture.OneShotServer<>(IsclFixture.bob().build(),
                    10_000, FaultInjectionTest::receiveAll);
                 FaultRelay relay = new FaultRelay(server.port(), fault, index)) {
                TransportConnection c = Iscl.connector(client, "BOB").connect(IsclFixture.loopback(relay.port()), 10_000);
                c.setReadTimeout(20_000);
                IOException clientSaw = null;
                try {
                    for (int i = 0; i < MESSAGES; i++) {
                        c.output().write(message(i));
                        c.output().flush(); // one record per message
                    }
                    if (fault == FaultRelay.Fault.DROP && index == MESSAGES) {
                        c.close(); // the DISCONNECT record (index 5) is the one deleted
                    }
                } catch (IOException e) {
                    // the responder may have dropped the connection before the last writes
                }
                if (!(fault == FaultRelay.Fault.DROP && index == MESSAGES)) {
                    try {
                        c.input().read();
                    } catch (IOException e) {
                        clientSaw = e;
                    }
                }
                Received r = server.get();
                String what = fault + " privacy=" + privacy;
                assertNotNull(r.failure(), what + ": the responder must fail");
                IsclIntegrityException ie = assertInstanceOf(IsclIntegrityException.class, r.failure(), what);
                assertEquals(expected, ie.error(), what);
                assertEquals("iscl", ie.transport());
                assertInstanceOf(TransportIntegrityException.class, r.later(), what + ": later reads fail too");
                byte[] intact = new byte[0];
                for (int i = 0; i < intactMessages; i++) {
                    byte[] m = message(i);
                    intact = Arrays.copyOf(intact, intact.length + m.length);
                    System.arraycopy(m, 0, intact, intact.length - m.length, m.length);
                }
                assertArrayEquals(intact, r.delivered(), what + ": only the intact records delivered");
                assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("ISCL connection with 127.0.0.1:")
                        && l.contains(" dropped: ") && l.contains(expected.describe())), what + ": log " + log.lines);
                if (!(fault == FaultRelay.Fault.DROP && index == MESSAGES)) {
                    assertNotNull(clientSaw, what + ": the initiator loses the connection");
                    assertFalse(clientSaw instanceof SocketTimeoutException, what + ": dropped, not silent");
                    // the initiator's Upper Layer gets the same exception type, hence the same A-P-ABORT reason
                    IsclIntegrityException ce = assertInstanceOf(IsclIntegrityException.class, clientSaw, what);
                    assertEquals(IsclError.TRUNCATED, ce.error(), what);
                }
                c.abort();
            }
        }
    }

    @Test
    void transparentRelayDeliversEverythingAndPrivacyHidesThePayload() throws Exception {
        for (boolean privacy : new boolean[] {false, true}) {
            IsclConfig client = IsclFixture.alice().privacy(privacy ? PrivacyMechanism.DES_CBC : PrivacyMechanism.NONE)
                    .build();
            byte[] secret = "PATIENT^SECRET^NAME".getBytes(StandardCharsets.US_ASCII);
            try (IsclFixture.OneShotServer<Received> server = new IsclFixture.OneShotServer<>(IsclFixture.bob().build(),
                    10_000, FaultInjectionTest::receiveAll);
                 FaultRelay relay = new FaultRelay(server.port(), FaultRelay.Fault.NONE, 0)) {
                try (TransportConnection c = Iscl.connector(client, "BOB").connect(IsclFixture.loopback(relay.port()),
                        10_000)) {
                    c.output().write(secret);
                    c.output().flush();
                }
                Received r = server.get();
                assertEquals(null, r.failure());
                assertArrayEquals(secret, r.delivered());
                String wire = new String(relay.captured(), StandardCharsets.ISO_8859_1);
                assertEquals(!privacy, wire.contains("PATIENT^SECRET^NAME"), "privacy=" + privacy);
                assertTrue(wire.contains("ALICE") && wire.contains("BOB"), "entity names are sent in clear");
            }
        }
    }

    @Test
    void keysNeverAppearOnTheWire() throws Exception {
        try (IsclFixture.OneShotServer<Received> server = new IsclFixture.OneShotServer<>(IsclFixture.bob().build(),
                10_000, FaultInjectionTest::receiveAll);
             FaultRelay relay = new FaultRelay(server.port(), FaultRelay.Fault.NONE, 0)) {
            try (TransportConnection c = Iscl.connector(IsclFixture.alice().build(), "BOB")
                    .connect(IsclFixture.loopback(relay.port()), 10_000)) {
                c.output().write(1);
                c.output().flush();
            }
            assertEquals(null, server.get().failure());
            String wire = TestVectors.HEX.formatHex(relay.captured());
            assertFalse(wire.contains(TestVectors.HEX.formatHex(IsclFixture.K)));
        }
    }

    /** The same faults on the responder's records: the initiator is the one that detects them. */
    @ParameterizedTest(name = "responder's {0} at record {1} -> {2}")
    @CsvSource({"FLIP, 1, INTEGRITY_FAILURE, 1", "REORDER, 0, INTEGRITY_FAILURE, 0", "DROP, 2, INTEGRITY_FAILURE, 2",
        "TRUNCATE, 3, TRUNCATED, 3"})
    void faultOnTheResponderSideIsDetectedByTheInitiator(FaultRelay.Fault fault, int index, IsclError expected,
                                                         int intactMessages) throws Exception {
        try (IsclFixture.OneShotServer<IOException> server = new IsclFixture.OneShotServer<>(IsclFixture.bob().build(),
                10_000, c -> {
                    try {
                        for (int i = 0; i < MESSAGES; i++) {
                            c.output().write(message(i));
                            c.output().flush();
                        }
                    } catch (IOException e) {
                        // dropped by the initiator before the last writes: the write failure
                        // is what the responder saw (the socket is already reset, so there is
                        // nothing left to read)
                        return e;
                    }
                    try {
                        c.setReadTimeout(20_000);
                        c.input().read();
                        return null;
                    } catch (IOException e) {
                        return e;
                    }
                });
             FaultRelay relay = new FaultRelay(server.port(), fault, index, false)) {
            TransportConnection c = Iscl.connector(IsclFixture.alice().build(), "BOB")
                    .connect(IsclFixture.loopback(relay.port()), 10_000);
            c.setReadTimeout(20_000);
            Received r = receiveAll(c);
            IsclIntegrityException ie = assertInstanceOf(IsclIntegrityException.class, r.failure(), fault.name());
            assertEquals(expected, ie.error());
            byte[] intact = new byte[0];
            for (int i = 0; i < intactMessages; i++) {
                intact = Arrays.copyOf(intact, intact.length + SIZE);
                System.arraycopy(message(i), 0, intact, intact.length - SIZE, SIZE);
            }
            assertArrayEquals(intact, r.delivered());
            IOException serverSaw = server.get();
            IsclIntegrityException se = assertInstanceOf(IsclIntegrityException.class, serverSaw, "responder dropped too");
            assertEquals(IsclError.TRUNCATED, se.error());
            c.abort();
        }
    }

    /** Both sides send 2 MiB at once while reading the other's: no deadlock between input and output. */
    @Test
    void fullDuplexBulkTransfer() throws Exception {
        byte[] data = new byte[2 << 20];
        new java.util.Random(5).nextBytes(data);
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (IsclFixture.OneShotServer<byte[]> server = new IsclFixture.OneShotServer<>(IsclFixture.bob().build(),
                10_000, c -> {
                    java.util.concurrent.Future<?> w = writers.submit(() -> {
                        c.output().write(data);
                        c.output().flush();
                        return null;
                    });
                    byte[] got = c.input().readNBytes(data.length);
                    w.get(30, java.util.concurrent.TimeUnit.SECONDS);
                    return got;
                })) {
            try (TransportConnection c = Iscl.connector(IsclFixture.alice().build(), "BOB")
                    .connect(IsclFixture.loopback(server.port()), 10_000)) {
                java.util.concurrent.Future<?> w = writers.submit(() -> {
                    c.output().write(data);
                    c.output().flush();
                    return null;
                });
                assertArrayEquals(data, c.input().readNBytes(data.length));
                w.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertArrayEquals(data, server.get());
        } finally {
            writers.shutdownNow();
        }
    }
}
