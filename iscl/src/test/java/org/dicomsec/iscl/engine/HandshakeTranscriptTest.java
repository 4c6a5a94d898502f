package org.dicomsec.iscl.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dicomsec.iscl.IntegrityMechanism;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.iscl.IsclFixture;
import org.dicomsec.iscl.PrivacyMechanism;
import org.dicomsec.iscl.TestVectors;
import org.dicomsec.iscl.crypto.DesKey;
import org.dicomsec.iscl.crypto.Md5Des;
import org.dicomsec.iscl.crypto.Md5Order;
import org.dicomsec.iscl.crypto.RandomBytes;
import org.dicomsec.iscl.keys.SessionKeys;
import org.dicomsec.iscl.keys.SoftwareKeyCard;
import org.dicomsec.iscl.wire.Packet;
import org.dicomsec.iscl.wire.PacketType;
import org.junit.jupiter.api.Test;

/**
 * The full handshake and a few records with fixed keys and random numbers,
 * run as two pure engines over in-memory pipes (no sockets), compared with
 * vectors/iscl-handshake-transcript.txt and with section 12.1 of
 * docs/iscl-wire-format.md, so that the document and the code agree.
 * Regenerate with -Discl.regenerate=true (then copy the file into the doc).
 */
class HandshakeTranscriptTest {

    private static final Path VECTOR = Path.of("src/test/resources/vectors/iscl-handshake-transcript.txt");
    private static final Path DOC = Path.of("../docs/iscl-wire-format.md");

    /** Successive fixed values, each used once, of the lengths the card asks for. */
    static RandomBytes fixed(String... hex) {
        int[] next = {0};
        return out -> {
            byte[] v = TestVectors.hex(hex[next[0]++]);
            assertEquals(v.length, out.length, "random request length");
            System.arraycopy(v, 0, out, 0, out.length);
        };
    }

    private static List<byte[]> packets(byte[] stream) {
        List<byte[]> out = new ArrayList<>();
        for (int p = 0; p < stream.length; ) {
            int n = Packet.HEADER + Packet.getInt(stream, p + 2);
            out.add(Arrays.copyOfRange(stream, p, p + n));
            p += n;
        }
        return out;
    }

    private static String line(String dir, byte[] packet) {
        return dir + " " + PacketType.name(packet[0] & 0xFF) + " " + TestVectors.HEX.formatHex(packet).toUpperCase();
    }

    private static String hex(byte[] b) {
        return TestVectors.HEX.formatHex(b).toUpperCase();
    }

    private static final class Tee extends OutputStream {
        private final OutputStream out;
        private final int tamperType;
        final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        Tee(OutputStream out) {
            this(out, -1);
        }

        /** Flips the last byte of the first packet of type {@code tamperType} (written whole by Packet.writeTo). */
        Tee(OutputStream out, int tamperType) {
            this.out = out;
            this.tamperType = tamperType;
        }

        @Override
        public void write(int b) throws IOException {
            copy.write(b);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0 && (b[off] & 0xFF) == tamperType) {
                b = Arrays.copyOfRange(b, off, off + len);
                off = 0;
                b[len - 1] ^= 0x01;
            }
            copy.write(b, off, len);
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    /** A section's lines, both handshake results and the records each side sent. */
    record Section(List<String> lines, HandshakeResult a, HandshakeResult b, byte[] aRecords) {
    }

