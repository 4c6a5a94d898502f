package org.dicomsec.ul.dimse;

/** A DIMSE request: carries a Message ID (0000,0110) unique among the outstanding ones (PS3.7 9.1.1). */
public sealed interface DimseRequest extends DimseMessage permits CEchoRq, CStoreRq, NActionRq, NEventReportRq {
    /** Message ID (0000,0110), 1..65535. */
    int messageId();

    /** The SOP class the request is about (Affected or Requested SOP Class UID). */
    String sopClassUid();
}
