package org.dicomsec.ul.pdu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input: each case ends in the exception and A-ABORT reason PS3.8 table 9-26 names. */
class PduDecoderTest {
    private final PduDecoder decoder = new PduDecoder();

    private static byte[] rqBytes() {
        return Vectors.load("table-9-11_a-associate-rq.hex");
    }

    private PduDecodeException decodeError(byte[] b) {
        return assertThrows(PduDecodeException.class, () -> decoder.decode(b));
    }

    @Test
    void unknownPduTypeIsUnrecognizedPdu() {
        PduDecodeException e = decodeError(new byte[] {0x08, 0, 0, 0, 0, 4, 0, 0, 0, 0});
        assertEquals(AAbort.REASON_UNRECOGNIZED_PDU, e.abortReason());
        assertEquals(AAbort.SOURCE_SERVICE_PROVIDER, e.abortSource());
        assertEquals(0x08, e.pduType());
        assertEquals(new AAbort(2, 1), e.toAbort());
    }

    /** A stream that fails the test if read past the given position. */
    private static InputStream guarded(byte[] prefix) {
        return new InputStream() {
            int pos;

            @Override
            public int read() {
                if (pos >= prefix.length) {
                    throw new AssertionError("decoder read beyond the header of an over-long PDU");
                }
                return prefix[pos++] & 0xFF;
            }
        };
    }

