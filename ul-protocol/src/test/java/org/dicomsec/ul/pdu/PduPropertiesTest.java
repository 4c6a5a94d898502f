package org.dicomsec.ul.pdu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties: random PDUs round trip as identity; any byte string, and any mutation or
 * truncation of a valid PDU, ends in a PDU, a {@link PduDecodeException} or a
 * {@link PduTruncatedException} — never another exception, never reading beyond the bound.
 */
class PduPropertiesTest {

    // ---- generators ----

    static Arbitrary<String> aeTitles() {
        Arbitrary<Character> c = Arbitraries.chars().range('!', '~').filter(ch -> ch != '\\');
        Arbitrary<Character> inner = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, c), net.jqwik.api.Tuple.of(1, Arbitraries.just(' ')));
        return Combinators.combine(c, inner.list().ofMaxSize(14), c.injectNull(0.3))
                .as((a, mid, z) -> {
                    StringBuilder sb = new StringBuilder().append(a);
                    mid.forEach(sb::append);
                    if (z != null) {
                        sb.append(z);
                    }
                    return sb.toString();
                });
    }

    static Arbitrary<String> uids() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, 99999).list().ofMinSize(1).ofMaxSize(8)
                        .map(l -> String.join(".", l.stream().map(String::valueOf).toList()))),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(20)));
    }

    static Arbitrary<byte[]> smallBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(24);
    }

    static Arbitrary<Integer> oddIds() {
        return Arbitraries.integers().between(0, 127).map(i -> 2 * i + 1);
    }

    static Arbitrary<UserInformationSubItem> subItems() {
        Arbitrary<Integer> u8 = Arbitraries.integers().between(0, 255);
        Arbitrary<Integer> u16 = Arbitraries.integers().between(0, 0xFFFF);
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(MaximumLength::new),
                uids().map(ImplementationClassUid::new),
                Combinators.combine(u16, u16).as(AsynchronousOperationsWindow::new),
                Combinators.combine(uids(), u8, u8).as(ScpScuRoleSelection::new),
                uids().map(ImplementationVersionName::new),
                Combinators.combine(uids(), smallBytes()).as(SopClassExtendedNegotiation::new),
                Combinators.combine(u8, uids(), uids(), uids().list().ofMaxSize(3))
                        .as(SopClassCommonExtendedNegotiation::new),
                Combinators.combine(u8, u8, smallBytes(), smallBytes()).as(UserIdentityRq::new),
                smallBytes().map(UserIdentityAc::new),
                Combinators.combine(u8.filter(t -> t < 0x51 || t > 0x59), smallBytes()).as(UnknownSubItem::new));
    }

    static Arbitrary<UserInformationItem> userInformation() {
        return subItems().list().ofMaxSize(6).map(UserInformationItem::new);
    }

    static Arbitrary<List<UnknownItem>> unknownItems() {
        return Combinators.combine(Arbitraries.integers().between(0, 255).filter(t -> !UnknownItem.isDefined(t)),
                smallBytes()).as(UnknownItem::new).list().ofMaxSize(2);
    }

    static Arbitrary<AAssociateRq> associateRqs() {
        Arbitrary<PresentationContextRqItem> pc = Combinators.combine(oddIds(), uids(), uids().list().ofMinSize(1)
                .ofMaxSize(4)).as((id, as, ts) -> new PresentationContextRqItem(id, new AbstractSyntaxSubItem(as),
                ts.stream().map(TransferSyntaxSubItem::new).toList()));
        return Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), aeTitles(), aeTitles(),
                uids().map(ApplicationContextItem::new), pc.list().ofMinSize(1).ofMaxSize(5), userInformation(),
                unknownItems()).as(AAssociateRq::new);
    }

    static Arbitrary<AAssociateAc> associateAcs() {
        Arbitrary<PresentationContextAcItem> pc = Combinators.combine(oddIds(),
                Arbitraries.integers().between(0, 255), uids().map(TransferSyntaxSubItem::new).injectNull(0.3))
                .as(PresentationContextAcItem::new);
        Arbitrary<String> reservedAe = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(16);
        return Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), reservedAe, reservedAe,
                uids().map(ApplicationContextItem::new), pc.list().ofMinSize(1).ofMaxSize(5), userInformation(),
                unknownItems()).as(AAssociateAc::new);
    }

    static Arbitrary<PDataTf> pDataTfs() {
        return Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300)).as(PresentationDataValue::new)
                .list().ofMinSize(1).ofMaxSize(4).map(PDataTf::new);
    }

    @Provide
    Arbitrary<Pdu> pdus() {
        Arbitrary<Integer> u8 = Arbitraries.integers().between(0, 255);
        return Arbitraries.oneOf(associateRqs(), associateAcs(), pDataTfs(),
                Combinators.combine(u8, u8, u8).as(AAssociateRj::new),
                Arbitraries.just(AReleaseRq.INSTANCE), Arbitraries.just(AReleaseRp.INSTANCE),
                Combinators.combine(u8, u8).as(AAbort::new));
    }

    // ---- properties ----

    private static final PduDecoder DECODER = new PduDecoder(4096, 8192);

    @Property(tries = 400)
    void encodeThenDecodeIsIdentity(@ForAll("pdus") Pdu pdu) throws IOException {
        byte[] bytes = PduEncoder.toBytes(pdu);
        assertEquals(pdu, new PduDecoder(0, 1 << 20).decode(bytes));
        assertEquals(PduEncoder.length(pdu), bytes.length);
    }

    /** Counts bytes read so the test can check the decoder never reads beyond header + bound. */
    private static final class CountingInput extends InputStream {
        private final ByteArrayInputStream in;
        long count;

        CountingInput(byte[] b) {
            in = new ByteArrayInputStream(b);
        }

        @Override
        public int read() {
            int r = in.read();
            if (r >= 0) {
                count++;
            }
            return r;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int r = in.read(b, off, len);
            if (r > 0) {
                count += r;
            }
            return r;
        }
    }

    /** Decodes PDUs until the input ends; only the three allowed outcomes may occur. */
    private static void decodeAll(byte[] input) {
        CountingInput in = new CountingInput(input);
        PduReader reader = new PduReader(in, DECODER);
        for (int i = 0; i < 64; i++) {
            long before = in.count;
            try {
                Pdu pdu = reader.read();
                assertTrue(pdu != null);
            } catch (PduDecodeException e) {
                assertTrue(e.abortReason() >= 1 && e.abortReason() <= 6, e.getMessage());
                assertTrue(in.count - before <= 6 + 8192, "read beyond the bound");
                return;
            } catch (PduTruncatedException e) {
                return;
            } catch (IOException e) {
                throw new AssertionError("unexpected exception type", e);
            }
            assertTrue(in.count - before <= 6 + 8192, "read beyond the bound");
        }
    }

    /** The same input walked through the streaming P-DATA path where it is a P-DATA-TF. */
    private static void streamAll(byte[] input) {
        PduReader reader = new PduReader(new ByteArrayInputStream(input), DECODER);
        byte[] buf = new byte[512];
        try {
            for (int i = 0; i < 64; i++) {
                if (reader.readHeader() == PduType.P_DATA_TF) {
                    while (reader.nextPdv()) {
                        while (reader.readPdvData(buf, 0, buf.length) > 0) {
                            assertTrue(reader.pdvDataRemaining() >= 0);
                        }
                    }
                } else {
                    reader.readBody();
                }
            }
        } catch (PduDecodeException | PduTruncatedException e) {
            assertTrue(e.getMessage() != null);
        } catch (IOException e) {
            throw new AssertionError("unexpected exception type", e);
        }
    }

    @Property(tries = 1000)
    void anyBytesEndInAPduOrADecodeError(@ForAll @Size(max = 200) byte[] input) {
        decodeAll(input);
        streamAll(input);
    }

    @Property(tries = 1000)
    void anyBytesWithAValidTypeEndInAPduOrADecodeError(@ForAll @IntRange(min = 1, max = 7) int type,
                                                       @ForAll @Size(max = 300) byte[] body) {
        byte[] input = new byte[6 + body.length];
        input[0] = (byte) type;
        long len = body.length;
        input[2] = (byte) (len >> 24);
        input[3] = (byte) (len >> 16);
        input[4] = (byte) (len >> 8);
        input[5] = (byte) len;
        System.arraycopy(body, 0, input, 6, body.length);
        decodeAll(input);
        streamAll(input);
    }

    @Property(tries = 600)
    void mutatedValidPdusEndInAPduOrADecodeError(@ForAll("pdus") Pdu pdu,
                                                 @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 1 << 20) Integer> positions,
                                                 @ForAll byte value) {
        byte[] bytes = PduEncoder.toBytes(pdu);
        for (int p : positions) {
            bytes[p % bytes.length] ^= (byte) (value == 0 ? 1 : value);
        }
        decodeAll(bytes);
        streamAll(bytes);
    }

    @Property(tries = 400)
    void truncatedValidPdusEndInEof(@ForAll("pdus") Pdu pdu, @ForAll @IntRange(min = 0, max = 1 << 20) int cut) {
        byte[] bytes = PduEncoder.toBytes(pdu);
        int n = cut % bytes.length;
        byte[] truncated = java.util.Arrays.copyOf(bytes, n);
        try {
            new PduDecoder(0, 1 << 20).decode(truncated);
            throw new AssertionError("decoded a truncated PDU");
        } catch (PduTruncatedException e) {
            assertEquals(n == 0, e.atPduBoundary());
        } catch (IOException e) {
            throw new AssertionError("truncation must end in PduTruncatedException", e);
        }
    }

    @Property(tries = 300)
    void streamingPdvsMatchTheMaterialisedPdu(@ForAll("pDataTfList") List<PDataTf> pdus) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        PduEncoder encoder = new PduEncoder();
        for (PDataTf p : pdus) {
            encoder.write(p, out);
        }
        PduReader reader = new PduReader(new ByteArrayInputStream(out.toByteArray()), new PduDecoder(0, 65536));
        for (PDataTf p : pdus) {
            assertEquals(PduType.P_DATA_TF, reader.readHeader());
            assertEquals(p.variableFieldLength(), reader.pduLength());
            for (PresentationDataValue v : p.values()) {
                assertTrue(reader.nextPdv());
                assertEquals(v.presentationContextId(), reader.pdvPresentationContextId());
                assertEquals(v.messageControlHeader(), reader.pdvMessageControlHeader());
                assertEquals(v.isCommand(), reader.pdvIsCommand());
                assertEquals(v.isLastFragment(), reader.pdvIsLastFragment());
                org.junit.jupiter.api.Assertions.assertArrayEquals(v.data(), reader.pdvData().readAllBytes());
            }
            assertEquals(false, reader.nextPdv());
        }
        assertTrue(assertThrowsTruncated(reader).atPduBoundary());
    }

    private static PduTruncatedException assertThrowsTruncated(PduReader reader) {
        return org.junit.jupiter.api.Assertions.assertThrows(PduTruncatedException.class, reader::readHeader);
    }

    @Provide
    Arbitrary<List<PDataTf>> pDataTfList() {
        return pDataTfs().list().ofMinSize(1).ofMaxSize(4);
    }
}
