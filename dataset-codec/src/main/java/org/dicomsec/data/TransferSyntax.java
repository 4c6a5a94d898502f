package org.dicomsec.data;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A transfer syntax as the codec sees it (PS3.5 section 10): whether VRs are
 * explicit, the byte order, whether the data set is deflated (PS3.5 A.5), and
 * whether Pixel Data may be encapsulated in fragments (PS3.5 A.4).
 *
 * <p>{@link #of(String)} knows every transfer syntax of PS3.6 table A-1; a UID it
 * does not know is taken as an encapsulated syntax in Explicit VR Little
 * Endian, which is what every compressed transfer syntax defined so far uses.
 *
 * @param uid          the Transfer Syntax UID
 * @param explicitVR   true when each element carries its VR (PS3.5 7.1.2)
 * @param bigEndian    true for big endian byte ordering (PS3.5 7.3)
 * @param deflated     true when the data set is deflated (RFC 1951, no zlib header)
 * @param encapsulated true when Pixel Data may be encapsulated (PS3.5 A.4)
 */
public record TransferSyntax(String uid, boolean explicitVR, boolean bigEndian, boolean deflated,
                             boolean encapsulated) {

    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax(UID.ImplicitVRLittleEndian, false, false, false, false);
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax(UID.ExplicitVRLittleEndian, true, false, false, false);
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
            new TransferSyntax(UID.ExplicitVRBigEndian, true, true, false, false);
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax(UID.DeflatedExplicitVRLittleEndian, true, false, true, false);

    private static final Map<String, TransferSyntax> KNOWN = new HashMap<>();

    static {
        for (TransferSyntax ts : new TransferSyntax[] {IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN,
                EXPLICIT_VR_BIG_ENDIAN, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN}) {
            KNOWN.put(ts.uid(), ts);
        }
        // Native pixel data, Explicit VR Little Endian (JPIP: pixel data referenced, PS3.5 A.6;
        // SMPTE ST 2110: PS3.5 A.9-A.11)
        for (String uid : new String[] {UID.JPIPReferenced, UID.JPIPHTJ2KReferenced,
                UID.SMPTEST211020UncompressedProgressiveActiveVideo,
                UID.SMPTEST211020UncompressedInterlacedActiveVideo, UID.SMPTEST211030PCMDigitalAudio}) {
            KNOWN.put(uid, new TransferSyntax(uid, true, false, false, false));
        }
        // Deflated data set, pixel data referenced (PS3.5 A.7)
        for (String uid : new String[] {UID.JPIPReferencedDeflate, UID.JPIPHTJ2KReferencedDeflate}) {
            KNOWN.put(uid, new TransferSyntax(uid, true, false, true, false));
        }
        // Encapsulated: JPEG processes 1-29 (.50-.66, the retired ones included), JPEG lossless SV1,
        // JPEG-LS, JPEG 2000, MPEG-2/4, HEVC, JPEG XL, HTJ2K, RLE, encapsulated uncompressed,
        // deflated image frames
        for (int p = 50; p <= 66; p++) {
            encapsulated("1.2.840.10008.1.2.4." + p);
        }
        for (String uid : new String[] {UID.JPEGLosslessSV1, UID.JPEGLSLossless, UID.JPEGLSNearLossless,
                UID.JPEG2000Lossless, UID.JPEG2000, UID.JPEG2000MCLossless, UID.JPEG2000MC,
                UID.JPEGXLLossless, UID.JPEGXLJPEGRecompression, UID.JPEGXL,
                UID.HTJ2KLossless, UID.HTJ2KLosslessRPCL, UID.HTJ2K, UID.RLELossless,
                UID.EncapsulatedUncompressedExplicitVRLittleEndian, UID.DeflatedImageFrameCompression}) {
            encapsulated(uid);
        }
        for (int p = 100; p <= 108; p++) {
            encapsulated("1.2.840.10008.1.2.4." + p);
            if (p <= 106) {
                encapsulated("1.2.840.10008.1.2.4." + p + ".1"); // fragmentable MPEG variants
            }
        }
    }

    private static void encapsulated(String uid) {
        KNOWN.put(uid, new TransferSyntax(uid, true, false, false, true));
    }

    public TransferSyntax {
        Objects.requireNonNull(uid, "uid");
    }

    /**
     * The transfer syntax with this UID; an unknown (e.g. private) UID gives an
     * encapsulated Explicit VR Little Endian syntax with that UID.
     */
    public static TransferSyntax of(String uid) {
        String u = Objects.requireNonNull(uid, "uid").trim();
        TransferSyntax ts = KNOWN.get(u);
        return ts != null ? ts : new TransferSyntax(u, true, false, false, true);
    }

    /** True when {@code uid} is a transfer syntax of PS3.6 table A-1 known to this codec. */
    public static boolean isKnown(String uid) {
        return uid != null && KNOWN.containsKey(uid.trim());
    }
}
