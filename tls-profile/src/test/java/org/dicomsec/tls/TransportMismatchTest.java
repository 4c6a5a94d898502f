package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import org.dicomsec.data.UID;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationAbortedException;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.net.DicomServer;
import org.dicomsec.ul.transport.PlainTcp;
import org.junit.jupiter.api.Test;

/**
 * The commonest set-up mistake: TLS on one side of a connection, plain TCP on the other. Each
 * side says so, instead of an internal_error or a bare "connection closed".
 */
class TransportMismatchTest {

    private final TestPki t = TestPki.get();

    private static AssociationSettings quick() {
        return AssociationSettings.DEFAULT.withArtimTimeout(Duration.ofSeconds(3)).withDimseTimeoutMillis(10_000)
                .withConnectTimeoutMillis(10_000);
    }

    @Test
    void aTlsClientAtAPlainDicomPortIsToldThePeerSpeaksDicomWithoutTls() throws Exception {
        // a plain Upper Layer acceptor reads the ClientHello as a PDU of unknown type 16H and aborts
        DicomServer plain = DicomServer.builder(PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0))
                .policy(AcceptorPolicy.builder().anyAbstractSyntax(UID.ExplicitVRLittleEndian).build())
                .handlers(DimseHandlers.NONE).build();
        plain.start();
        try {
            TlsHandshakeException e = assertThrows(TlsHandshakeException.class, () -> TlsTransport
                    .connector(t.client(TlsProfile.BCP195_ND).build())
                    .connect(new InetSocketAddress("127.0.0.1", plain.localPort()), 10_000));
            assertTrue(e.getMessage().contains("the peer does not speak TLS on this connection: its first byte is 07H,"
                    + " the type of an A-ABORT PDU: a DICOM peer without TLS (is this port for plain TCP?)"),
                    e.getMessage());
        } finally {
            plain.close(Duration.ofSeconds(3));
        }
    }

    @Test
    void aPlainRequestorAtATlsPortIsToldAndTheServerSaysWhatItGot() throws Exception {
        try (EchoServer tls = new EchoServer(t.server(TlsProfile.BCP195_ND).build())) {
            AssociationAbortedException e = assertThrows(AssociationAbortedException.class, () -> Association.request(
                    PlainTcp.connector(), new InetSocketAddress("127.0.0.1", tls.port()),
                    AssociationRequest.builder("ANY", "SCU").settings(quick())
                            .presentationContext(UID.SecondaryCaptureImageStorage, UID.ExplicitVRLittleEndian).build()));
            assertTrue(e.getMessage().contains("the peer closed the transport connection without answering the"
                    + " A-ASSOCIATE-RQ; does it expect TLS or ISCL on this port?"), e.getMessage());
            IOException server = tls.nextFailure();
            assertNotNull(server, "the TLS server's handshake failed");
            TlsHandshakeException h = assertInstanceOf(TlsHandshakeException.class, server);
            assertTrue(h.getMessage().contains("its first byte is 01H, the type of an A-ASSOCIATE-RQ PDU: a DICOM peer"
                    + " without TLS (a requestor set up for plain TCP?)"), h.getMessage());
        }
    }

    @Test
    void otherBytesThanTlsAreNamedByTheirFirstByte() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread th = new Thread(() -> {
                try (Socket s = ss.accept()) {
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    s.getInputStream().read(new byte[4096]);
                } catch (IOException ignored) {
                    // the client went away
                }
            });
            th.setDaemon(true);
            th.start();
            TlsHandshakeException e = assertThrows(TlsHandshakeException.class, () -> TlsTransport
                    .connector(t.client(TlsProfile.BCP195_ND).build())
                    .connect(new InetSocketAddress("127.0.0.1", ss.getLocalPort()), 10_000));
            assertTrue(e.getMessage().contains("the peer does not speak TLS on this connection: its first byte is 48H,"
                    + " not a TLS record"), e.getMessage());
        }
    }
}
