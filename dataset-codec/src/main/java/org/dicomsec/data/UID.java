package org.dicomsec.data;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Unique identifiers of PS3.6 Annex A that the dicomsec stack uses by name,
 * this implementation's own identifiers, and a generator of new UIDs under the
 * 2.25 root (PS3.5 B.2: a UUID written as one decimal integer).
 */
public final class UID {

    private UID() {
    }

    // ---- transfer syntaxes (PS3.6 table A-1; PS3.5 section 10 and Annex A)
    public static final String ImplicitVRLittleEndian = "1.2.840.10008.1.2";
    public static final String ExplicitVRLittleEndian = "1.2.840.10008.1.2.1";
    public static final String EncapsulatedUncompressedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.98";
    public static final String DeflatedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.99";
    public static final String ExplicitVRBigEndian = "1.2.840.10008.1.2.2";
    public static final String JPEGBaseline8Bit = "1.2.840.10008.1.2.4.50";
    public static final String JPEGExtended12Bit = "1.2.840.10008.1.2.4.51";
    public static final String JPEGLossless = "1.2.840.10008.1.2.4.57";
    public static final String JPEGLosslessSV1 = "1.2.840.10008.1.2.4.70";
    public static final String JPEGLSLossless = "1.2.840.10008.1.2.4.80";
    public static final String JPEGLSNearLossless = "1.2.840.10008.1.2.4.81";
    public static final String JPEG2000Lossless = "1.2.840.10008.1.2.4.90";
    public static final String JPEG2000 = "1.2.840.10008.1.2.4.91";
    public static final String JPEG2000MCLossless = "1.2.840.10008.1.2.4.92";
    public static final String JPEG2000MC = "1.2.840.10008.1.2.4.93";
    public static final String JPIPReferenced = "1.2.840.10008.1.2.4.94";
    public static final String JPIPReferencedDeflate = "1.2.840.10008.1.2.4.95";
    public static final String MPEG2MPML = "1.2.840.10008.1.2.4.100";
    public static final String MPEG2MPHL = "1.2.840.10008.1.2.4.101";
    public static final String MPEG4HP41 = "1.2.840.10008.1.2.4.102";
    public static final String MPEG4HP41BD = "1.2.840.10008.1.2.4.103";
    public static final String MPEG4HP422D = "1.2.840.10008.1.2.4.104";
    public static final String MPEG4HP423D = "1.2.840.10008.1.2.4.105";
    public static final String MPEG4HP42STEREO = "1.2.840.10008.1.2.4.106";
    public static final String HEVCMP51 = "1.2.840.10008.1.2.4.107";
    public static final String HEVCM10P51 = "1.2.840.10008.1.2.4.108";
    public static final String JPEGXLLossless = "1.2.840.10008.1.2.4.110";
    public static final String JPEGXLJPEGRecompression = "1.2.840.10008.1.2.4.111";
    public static final String JPEGXL = "1.2.840.10008.1.2.4.112";
    public static final String HTJ2KLossless = "1.2.840.10008.1.2.4.201";
    public static final String HTJ2KLosslessRPCL = "1.2.840.10008.1.2.4.202";
    public static final String HTJ2K = "1.2.840.10008.1.2.4.203";
    public static final String JPIPHTJ2KReferenced = "1.2.840.10008.1.2.4.204";
    public static final String JPIPHTJ2KReferencedDeflate = "1.2.840.10008.1.2.4.205";
    public static final String RLELossless = "1.2.840.10008.1.2.5";
    public static final String SMPTEST211020UncompressedProgressiveActiveVideo = "1.2.840.10008.1.2.7.1";
    public static final String SMPTEST211020UncompressedInterlacedActiveVideo = "1.2.840.10008.1.2.7.2";
    public static final String SMPTEST211030PCMDigitalAudio = "1.2.840.10008.1.2.7.3";
    public static final String DeflatedImageFrameCompression = "1.2.840.10008.1.2.8.1";

    // ---- SOP classes and other UIDs the stack names
    public static final String Verification = "1.2.840.10008.1.1";
    public static final String StorageCommitmentPushModel = "1.2.840.10008.1.20.1";
    public static final String StorageCommitmentPushModelInstance = "1.2.840.10008.1.20.1.1";
    public static final String SecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7";
    public static final String CTImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    public static final String MRImageStorage = "1.2.840.10008.5.1.4.1.1.4";
    public static final String DICOMApplicationContext = "1.2.840.10008.3.1.1.1";

    /**
     * This implementation's Implementation Class UID (PS3.7 D.3.3.2, PS3.10 7.1):
     * 2.25 followed by a UUID generated once for dicomsec and fixed here.
     */
    public static final String ImplementationClassUID = "2.25.99357984029158487805378492184393386135";

    /** This implementation's Implementation Version Name (at most 16 characters, PS3.7 D.3.3.2). */
    public static final String ImplementationVersionName = "DICOMSEC_010";

    /** A new UID: "2.25." and a random (version 4) UUID as an unsigned decimal integer (PS3.5 B.2). */
    public static String randomUID() {
        UUID u = UUID.randomUUID();
        byte[] b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, b);
    }

    /** True when {@code uid} is a valid UID (PS3.5 9.1): at most 64 characters, digits and dots, no leading zero. */
    public static boolean isValid(String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > 64) {
            return false;
        }
        int start = 0;
        while (true) {
            int dot = uid.indexOf('.', start);
            int end = dot < 0 ? uid.length() : dot;
            if (end == start || (uid.charAt(start) == '0' && end - start > 1)) {
                return false;
            }
            for (int i = start; i < end; i++) {
                char c = uid.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            if (dot < 0) {
                return true;
            }
            start = dot + 1;
        }
    }
}
