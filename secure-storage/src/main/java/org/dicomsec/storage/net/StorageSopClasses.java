package org.dicomsec.storage.net;

import java.util.List;
import org.dicomsec.data.SopClassNames;
import org.dicomsec.data.UID;

/**
 * The Storage SOP Classes (PS3.4 B.5, UIDs of PS3.6 annex A) and transfer
 * syntaxes the Online Electronic Storage SCP serves unless configured otherwise.
 */
public final class StorageSopClasses {

    private StorageSopClasses() {
    }

    /**
     * Every storage SOP class of the standard ({@link SopClassNames#storage()}: PS3.4 annex B and the
     * non-patient objects stored by C-STORE, retired ones included), as DCMTK's storescp accepts the
     * storage classes it knows: a study's RT, SR, waveform or segmentation instances beside its images.
     * The default of {@link OnlineStorageScp}.
     */
    public static final List<String> STANDARD = SopClassNames.storage();

    /** Common image storage SOP classes. */
    public static final List<String> COMMON_IMAGES = List.of(
            "1.2.840.10008.5.1.4.1.1.1",       // Computed Radiography Image Storage
            "1.2.840.10008.5.1.4.1.1.1.1",     // Digital X-Ray Image Storage - For Presentation
            "1.2.840.10008.5.1.4.1.1.1.1.1",   // Digital X-Ray Image Storage - For Processing
            "1.2.840.10008.5.1.4.1.1.1.2",     // Digital Mammography X-Ray Image Storage - For Presentation
            "1.2.840.10008.5.1.4.1.1.1.2.1",   // Digital Mammography X-Ray Image Storage - For Processing
            UID.CTImageStorage,                // 1.2.840.10008.5.1.4.1.1.2
            "1.2.840.10008.5.1.4.1.1.2.1",     // Enhanced CT Image Storage
            "1.2.840.10008.5.1.4.1.1.3.1",     // Ultrasound Multi-frame Image Storage
            UID.MRImageStorage,                // 1.2.840.10008.5.1.4.1.1.4
            "1.2.840.10008.5.1.4.1.1.4.1",     // Enhanced MR Image Storage
            "1.2.840.10008.5.1.4.1.1.6.1",     // Ultrasound Image Storage
            UID.SecondaryCaptureImageStorage,  // 1.2.840.10008.5.1.4.1.1.7
            "1.2.840.10008.5.1.4.1.1.7.1",     // Multi-frame Single Bit Secondary Capture Image Storage
            "1.2.840.10008.5.1.4.1.1.7.2",     // Multi-frame Grayscale Byte Secondary Capture Image Storage
            "1.2.840.10008.5.1.4.1.1.7.3",     // Multi-frame Grayscale Word Secondary Capture Image Storage
            "1.2.840.10008.5.1.4.1.1.7.4",     // Multi-frame True Color Secondary Capture Image Storage
            "1.2.840.10008.5.1.4.1.1.12.1",    // X-Ray Angiographic Image Storage
            "1.2.840.10008.5.1.4.1.1.12.2",    // X-Ray Radiofluoroscopic Image Storage
            "1.2.840.10008.5.1.4.1.1.20",      // Nuclear Medicine Image Storage
            "1.2.840.10008.5.1.4.1.1.128",     // Positron Emission Tomography Image Storage
            "1.2.840.10008.5.1.4.1.1.481.1",   // RT Image Storage
            "1.2.840.10008.5.1.4.1.1.77.1.4"); // VL Photographic Image Storage

    /**
     * Transfer syntaxes accepted for storage, preferred first: the uncompressed ones, then the common
     * encapsulated (compressed) ones, as {@code dicomsec scp} accepts them. A data set in any of them is
     * stored as received, byte for byte but the controlled attributes (rules f-h), its fragments
     * opaque (never decompressed), so the read-back check of rules d.3 and e.4 compares the stored
     * bytes with the received ones whatever the syntax.
     * Deflated Explicit VR Little Endian is left out on purpose: its data set is inflated, decoded and
     * deflated again to be stored, so the stored bytes are not the received ones and that check
     * cannot be made; it can be added by configuration ({@link OnlineStorageScp.Builder#transferSyntaxes}).
     */
    public static final List<String> TRANSFER_SYNTAXES = List.of(UID.ExplicitVRLittleEndian,
            UID.ImplicitVRLittleEndian, UID.ExplicitVRBigEndian, UID.JPEGBaseline8Bit, UID.JPEGExtended12Bit,
            UID.JPEGLossless, UID.JPEGLosslessSV1, UID.JPEGLSLossless, UID.JPEGLSNearLossless,
            UID.JPEG2000Lossless, UID.JPEG2000, UID.RLELossless, UID.HTJ2KLossless, UID.HTJ2KLosslessRPCL,
            UID.HTJ2K);

    /** Transfer syntaxes of the Storage Commitment and Verification contexts. */
    public static final List<String> COMMAND_TRANSFER_SYNTAXES = List.of(UID.ExplicitVRLittleEndian,
            UID.ImplicitVRLittleEndian);
}
