package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.dicomsec.ul.transport.TransportConnection;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordAlignedOutput}: what reaches the TLS stream is the same bytes, cut
 * into whole records except where the writer flushed.
 */
class RecordAlignedOutputTest {

    private static final int RECORD = TlsConnection.MAX_RECORD_PAYLOAD;

    /** The TLS stream's side: keeps the bytes and the length of every write call, and the flushes. */
    private static final class Sink extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Integer> writes = new ArrayList<>();
        int flushes;

        @Override
        public void write(int b) {
            bytes.write(b);
            writes.add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            writes.add(len);
        }

        @Override
        public void flush() {
            flushes++;
            writes.add(-1);
        }
    }

    private static byte[] data(int n) {
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) {
            d[i] = (byte) (i * 7 + (i >>> 9));
        }
        return d;
    }

    @Test
    void pduOfOneRecordAndSixBytesGoesOutInWholeRecords() throws IOException {
        // a P-DATA-TF PDU for a Maximum Length of 16,384 is 16,390 bytes on the wire
        Sink sink = new Sink();
        RecordAlignedOutput out = new RecordAlignedOutput(sink, RECORD);
        byte[] pdu = data(16_390);
        for (int i = 0; i < 8; i++) {
            out.write(pdu);
        }
        assertEquals(8 * 16_390 - 8 * 16_384, out.held(), "48 bytes wait for the next write or flush");
        out.flush();
        assertEquals(0, out.held());
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            expected.add(RECORD);
        }
        expected.add(48);
        expected.add(-1);
        assertEquals(expected, sink.writes);
    }

    @Test
    void wholeRecordsPassStraightThroughInOneWrite() throws IOException {
        Sink sink = new Sink();
        RecordAlignedOutput out = new RecordAlignedOutput(sink, RECORD);
        out.write(data(4 * RECORD));
        assertEquals(List.of(4 * RECORD), sink.writes, "a PDU of 65,536 wire bytes is not copied");
        out.write(5);
        out.flush();
        assertEquals(List.of(4 * RECORD, 1, -1), sink.writes);
    }

    @Test
    void closeSendsWhatIsHeld() throws IOException {
        Sink sink = new Sink();
        RecordAlignedOutput out = new RecordAlignedOutput(sink, RECORD);
        out.write(data(100), 0, 100);
        assertEquals(List.of(), sink.writes);
        out.close();
        assertEquals(List.of(100, -1), sink.writes);
    }

    @Property(tries = 200)
    void anyWritesArriveIntactInWholeRecords(@ForAll @Size(max = 30) List<@IntRange(min = 0, max = 70_000) Integer> sizes,
                                              @ForAll @IntRange(min = 1, max = 40_000) int recordSize) throws IOException {
        Sink sink = new Sink();
        RecordAlignedOutput out = new RecordAlignedOutput(sink, recordSize);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int seed = 0;
        for (int n : sizes) {
            byte[] d = data(n + seed);
            out.write(d, seed, n);
            expected.write(d, seed, n);
            seed = (seed + 1) % 5;
        }
        out.flush();
        assertArrayEquals(expected.toByteArray(), sink.bytes.toByteArray());
        // every write but the last one before the flush is a whole number of records
        List<Integer> w = sink.writes;
        assertEquals(-1, w.get(w.size() - 1));
        for (int i = 0; i < w.size() - 2; i++) {
            assertEquals(0, w.get(i) % recordSize, "write " + i + " of " + w);
        }
        assertTrue(w.size() < 2 || w.get(w.size() - 2) > 0);
    }

    private static int recordsForTenPdus(TlsConnection c, CountingSocket s, OutputStream out) throws IOException {
        int before = s.records;
        byte[] pdu = data(16_390);
        for (int i = 0; i < 10; i++) {
            out.write(pdu);
        }
        out.flush();
        byte[] echo = new byte[10 * pdu.length];
        new DataInputStream(c.input()).readFully(echo);
        assertArrayEquals(pdu, java.util.Arrays.copyOfRange(echo, 9 * pdu.length, echo.length));
        return s.records - before;
    }

    @Test
    void recordsOnTheWireForPdusOfMaximumLength16384() throws Exception {
        // ten P-DATA-TF PDUs of 16,390 bytes (Maximum Length 16,384): 163,900 bytes
        TestPki t = TestPki.get();
        try (EchoServer server = new EchoServer(t.server(TlsProfile.BCP195_ND).build())) {
            CountingSocket s = new CountingSocket();
            try (TlsConnection c = server.connectClient(s)) {
                assertEquals(11, recordsForTenPdus(c, s, c.output()), "ceil(163,900 / 16,384) whole records");
                assertEquals(20, recordsForTenPdus(c, s, c.unbufferedOutput()), "16,384 + 6 per PDU");
            }
        }
    }

    @Test
    void recommendedMaximumLengthFillsFourRecords() {
        // PS3.8 9.3.5: 6-byte PDU header + the variable field of at most Maximum Length bytes
        assertEquals(4 * RECORD, 6 + TlsTransport.RECOMMENDED_MAX_PDU_LENGTH);
    }

    @Test
    void connectionOutputDeliversUnalignedWritesAfterFlush() throws Exception {
        TestPki t = TestPki.get();
        try (EchoServer server = new EchoServer(t.server(TlsProfile.BCP195_ND).build());
             TransportConnection c = TlsTransport.connector(t.client(TlsProfile.BCP195_ND).build())
                     .connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000)) {
            byte[] d = data(3 * 16_390 + 11);
            OutputStream out = c.output();
            out.write(d, 0, 16_390);
            out.write(d, 16_390, 2 * 16_390);
            out.write(d, 3 * 16_390, 11);
            out.flush();
            byte[] echo = new byte[d.length];
            new DataInputStream(c.input()).readFully(echo);
            assertArrayEquals(d, echo);
        }
    }
}