    @Test
    void pDataLongerThanAnnouncedMaximumIsRejectedFromTheHeader() {
        byte[] header = {0x04, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        PduDecodeException e = assertThrows(PduDecodeException.class,
                () -> new PduDecoder(16384, 65536).read(guarded(header)));
        assertEquals(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, e.abortReason());
        assertEquals(2, e.offset());
        assertTrue(e.getMessage().contains("PDU-length"), e.getMessage());
        // exactly at the maximum is fine for the header check
        byte[] atMax = {0x04, 0, 0, 0, 0x40, 0x00};
        assertThrows(PduTruncatedException.class, () -> new PduDecoder(16384, 65536).read(
                new ByteArrayInputStream(atMax)));
    }

    @Test
    void associatePduLongerThanBoundIsRejectedFromTheHeader() {
        byte[] header = {0x01, 0, 0, 0x01, 0x00, 0x01};
        PduDecodeException e = assertThrows(PduDecodeException.class, () -> decoder.read(guarded(header)));
        assertEquals(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, e.abortReason());
    }

    @Test
    void fixedLengthPdusMustHaveLength4() {
        for (int type : new int[] {3, 5, 6, 7}) {
            PduDecodeException e = decodeError(new byte[] {(byte) type, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0});
            assertEquals(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, e.abortReason(), PduType.name(type));
        }
    }

    @Test
    void reservedFieldsAreNotTestedOnReceipt() throws IOException {
        // PS3.8 tables 9-21, 9-24, 9-26: reserved bytes may hold anything
        assertEquals(AReleaseRq.INSTANCE, decoder.decode(new byte[] {5, 0x7F, 0, 0, 0, 4, 1, 2, 3, 4}));
        assertEquals(new AAbort(0, 0), decoder.decode(new byte[] {7, 1, 0, 0, 0, 4, 9, 9, 0, 0}));
        byte[] rq = rqBytes();
        rq[1] = (byte) 0xEE; // PDU reserved byte
        rq[8] = 0x55; // bytes 9-10
        rq[50] = 0x11; // bytes 43-74
        assertEquals(PduVectorsTest.simpleRq(), decoder.decode(rq));
    }

    @Test
    void itemLengthBeyondThePduIsInvalidParameterValue() {
        byte[] rq = rqBytes();
        // the Application Context Item starts at 74; its Item-length is at 76..77
        assertEquals(0x10, rq[74]);
        rq[76] = 0x7F;
        PduDecodeException e = decodeError(rq);
        assertEquals(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, e.abortReason());
        assertEquals(78, e.offset());
        assertTrue(e.getMessage().contains("item 0x10"), e.getMessage());
    }

    @Test
    void subItemLengthBeyondItsItemIsInvalid() {
        byte[] rq = rqBytes();
        // first Transfer Syntax sub-item length: patch the 40H header inside the presentation context
        int ts = indexOf(rq, new byte[] {0x40, 0, 0, 0x13});
        rq[ts + 3] = 0x50;
        PduDecodeException e = decodeError(rq);
        assertEquals(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, e.abortReason());
    }

    @Test
    void pduLengthShorterThanItsItemsIsInvalid() {
        byte[] rq = rqBytes();
        byte[] cut = Arrays.copyOf(rq, rq.length - 3);
        long len = cut.length - 6;
        cut[4] = (byte) (len >> 8);
        cut[5] = (byte) len;
        PduDecodeException e = decodeError(cut);
        assertEquals(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, e.abortReason());
    }

    @Test
    void acItemInRqIsUnexpectedParameter() {
        byte[] rq = rqBytes();
        int pc = indexOf(rq, new byte[] {0x20, 0, 0, 0x45});
        rq[pc] = 0x21;
        PduDecodeException e = decodeError(rq);
        assertEquals(AAbort.REASON_UNEXPECTED_PDU_PARAMETER, e.abortReason());
        assertEquals(pc, e.offset());
    }

    @Test
    void subItemTypeAtPduLevelIsUnexpectedParameter() {
        byte[] rq = rqBytes();
        int pc = indexOf(rq, new byte[] {0x20, 0, 0, 0x45});
        rq[pc] = 0x30;
        assertEquals(AAbort.REASON_UNEXPECTED_PDU_PARAMETER, decodeError(rq).abortReason());
        byte[] twice = rqBytes();
        int ui = indexOf(twice, new byte[] {0x50, 0});
        twice[pc] = 0x50; // a second User Information Item (the PC becomes one)
        assertTrue(ui > pc);
        assertEquals(AAbort.REASON_UNEXPECTED_PDU_PARAMETER, decodeError(twice).abortReason());
    }

    @Test
    void evenPresentationContextIdIsInvalid() {
        byte[] rq = rqBytes();
        int pc = indexOf(rq, new byte[] {0x20, 0, 0, 0x45});
        rq[pc + 4] = 2;
        PduDecodeException e = decodeError(rq);
        assertEquals(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, e.abortReason());
        assertTrue(e.getMessage().contains("Presentation-context-ID"), e.getMessage());
    }

    @Test
    void allSpacesCalledAeTitleIsInvalid() {
        byte[] rq = rqBytes();
        Arrays.fill(rq, 10, 26, (byte) ' ');
        PduDecodeException e = decodeError(rq);
        assertEquals(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, e.abortReason());
        assertEquals(10, e.offset());
        assertTrue(e.getMessage().contains("Called-AE-title"), e.getMessage());
    }

    @Test
    void maximumLengthSubItemOfWrongLengthIsInvalid() {
        byte[] rq = rqBytes();
        int ml = indexOf(rq, new byte[] {0x51, 0, 0, 4});
        rq[ml + 3] = 3;
        PduDecodeException e = decodeError(rq);
        assertEquals(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, e.abortReason());
    }

    @Test
    void unknownItemsAreKeptAndReEncoded() throws IOException {
        AAssociateRq rq = PduVectorsTest.simpleRq();
        AAssociateRq withUnknown = new AAssociateRq(rq.protocolVersion(), rq.calledAeTitle(), rq.callingAeTitle(),
                rq.applicationContext(), rq.presentationContexts(), rq.userInformation(),
                List.of(new UnknownItem(0x60, new byte[] {1, 2, 3})));
        byte[] b = PduEncoder.toBytes(withUnknown);
        assertEquals(rq.equals(withUnknown), false);
        assertEquals(withUnknown, decoder.decode(b));
    }

    @Test
    void unknownSubItemInPresentationContextIsSkipped() throws IOException {
        byte[] rq = rqBytes();
        int ts = indexOf(rq, new byte[] {0x40, 0, 0, 0x13});
        rq[ts] = 0x4F; // turn the first transfer syntax into an undefined sub-item type
        AAssociateRq decoded = (AAssociateRq) decoder.decode(rq);
        assertEquals(List.of(new TransferSyntaxSubItem(PduVectorsTest.IMPLICIT_LE)),
                decoded.presentationContexts().get(0).transferSyntaxes());
    }

    @Test
    void missingApplicationContextIsInvalid() {
        AAssociateRq rq = PduVectorsTest.simpleRq();
        byte[] b = PduEncoder.toBytes(rq);
        b[74] = 0x61; // Application Context Item becomes an unknown item
        PduDecodeException e = decodeError(b);
        assertTrue(e.getMessage().contains("Application Context"), e.getMessage());
    }

    @Test
    void truncatedPduIsEofNotDecodeError() {
        byte[] rq = rqBytes();
        for (int cut : new int[] {1, 5, 6, 40, rq.length - 1}) {
            PduTruncatedException e = assertThrows(PduTruncatedException.class,
                    () -> decoder.decode(Arrays.copyOf(rq, cut)), "cut at " + cut);
            assertEquals(false, e.atPduBoundary());
            assertEquals(PduType.A_ASSOCIATE_RQ, e.pduType());
            assertEquals(cut, e.offset());
        }
        PduTruncatedException clean = assertThrows(PduTruncatedException.class,
                () -> decoder.read(new ByteArrayInputStream(new byte[0])));
        assertTrue(clean.atPduBoundary());
        assertEquals(-1, clean.pduType());
    }

    @Test
    void pdvItemLengthBeyondPduIsInvalid() {
        byte[] p = Vectors.load("table-9-22_p-data-tf.hex");
        p[9] = 0x40; // first PDV Item-length
        PduDecodeException e = decodeError(p);
        assertEquals(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, e.abortReason());
        assertEquals(6, e.offset());
        p[9] = 1; // shorter than context ID + control header
        assertEquals(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, decodeError(p).abortReason());
    }

    @Test
    void trailingBytesAfterAPduAreReported() {
        byte[] r = {5, 0, 0, 0, 0, 4, 0, 0, 0, 0, 9};
        assertEquals(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, decodeError(r).abortReason());
    }

    @Test
    void aeTitleRules() {
        assertEquals("ECHOSCU", AeTitle.validate("  ECHOSCU   "));
        assertEquals("A B", AeTitle.validate("A B"));
        assertEquals("0123456789ABCDEF", AeTitle.validate("0123456789ABCDEF"));
        for (String bad : new String[] {"", "    ", "0123456789ABCDEFG", "A\\B", "A\tB", "A\u00e9", "A\u0000"}) {
            assertThrows(IllegalArgumentException.class, () -> AeTitle.validate(bad), bad);
            assertEquals(false, AeTitle.isValid(bad));
        }
        assertThrows(IllegalArgumentException.class,
                () -> AAssociateRq.builder("  ", "X").presentationContext("1.2", "1.2").build());
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
