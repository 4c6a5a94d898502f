package org.dicomsec.ul.dimse;

/** A DIMSE response: Message ID Being Responded To (0000,0120) and a {@link Status} (0000,0900). */
public sealed interface DimseResponse extends DimseMessage permits CEchoRsp, CStoreRsp, NActionRsp, NEventReportRsp {
    /** Message ID Being Responded To (0000,0120). */
    int messageIdBeingRespondedTo();

    /** Status (0000,0900) with Error Comment (0000,0902) if any. */
    Status status();
}
