package org.dicomsec.ul.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.dicomsec.data.UID;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.transport.PlainTcp;
import org.junit.jupiter.api.Test;

/** The plain DICOM probe against a real DicomServer, a closed port and a peer that does not speak DICOM. */
class AssociationProbeTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void dicomServer_accepted_verificationNegotiated_thenReleased() throws Exception {
        AcceptorPolicy policy = AcceptorPolicy.builder().abstractSyntax(UID.Verification, UID.ImplicitVRLittleEndian)
                .build();
        try (DicomServer s = new DicomServer(PlainTcp.acceptor(LOOPBACK, 0), policy, DimseHandlers.NONE,
                AssociationSettings.DEFAULT.withMaxPduLength(32_768), 1)) {
            s.start();
            AssociationProbe.Result r = AssociationProbe.probe(new InetSocketAddress(LOOPBACK, s.localPort()),
                    "PROBE", "ANY-SCP", 5000);
            assertEquals("accepted", r.outcome(), r.detail());
            assertTrue(r.answered());
            assertEquals(UID.ImplementationClassUID, r.implementationClassUid());
            assertEquals(32_768, r.maxPduLength());
            assertTrue(r.verification().startsWith("acceptance"), r.verification());
            Map<String, Object> json = r.toJson();
            assertEquals(List.of("outcome", "speaksDicom", "detail", "implementationClassUid",
                    "implementationVersionName", "maxPduLength", "verification"), List.copyOf(json.keySet()));
            assertEquals(true, json.get("speaksDicom"));
            assertEquals(32_768L, json.get("maxPduLength"));
            assertEquals(r.verification(), json.get("verification"));
            List<String> lines = r.lines();
            assertEquals(5, lines.size(), lines.toString());
            assertEquals(String.format("%-12s %s", "accepted", r.detail()), lines.get(0));
            assertEquals("verification " + r.verification(), lines.get(1));
            assertEquals("impl. class  " + UID.ImplementationClassUID, lines.get(2));
            assertEquals("max PDU      32768", lines.get(4));
            assertEquals(List.of("plain DICOM accepted: no authentication, integrity or privacy (not a Secure Transport"
                    + " Connection)"), r.findings());
        }
    }

    @Test
    void closedPort_unreachable() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, LOOPBACK)) {
            port = ss.getLocalPort();
        }
        AssociationProbe.Result r = AssociationProbe.probe(new InetSocketAddress(LOOPBACK, port), "PROBE", "ANY-SCP",
                2000);
        assertEquals("unreachable", r.outcome());
        assertFalse(r.answered());
        assertEquals(false, r.toJson().get("speaksDicom"));
        assertTrue(r.toJson().containsKey("maxPduLength"));
        assertEquals(null, r.toJson().get("maxPduLength"), "not sent: null");
        assertEquals(List.of(String.format("%-12s %s", "unreachable", r.detail())), r.lines(), "one line: no AC");
        assertEquals(List.of(), r.findings());
    }

    @Test
    void peerThatAnswersText_notDicom() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, LOOPBACK)) {
            Thread t = new Thread(() -> {
                try (Socket c = ss.accept(); InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
                    in.read(new byte[6]);
                    out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (Exception ignored) {
                    // the probe decides what it saw
                }
            }, "not-dicom");
            t.start();
            AssociationProbe.Result r = AssociationProbe.probe(new InetSocketAddress(LOOPBACK, ss.getLocalPort()),
                    "PROBE", "ANY-SCP", 5000);
            t.join(5000);
            assertEquals("not DICOM", r.outcome(), r.detail());
            assertFalse(r.answered());
        }
    }
}
