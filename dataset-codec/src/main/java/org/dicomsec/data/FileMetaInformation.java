package org.dicomsec.data;

/**
 * The File Meta Information of a DICOM file (PS3.10 section 7.1): group 0002,
 * always Explicit VR Little Endian, led by its group length.
 */
public final class FileMetaInformation {

    private FileMetaInformation() {
    }

    /** (0002,0001): version 1, the bytes 00H 01H. */
    static final byte[] VERSION = {0, 1};

    /**
     * A new File Meta Information for an instance: Media Storage SOP Class and
     * Instance UIDs, Transfer Syntax UID, and this implementation's class UID
     * and version name (the group length is added on writing).
     */
    public static Dataset create(String sopClassUID, String sopInstanceUID, String transferSyntaxUID) {
        Dataset fmi = new Dataset();
        fmi.setBytes(Tag.FileMetaInformationVersion, VR.OB, VERSION);
        fmi.setString(Tag.MediaStorageSOPClassUID, VR.UI, sopClassUID);
        fmi.setString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstanceUID);
        fmi.setString(Tag.TransferSyntaxUID, VR.UI, transferSyntaxUID);
        fmi.setString(Tag.ImplementationClassUID, VR.UI, UID.ImplementationClassUID);
        fmi.setString(Tag.ImplementationVersionName, VR.SH, UID.ImplementationVersionName);
        return fmi;
    }

    /** A File Meta Information for {@code dataset}, its SOP Class and Instance UIDs taken from it. */
    public static Dataset createFor(Dataset dataset, String transferSyntaxUID) {
        return create(dataset.getString(Tag.SOPClassUID, ""), dataset.getString(Tag.SOPInstanceUID, ""),
                transferSyntaxUID);
    }

    /**
     * The File Meta Information as this implementation writes it (PS3.10 7.1):
     * the elements of {@code fmi} with version 00 01, this implementation's class UID
     * and version name, and (0002,0000) computed. {@code fmi} is not changed.
     */
    public static Dataset forWriting(Dataset fmi) {
        Dataset out = new Dataset();
        for (Element e : fmi) {
            if ((e.tag() >>> 16) != 0x0002) {
                throw new IllegalArgumentException("not a File Meta Information element: " + Tag.toString(e.tag()));
            }
            if (e.tag() != Tag.FileMetaInformationGroupLength) {
                out.put(e.inByteOrder(false));
            }
        }
        out.setBytes(Tag.FileMetaInformationVersion, VR.OB, VERSION);
        out.setString(Tag.ImplementationClassUID, VR.UI, UID.ImplementationClassUID);
        out.setString(Tag.ImplementationVersionName, VR.SH, UID.ImplementationVersionName);
        if (!out.contains(Tag.TransferSyntaxUID)) {
            throw new IllegalArgumentException("File Meta Information without Transfer Syntax UID (0002,0010)");
        }
        long len = EncodedLength.dataset(out, true);
        out.setInt(Tag.FileMetaInformationGroupLength, VR.UL, (int) len);
        return out;
    }

    /** The transfer syntax (0002,0010) names, or null when absent. */
    public static TransferSyntax transferSyntaxOf(Dataset fmi) {
        String uid = fmi.getString(Tag.TransferSyntaxUID);
        return uid == null || uid.isEmpty() ? null : TransferSyntax.of(uid);
    }
}