    /** One transcript section. */
    static Section section(String title, IsclConfig.Builder alice, IsclConfig.Builder bob) throws Exception {
        PipedOutputStream aOut = new PipedOutputStream();
        PipedInputStream bIn = new PipedInputStream(aOut, 1 << 16);
        PipedOutputStream bOut = new PipedOutputStream();
        PipedInputStream aIn = new PipedInputStream(bOut, 1 << 16);
        Tee aTee = new Tee(aOut);
        Tee bTee = new Tee(bOut);
        ExecutorService exec = Executors.newSingleThreadExecutor();
        HandshakeResult a;
        HandshakeResult b;
        try {
            IsclConfig bobConfig = bob.build();
            Future<HandshakeResult> bob1 = exec.submit(() -> {
                try (bOut) { // a failure on either side ends the other's read with end of stream, not a hang
                    return ResponderHandshake.run(bobConfig, bIn, bTee, HandshakeClock.NONE);
                }
            });
            try (aOut) {
                a = InitiatorHandshake.run(alice.build(), "BOB", aIn, aTee, HandshakeClock.NONE);
            }
            b = bob1.get(10, TimeUnit.SECONDS);
        } finally {
            exec.shutdownNow();
        }
        List<byte[]> fromA = packets(aTee.copy.toByteArray());
        List<byte[]> fromB = packets(bTee.copy.toByteArray());
        assertEquals(4, fromA.size());
        assertEquals(4, fromB.size());
        List<String> lines = new ArrayList<>();
        lines.add("# " + title);
        List<byte[]> wireOrder = List.of(fromA.get(0), fromB.get(0), fromB.get(1), fromA.get(1), fromB.get(2),
                fromA.get(2), fromB.get(3), fromA.get(3));
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        byte[][] th = new byte[3][];
        for (int i = 0; i < wireOrder.size(); i++) {
            byte[] p = wireOrder.get(i);
            boolean fromAlice = fromA.contains(p);
            lines.add(line(fromAlice ? "A>B" : "B>A", p));
            transcript.writeBytes(p);
            if (i >= 4 && i <= 6) {
                th[i - 4] = Md5Des.md5().digest(transcript.toByteArray());
            }
        }
        lines.add("TH1 " + hex(th[0]));
        lines.add("TH2 " + hex(th[1]));
        lines.add("TH3 " + hex(th[2]));
        SessionKeys ka = a.keys();
        SessionKeys kb = b.keys();
        for (String[] k : new String[][] {{"A>B enc", "0"}, {"A>B mac", "1"}, {"A>B rnd", "2"},
            {"B>A enc", "3"}, {"B>A mac", "4"}, {"B>A rnd", "5"}, {"A>B confirm", "6"}}) {
            byte[] va = value(ka, Integer.parseInt(k[1]));
            assertArrayEquals(va, value(kb, Integer.parseInt(k[1])), "both sides derive " + k[0]);
            lines.add("KEY " + k[0].replace(' ', '-') + " " + hex(va));
        }
        // one DATA record each way, then DISCONNECT each way
        byte[] toBob = "hello, BOB".getBytes(StandardCharsets.US_ASCII);
        byte[] toAlice = "hello, ALICE".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream ab = new ByteArrayOutputStream();
        ByteArrayOutputStream ba = new ByteArrayOutputStream();
        try (RecordOutputStream ra = new RecordOutputStream(ab, a); RecordOutputStream rb = new RecordOutputStream(ba, b)) {
            ra.write(toBob);
            ra.flush();
            rb.write(toAlice);
            rb.flush();
        }
        List<byte[]> recA = packets(ab.toByteArray());
        List<byte[]> recB = packets(ba.toByteArray());
        lines.add(line("A>B", recA.get(0)) + " (\"hello, BOB\")");
        lines.add(line("B>A", recB.get(0)) + " (\"hello, ALICE\")");
        lines.add(line("A>B", recA.get(1)));
        lines.add(line("B>A", recB.get(1)));
        assertArrayEquals(toBob, read(ab.toByteArray(), b));
        assertArrayEquals(toAlice, read(ba.toByteArray(), a));
        return new Section(lines, a, b, ab.toByteArray());
    }

    private static byte[] value(SessionKeys k, int i) {
        if (i == 6) {
            return k.confirmation().bytes();
        }
        SessionKeys.Direction d = i < 3 ? k.aToB() : k.bToA();
        return switch (i % 3) {
            case 0 -> d.enc().bytes();
            case 1 -> d.mac().bytes();
            default -> d.random();
        };
    }

    private static byte[] read(byte[] wire, HandshakeResult receiver) throws IOException {
        InputStream in = new RecordInputStream(new ByteArrayInputStream(wire), receiver, () -> { }, "transcript");
        return in.readAllBytes();
    }

    private static IsclConfig.Builder alice() {
        return IsclConfig.builder(new SoftwareKeyCard(IsclFixture.ring("ALICE", "BOB", IsclFixture.K,
                java.util.Map.of()), fixed("A1A1A1A1A1A1A1A1", "A2".repeat(16))), "ALICE");
    }

