package org.dicomsec.ul.pdu;

/**
 * A sub-item of the User Information Item (PS3.8 Annex D, PS3.7 Annex D.3.3).
 */
public sealed interface UserInformationSubItem permits MaximumLength, ImplementationClassUid,
        AsynchronousOperationsWindow, ScpScuRoleSelection, ImplementationVersionName,
        SopClassExtendedNegotiation, SopClassCommonExtendedNegotiation, UserIdentityRq, UserIdentityAc,
        UnknownSubItem {
    /** The sub-item type byte. */
    int itemType();
}
