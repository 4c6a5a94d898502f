package org.dicomsec.storage;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * The values of the companions of SOP Instance Status that rules a.2 and b.3
 * ask for (PS3.15 A.1.1): SOP Authorization Date and Time (0100,0420),
 * Authorization Equipment Certification Number (0100,0426) and the optional
 * SOP Authorization Comment (0100,0424).
 *
 * @param equipmentCertificationNumber (0100,0426), LO: 1 to 64 characters, no backslash
 * @param dateTime                     (0100,0420)
 * @param comment                      (0100,0424), LT up to 10240 characters, or null for none
 */
public record Certification(String equipmentCertificationNumber, OffsetDateTime dateTime, String comment) {

    public Certification {
        Objects.requireNonNull(equipmentCertificationNumber, "equipmentCertificationNumber");
        Objects.requireNonNull(dateTime, "dateTime");
        String n = equipmentCertificationNumber.strip();
        if (n.isEmpty() || n.length() > StatusAttributes.LO_MAX || n.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("Authorization Equipment Certification Number (0100,0426) is LO, "
                    + "1-64 characters without backslash: \"" + equipmentCertificationNumber + "\"");
        }
        equipmentCertificationNumber = n;
        if (comment != null && comment.length() > StatusAttributes.LT_MAX) {
            throw new IllegalArgumentException("SOP Authorization Comment (0100,0424) is LT, at most 10240 characters");
        }
        if (comment != null && comment.isBlank()) {
            comment = null;
        }
    }

    /** A certification now (UTC) without a comment. */
    public static Certification now(String equipmentCertificationNumber) {
        return new Certification(equipmentCertificationNumber, OffsetDateTime.now(java.time.ZoneOffset.UTC), null);
    }
}