    private static IsclConfig.Builder bob() {
        return IsclConfig.builder(new SoftwareKeyCard(IsclFixture.ring("BOB", "ALICE", IsclFixture.K,
                java.util.Map.of()), fixed("B1B1B1B1B1B1B1B1", "B2".repeat(16))), "BOB");
    }

    static String generate() throws Exception {
        String k = hex(IsclFixture.K);
        List<String> all = new ArrayList<>();
        all.add("# ISCL handshake transcripts, dicomsec wire format 1.1 (docs/iscl-wire-format.md section 12.1).");
        all.add("# Source: dicomsec, generated by HandshakeTranscriptTest from the iscl implementation.");
        all.add("# Long-term key K = " + k + " shared by A* = ALICE (initiator) and B* = BOB (responder).");
        all.add("# Random values: R_A = A1A1A1A1A1A1A1A1, KS_A = A2 x 16, R_B = B1B1B1B1B1B1B1B1, KS_B = B2 x 16.");
        all.add("# Lines: direction, packet name, whole packet in hex (header included);");
        all.add("# TH1..TH3 transcript hashes; KEY lines the derived session values (section 6.3).");
        Section s1 = section("Section 1: A offers DES-MAC, MD5+DES / DES-CBC, none; MD5 order 1; both max packet"
                + " 65536 -> DES-MAC + DES-CBC", alice(), bob());
        all.addAll(s1.lines());
        all.addAll(section("Section 2: A offers MD5+DES / none with MD5 order 1, max packet 4096; B sends with MD5"
                + " order 2 -> MD5+DES, no privacy",
                alice().integrity(IntegrityMechanism.MD5_DES).privacy(PrivacyMechanism.NONE).maxPacketSize(4096),
                bob().md5Order(Md5Order.HASH_THEN_ENCRYPT)).lines());
        all.addAll(section("Section 3: A offers MD5+DES / DES-CBC with MD5 order 2; B sends with MD5 order 1"
                + " -> MD5+DES + DES-CBC",
                alice().integrity(IntegrityMechanism.MD5_DES).privacy(PrivacyMechanism.DES_CBC)
                        .md5Order(Md5Order.HASH_THEN_ENCRYPT), bob()).lines());
        all.addAll(derivation(s1));
        all.addAll(negative(s1));
        return String.join("\n", all) + "\n";
    }

    /** Section 4: the derivation of section 6.3 step by step for one label of section 1. */
    static List<String> derivation(Section s1) {
        List<String> lines = new ArrayList<>();
        lines.add("# Section 4: derivations of section 1 step by step (section 6.3): label, c, the first 8 bytes of"
                + " the HMAC-MD5, the key after the parity fix (c = 01 is what a weak or semi-weak c = 00 result"
                + " would be replaced by)");
        String th3 = s1.lines().stream().filter(l -> l.startsWith("TH3 ")).findFirst().orElseThrow().substring(4);
        byte[] ksA = TestVectors.hex("A2".repeat(16));
        byte[] ksB = TestVectors.hex("B2".repeat(16));
        byte[] rA = TestVectors.hex("A1".repeat(8));
        byte[] rB = TestVectors.hex("B1".repeat(8));
        for (String label : List.of("ISCL A>B enc", "ISCL A>B confirm")) {
            for (int c = 0; c < 2; c++) {
                byte[] raw = org.dicomsec.iscl.keys.SessionKeyDerivation.raw(ksA, ksB, label, c, rA, rB,
                        TestVectors.hex(th3));
                lines.add("DERIVE \"" + label + "\" " + String.format("%02X", c) + " " + hex(raw) + " "
                        + hex(DesKey.withOddParity(raw)));
            }
        }
        return lines;
    }

    /** Section 5: negative vectors on section 1's keys, each with the error the receiver reports. */
    static List<String> negative(Section s1) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("# Section 5: negative vectors on the session of section 1 (B receives; NEG name, packets, error)");
        List<byte[]> rec = packets(s1.aRecords());
        byte[] flipped = rec.get(0).clone();
        flipped[flipped.length - 1] ^= 0x01;
        lines.add("NEG flipped-tag A>B DATA " + hex(flipped) + " -> " + expectFailure(s1.b(), flipped));
        byte[] replay = concat(rec.get(0), rec.get(0));
        lines.add("NEG replayed-record A>B DATA " + hex(rec.get(0)) + " twice -> " + expectFailure(s1.b(), replay));
        byte[] oneBit = rec.get(0).clone();
        oneBit[1] = 0x00; // the privacy bit of the flags removed
        lines.add("NEG flags-changed A>B DATA " + hex(oneBit) + " -> " + expectFailure(s1.b(), oneBit));
        lines.addAll(wrongTokenBa());
        return lines;
    }

