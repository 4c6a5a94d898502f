package org.dicomsec.tls;

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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.dicomsec.data.UID;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationAbortedException;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportIntegrityException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PS3.15 B.1 at the Upper Layer: "When an integrity check fails, the connection
 * shall be dropped per the TLS protocol, causing both the sender and the
 * receiver to issue an A-P-ABORT indication to the upper layers with an
 * appropriate reason." A relay flips one byte of an application data record in
 * the middle of a C-STORE data set; the SCP (receiver) and the SCU (sender, busy
 * writing the data set when the connection drops) both end in A-P-ABORT with
 * provider reason 0x80 ({@link TransportIntegrityException#PROVIDER_REASON}),
 * and the SCP's handler got only an unaltered prefix. Repeated, because the
 * sender's outcome depends on where its write stands when the peer resets:
 * {@code -Ddicomsec.test.repetitions=50} runs each profile 50 times.
 */
class AssociationOverTlsTest {

    static final String SOP_INSTANCE = "2.25.987654321";
    /** 4 MiB: 256 full records; record 100 is well inside the data set in TLS 1.2 and 1.3. */
    static final int DATA_SET_LENGTH = 4 << 20;
    static final int FLIP_INDEX = 100;

    private final TestPki t = TestPki.get();

    static Stream<Arguments> runs() {
        int n = Integer.getInteger("dicomsec.test.repetitions", 4);
        return Stream.of("bcp195-nd JCA", "bcp195-nd BC", "basic JCA", "aes BC")
                .flatMap(p -> IntStream.rangeClosed(1, n).mapToObj(i -> Arguments.of(p.split(" ")[0],
                        TlsCryptoChoice.valueOf(p.split(" ")[1]), i)));
    }

    static AssociationSettings quick() {
        return AssociationSettings.DEFAULT.withArtimTimeout(Duration.ofSeconds(2)).withReadTimeoutMillis(10_000)
                .withDimseTimeoutMillis(10_000).withConnectTimeoutMillis(10_000);
    }

    /** What the SCP saw: the bytes its C-STORE handler read, whether it completed, and how its association ended. */
    static final class Scp {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        volatile boolean handlerCompleted;
        final CompletableFuture<Void> ended;

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
                    Association.accept(acceptor.accept().handshake(10_000), policy, handlers, quick()).serve();
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

    @ParameterizedTest(name = "{0} {1} #{2}")
    @MethodSource("runs")
    void flippedByteInTheMiddleOfACStoreIsAnAPAbortWithReason0x80OnBothSides(String profileName,
            TlsCryptoChoice crypto, int repetition) throws Exception {
        TlsProfile profile = TlsProfile.byName(profileName);
        byte[] data = new byte[DATA_SET_LENGTH];
        new Random(repetition).nextBytes(data);
        try (TransportAcceptor acceptor = TlsTransport.acceptor(t.server(profile).crypto(crypto).build(),
                InetAddress.getLoopbackAddress(), 0);
             CountingFlipRelay relay = new CountingFlipRelay(acceptor.localPort(), FLIP_INDEX)) {
            Scp scp = new Scp(acceptor);
            Association a = Association.request(TlsTransport.connector(t.client(profile).crypto(crypto).build()),
                    new InetSocketAddress("127.0.0.1", relay.port()),
                    AssociationRequest.builder("STORE_SCP", "STORE_SCU")
                            .presentationContext(UID.SecondaryCaptureImageStorage, UID.ExplicitVRLittleEndian)
                            .settings(quick()).build());
            assertEquals(profileName, a.security().profile());
            IOException client = assertThrows(IOException.class, () -> a.cstore(UID.SecondaryCaptureImageStorage,
                    SOP_INSTANCE, UID.ExplicitVRLittleEndian, new ByteArrayInputStream(data)));
            assertTrue(relay.flipped.await(10, TimeUnit.SECONDS), "the relay flipped a byte");

            // receiver: its read failed the record's integrity check (bad_record_mac raised here)
            Exception served = assertThrows(Exception.class, () -> scp.ended.get(20, TimeUnit.SECONDS));
            AssociationAbortedException s = assertInstanceOf(AssociationAbortedException.class, served.getCause(),
                    String.valueOf(served));
            assertEquals(AssociationAbortedException.Kind.A_P_ABORT, s.kind(), s.toString());
            assertEquals(TransportIntegrityException.PROVIDER_REASON, s.reason(), s.toString());
            TransportIntegrityException sc = findCause(s, TransportIntegrityException.class);
            assertNotNull(sc, "caused by the TLS check: " + s);
            assertTrue(sc.getMessage().contains("bad_record_mac(20) raised here"), sc.getMessage());

            // sender: busy writing the data set; learns the cause from the peer's alert, not "connection reset"
            AssociationAbortedException c = assertInstanceOf(AssociationAbortedException.class, client,
                    String.valueOf(client));
            assertEquals(AssociationAbortedException.Kind.A_P_ABORT, c.kind(), c.toString());
            assertEquals(TransportIntegrityException.PROVIDER_REASON, c.reason(), c + " caused by " + c.getCause());
            TransportIntegrityException cc = findCause(c, TransportIntegrityException.class);
            assertNotNull(cc, "caused by the TLS alert: " + c);
            assertTrue(cc.getMessage().contains("bad_record_mac(20) received from the peer"), cc.getMessage());

            // nothing stored, and what the handler got is an unaltered prefix of the data set
            assertFalse(scp.handlerCompleted, "the C-STORE handler did not see a complete data set");
            byte[] got = scp.received();
            assertTrue(got.length > 0 && got.length < data.length, got.length + " bytes: the flip hit mid-transfer");
            assertArrayEquals(Arrays.copyOf(data, got.length), got, "no altered byte delivered upward");
            assertTrue(relay.directionsEnded.await(10, TimeUnit.SECONDS), "connection dropped on both sides");
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
