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
        final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        Tee(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            copy.write(b);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            copy.write(b, off, len);
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    /** One transcript section. */
    static List<String> section(String title, IsclConfig.Builder alice, IsclConfig.Builder bob) throws Exception {
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
            {"B>A enc", "3"}, {"B>A mac", "4"}, {"B>A rnd", "5"}}) {
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
        return lines;
    }

    private static byte[] value(SessionKeys k, int i) {
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

    static String generate() throws Exception {
        String k = hex(IsclFixture.K);
        List<String> all = new ArrayList<>();
        all.add("# ISCL handshake transcripts, dicomsec wire format 1.0 (docs/iscl-wire-format.md section 12.1).");
        all.add("# Source: dicomsec, generated by HandshakeTranscriptTest from the iscl implementation.");
        all.add("# Long-term key K = " + k + " shared by A* = ALICE (initiator) and B* = BOB (responder).");
        all.add("# Random values: R_A = A1A1A1A1A1A1A1A1, KS_A = A2 x 16, R_B = B1B1B1B1B1B1B1B1, KS_B = B2 x 16.");
        all.add("# Lines: direction, packet name, whole packet in hex (header included);");
        all.add("# TH1..TH3 transcript hashes; KEY lines the derived session values (section 6.3).");
        all.addAll(section("Section 1: A offers DES-MAC, MD5+DES / DES-CBC, none; MD5 order 1; both max packet 65536"
                + " -> DES-MAC + DES-CBC",
                IsclConfig.builder(new SoftwareKeyCard(IsclFixture.ring("ALICE", "BOB", IsclFixture.K, java.util.Map.of()),
                        fixed("A1A1A1A1A1A1A1A1", "A2".repeat(16))), "ALICE"),
                IsclConfig.builder(new SoftwareKeyCard(IsclFixture.ring("BOB", "ALICE", IsclFixture.K, java.util.Map.of()),
                        fixed("B1B1B1B1B1B1B1B1", "B2".repeat(16))), "BOB")));
        all.addAll(section("Section 2: A offers MD5+DES / none with MD5 order 1, max packet 4096; B sends with MD5"
                + " order 2 -> MD5+DES, no privacy",
                IsclConfig.builder(new SoftwareKeyCard(IsclFixture.ring("ALICE", "BOB", IsclFixture.K, java.util.Map.of()),
                        fixed("A1A1A1A1A1A1A1A1", "A2".repeat(16))), "ALICE")
                        .integrity(IntegrityMechanism.MD5_DES).privacy(PrivacyMechanism.NONE).maxPacketSize(4096),
                IsclConfig.builder(new SoftwareKeyCard(IsclFixture.ring("BOB", "ALICE", IsclFixture.K, java.util.Map.of()),
                        fixed("B1B1B1B1B1B1B1B1", "B2".repeat(16))), "BOB").md5Order(Md5Order.HASH_THEN_ENCRYPT)));
        return String.join("\n", all) + "\n";
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
