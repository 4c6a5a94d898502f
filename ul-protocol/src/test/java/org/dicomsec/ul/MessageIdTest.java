package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.dicomsec.data.UID;
import org.dicomsec.ul.dimse.CEchoRsp;
import org.dicomsec.ul.dimse.DecodedCommand;
import org.dicomsec.ul.dimse.DimseCodec;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.pdu.AAssociateAc;
import org.dicomsec.ul.pdu.AAssociateRq;
import org.dicomsec.ul.pdu.PduDecoder;
import org.dicomsec.ul.transport.PlainTcp;
import org.junit.jupiter.api.Test;

/** PS3.7 9.1.1: a response must answer the outstanding request; one that does not ends the association. */
class MessageIdTest {

    static void withRawAcceptor(int respondTo, int respondOnContext, boolean expectAbort) throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Association> client = CompletableFuture.supplyAsync(() -> {
                try {
                    return Association.request(PlainTcp.connector(),
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), ss.getLocalPort()),
                            AssociationRequest.builder("SCP", "SCU")
                                    .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian)
                                    .presentationContext(UID.Verification, UID.ExplicitVRLittleEndian)
                                    .settings(Loopback.quick()).build());
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            try (RawPeer peer = new RawPeer(ss.accept())) {
                AAssociateRq rq = (AAssociateRq) new PduDecoder().decode(peer.readPdu());
                peer.send(AAssociateAc.builder(rq).accept(1, UID.ImplicitVRLittleEndian)
                        .accept(3, UID.ExplicitVRLittleEndian).maximumLength(16384).build());
                Association a = client.get(10, TimeUnit.SECONDS);
                CompletableFuture<CEchoRsp> echo = CompletableFuture.supplyAsync(() -> {
                    try {
                        return a.cecho();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                byte[] rqPdu = peer.readPdu();
                DecodedCommand c = DimseCodec.decode(rqPdu, 12, rqPdu.length - 12);
                assertEquals(1, c.messageId());
                assertEquals(1, rqPdu[10], "sent on the first accepted Verification context");
                peer.send(RawPeer.pdata(respondOnContext, 0x03,
                        DimseCodec.encode(new CEchoRsp(respondTo, UID.Verification, Status.OK), false)));
                if (!expectAbort) {
                    assertTrue(echo.get(10, TimeUnit.SECONDS).status().isSuccess());
                    return;
                }
                assertArrayEquals(RawPeer.abort(0, 0), peer.readPdu(), "A-ABORT (AA-1)");
                peer.close(); // as AA-3 does on receipt: the requestor's Sta13 ends with Evt17
                ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> echo.get(10, TimeUnit.SECONDS));
                AssociationAbortedException x = assertInstanceOf(AssociationAbortedException.class,
                        e.getCause().getCause());
                assertEquals(AssociationAbortedException.Kind.LOCAL_ABORT, x.kind());
                long end = System.nanoTime() + 5_000_000_000L;
                while (a.state() != AssociationState.Sta1 && System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                assertEquals(AssociationState.Sta1, a.state());
            }
        }
    }

    @Test
    void matchingResponseIsAccepted() throws Exception {
        withRawAcceptor(1, 1, false);
    }

    @Test
    void responseToAMessageNotOutstandingAborts() throws Exception {
        withRawAcceptor(99, 1, true);
    }

    @Test
    void responseOnAnotherContextAborts() throws Exception {
        withRawAcceptor(1, 3, true);
    }
}
