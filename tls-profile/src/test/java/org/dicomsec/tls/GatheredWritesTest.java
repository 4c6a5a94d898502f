package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@link SocketStreams.Output}: BouncyCastle writes and flushes each TLS record on its own;
 * between the application's flushes the records go to the socket up to four at a time, and a
 * flush from another thread (an alert) sends what is gathered first, in order. Over real
 * loopback sockets; the client socket counts its write calls ({@link CountingSocket}).
 */
class GatheredWritesTest {

    private static final int RECORD = TlsConnection.MAX_RECORD_PAYLOAD;

    private static byte[] data(int n, int seed) {
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) {
            d[i] = (byte) (i * 31 + seed + (i >>> 11));
        }
        return d;
    }

    @Test
    void tenPdusOfOneMessageLeaveInThreeSocketWritesAndArriveWhole() throws Exception {
        TestPki t = TestPki.get();
        try (EchoServer server = new EchoServer(t.server(TlsProfile.BCP195_ND).build())) {
            CountingSocket s = new CountingSocket();
            try (TlsConnection c = server.connectClient(s)) {
                // ten P-DATA-TF PDUs of 16,390 bytes: 10 whole records pass the record alignment, 60 bytes wait
                byte[] pdu = data(16_390, 3);
                OutputStream out = c.output();
                int before = s.writes.size();
                for (int i = 0; i < 10; i++) {
                    out.write(pdu);
                }
                List<Integer> unflushed = List.copyOf(s.writes.subList(before, s.writes.size()));
                assertEquals(2, unflushed.size(), "records 1-4 and 5-8 sent, 9 and 10 gathered: " + unflushed);
                for (int w : unflushed) {
                    assertTrue(w > 4 * RECORD && w <= SocketStreams.Output.HELD, "four records per write: " + w);
                }
                out.flush();
                List<Integer> all = List.copyOf(s.writes.subList(before, s.writes.size()));
                assertEquals(3, all.size(), "the flush sends records 9, 10 and the 60-byte 11th in one write: " + all);
                byte[] echo = new byte[10 * pdu.length];
                new DataInputStream(c.input()).readFully(echo);
                for (int i = 0; i < 10; i++) {
                    assertArrayEquals(pdu, java.util.Arrays.copyOfRange(echo, i * pdu.length, (i + 1) * pdu.length));
                }
                // a short message after it: one record, one write, nothing held after its flush
                int mark = s.writes.size();
                out.write(data(100, 9));
                out.flush();
                assertEquals(1, s.writes.size() - mark);
                byte[] small = new byte[100];
                new DataInputStream(c.input()).readFully(small);
                assertArrayEquals(data(100, 9), small);
            }
        }
    }

    @Test
    void anotherThreadsFlushSendsTheHeldRecordsFirstInOrder() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CountingSocket s = new CountingSocket();
            s.connect(ss.getLocalSocketAddress(), 10_000);
            try (Socket peer = ss.accept(); s) {
                SocketStreams.Output out = SocketStreams.output(s);
                byte[] a = data(RECORD + 22, 1);
                byte[] b = data(RECORD + 22, 2);
                byte[] alert = data(7, 5);
                out.hold();
                out.write(a);
                out.flush(); // the holder's flush after its record: gathered
                out.write(b);
                out.flush();
                assertEquals(List.of(), s.writes, "two records gathered");
                Thread other = new Thread(() -> {
                    try {
                        out.write(alert);
                        out.flush();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                other.start();
                other.join(10_000);
                assertEquals(List.of(a.length + b.length + alert.length), s.writes,
                        "the other thread's flush sent all that was gathered, its own record last");
                out.release(true);
                assertEquals(1, s.writes.size(), "nothing left to send");

                out.hold();
                out.write(a);
                out.release(false); // the write failed above this stream: what was gathered waits
                assertEquals(1, s.writes.size());
                out.write(b);
                out.flush();
                assertEquals(List.of(a.length + b.length + alert.length, a.length + b.length), s.writes);

                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                for (byte[] part : List.of(a, b, alert, a, b)) {
                    expected.write(part);
                }
                byte[] got = new byte[expected.size()];
                InputStream in = peer.getInputStream();
                new DataInputStream(in).readFully(got);
                assertArrayEquals(expected.toByteArray(), got);
            }
        }
    }
}
