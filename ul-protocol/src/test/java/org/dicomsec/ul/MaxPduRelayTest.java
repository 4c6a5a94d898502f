package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.UID;
import org.dicomsec.data.VR;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.transport.PlainTcp;
import org.junit.jupiter.api.Test;

/**
 * Every P-DATA-TF PDU on the wire, in each direction, stays within the Maximum Length the
 * receiving side announced (PS3.8 D.1): a relay between the two records each PDU's length.
 */
class MaxPduRelayTest {

    /** Copies PDUs one way, recording the PDU-length of each P-DATA-TF. */
    static Thread pipe(Socket from, Socket to, List<Long> pdataLengths) {
        Thread t = new Thread(() -> {
            try (DataInputStream in = new DataInputStream(from.getInputStream())) {
                OutputStream out = to.getOutputStream();
                byte[] h = new byte[6];
                while (true) {
                    in.readFully(h);
                    long len = ((h[2] & 0xFFL) << 24) | ((h[3] & 0xFF) << 16) | ((h[4] & 0xFF) << 8) | (h[5] & 0xFF);
                    if (h[0] == 4) {
                        pdataLengths.add(len);
                    }
                    byte[] body = new byte[(int) len];
                    in.readFully(body);
                    out.write(h);
                    out.write(body);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close the other
                try {
                    to.shutdownOutput();
                } catch (IOException ignored) {
                    // already gone
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void pdusRespectEachSidesMaximum() throws Exception {
        String scm = UID.StorageCommitmentPushModel;
        byte[] blob = new byte[40_000];
        new java.util.Random(5).nextBytes(blob);
        DimseHandlers h = DimseHandlers.builder()
                .naction(scm, (a, pc, rq, ds) -> {
                    Dataset reply = new Dataset();
                    reply.setBytes(0x00091010, VR.OB, ds.getBytes(0x00091010));
                    return new DimseReply(Status.OK, reply);
                })
                .cstore((a, pc, rq, in) -> in.readAllBytes().length == 100_000 ? Status.OK
                        : Status.of(Status.CANNOT_UNDERSTAND)).build();
        AcceptorPolicy policy = AcceptorPolicy.builder().abstractSyntax(scm, UID.ImplicitVRLittleEndian)
                .abstractSyntax(UID.SecondaryCaptureImageStorage, UID.ImplicitVRLittleEndian).build();
        List<Long> toServer = new CopyOnWriteArrayList<>();
        List<Long> toClient = new CopyOnWriteArrayList<>();
        try (Loopback lb = new Loopback(policy, h, Loopback.quick().withMaxPduLength(8192), 1);
             ServerSocket relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                try {
                    Socket c = relay.accept();
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), lb.server.localPort());
                    pipe(c, s, toServer);
                    pipe(s, c, toClient);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            accept.start();
            Association a = Association.request(PlainTcp.connector(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.getLocalPort()),
                    AssociationRequest.builder("SCP", "SCU").presentationContext(scm, UID.ImplicitVRLittleEndian)
                            .presentationContext(UID.SecondaryCaptureImageStorage, UID.ImplicitVRLittleEndian)
                            .settings(Loopback.quick().withMaxPduLength(4096)).build());
            Dataset info = new Dataset();
            info.setBytes(0x00091010, VR.OB, blob);
            DimseResult<?> r = a.naction(scm, UID.StorageCommitmentPushModelInstance, 1, info);
            assertTrue(r.response().status().isSuccess());
            assertEquals(blob.length, r.dataSet().getBytes(0x00091010).length);
            assertTrue(a.cstore(UID.SecondaryCaptureImageStorage, "1.2.3", UID.ImplicitVRLittleEndian,
                    new ByteArrayInputStream(new byte[100_000])).status().isSuccess());
            a.release();
            accept.join();
        }
        assertTrue(toServer.size() > 10 && toClient.size() > 10, toServer.size() + " / " + toClient.size());
        assertEquals(8192L, toServer.stream().mapToLong(Long::longValue).max().getAsLong(),
                "to the server: at most its 8192, and full PDUs");
        assertEquals(4096L, toClient.stream().mapToLong(Long::longValue).max().getAsLong(),
                "to the client: at most its 4096, and full PDUs");
    }
}
