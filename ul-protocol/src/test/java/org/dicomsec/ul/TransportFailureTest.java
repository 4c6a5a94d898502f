package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.dicomsec.data.CommandSet;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Tag;
import org.dicomsec.data.UID;
import org.dicomsec.data.VR;
import org.dicomsec.ul.dimse.CommandField;
import org.dicomsec.ul.dimse.DimseCodec;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.transport.ForwardingTransportConnection;
import org.dicomsec.ul.transport.PlainTcp;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnection;
import org.dicomsec.ul.transport.TransportIntegrityException;
import org.junit.jupiter.api.Test;

/**
 * A transport whose integrity check fails (as TLS or ISCL report it) gives an A-P-ABORT
 * indication with provider reason {@link TransportIntegrityException#PROVIDER_REASON}; an
 * unknown DIMSE command is answered with 0211H.
 */
class TransportFailureTest {

    /** A plain TCP connection whose reads fail their "integrity check" once tripped. */
    static final class Tripwire extends ForwardingTransportConnection {
        volatile boolean tripped;

        Tripwire(TransportConnection c) {
            super(c);
        }

        @Override
        public InputStream input() throws IOException {
            return new FilterInputStream(delegate.input()) {
                @Override
                public int read() throws IOException {
                    check();
                    return super.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = in.read(b, off, len);
                    check();
                    return n;
                }
            };
        }

        void check() throws TransportIntegrityException {
            if (tripped) {
                throw new TransportIntegrityException("test", "record MAC mismatch from " + delegate.remoteAddress(), null);
            }
        }
    }

    @Test
    void integrityFailureIsAnAPAbortWithTheDocumentedReason() throws Exception {
        try (TransportAcceptor acc = PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0)) {
            CompletableFuture<Association> client = CompletableFuture.supplyAsync(() -> {
                try {
                    return Association.request(PlainTcp.connector(),
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), acc.localPort()),
                            AssociationRequest.builder("SCP", "SCU").presentationContext(UID.Verification,
                                    UID.ImplicitVRLittleEndian).settings(Loopback.quick()).build());
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            Tripwire wire = new Tripwire(acc.accept().handshake(5000));
            Association server = Association.accept(wire, AcceptorPolicy.builder()
                    .abstractSyntax(UID.Verification, UID.ImplicitVRLittleEndian).build(), DimseHandlers.NONE,
                    Loopback.quick());
            Association a = client.get(10, TimeUnit.SECONDS);
            AtomicReference<Throwable> seen = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            Thread t = new Thread(() -> {
                try {
                    server.serve();
                } catch (Throwable e) {
                    seen.set(e);
                }
                done.countDown();
            });
            t.start();
            assertTrue(a.cecho().status().isSuccess());
            wire.tripped = true;
            IOException clientSide = assertThrows(IOException.class, a::cecho);
            assertTrue(done.await(10, TimeUnit.SECONDS));
            AssociationAbortedException e = assertInstanceOf(AssociationAbortedException.class, seen.get());
            assertEquals(AssociationAbortedException.Kind.A_P_ABORT, e.kind());
            assertEquals(TransportIntegrityException.PROVIDER_REASON, e.reason());
            assertInstanceOf(TransportIntegrityException.class, e.getCause());
            assertEquals(AssociationState.Sta1, server.state());
            // the connection was dropped: the peer sees its own A-P-ABORT (transport closed)
            assertEquals(AssociationAbortedException.Kind.A_P_ABORT,
                    assertInstanceOf(AssociationAbortedException.class, clientSide).kind());
            assertEquals(AssociationState.Sta1, a.state());
        }
    }

    @Test
    void unknownCommandIsAnsweredWithUnrecognizedOperation() throws Exception {
        AcceptorPolicy policy = AcceptorPolicy.builder().calledAeTitles("STORE_SCP")
                .abstractSyntax(UID.Verification, UID.ImplicitVRLittleEndian)
                .abstractSyntax(UID.SecondaryCaptureImageStorage, UID.ImplicitVRLittleEndian).build();
        try (Loopback lb = new Loopback(policy, DimseHandlers.NONE, Loopback.quick(), 1);
             RawPeer p = RawPeer.connect(lb.address())) {
            p.associate();
            Dataset find = new Dataset();
            find.setString(Tag.AffectedSOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
            find.setInt(Tag.CommandField, VR.US, CommandField.C_FIND_RQ);
            find.setInt(Tag.MessageID, VR.US, 7);
            find.setInt(Tag.Priority, VR.US, 0);
            find.setInt(Tag.CommandDataSetType, VR.US, DimseCodec.NO_DATA_SET);
            p.send(RawPeer.pdata(3, 0x03, CommandSet.encode(find)));
            byte[] rsp = p.readPdu();
            assertEquals(4, rsp[0]);
            Dataset cmd = CommandSet.decode(rsp, 12, rsp.length - 12);
            assertEquals(CommandField.C_FIND_RSP, cmd.getInt(Tag.CommandField, 0));
            assertEquals(7, cmd.getInt(Tag.MessageIDBeingRespondedTo, 0));
            assertEquals(Status.UNRECOGNIZED_OPERATION, cmd.getInt(Tag.Status, 0));
        }
    }
}
