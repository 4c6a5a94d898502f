package org.dicomsec.data;

/**
 * Data element tags (PS3.5 section 7.1) as 32-bit ints: group in the high 16
 * bits, element number in the low 16. Tags sort as unsigned numbers
 * ({@link #compare(int, int)}); group FFFE (items and delimiters) is above
 * every data element.
 *
 * <p>The constants are the tags the dicomsec stack uses by name; the full list
 * of PS3.6 is in {@link ElementDictionary}. Names are the PS3.6 / PS3.7 keywords.
 */
public final class Tag {

    private Tag() {
    }

    // ---- PS3.7 E.1: command elements (group 0000), Implicit VR Little Endian
    public static final int CommandGroupLength = 0x00000000;
    public static final int AffectedSOPClassUID = 0x00000002;
    public static final int RequestedSOPClassUID = 0x00000003;
    public static final int CommandField = 0x00000100;
    public static final int MessageID = 0x00000110;
    public static final int MessageIDBeingRespondedTo = 0x00000120;
    public static final int MoveDestination = 0x00000600;
    public static final int Priority = 0x00000700;
    public static final int CommandDataSetType = 0x00000800;
    public static final int Status = 0x00000900;
    public static final int OffendingElement = 0x00000901;
    public static final int ErrorComment = 0x00000902;
    public static final int ErrorID = 0x00000903;
    public static final int AffectedSOPInstanceUID = 0x00001000;
    public static final int RequestedSOPInstanceUID = 0x00001001;
    public static final int EventTypeID = 0x00001002;
    public static final int AttributeIdentifierList = 0x00001005;
    public static final int ActionTypeID = 0x00001008;
    public static final int NumberOfRemainingSuboperations = 0x00001020;
    public static final int NumberOfCompletedSuboperations = 0x00001021;
    public static final int NumberOfFailedSuboperations = 0x00001022;
    public static final int NumberOfWarningSuboperations = 0x00001023;
    public static final int MoveOriginatorApplicationEntityTitle = 0x00001030;
    public static final int MoveOriginatorMessageID = 0x00001031;

    // ---- PS3.10 7.1: File Meta Information (group 0002), Explicit VR Little Endian
    public static final int FileMetaInformationGroupLength = 0x00020000;
    public static final int FileMetaInformationVersion = 0x00020001;
    public static final int MediaStorageSOPClassUID = 0x00020002;
    public static final int MediaStorageSOPInstanceUID = 0x00020003;
    public static final int TransferSyntaxUID = 0x00020010;
    public static final int ImplementationClassUID = 0x00020012;
    public static final int ImplementationVersionName = 0x00020013;
    public static final int SourceApplicationEntityTitle = 0x00020016;
    public static final int SendingApplicationEntityTitle = 0x00020017;
    public static final int ReceivingApplicationEntityTitle = 0x00020018;
    public static final int SourcePresentationAddress = 0x00020026;
    public static final int SendingPresentationAddress = 0x00020027;
    public static final int ReceivingPresentationAddress = 0x00020028;
    public static final int PrivateInformationCreatorUID = 0x00020100;
    public static final int PrivateInformation = 0x00020102;

