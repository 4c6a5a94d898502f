package org.dicomsec.iscl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        return request(IsclFixture.alice().build(), port, "STORE_SCU");
    }

    static Association request(IsclConfig alice, int port, String callingAeTitle) throws IOException {
        return Association.request(Iscl.connector(alice, "BOB"), IsclFixture.loopback(port),
                AssociationRequest.builder("STORE_SCP", callingAeTitle)
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

    static String chain(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c).append(" <- ");
        }
        return b.toString();
    }

    static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /**
     * Section 8.8, chosen end: the SCU reaches its volume limit (set to 256 KiB) in the middle of a
     * 1 MiB C-STORE. It sends DISCONNECT with reason VOLUME_LIMIT instead of the record that would
     * pass the limit; both Upper Layers issue A-P-ABORT with provider reason 0x80 naming VOLUME_LIMIT,
     * and the SCP's handler never sees a complete data set.
     */
    @Test
    void volumeLimitEndsTheLineConnectionWithAnAPAbortWithReason0x80OnBothSides() throws Exception {
        byte[] data = dataSet(1 << 20);
        long limit = 256 << 10;
        try (TransportAcceptor acceptor = Iscl.acceptor(IsclFixture.bob().build(), InetAddress.getLoopbackAddress(),
                0)) {
            Scp scp = new Scp(acceptor);
            Association a = request(IsclFixture.alice().maxPacketSize(16384).volumeLimit(limit).build(),
                    acceptor.localPort(), "STORE_SCU");
            IOException client = assertThrows(IOException.class, () -> a.cstore(UID.SecondaryCaptureImageStorage,
                    SOP_INSTANCE, UID.ExplicitVRLittleEndian, new ByteArrayInputStream(data)));
            AssociationAbortedException c = assertInstanceOf(AssociationAbortedException.class, client, client.toString());
            assertEquals(AssociationAbortedException.Kind.A_P_ABORT, c.kind(), c.toString());
            assertEquals(TransportIntegrityException.PROVIDER_REASON, c.reason(), c.toString());
            IsclIntegrityException atScu = findCause(c, IsclIntegrityException.class);
            assertNotNull(atScu, c.toString());
            assertEquals(IsclError.VOLUME_LIMIT, atScu.error());
            assertTrue(atScu.getMessage().contains("volume limit of " + limit + " bytes"), atScu.getMessage());

            Exception served = assertThrows(Exception.class, () -> scp.ended.get(20, TimeUnit.SECONDS));
            AssociationAbortedException s = assertInstanceOf(AssociationAbortedException.class, served.getCause());
            assertEquals(AssociationAbortedException.Kind.A_P_ABORT, s.kind(), s.toString());
            assertEquals(TransportIntegrityException.PROVIDER_REASON, s.reason(), s.toString());
            IsclIntegrityException atScp = findCause(s, IsclIntegrityException.class);
            assertNotNull(atScp, s.toString());
            assertEquals(IsclError.VOLUME_LIMIT, atScp.error(), atScp.getMessage());
            assertTrue(atScp.getMessage().contains("DISCONNECT reason VOLUME_LIMIT (0x0015)"), atScp.getMessage());

            assertFalse(scp.handlerCompleted, "the C-STORE did not complete");
            byte[] got = scp.received();
            assertTrue(got.length > 0 && got.length < limit, got.length + " bytes delivered, below the limit");
            assertArrayEquals(Arrays.copyOf(data, got.length), got);
        }
    }

    /** Under the limit nothing changes: the same C-STORE with a limit above its volume completes. */
    @Test
    void cstoreBelowTheVolumeLimitCompletes() throws Exception {
        byte[] data = dataSet(1 << 20);
        try (TransportAcceptor acceptor = Iscl.acceptor(IsclFixture.bob().build(), InetAddress.getLoopbackAddress(),
                0)) {
            Scp scp = new Scp(acceptor);
            Association a = request(IsclFixture.alice().maxPacketSize(16384).volumeLimit(2 << 20).build(),
                    acceptor.localPort(), "STORE_SCU");
            assertTrue(a.cstore(UID.SecondaryCaptureImageStorage, SOP_INSTANCE, UID.ExplicitVRLittleEndian,
                    new ByteArrayInputStream(data)).status().isSuccess());
            a.release();
            scp.ended.get(20, TimeUnit.SECONDS);
            assertArrayEquals(data, scp.received());
        }
    }

    /**
     * Section 15: with the calling-AE-title check, BOB's entry for ALICE lists the titles ALICE may
     * call with. A listed title is served; another gets A-ASSOCIATE-RJ rejected-permanent,
     * service-user, calling-AE-title-not-recognized, and the SCP's Upper Layer never sees the request.
     */
    @Test
    void callingAeTitleMustBeOneTheKeyringAllowsForTheEntity() throws Exception {
        IsclConfig bob = IsclConfig.builder(new org.dicomsec.iscl.keys.SoftwareKeyCard(IsclFixture.ring("BOB", "ALICE",
                IsclFixture.K, java.util.Map.of(IsclConfig.AE_TITLES_FLAG, "ALICE_SCU, ALICE_QR"))), "BOB")
                .callingAeTitleCheck(true).build();
        try (TransportAcceptor acceptor = Iscl.acceptor(bob, InetAddress.getLoopbackAddress(), 0)) {
            Scp scp = new Scp(acceptor);
            Association ok = request(IsclFixture.alice().build(), acceptor.localPort(), "ALICE_QR");
            assertTrue(ok.cstore(UID.SecondaryCaptureImageStorage, SOP_INSTANCE, UID.ExplicitVRLittleEndian,
                    new ByteArrayInputStream(dataSet(1000))).status().isSuccess());
            ok.release();
            scp.ended.get(20, TimeUnit.SECONDS);
            assertEquals("ALICE_QR", scp.association.get().callingAeTitle());

            Scp refusing = new Scp(acceptor);
            org.dicomsec.ul.AssociationRejectedException rj = assertThrows(
                    org.dicomsec.ul.AssociationRejectedException.class,
                    () -> request(IsclFixture.alice().build(), acceptor.localPort(), "STORE_SCU"));
            assertEquals(org.dicomsec.ul.pdu.AAssociateRj.RESULT_REJECTED_PERMANENT, rj.reject().result(), rj.toString());
            assertEquals(org.dicomsec.ul.pdu.AAssociateRj.SOURCE_SERVICE_USER, rj.reject().source(), rj.toString());
            assertEquals(org.dicomsec.ul.pdu.AAssociateRj.REASON_CALLING_AE_TITLE_NOT_RECOGNIZED, rj.reject().reason(),
                    rj.toString());
            Exception served = assertThrows(Exception.class, () -> refusing.ended.get(20, TimeUnit.SECONDS));
            // the gate's reason goes to the log; the SCP's Upper Layer sees a line connection ended in Sta2
            assertTrue(chain(served).contains("no A-ASSOCIATE-RQ"), chain(served));
            assertNull(refusing.association.get(), "the SCP's Upper Layer never accepted it");
        }
        // an entity whose entry lists no titles is refused whatever it calls with
        IsclConfig bobNoList = IsclFixture.bob().callingAeTitleCheck(true).build();
        try (TransportAcceptor acceptor = Iscl.acceptor(bobNoList, InetAddress.getLoopbackAddress(), 0)) {
            Scp scp = new Scp(acceptor);
            org.dicomsec.ul.AssociationRejectedException rj = assertThrows(
                    org.dicomsec.ul.AssociationRejectedException.class,
                    () -> request(IsclFixture.alice().build(), acceptor.localPort(), "ALICE_SCU"));
            assertEquals(org.dicomsec.ul.pdu.AAssociateRj.REASON_CALLING_AE_TITLE_NOT_RECOGNIZED, rj.reject().reason());
            assertThrows(Exception.class, () -> scp.ended.get(20, TimeUnit.SECONDS));
        }
    }
}
