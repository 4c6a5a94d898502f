package org.dicomsec.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * DIMSE command sets (PS3.7 section 6.3 and Annex E): group 0000 elements,
 * always Implicit VR Little Endian, led by Command Group Length (0000,0000),
 * which {@link #encode(Dataset)} computes. The VRs of the command elements
 * are those of PS3.7 table E.1-1, known here without the dictionary.
 */
public final class CommandSet {

    private CommandSet() {
    }

    private static final Map<Integer, VR> VRS = new HashMap<>();

    static {
        // PS3.7 table E.1-1 (and the retired elements of E.2-1 still met)
        VRS.put(Tag.CommandGroupLength, VR.UL);
        VRS.put(Tag.AffectedSOPClassUID, VR.UI);
        VRS.put(Tag.RequestedSOPClassUID, VR.UI);
        VRS.put(Tag.CommandField, VR.US);
        VRS.put(Tag.MessageID, VR.US);
        VRS.put(Tag.MessageIDBeingRespondedTo, VR.US);
        VRS.put(Tag.MoveDestination, VR.AE);
        VRS.put(Tag.Priority, VR.US);
        VRS.put(Tag.CommandDataSetType, VR.US);
        VRS.put(Tag.Status, VR.US);
        VRS.put(Tag.OffendingElement, VR.AT);
        VRS.put(Tag.ErrorComment, VR.LO);
        VRS.put(Tag.ErrorID, VR.US);
        VRS.put(Tag.AffectedSOPInstanceUID, VR.UI);
        VRS.put(Tag.RequestedSOPInstanceUID, VR.UI);
        VRS.put(Tag.EventTypeID, VR.US);
        VRS.put(Tag.AttributeIdentifierList, VR.AT);
        VRS.put(Tag.ActionTypeID, VR.US);
        VRS.put(Tag.NumberOfRemainingSuboperations, VR.US);
        VRS.put(Tag.NumberOfCompletedSuboperations, VR.US);
        VRS.put(Tag.NumberOfFailedSuboperations, VR.US);
        VRS.put(Tag.NumberOfWarningSuboperations, VR.US);
        VRS.put(Tag.MoveOriginatorApplicationEntityTitle, VR.AE);
        VRS.put(Tag.MoveOriginatorMessageID, VR.US);
    }

    /** The VR of a command element of PS3.7 table E.1-1, or null. */
    public static VR vrOf(int tag) {
        return VRS.get(tag);
    }

    /** Largest command set accepted by {@link #decode} (a command set is a few hundred bytes). */
    public static final int MAX_LENGTH = 64 * 1024;

    /**
     * Encodes the group 0000 elements of {@code command} in Implicit VR Little
     * Endian, with Command Group Length (0000,0000) computed and written first
     * (any given value is replaced).
     */
    public static byte[] encode(Dataset command) {
        Dataset body = new Dataset();
        for (Element e : command) {
            if ((e.tag() >>> 16) != 0) {
                throw new IllegalArgumentException("not a command element: " + Tag.toString(e.tag()));
            }
            if (e.tag() != Tag.CommandGroupLength) {
                body.put(e);
            }
        }
        long len = EncodedLength.dataset(body, false);
        Dataset all = new Dataset();
        all.setInt(Tag.CommandGroupLength, VR.UL, (int) len);
        for (Element e : body) {
            all.put(e);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) len + 12);
        try {
            // a small buffer: this runs for every DIMSE message (PS3.7 6.3.1), 64 KiB each was most of their allocation
            DicomWriter w = new DicomWriter(bytes, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, 512);
            w.writeDataset(all);
            w.finish();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** Decodes a command set (Implicit VR Little Endian) from its bytes. */
    public static Dataset decode(byte[] bytes) throws DicomCodecException {
        return decode(bytes, 0, bytes.length);
    }

    /** Decodes a command set from {@code len} bytes at {@code off}. */
    public static Dataset decode(byte[] bytes, int off, int len) throws DicomCodecException {
        if (len > MAX_LENGTH) {
            throw new DicomCodecException("command set of " + len + " bytes exceeds " + MAX_LENGTH, 0, -1);
        }
        try {
            return read(new ByteArrayInputStream(bytes, off, len), len);
        } catch (DicomCodecException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomCodecException("unreadable command set: " + e.getMessage(), 0, -1, e);
        }
    }

    /** Reads a command set of exactly {@code length} bytes from {@code in}. */
    public static Dataset read(InputStream in, long length) throws IOException {
        DicomReader r = new DicomReader(in, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                ReadLimits.DEFAULT.withStreamLength(length).withMaxValueLength(MAX_LENGTH), 0);
        Dataset ds = r.readDataset();
        for (Element e : ds) {
            if ((e.tag() >>> 16) != 0) {
                throw new DicomCodecException("element outside group 0000 in a command set", -1, e.tag());
            }
        }
        return ds;
    }
}
