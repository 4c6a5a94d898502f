package org.dicomsec.iscl;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

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
 * ISCL on one side of a connection, plain TCP or TLS on the other: each side says what it most
 * likely met, instead of a bare protocol error.
 */
class IsclTransportMismatchTest {

    @Test
    void anIsclClientAtAPlainDicomPortIsToldThePeerAnsweredWithAnAbort() throws Exception {
        DicomServer plain = DicomServer.builder(PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0))
                .policy(AcceptorPolicy.builder().anyAbstractSyntax(UID.ExplicitVRLittleEndian).build())
                .handlers(DimseHandlers.NONE).build();
        plain.start();
        try {
            IsclException e = assertThrows(IsclException.class, () -> Iscl.connector(IsclFixture.alice().build(), "BOB")
                    .connect(IsclFixture.loopback(plain.localPort()), 10_000));
            assertTrue(e.getMessage().contains("the peer answered LINE-CONNECT-RQ with an A-ABORT PDU: a DICOM acceptor"
                    + " without ISCL (is this port for plain TCP?)"), e.getMessage());
        } finally {
            plain.close(Duration.ofSeconds(3));
        }
    }

    @Test
    void anIsclClientAtATlsPortIsToldThePeerUsesTls() throws Exception {
        // the JDK's TLS server reads the LINE-CONNECT-RQ as a record it does not know and answers with an alert
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, null, null);
        try (SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            serveOnce(ss, s -> {
                s.setSoTimeout(10_000);
                ((SSLSocket) s).startHandshake();
            });
            String m = isclFailureAt(ss);
            assertTrue(m.contains("a TLS alert record (15H 03H at offset 0), not an ISCL packet: the peer uses TLS on"
                    + " this port"), m);
        }
    }

    @Test
    void aPlainRequestorAtAnIsclPortIsToldAndTheResponderSaysWhatItGot() throws Exception {
        try (IsclFixture.OneShotServer<Object> server = new IsclFixture.OneShotServer<>(IsclFixture.bob().build(),
                10_000, c -> "open")) {
            AssociationAbortedException e = assertThrows(AssociationAbortedException.class, () -> Association.request(
                    PlainTcp.connector(), new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
                    AssociationRequest.builder("BOB", "ALICE")
                            .settings(AssociationSettings.DEFAULT.withArtimTimeout(Duration.ofSeconds(3)))
                            .presentationContext(UID.SecondaryCaptureImageStorage, UID.ExplicitVRLittleEndian).build()));
            assertTrue(e.getMessage().contains("the answer to the A-ASSOCIATE-RQ is not DICOM: does the peer expect TLS"
                    + " or ISCL on this port?"), e.getMessage());
            IsclException atServer = assertThrows(IsclException.class, server::get);
            assertTrue(atServer.getMessage().contains("the bytes of an A-ASSOCIATE-RQ (protocol version 1 at offset 0),"
                    + " a DICOM requestor without ISCL"), atServer.getMessage());
        }
    }

    @Test
    void aTlsClientAtAnIsclPortIsNamedByTheResponder() throws Exception {
        try (IsclFixture.OneShotServer<Object> server = new IsclFixture.OneShotServer<>(IsclFixture.bob().build(),
                10_000, c -> "open")) {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, null, null);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                    server.port())) {
                s.setSoTimeout(10_000);
                assertThrows(IOException.class, s::startHandshake);
            }
            IsclException atServer = assertThrows(IsclException.class, server::get);
            assertTrue(atServer.getMessage().contains("a TLS handshake record (16H 03H at offset 0), not an ISCL packet:"
                    + " the peer uses TLS on this port"), atServer.getMessage());
        }
    }

    @Test
    void anIsclClientWhosePeerSaysNothingAndClosesIsAskedAboutTheTransport() throws Exception {
        // DCMTK's storescp with TLS closes such a connection without a byte
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            serveOnce(ss, s -> s.getInputStream().read(new byte[6]));
            String m = isclFailureAt(ss);
            assertTrue(m.contains("with no ISCL answer to LINE-CONNECT-RQ: does the peer expect plain TCP or TLS on this"
                    + " port?"), m);
        }
    }

    /** What the peer's one connection gets: {@code serve} on a thread of its own, the socket closed after. */
    private static void serveOnce(ServerSocket ss, SocketAction serve) {
        Thread th = new Thread(() -> {
            try (Socket s = ss.accept()) {
                serve.run(s);
            } catch (IOException expected) {
                // not ISCL, or closed
            }
        });
        th.setDaemon(true);
        th.start();
    }

    @FunctionalInterface
    private interface SocketAction {
        void run(Socket s) throws IOException;
    }

    /** The message of the ISCL initiator's failure against {@code ss}. */
    private static String isclFailureAt(ServerSocket ss) {
        IsclException e = assertThrows(IsclException.class, () -> Iscl.connector(IsclFixture.alice().build(), "BOB")
                .connect(IsclFixture.loopback(ss.getLocalPort()), 10_000));
        return e.getMessage();
    }
}