    private static byte[] concat(byte[] x, byte[] y) {
        byte[] out = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }

    /** The error a receiver reports for {@code wire}, as "NAME (0x00nn)". */
    private static String expectFailure(HandshakeResult receiver, byte[] wire) throws Exception {
        byte[] buf = new byte[64];
        InputStream in = new RecordInputStream(new ByteArrayInputStream(wire), receiver, () -> { }, "transcript");
        try {
            while (in.read(buf) >= 0) {
                // the records before the failure are valid
            }
        } catch (org.dicomsec.iscl.IsclIntegrityException e) {
            return e.error().describe();
        }
        throw new AssertionError("no failure");
    }

    /** B's TokenBA of section 1 with its last byte flipped: A answers ERROR AUTHENTICATION_FAILED. */
    static List<String> wrongTokenBa() throws Exception {
        PipedOutputStream aOut = new PipedOutputStream();
        PipedInputStream bIn = new PipedInputStream(aOut, 1 << 16);
        PipedOutputStream bOut = new PipedOutputStream();
        PipedInputStream aIn = new PipedInputStream(bOut, 1 << 16);
        Tee aTee = new Tee(aOut);
        Tee bTee = new Tee(bOut, PacketType.AUTH_TOKEN_BA);
        ExecutorService exec = Executors.newSingleThreadExecutor();
        org.dicomsec.iscl.IsclException atA;
        try {
            IsclConfig bobConfig = bob().build();
            Future<?> bob1 = exec.submit(() -> {
                try (bOut) {
                    return ResponderHandshake.run(bobConfig, bIn, bTee, HandshakeClock.NONE);
                }
            });
            try (aOut) {
                atA = org.junit.jupiter.api.Assertions.assertThrows(org.dicomsec.iscl.IsclException.class,
                        () -> InitiatorHandshake.run(alice().build(), "BOB", aIn, aTee, HandshakeClock.NONE));
            }
            java.util.concurrent.ExecutionException atB = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.concurrent.ExecutionException.class, () -> bob1.get(10, TimeUnit.SECONDS));
            assertEquals(org.dicomsec.iscl.IsclError.PEER_ERROR,
                    ((org.dicomsec.iscl.IsclException) atB.getCause()).error());
        } finally {
            exec.shutdownNow();
        }
        List<byte[]> fromA = packets(aTee.copy.toByteArray());
        List<byte[]> fromB = packets(bTee.copy.toByteArray());
        assertEquals(4, fromB.size());
        assertEquals(PacketType.ERROR, fromA.get(fromA.size() - 1)[0] & 0xFF);
        return List.of("NEG wrong-token-ba B>A AUTH-TOKEN-BA " + hex(fromB.get(3)) + " -> " + atA.error().describe()
                        + ", A answers:",
                line("A>B", fromA.get(fromA.size() - 1)));
    }

    @Test
    void transcriptMatchesTheVectorFileAndTheDocument() throws Exception {
        String now = generate();
        if (Boolean.getBoolean("iscl.regenerate")) {
            Files.writeString(VECTOR, now, StandardCharsets.US_ASCII);
        }
        String stored = Files.readString(VECTOR, StandardCharsets.US_ASCII);
        assertEquals(stored, now, "the implementation changed the wire format: regenerate and update the doc");
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        for (String l : now.split("\n")) {
            if (!l.startsWith("#")) {
                assertTrue(doc.contains(l), "docs/iscl-wire-format.md section 12.1 lacks: " + l);
            }
        }
        assertEquals(now, generate(), "deterministic with fixed random numbers");
    }

    @Test
    void longTermKeyOfTheVectorsIsTheFips81Key() {
        assertEquals("0123456789ABCDEF", hex(DesKey.of(IsclFixture.K).bytes()));
    }
}
