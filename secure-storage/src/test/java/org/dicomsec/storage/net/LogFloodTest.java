package org.dicomsec.storage.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.dicomsec.ul.net.DicomServer;
import org.dicomsec.ul.pdu.PduEncoder;
import org.dicomsec.ul.transport.PlainTcp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 2: a peer that keeps sending invalid PDUs after the association was aborted
 * gets the A-ABORT PS3.8 prescribes for each (AA-8, then AA-7 in Sta13), while the server logs a
 * handful of warning lines, not two per PDU (2,000 PDUs gave 4,000 lines before).
 */
class LogFloodTest {
    @TempDir
    java.nio.file.Path tmp;

    static byte[] readPdu(DataInputStream in) throws IOException {
        byte[] h = new byte[6];
        in.readFully(h);
        int len = ((h[2] & 0xFF) << 24) | ((h[3] & 0xFF) << 16) | ((h[4] & 0xFF) << 8) | (h[5] & 0xFF);
        in.readFully(new byte[len]);
        return h;
    }

    @Test
    void invalidPdusAfterAnAbortAreAnsweredButLoggedAFewTimesOnly() throws Exception {
        Logger root = Logger.getLogger("org.dicomsec");
        AtomicInteger warnings = new AtomicInteger();
        Handler count = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.incrementAndGet();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        root.addHandler(count);
        BlockingQueue<DicomServer.AssociationEnd> ends = new LinkedBlockingQueue<>();
        int pdus = 2000;
        int aborts = 0;
        try (DicomServer srv = LoadAndFaultTest.server(PlainTcp.acceptor(NetworkFixture.LOOPBACK, 0), tmp, 2, ends);
             Socket s = new Socket(NetworkFixture.LOOPBACK, srv.localPort())) {
            s.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            s.getOutputStream().write(PduEncoder.toBytes(LoadAndFaultTest.rq("FLOOD").toPdu()));
            assertEquals(2, readPdu(in)[0], "A-ASSOCIATE-AC");
            byte[] flood = new byte[6 * pdus];
            for (int i = 0; i < pdus; i++) {
                flood[6 * i] = 0x55; // no such PDU type (PS3.8 9.3.1): unrecognized-PDU
            }
            s.getOutputStream().write(flood);
            try {
                while (aborts < pdus) {
                    assertEquals(7, readPdu(in)[0], "only A-ABORTs answer invalid PDUs");
                    aborts++;
                }
            } catch (EOFException | SocketException e) {
                // the server closes once ARTIM ends Sta13
            }
            s.close();
            assertNotNull(ends.poll(30, TimeUnit.SECONDS), "the connection ended");
        } finally {
            root.removeHandler(count);
        }
        System.out.println("[load] log flood: " + pdus + " invalid PDUs, " + aborts + " A-ABORTs sent, "
                + warnings.get() + " warning lines");
        assertTrue(aborts >= 2, "the A-ABORTs are still sent: " + aborts);
        assertTrue(warnings.get() <= 12, pdus + " invalid PDUs gave " + warnings.get() + " warning lines");
    }
}
