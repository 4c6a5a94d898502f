package org.dicomsec.data;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The transfer syntaxes a user may name on the command line: a UID of PS3.6
 * table A-1, or a short name for the four uncompressed ones of PS3.5
 * section 10 and annex A ({@code explicit-le}, {@code implicit-le},
 * {@code explicit-be}, {@code deflated}) and their aliases.
 */
public final class TransferSyntaxNames {

    private static final Map<String, String> NAMES = new LinkedHashMap<>();
    private static final Map<String, String> TITLES = new LinkedHashMap<>();

    static {
        name(UID.ExplicitVRLittleEndian, "Explicit VR Little Endian", "explicit-le", "explicit", "ele",
                "explicit-little", "little-endian-explicit");
        name(UID.ImplicitVRLittleEndian, "Implicit VR Little Endian", "implicit-le", "implicit", "ile",
                "implicit-little", "little-endian-implicit");
        name(UID.ExplicitVRBigEndian, "Explicit VR Big Endian (retired)", "explicit-be", "ebe", "big-endian",
                "explicit-big", "big-endian-explicit");
        name(UID.DeflatedExplicitVRLittleEndian, "Deflated Explicit VR Little Endian", "deflated", "deflated-le",
                "deflate");
        TITLES.put(UID.JPEGBaseline8Bit, "JPEG Baseline (Process 1)");
        TITLES.put(UID.JPEGExtended12Bit, "JPEG Extended (Process 2 & 4)");
        TITLES.put(UID.JPEGLossless, "JPEG Lossless (Process 14)");
        TITLES.put(UID.JPEGLosslessSV1, "JPEG Lossless SV1");
        TITLES.put(UID.JPEGLSLossless, "JPEG-LS Lossless");
        TITLES.put(UID.JPEGLSNearLossless, "JPEG-LS Near-Lossless");
        TITLES.put(UID.JPEG2000Lossless, "JPEG 2000 Lossless");
        TITLES.put(UID.JPEG2000, "JPEG 2000");
        TITLES.put(UID.RLELossless, "RLE Lossless");
        TITLES.put(UID.EncapsulatedUncompressedExplicitVRLittleEndian, "Encapsulated Uncompressed Explicit VR LE");
    }

    private TransferSyntaxNames() {
    }

    private static void name(String uid, String title, String... names) {
        TITLES.put(uid, title);
        for (String n : names) {
            NAMES.put(n, uid);
        }
    }

    /**
     * The transfer syntax a user named (a short name, any case, or a UID known
     * to the codec).
     *
     * @throws IllegalArgumentException naming the value and the short names when it is neither
     */
    public static TransferSyntax resolve(String nameOrUid) {
        String s = nameOrUid.trim();
        String uid = NAMES.get(s.toLowerCase(Locale.ROOT));
        if (uid == null && TransferSyntax.isKnown(s)) {
            uid = s;
        }
        if (uid == null) {
            throw new IllegalArgumentException("unknown transfer syntax '" + nameOrUid + "': give a UID or one of "
                    + "explicit-le, implicit-le, explicit-be, deflated");
        }
        return TransferSyntax.of(uid);
    }

    /** "1.2.840.10008.1.2.1 (Explicit VR Little Endian)", or the UID alone when it has no title here. */
    public static String describe(String uid) {
        String t = TITLES.get(uid);
        return t == null ? uid : uid + " (" + t + ")";
    }

    /** The short names, for the help text. */
    public static String shortNames() {
        return "explicit-le (" + UID.ExplicitVRLittleEndian + "), implicit-le (" + UID.ImplicitVRLittleEndian
                + "), explicit-be (" + UID.ExplicitVRBigEndian + "), deflated ("
                + UID.DeflatedExplicitVRLittleEndian + ")";
    }
}
