package org.dicomsec.ul.pdu;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes PDUs of PS3.8 section 9.3, bounds first.
 * <p>
 * Limits, checked on the 6-byte header before any allocation:
 * <ul>
 * <li>P-DATA-TF: the PDU length field must not exceed {@link #maxPDataTfLength()}, the Maximum
 * Length this side announced (PS3.8 D.1: it bounds exactly the P-DATA-TF variable field);
 * default {@value #DEFAULT_MAX_PDATA_TF_LENGTH}; 0 means unlimited as in D.1 (then only the
 * streaming {@link PduReader#nextPdv()} path is bounded; materialising is capped at what a Java
 * array holds and grows only with the bytes actually received).</li>
 * <li>A-ASSOCIATE-RQ/AC: at most {@link #maxAssociatePduLength()}, default
 * {@value #DEFAULT_MAX_ASSOCIATE_PDU_LENGTH} bytes — PS3.8 sets no limit; 64 KiB holds 128
 * presentation contexts with several transfer syntaxes each many times over.</li>
 * <li>A-ASSOCIATE-RJ, A-RELEASE-RQ/RP, A-ABORT: exactly 4 (their fixed length).</li>
 * </ul>
 * Failures are {@link PduDecodeException}s carrying the A-ABORT reason of PS3.8 table 9-26:
 * 1 unrecognized-PDU for an unknown PDU type, 5 unexpected-PDU parameter for a defined item in
 * the wrong place or repeated, 6 invalid-PDU-parameter value for lengths that disagree with
 * what encloses them or with the configured maximum and for field values out of range. Items
 * of unknown type are kept ({@link UnknownItem}, {@link UnknownSubItem}) or, inside a
 * presentation context, skipped (PS3.8 9.3.1 allows receivers to ignore them). The end of the
 * stream before a whole PDU is a {@link PduTruncatedException} (Evt17).
 * <p>
 * Instances are immutable and thread-safe.
 */
public final class PduDecoder {
    /** Default bound for P-DATA-TF PDU lengths: 16 KiB, a common announced Maximum Length. */
    public static final long DEFAULT_MAX_PDATA_TF_LENGTH = 16_384;
    /** Default bound for A-ASSOCIATE-RQ/AC PDU lengths: 64 KiB. */
    public static final int DEFAULT_MAX_ASSOCIATE_PDU_LENGTH = 65_536;
    /** Largest PDU body that can be materialised as a record. */
    static final long MATERIALISE_CAP = Integer.MAX_VALUE - 64;

    private final long maxPDataTfLength;
    private final int maxAssociatePduLength;

    /** A decoder with the default limits. */
    public PduDecoder() {
        this(DEFAULT_MAX_PDATA_TF_LENGTH, DEFAULT_MAX_ASSOCIATE_PDU_LENGTH);
    }

    /**
     * @param maxPDataTfLength      the Maximum Length announced to the peer (0 = unlimited)
     * @param maxAssociatePduLength bound for A-ASSOCIATE-RQ/AC PDU lengths (at least 68)
     */
    public PduDecoder(long maxPDataTfLength, int maxAssociatePduLength) {
        if (maxPDataTfLength < 0 || maxPDataTfLength > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("maximum length is unsigned 32-bit: " + maxPDataTfLength);
        }
        if (maxAssociatePduLength < 68) {
            throw new IllegalArgumentException("A-ASSOCIATE PDUs need at least 68 bytes: " + maxAssociatePduLength);
        }
        this.maxPDataTfLength = maxPDataTfLength;
        this.maxAssociatePduLength = maxAssociatePduLength;
    }

    /** A decoder like this one with another P-DATA-TF bound (after negotiation). */
    public PduDecoder withMaxPDataTfLength(long max) {
        return new PduDecoder(max, maxAssociatePduLength);
    }

    public long maxPDataTfLength() {
        return maxPDataTfLength;
    }

    public int maxAssociatePduLength() {
        return maxAssociatePduLength;
    }

    /** Reads one whole PDU from {@code in} (convenience; a connection should keep one {@link PduReader}). */
    public Pdu read(InputStream in) throws IOException {
        return new PduReader(in, this).read();
    }

    /**
     * Decodes exactly one PDU occupying {@code b[off..off+len)}.
     *
     * @throws PduTruncatedException if the bytes end before the PDU does
     * @throws PduDecodeException    if the PDU is invalid or bytes follow it
     */
    public Pdu decode(byte[] b, int off, int len) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(b, off, len);
        PduReader r = new PduReader(in, this);
        Pdu pdu = r.read();
        if (in.available() > 0) {
            throw new PduDecodeException(in.available() + " bytes follow the PDU", pdu.pduType(),
                    len - in.available(), AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
        }
        return pdu;
    }

    /** {@link #decode(byte[], int, int)} of a whole array. */
    public Pdu decode(byte[] b) throws IOException {
        return decode(b, 0, b.length);
    }

    /** Checks a PDU header (PS3.8 9.3.1) against the PDU types and the limits. */
    void checkHeader(int type, long length) throws PduDecodeException {
        switch (type) {
            case PduType.A_ASSOCIATE_RQ, PduType.A_ASSOCIATE_AC -> {
                if (length < 68) {
                    throw lengthError(type, "PDU-length " + length + " is shorter than the 68 bytes of fixed fields");
                }
                if (length > maxAssociatePduLength) {
                    throw lengthError(type, "PDU-length " + length + " exceeds the configured maximum "
                            + maxAssociatePduLength);
                }
            }
            case PduType.P_DATA_TF -> {
                if (length < 6) {
                    throw lengthError(type, "PDU-length " + length + " cannot hold one PDV item (6 bytes)");
                }
                if (maxPDataTfLength != 0 && length > maxPDataTfLength) {
                    throw lengthError(type, "PDU-length " + length + " exceeds the maximum length " + maxPDataTfLength
                            + " announced to the peer (PS3.8 D.1)");
                }
            }
            case PduType.A_ASSOCIATE_RJ, PduType.A_RELEASE_RQ, PduType.A_RELEASE_RP, PduType.A_ABORT -> {
                if (length != 4) {
                    throw lengthError(type, "PDU-length " + length + " is not the fixed length 4");
                }
            }
            default -> throw new PduDecodeException(String.format("PDU-type 0x%02X is not defined by PS3.8 9.3", type),
                    type, 0, AAbort.REASON_UNRECOGNIZED_PDU);
        }
    }

    private static PduDecodeException lengthError(int type, String message) {
        return new PduDecodeException(message, type, 2, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
    }

    /** Decodes the variable part of a PDU (everything after its 6-byte header). */
    Pdu decodeBody(int type, byte[] body, int len) throws PduDecodeException {
        Cursor c = new Cursor(type, body, 0, len, PduType.HEADER_LENGTH);
        try {
            return switch (type) {
                case PduType.A_ASSOCIATE_RQ, PduType.A_ASSOCIATE_AC -> AssociateDecoder.decode(c);
                case PduType.P_DATA_TF -> decodePData(c);
                case PduType.A_ASSOCIATE_RJ -> {
                    c.skipReserved(1, "reserved byte 7"); // PS3.8 table 9-21: not tested on receipt
                    yield new AAssociateRj(c.u8("Result"), c.u8("Source"), c.u8("Reason/Diag."));
                }
                case PduType.A_RELEASE_RQ -> {
                    c.skipReserved(4, "reserved bytes 7-10"); // PS3.8 table 9-24: not tested
                    yield AReleaseRq.INSTANCE;
                }
                case PduType.A_RELEASE_RP -> {
                    c.skipReserved(4, "reserved bytes 7-10"); // PS3.8 table 9-25: not tested
                    yield AReleaseRp.INSTANCE;
                }
                case PduType.A_ABORT -> {
                    c.skipReserved(2, "reserved bytes 7-8"); // PS3.8 table 9-26: not tested
                    yield new AAbort(c.u8("Source"), c.u8("Reason/Diag."));
                }
                default -> throw c.error("unknown PDU type", AAbort.REASON_UNRECOGNIZED_PDU);
            };
        } catch (IllegalArgumentException e) {
            // a value the records refuse (checked explicitly where it matters; this is the safety net)
            throw c.invalid(e.getMessage());
        }
    }

    private static PDataTf decodePData(Cursor c) throws PduDecodeException {
        java.util.List<PresentationDataValue> values = new java.util.ArrayList<>();
        while (c.remaining() > 0) {
            long at = c.offset();
            long itemLength = c.u32("PDV Item-length");
            if (itemLength < 2) {
                throw new PduDecodeException("PDV Item-length " + itemLength
                        + " is less than 2 (context ID and control header)", c.pduType, at,
                        AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
            }
            if (itemLength > c.remaining()) {
                throw new PduDecodeException("PDV Item-length " + itemLength + " exceeds the " + c.remaining()
                        + " bytes left in the PDU", c.pduType, at, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
            }
            int pcid = c.u8("Presentation-context-ID");
            int mch = c.u8("Message Control Header");
            values.add(new PresentationDataValue(pcid, mch, c.bytes((int) itemLength - 2, "PDV data")));
        }
        return new PDataTf(values);
    }
}
