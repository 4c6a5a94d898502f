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
