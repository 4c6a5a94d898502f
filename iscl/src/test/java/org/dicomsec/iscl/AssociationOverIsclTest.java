package org.dicomsec.iscl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.dicomsec.data.UID;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationAbortedException;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.dimse.CStoreRsp;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportIntegrityException;
import org.junit.jupiter.api.Test;

/**
 * The Upper Layer of ul-protocol over ISCL (PS3.15 B.2): a C-STORE through an
 * {@link Iscl#connector} to an {@link Iscl#acceptor}, and a record tampered
 * with in the middle of a C-STORE, which ends in an A-P-ABORT indication with
 * provider reason 0x80 ({@link TransportIntegrityException#PROVIDER_REASON}) on
 * both sides, with nothing of the bad record delivered to the SCP.
 */
class AssociationOverIsclTest {

    static final String SOP_INSTANCE = "2.25.1234567890";

    static AssociationSettings quick() {
        return AssociationSettings.DEFAULT.withArtimTimeout(Duration.ofSeconds(2)).withReadTimeoutMillis(10_000)
                .withDimseTimeoutMillis(10_000).withConnectTimeoutMillis(10_000);
    }

    static byte[] dataSet(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    /** What the SCP saw: the bytes its C-STORE handler read, and how its association ended. */
    static final class Scp {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final AtomicReference<Association> association = new AtomicReference<>();
        volatile boolean handlerCompleted;
        CompletableFuture<Void> ended;

        Scp(TransportAcceptor acceptor) {
            AcceptorPolicy policy = AcceptorPolicy.builder()
                    .abstractSyntax(UID.SecondaryCaptureImageStorage, UID.ExplicitVRLittleEndian).build();
            DimseHandlers handlers = DimseHandlers.builder().cstore((a, pc, rq, in) -> {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (received) {
                        received.write(buf, 0, n);
                    }
                }
                handlerCompleted = true;
                return Status.OK;
            }).build();
            ended = CompletableFuture.runAsync(() -> {
                try {
                    Association a = Association.accept(acceptor.accept().handshake(10_000), policy, handlers, quick());
                    association.set(a);
                    a.serve();
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            });
        }

        byte[] received() {
            synchronized (received) {
                return received.toByteArray();
            }
        }
    }

    static Association request(int port) throws IOException {
        return Association.request(Iscl.connector(IsclFixture.alice().build(), "BOB"), IsclFixture.loopback(port),
                AssociationRequest.builder("STORE_SCP", "STORE_SCU")
                        .presentationContext(UID.SecondaryCaptureImageStorage, UID.ExplicitVRLittleEndian)
                        .settings(quick()).build());
    }

    @Test
    void cstoreOverIsclWithPrivacy() throws Exception {
        byte[] data = dataSet(3 << 20);
        try (TransportAcceptor acceptor = Iscl.acceptor(IsclFixture.bob().build(), InetAddress.getLoopbackAddress(),
                0)) {
            Scp scp = new Scp(acceptor);
            Association a = request(acceptor.localPort());
            assertEquals("iscl", a.security().profile());
            assertEquals("DES-MAC+DES-CBC", a.security().cipherSuite());
            assertEquals(new PeerIdentity(PeerIdentity.Kind.ISCL_ENTITY, "BOB", java.util.List.of(),
                    java.util.Map.of()), a.peer());
            CStoreRsp rsp = a.cstore(UID.SecondaryCaptureImageStorage, SOP_INSTANCE, UID.ExplicitVRLittleEndian,
                    new ByteArrayInputStream(data));
            assertTrue(rsp.status().isSuccess(), rsp.toString());
            a.release();
            scp.ended.get(20, TimeUnit.SECONDS);
            assertTrue(scp.handlerCompleted);
            assertArrayEquals(data, scp.received());
            Association server = scp.association.get();
            assertEquals("ALICE", server.peer().name());
            assertEquals("true", server.peer().attributes().get("profile.online-storage"));
        }
    }

    @Test
    void tamperedRecordInTheMiddleOfACStoreIsAnAPAbortWithReason0x80OnBothSides() throws Exception {
        byte[] data = dataSet(3 << 20);
        try (TransportAcceptor acceptor = Iscl.acceptor(IsclFixture.bob().build(), InetAddress.getLoopbackAddress(),
                0);
             // records of ALICE: 0 A-ASSOCIATE-RQ, 1 the C-STORE-RQ command, 2.. the data set (48 records of
             // 64 KiB): record 20 is in the middle
             FaultRelay relay = new FaultRelay(acceptor.localPort(), FaultRelay.Fault.FLIP, 20)) {
            Scp scp = new Scp(acceptor);
            Association a = request(relay.port());
            IOException client = assertThrows(IOException.class, () -> a.cstore(UID.SecondaryCaptureImageStorage,
                    SOP_INSTANCE, UID.ExplicitVRLittleEndian, new ByteArrayInputStream(data)));

            // the SCP's side: its transport found the flipped bit; A-P-ABORT, provider reason 0x80
            Exception served = assertThrows(Exception.class, () -> scp.ended.get(20, TimeUnit.SECONDS));
            AssociationAbortedException s = assertInstanceOf(AssociationAbortedException.class, served.getCause());
            assertEquals(AssociationAbortedException.Kind.A_P_ABORT, s.kind(), s.toString());
            assertEquals(TransportIntegrityException.PROVIDER_REASON, s.reason(), s.toString());
            IsclIntegrityException cause = findCause(s, IsclIntegrityException.class);
            assertNotNull(cause, "caused by the ISCL check: " + s);
            assertEquals(IsclError.INTEGRITY_FAILURE, cause.error());

            // the SCU's side: the connection dropped without DISCONNECT: A-P-ABORT, provider reason 0x80
            AssociationAbortedException c = assertInstanceOf(AssociationAbortedException.class, client, client.toString());
            assertEquals(AssociationAbortedException.Kind.A_P_ABORT, c.kind(), c.toString());
            assertEquals(TransportIntegrityException.PROVIDER_REASON, c.reason(), c.toString());
            assertEquals(IsclError.TRUNCATED, findCause(c, IsclIntegrityException.class).error());

            // nothing stored, and what the handler got is an unaltered prefix of the data set
            assertFalse(scp.handlerCompleted, "the C-STORE handler did not see a complete data set");
            byte[] got = scp.received();
            assertTrue(got.length > 0 && got.length < data.length, got.length + " bytes: the fault hit mid-transfer");
            assertArrayEquals(Arrays.copyOf(data, got.length), got, "no altered byte delivered upward");
        }
    }

    static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
