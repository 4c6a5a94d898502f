package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.dicomsec.data.UID;
import org.dicomsec.ul.dimse.CStoreRq;
import org.dicomsec.ul.dimse.DimseCodec;
import org.dicomsec.ul.pdu.PduEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A raw-socket client sends bad PDUs to a running server: each gets the A-ABORT (or the close)
 * PS3.8 table 9-10 names, on the wire byte for byte, and the server keeps serving others.
 */
class BadPduTest {
    static Loopback server;

    @BeforeAll
    static void start() throws Exception {
        AcceptorPolicy policy = AcceptorPolicy.builder().calledAeTitles("STORE_SCP")
                .abstractSyntax(UID.Verification, UID.ImplicitVRLittleEndian)
                .abstractSyntax(UID.SecondaryCaptureImageStorage, UID.ImplicitVRLittleEndian).build();
        DimseHandlers h = DimseHandlers.builder().cstore((a, pc, rq, in) -> {
            in.readAllBytes();
            return org.dicomsec.ul.dimse.Status.OK;
        }).build();
        server = new Loopback(policy, h, Loopback.quick(), 4);
    }

    @AfterAll
    static void stop() {
        server.close();
        assertEquals(0, server.server.activeAssociations());
    }

    /** Sends {@code bad} (after associating when asked) and expects exactly {@code expected} back, then the close. */
    static void expectAbort(boolean associate, byte[] bad, byte[] expected) throws Exception {
        try (RawPeer p = RawPeer.connect(server.address())) {
            if (associate) {
                p.associate();
            }
            p.send(bad);
            assertArrayEquals(expected, p.readPdu());
            p.send(new byte[] {}); // nothing more to say: close from our side as AA-3 would
        }
        stillServes();
    }

    static void stillServes() throws Exception {
        Association a = server.connect(AssociationRequest.builder("STORE_SCP", "CHECK")
                .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build());
        assertTrue(a.cecho().status().isSuccess());
        a.release();
    }

    // ---- before the association (Sta2): table 9-10 answers Evt19 with AA-1 (A-ABORT, source 0)

    @Test
    void unknownPduTypeAfterConnect() throws Exception {
        expectAbort(false, new byte[] {0x0A, 0, 0, 0, 0, 2, 1, 2}, RawPeer.abort(0, 0));
    }

