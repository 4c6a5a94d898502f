package org.dicomsec.ul.pdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each PDU and item, built by hand, encodes to the bytes written from the standard's tables
 * (src/test/resources/vectors/pdu, named after the table), and those bytes decode back to it.
 */
class PduVectorsTest {
    static final String VERIFICATION = "1.2.840.10008.1.1";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";

    private static void check(String vector, Pdu expected) throws Exception {
        byte[] bytes = Vectors.load(vector);
        assertArrayEquals(bytes, PduEncoder.toBytes(expected), "encoding of " + vector);
        assertEquals(bytes.length, PduEncoder.length(expected));
        assertEquals(expected, new PduDecoder().decode(bytes), "decoding of " + vector);
        byte[] buf = new byte[bytes.length + 10];
        assertEquals(bytes.length + 3, PduEncoder.encode(expected, buf, 3));
        assertArrayEquals(bytes, java.util.Arrays.copyOfRange(buf, 3, 3 + bytes.length));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new PduEncoder().write(expected, out);
        assertArrayEquals(bytes, out.toByteArray());
    }

    static AAssociateRq simpleRq() {
        return AAssociateRq.builder("STORESCP", "ECHOSCU")
                .presentationContext(VERIFICATION, EXPLICIT_LE, IMPLICIT_LE)
                .maximumLength(16384)
                .implementation("1.2.3.4.5", "DICOMSEC_01")
                .build();
    }

    @Test
    void aAssociateRqTable9_11() throws Exception {
        AAssociateRq rq = simpleRq();
        check("table-9-11_a-associate-rq.hex", rq);
        assertEquals(16384, rq.userInformation().maximumLength().getAsLong());
        assertEquals("1.2.3.4.5", rq.userInformation().implementationClassUid().orElseThrow());
        assertEquals(ApplicationContextItem.DICOM_APPLICATION_CONTEXT, rq.applicationContext().name());
    }

    @Test
    void aAssociateRqWithAnnexD3SubItems() throws Exception {
        AAssociateRq rq = new AAssociateRq(1, "ARCHIVE", "MODALITY 1", ApplicationContextItem.DICOM,
                List.of(PresentationContextRqItem.of(1, VERIFICATION, EXPLICIT_LE, IMPLICIT_LE)),
                UserInformationItem.of(
                        new MaximumLength(0),
                        new AsynchronousOperationsWindow(5, 0),
                        new ScpScuRoleSelection(VERIFICATION, true, false),
                        new SopClassExtendedNegotiation("1.2.840.10008.5.1.4.1.2.1", new byte[] {1, 0, 1}),
                        new SopClassCommonExtendedNegotiation("1.2.840.10008.5.1.4.1.1.88.22", "1.2.840.10008.4.2",
                                List.of("1.2.840.10008.5.1.4.1.1.88.11")),
                        new UserIdentityRq(UserIdentityRq.TYPE_USERNAME_AND_PASSCODE, 1,
                                "alice".getBytes(StandardCharsets.UTF_8), "s3cret".getBytes(StandardCharsets.UTF_8)),
                        new UnknownSubItem(0x3F, new byte[] {(byte) 0xCA, (byte) 0xFE})),
                List.of());
        check("table-9-11_annex-D3_a-associate-rq-extended.hex", rq);
        assertEquals(true, rq.userInformation().maximumLength().isPresent());
        assertEquals(0, rq.userInformation().maximumLength().getAsLong());
        assertEquals(1, rq.userInformation().roleSelections().size());
        assertEquals(false, rq.userInformation().userIdentityRq().orElseThrow().toString().contains("s3cret"),
                "toString must not show the passcode");
    }

    @Test
    void aAssociateAcTable9_17() throws Exception {
        AAssociateAc ac = AAssociateAc.builder(simpleRq())
                .accept(1, EXPLICIT_LE)
                .reject(3, PresentationContextAcItem.RESULT_ABSTRACT_SYNTAX_NOT_SUPPORTED)
                .maximumLength(32768)
                .implementation("1.2.3.4.5", null)
                .subItem(new UserIdentityAc("tok".getBytes(StandardCharsets.US_ASCII)))
                .build();
        check("table-9-17_a-associate-ac.hex", ac);
        assertEquals(EXPLICIT_LE, ac.presentationContext(1).transferSyntax().name());
        assertEquals(null, ac.presentationContext(3).transferSyntax());
        assertEquals(false, ac.presentationContext(3).accepted());
    }

    @Test
    void aAssociateRjTable9_21() throws Exception {
        AAssociateRj rj = new AAssociateRj(AAssociateRj.RESULT_REJECTED_PERMANENT, AAssociateRj.SOURCE_SERVICE_USER,
                AAssociateRj.REASON_CALLED_AE_TITLE_NOT_RECOGNIZED);
        check("table-9-21_a-associate-rj.hex", rj);
        assertEquals("called-AE-title-not-recognized", AAssociateRj.reasonName(1, 7));
    }

    @Test
    void pDataTfTable9_22() throws Exception {
        PDataTf p = new PDataTf(List.of(PresentationDataValue.of(1, true, true, new byte[4]),
                PresentationDataValue.of(1, false, false, new byte[] {(byte) 0xAA, (byte) 0xBB, (byte) 0xCC})));
        check("table-9-22_p-data-tf.hex", p);
        assertEquals(true, p.values().get(0).isCommand());
        assertEquals(true, p.values().get(0).isLastFragment());
        assertEquals(false, p.values().get(1).isCommand());
        assertEquals((4 + 2 + 4) + (4 + 2 + 3), p.variableFieldLength());
    }

    @Test
    void releaseAndAbortTables9_24_to_9_26() throws Exception {
        check("table-9-24_a-release-rq.hex", AReleaseRq.INSTANCE);
        check("table-9-25_a-release-rp.hex", AReleaseRp.INSTANCE);
        AAbort abort = AAbort.serviceProvider(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
        check("table-9-26_a-abort.hex", abort);
        assertEquals("invalid-PDU-parameter value", AAbort.reasonName(abort.reason()));
    }
}
