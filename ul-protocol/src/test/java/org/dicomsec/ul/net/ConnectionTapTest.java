package org.dicomsec.ul.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.OptionalLong;

import org.dicomsec.data.UID;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.transport.PlainTcp;
import org.junit.jupiter.api.Test;

/** A tap on both sides of a C-ECHO association sees the transport, the peer's Maximum Length and the bytes. */
class ConnectionTapTest {

    @Test
    void bothSidesSeeThePeersMaximumLength() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        ConnectionTap serverTap = new ConnectionTap();
        ConnectionTap clientTap = new ConnectionTap();
        assertNull(clientTap.last());
        AcceptorPolicy policy = AcceptorPolicy.builder().abstractSyntax(UID.Verification, UID.ImplicitVRLittleEndian)
                .build();
        try (DicomServer server = new DicomServer(serverTap.acceptor(PlainTcp.acceptor(lo, 0)), policy,
                DimseHandlers.NONE, AssociationSettings.DEFAULT.withMaxPduLength(32_768), 1)) {
            server.start();
            AssociationRequest rq = AssociationRequest.builder("SCP", "SCU")
                    .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian)
                    .settings(AssociationSettings.DEFAULT.withMaxPduLength(20_000)).build();
            Association a = Association.request(clientTap.connector(PlainTcp.connector()),
                    new InetSocketAddress(lo, server.localPort()), rq);
            try {
                a.cecho();
                a.release();
            } finally {
                a.close();
            }
            ConnectionTap.Seen client = clientTap.last();
            assertEquals(OptionalLong.of(32_768), client.peerMaxPdu(), "from the A-ASSOCIATE-AC");
            assertEquals("TCP", client.security().protocol());
            assertTrue(client.bytesOut() > 68, "at least the A-ASSOCIATE-RQ: " + client.bytesOut());
            assertNull(client.readFailure());
            assertEquals(OptionalLong.of(20_000), serverTap.last().peerMaxPdu(), "from the A-ASSOCIATE-RQ");
            clientTap.reset();
            assertNull(clientTap.last());
        }
    }
}
