package org.dicomsec.storage;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.dicomsec.data.Tag;
import org.dicomsec.data.VR;

/**
 * The four attributes of the SOP Common Module (PS3.3 C.12.1) that the Online
 * Electronic Storage Secure Use Profile controls (PS3.15 A.1.1) and that rules
 * g and h allow a holder to change. Tags and VRs as in PS3.6 (checked against
 * the codec's dictionary by a test).
 */
public final class StatusAttributes {

    private StatusAttributes() {
    }

    /** (0100,0410) SOP Instance Status, CS. */
    public static final int SOP_INSTANCE_STATUS = Tag.SOPInstanceStatus;
    /** (0100,0420) SOP Authorization DateTime, DT. */
    public static final int SOP_AUTHORIZATION_DATE_TIME = Tag.SOPAuthorizationDateTime;
    /** (0100,0424) SOP Authorization Comment, LT. */
    public static final int SOP_AUTHORIZATION_COMMENT = Tag.SOPAuthorizationComment;
    /** (0100,0426) Authorization Equipment Certification Number, LO. */
    public static final int AUTHORIZATION_EQUIPMENT_CERTIFICATION_NUMBER =
            Tag.AuthorizationEquipmentCertificationNumber;

    /** (0100,0000): the group length rule h allows to change with them. */
    public static final int GROUP_LENGTH = 0x01000000;

    /** The tags rules g and h allow to change (at the top level of the data set). */
    public static final Set<Integer> CONTROLLED = Set.of(SOP_INSTANCE_STATUS, SOP_AUTHORIZATION_DATE_TIME,
            SOP_AUTHORIZATION_COMMENT, AUTHORIZATION_EQUIPMENT_CERTIFICATION_NUMBER);

    /** Maximum characters of LO (PS3.5 table 6.2-1). */
    public static final int LO_MAX = 64;
    /** Maximum characters of LT (PS3.5 table 6.2-1). */
    public static final int LT_MAX = 10240;

    private static final DateTimeFormatter DT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss.SSSSSSxx");

    /** The VR of a controlled tag. */
    public static VR vrOf(int tag) {
        switch (tag) {
            case Tag.SOPInstanceStatus:
                return VR.CS;
            case Tag.SOPAuthorizationDateTime:
                return VR.DT;
            case Tag.SOPAuthorizationComment:
                return VR.LT;
            case Tag.AuthorizationEquipmentCertificationNumber:
                return VR.LO;
            default:
                throw new IllegalArgumentException("not a controlled attribute: " + Tag.toString(tag));
        }
    }

    /** A DT value (PS3.5 table 6.2-1) with microseconds and UTC offset: YYYYMMDDHHMMSS.FFFFFF&amp;ZZXX. */
    public static String formatDateTime(OffsetDateTime t) {
        return DT.format(t);
    }
}