    // ---- common data set attributes
    public static final int SpecificCharacterSet = 0x00080005;
    public static final int ImageType = 0x00080008;
    public static final int InstanceCreationDate = 0x00080012;
    public static final int InstanceCreationTime = 0x00080013;
    public static final int InstanceCreatorUID = 0x00080014;
    public static final int SOPClassUID = 0x00080016;
    public static final int SOPInstanceUID = 0x00080018;
    public static final int StudyDate = 0x00080020;
    public static final int StudyTime = 0x00080030;
    public static final int AccessionNumber = 0x00080050;
    public static final int Modality = 0x00080060;
    public static final int Manufacturer = 0x00080070;
    public static final int ReferencedSOPClassUID = 0x00081150;
    public static final int ReferencedSOPInstanceUID = 0x00081155;
    public static final int ReferencedSOPSequence = 0x00081199;
    public static final int FailedSOPSequence = 0x00081198;
    public static final int FailureReason = 0x00081197;
    public static final int PatientName = 0x00100010;
    public static final int PatientID = 0x00100020;
    public static final int PatientBirthDate = 0x00100030;
    public static final int PatientSex = 0x00100040;
    public static final int StudyInstanceUID = 0x0020000D;
    public static final int SeriesInstanceUID = 0x0020000E;
    public static final int StudyID = 0x00200010;
    public static final int SeriesNumber = 0x00200011;
    public static final int InstanceNumber = 0x00200013;
    public static final int SamplesPerPixel = 0x00280002;
    public static final int PhotometricInterpretation = 0x00280004;
    public static final int NumberOfFrames = 0x00280008;
    public static final int Rows = 0x00280010;
    public static final int Columns = 0x00280011;
    public static final int BitsAllocated = 0x00280100;
    public static final int BitsStored = 0x00280101;
    public static final int HighBit = 0x00280102;
    public static final int PixelRepresentation = 0x00280103;
    public static final int TransactionUID = 0x00081195;

    // ---- PS3.3 C.12.1 / PS3.15 Annex A.1: SOP Instance Status and its companions
    public static final int SOPInstanceStatus = 0x01000410;
    public static final int SOPAuthorizationDateTime = 0x01000420;
    public static final int SOPAuthorizationComment = 0x01000424;
    public static final int AuthorizationEquipmentCertificationNumber = 0x01000426;

    // ---- PS3.3 C.12.1.1.3: digital signatures and MACs
    public static final int MACParametersSequence = 0x4FFE0001;
    public static final int EncryptedAttributesSequence = 0x04000500;
    public static final int DigitalSignaturesSequence = 0xFFFAFFFA;

    // ---- pixel data and the item / delimitation tags of PS3.5 7.5
    public static final int FloatPixelData = 0x7FE00008;
    public static final int DoubleFloatPixelData = 0x7FE00009;
    public static final int PixelData = 0x7FE00010;
    public static final int DataSetTrailingPadding = 0xFFFCFFFC;
    public static final int Item = 0xFFFEE000;
    public static final int ItemDelimitationItem = 0xFFFEE00D;
    public static final int SequenceDelimitationItem = 0xFFFEE0DD;

    /** The tag with group {@code group} and element number {@code element}. */
    public static int of(int group, int element) {
        return (group & 0xFFFF) << 16 | (element & 0xFFFF);
    }

    public static int group(int tag) {
        return tag >>> 16;
    }

    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** True for a group length tag (gggg,0000), PS3.5 7.2. */
    public static boolean isGroupLength(int tag) {
        return (tag & 0xFFFF) == 0;
    }

    /** True for a tag of an odd group other than 0001, 0003, 0005, 0007, FFFF (PS3.5 7.8.1). */
    public static boolean isPrivate(int tag) {
        int g = tag >>> 16;
        return (g & 1) == 1 && g > 0x0007 && g != 0xFFFF;
    }

    /** True for a Private Creator Data Element (gggg,0010-00FF) of a private group (PS3.5 7.8.1). */
    public static boolean isPrivateCreator(int tag) {
        int e = tag & 0xFFFF;
        return isPrivate(tag) && e >= 0x0010 && e <= 0x00FF;
    }

    /** Orders tags as unsigned 32-bit numbers, as PS3.5 7.1 orders elements in a data set. */
    public static int compare(int a, int b) {
        return Integer.compareUnsigned(a, b);
    }

    /** "(gggg,eeee)" in upper-case hexadecimal, as PS3.6 writes tags. */
    public static String toString(int tag) {
        char[] c = {'(', 0, 0, 0, 0, ',', 0, 0, 0, 0, ')'};
        for (int i = 0; i < 4; i++) {
            c[1 + i] = HEX[(tag >>> (28 - 4 * i)) & 0xF];
            c[6 + i] = HEX[(tag >>> (12 - 4 * i)) & 0xF];
        }
        return new String(c);
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