    @Test
    void garbageAfterConnect() throws Exception {
        expectAbort(false, "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                RawPeer.abort(0, 0));
    }

    @Test
    void associateRqWhoseLengthDisagreesWithItsItems() throws Exception {
        byte[] rq = PduEncoder.toBytes(AssociationRequest.builder("STORE_SCP", "RAW")
                .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build().toPdu());
        byte[] longer = java.util.Arrays.copyOf(rq, rq.length + 8);
        longer[5] += 8; // PDU-length 8 more than its items: 8 bytes that are no item
        longer[rq.length] = 0x10; // and an application context item type in the wrong place
        expectAbort(false, longer, RawPeer.abort(0, 0));
    }

    @Test
    void truncatedAssociateRqThenSilenceEndsWithArtim() throws Exception {
        try (RawPeer p = RawPeer.connect(server.address())) {
            byte[] rq = PduEncoder.toBytes(AssociationRequest.builder("STORE_SCP", "RAW")
                    .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build().toPdu());
            p.send(java.util.Arrays.copyOf(rq, 20));
            // ARTIM (2 s here) expires in Sta2: AA-2 closes the transport, no PDU is sent
            assertTrue(p.closedWithin(8000));
        }
        stillServes();
    }

    // ---- in Sta6: Evt19 gets AA-8, an A-ABORT from the service-provider with the reason

    @Test
    void unknownPduTypeInDataTransfer() throws Exception {
        expectAbort(true, new byte[] {0x0A, 0, 0, 0, 0, 2, 1, 2}, RawPeer.abort(2, 1));
    }

    @Test
    void pduLongerThanOurMaximum() throws Exception {
        byte[] big = RawPeer.pdata(1, 3, new byte[16_384]); // PDU-length 16390 > 16384 announced
        expectAbort(true, big, RawPeer.abort(2, 6));
    }

    @Test
    void pdvLengthDisagreeingWithPduLength() throws Exception {
        byte[] p = RawPeer.pdata(1, 3, new byte[20]);
        p[9] = 100; // PDV Item-length 100 in a PDU of 26
        expectAbort(true, p, RawPeer.abort(2, 6));
    }

    @Test
    void dataSetPdvBeforeItsCommand() throws Exception {
        expectAbort(true, RawPeer.pdata(3, 0x02, new byte[10]), RawPeer.abort(2, 5));
    }

    @Test
    void pdvOnAContextNotAccepted() throws Exception {
        byte[] cmd = DimseCodec.encode(new org.dicomsec.ul.dimse.CEchoRq(1, UID.Verification), false);
        expectAbort(true, RawPeer.pdata(5, 0x03, cmd), RawPeer.abort(2, 6));
    }

    @Test
    void dataSetOnAnotherContextThanItsCommand() throws Exception {
        byte[] cmd = DimseCodec.encode(CStoreRq.of(1, UID.SecondaryCaptureImageStorage, "1.2.3"), true);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(RawPeer.pdata(3, 0x03, cmd));
        b.writeBytes(RawPeer.pdata(1, 0x02, new byte[8]));
        expectAbort(true, b.toByteArray(), RawPeer.abort(2, 6));
    }

    @Test
    void commandPdvInsideADataSet() throws Exception {
        byte[] cmd = DimseCodec.encode(CStoreRq.of(1, UID.SecondaryCaptureImageStorage, "1.2.3"), true);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(RawPeer.pdata(3, 0x03, cmd));
        b.writeBytes(RawPeer.pdata(3, 0x00, new byte[8])); // data, not last
        b.writeBytes(RawPeer.pdata(3, 0x03, cmd)); // a new command before the data set ended
        expectAbort(true, b.toByteArray(), RawPeer.abort(2, 5));
    }

    @Test
    void dataAfterTheLastFragment() throws Exception {
        byte[] cmd = DimseCodec.encode(new org.dicomsec.ul.dimse.CEchoRq(1, UID.Verification), false);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(RawPeer.pdata(1, 0x03, cmd));
        b.writeBytes(RawPeer.pdata(1, 0x02, new byte[4])); // C-ECHO has no data set
        try (RawPeer p = RawPeer.connect(server.address())) {
            p.associate();
            p.send(b.toByteArray());
            byte[] first = p.readPdu();
            assertEquals(4, first[0], "the C-ECHO-RSP first");
            assertArrayEquals(RawPeer.abort(2, 5), p.readPdu());
        }
        stillServes();
    }

    @Test
    void peerStopsMidPduInDataTransfer() throws Exception {
        try (RawPeer p = RawPeer.connect(server.address())) {
            p.associate();
            p.send(java.util.Arrays.copyOf(RawPeer.pdata(1, 3, new byte[100]), 30));
            // the read timeout (3 s here) ends it: A-ABORT request of the association (AA-1, source 0)
            assertArrayEquals(RawPeer.abort(0, 0), p.readPdu());
        }
        stillServes();
    }

    @Test
    void peerClosesAtEveryPhase() throws Exception {
        try (RawPeer p = RawPeer.connect(server.address())) {
            p.close(); // Sta2: Evt17, AA-5
        }
        try (RawPeer p = RawPeer.connect(server.address())) {
            p.send(java.util.Arrays.copyOf(PduEncoder.toBytes(AssociationRequest.builder("STORE_SCP", "RAW")
                    .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build().toPdu()), 30));
        } // closed mid A-ASSOCIATE-RQ
        try (RawPeer p = RawPeer.connect(server.address())) {
            p.associate();
        } // Sta6: Evt17, AA-4 (A-P-ABORT indication)
        try (RawPeer p = RawPeer.connect(server.address())) {
            p.associate();
            byte[] cmd = DimseCodec.encode(CStoreRq.of(1, UID.SecondaryCaptureImageStorage, "1.2.3"), true);
            p.send(RawPeer.pdata(3, 0x03, cmd));
            p.send(RawPeer.pdata(3, 0x00, new byte[1000]));
        } // in the middle of a data set
        try (RawPeer p = RawPeer.connect(server.address())) {
            p.associate();
            p.send(new byte[] {5, 0, 0, 0, 0, 4, 0, 0, 0, 0});
            assertArrayEquals(new byte[] {6, 0, 0, 0, 0, 4, 0, 0, 0, 0}, p.readPdu());
        } // after the A-RELEASE-RP: Sta13, Evt17, AR-5
        stillServes();
        long end = System.nanoTime() + 5_000_000_000L;
        while (server.server.activeAssociations() > 0 && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        assertEquals(0, server.server.activeAssociations(), "every association ended");
    }
}
