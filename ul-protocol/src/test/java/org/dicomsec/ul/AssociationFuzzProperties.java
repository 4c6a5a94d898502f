package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;

import org.dicomsec.data.UID;
import org.dicomsec.ul.pdu.PduType;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever bytes a peer sends on an established association, the server ends it in bounded time
 * (an A-ABORT, an answer, or a close; never a hang), answers only with well-formed PDUs, frees the
 * association, and goes on serving others.
 */
class AssociationFuzzProperties {
    static Loopback server;

    @BeforeContainer
    static void start() throws IOException {
        AcceptorPolicy policy = AcceptorPolicy.builder().calledAeTitles("STORE_SCP")
                .abstractSyntax(UID.Verification, UID.ImplicitVRLittleEndian)
                .abstractSyntax(UID.SecondaryCaptureImageStorage, UID.ImplicitVRLittleEndian).build();
        DimseHandlers h = DimseHandlers.builder().cstore((a, pc, rq, in) -> {
            in.readAllBytes();
            return org.dicomsec.ul.dimse.Status.OK;
        }).build();
        server = new Loopback(policy, h, AssociationSettings.DEFAULT.withArtimTimeout(Duration.ofMillis(500))
                .withReadTimeoutMillis(400).withDimseTimeoutMillis(2000), 2);
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Provide
    Arbitrary<byte[]> hostile() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(120);
        // a plausible PDU header (known type, small length) followed by random bytes
        Arbitrary<byte[]> headed = Combinators.combine(Arbitraries.integers().between(1, 8),
                Arbitraries.integers().between(0, 100), random).as((type, len, body) -> {
                    byte[] b = new byte[6 + body.length];
                    b[0] = (byte) (int) type;
                    b[5] = (byte) (int) len;
                    System.arraycopy(body, 0, b, 6, body.length);
                    return b;
                });
        // a P-DATA-TF with a random PDV (context 1 or 3, any control header)
        Arbitrary<byte[]> pdata = Combinators.combine(Arbitraries.of(1, 3, 5), Arbitraries.integers().between(0, 255),
                random).as((pc, mch, data) -> RawPeer.pdata(pc, mch, data));
        return Arbitraries.oneOf(random, headed, pdata);
    }

    @Property(tries = 30)
    void anyBytesEndTheAssociationCleanly(@ForAll("hostile") byte[] bytes) throws Exception {
        try (RawPeer p = RawPeer.connect(server.address())) {
            p.associate();
            p.send(bytes);
            p.socket.setSoTimeout(5000);
            // read what comes back until the server closes: every PDU must be well formed
            while (true) {
                byte[] pdu;
                try {
                    pdu = p.readPdu();
                } catch (IOException closed) {
                    break;
                }
                assertTrue(PduType.isKnown(pdu[0] & 0xFF), "PDU type " + pdu[0]);
                if (pdu[0] == PduType.A_ABORT) {
                    assertEquals(10, pdu.length);
                    break;
                }
            }
        }
        long end = System.nanoTime() + 5_000_000_000L;
        while (server.server.activeAssociations() > 0 && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        assertEquals(0, server.server.activeAssociations(), "the association was freed");
        Association a = server.connect(AssociationRequest.builder("STORE_SCP", "CHECK")
                .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build());
        assertTrue(a.cecho().status().isSuccess());
        a.release();
    }
}
