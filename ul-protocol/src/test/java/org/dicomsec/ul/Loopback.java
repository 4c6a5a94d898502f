package org.dicomsec.ul;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.dicomsec.ul.net.DicomServer;
import org.dicomsec.ul.transport.PlainTcp;

/** A DicomServer on a loopback port for one test. */
final class Loopback implements AutoCloseable {
    final DicomServer server;

    Loopback(AcceptorPolicy policy, DimseHandlers handlers, AssociationSettings settings, int workers)
            throws IOException {
        server = new DicomServer(PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0), policy, handlers, settings,
                workers);
        server.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.localPort());
    }

    Association connect(AssociationRequest rq) throws IOException {
        return Association.request(PlainTcp.connector(), address(), rq);
    }

    Association connect(AssociationRequest rq, DimseHandlers handlers) throws IOException {
        return Association.request(PlainTcp.connector(), address(), rq, handlers);
    }

    /** Short timeouts so that failing paths end quickly. */
    static AssociationSettings quick() {
        return AssociationSettings.DEFAULT.withArtimTimeout(Duration.ofSeconds(2)).withReadTimeoutMillis(3000)
                .withDimseTimeoutMillis(5000).withConnectTimeoutMillis(3000);
    }

    /** Opens an association with a Verification context (for tests that expect it to fail). */
    Association connect0() throws IOException {
        return connect(AssociationRequest.builder("ANY", "PROBE").presentationContext(
                org.dicomsec.data.UID.Verification, org.dicomsec.data.UID.ImplicitVRLittleEndian).settings(quick()).build());
    }

    @Override
    public void close() {
        server.close(Duration.ofSeconds(3));
    }
}
