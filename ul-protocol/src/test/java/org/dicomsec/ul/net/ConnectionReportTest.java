package org.dicomsec.ul.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.dicomsec.data.UID;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.transport.PlainTcp;
import org.junit.jupiter.api.Test;

/** The two taps of a loopback C-ECHO association in one report, and the report's line. */
class ConnectionReportTest {

    @Test
    void bothEndsOfAPlainAssociation() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        ConnectionTap scpTap = new ConnectionTap();
        ConnectionTap scuTap = new ConnectionTap();
        AcceptorPolicy policy = AcceptorPolicy.builder().abstractSyntax(UID.Verification, UID.ImplicitVRLittleEndian)
                .build();
        try (DicomServer server = new DicomServer(scpTap.acceptor(PlainTcp.acceptor(lo, 0)), policy,
                DimseHandlers.NONE, AssociationSettings.DEFAULT.withMaxPduLength(32_768), 1)) {
            server.start();
            AssociationRequest rq = AssociationRequest.builder("SCP", "SCU")
                    .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian)
                    .settings(AssociationSettings.DEFAULT.withMaxPduLength(20_000)).build();
            Association a = Association.request(scuTap.connector(PlainTcp.connector()),
                    new InetSocketAddress(lo, server.localPort()), rq);
            try {
                a.cecho();
                a.release();
            } finally {
                a.close();
            }
        }
        ConnectionReport r = ConnectionReport.of("SCU", scuTap.last(), "SCP", scpTap.last(), 12.4);
        assertEquals("plain TCP", r.security());
        assertEquals("unauthenticated", r.acceptorSeenAs());
        assertEquals("unauthenticated", r.requestorSeenAs());
        assertEquals(32_768, r.acceptorMaxPdu(), "from the A-ASSOCIATE-AC");
        assertEquals(20_000, r.requestorMaxPdu(), "from the A-ASSOCIATE-RQ");
        assertEquals(scuTap.last().bytesOut(), r.bytes());
        assertTrue(r.bytes() > 68, "at least the A-ASSOCIATE-RQ: " + r.bytes());
        assertTrue(r.text().startsWith("plain TCP, both unauthenticated, max PDU SCP 32768 / SCU 20000, 0.0 MB at "),
                r.text());
        assertTrue(r.text().endsWith(", 12 ms in all"), r.text());
    }

    @Test
    void noConnection_andOnlyTheRequestorsSide() {
        ConnectionReport none = ConnectionReport.of("SCU", null, "SCP", null, 3);
        assertEquals("no connection, SCP as -, SCU as -, max PDU ? both ways, 0.0 MB at 0 MB/s, 3 ms in all",
                none.text());
    }

    @Test
    void text_namesAuthenticatedPeers_andUnlimitedLengths() {
        ConnectionReport r = new ConnectionReport("ISCL 1.1 DES-MAC+DES-CBC", "WORKSTATION", "entity WORKSTATION",
                "MODALITY", "entity MODALITY", 0, 0, 2_100_000, 291.6, 10.2);
        assertEquals("ISCL 1.1 DES-MAC+DES-CBC, WORKSTATION as entity WORKSTATION, MODALITY as entity MODALITY, "
                + "max PDU unlimited both ways, 2.1 MB at 10 MB/s, 292 ms in all", r.text());
        java.util.Map<String, Object> j = r.toJson();
        assertEquals(java.util.List.of("security", "receiver", "receiverIdentity", "sender", "senderIdentity",
                "receiverMaxPdu", "senderMaxPdu", "bytes", "millis", "megabytesPerSecond"), java.util.List.copyOf(j.keySet()));
        assertEquals("entity WORKSTATION", j.get("receiverIdentity"));
        assertEquals("MODALITY", j.get("sender"));
        assertEquals(2_100_000L, j.get("bytes"));
        assertEquals(10.2, j.get("megabytesPerSecond"));
        assertTrue(org.dicomsec.data.json.JsonWriter.write(j).contains("\"security\": \"ISCL 1.1 DES-MAC+DES-CBC\""),
                org.dicomsec.data.json.JsonWriter.write(j));
    }
}
