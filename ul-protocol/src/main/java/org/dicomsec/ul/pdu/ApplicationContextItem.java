package org.dicomsec.ul.pdu;

/**
 * Application Context Item, type 10H (PS3.8 9.3.2.1, table 9-12; 9.3.3.1 for the AC).
 *
 * @param name the application context name, a UID sent without padding (PS3.8 Annex A)
 */
public record ApplicationContextItem(String name) {
    /** Item type 10H. */
    public static final int ITEM_TYPE = 0x10;
    /** The DICOM Application Context Name, PS3.7 Annex A.2.1. */
    public static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";
    /** The item carrying {@link #DICOM_APPLICATION_CONTEXT}. */
    public static final ApplicationContextItem DICOM = new ApplicationContextItem(DICOM_APPLICATION_CONTEXT);

    public ApplicationContextItem {
        Bytes.checkLatin1(name, 0xFFFF, "Application-context-name");
    }
}
