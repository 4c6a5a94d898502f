package org.dicomsec.ul.dimse;

import java.util.Objects;

/**
 * C-STORE-RQ, PS3.7 9.3.1.1 (table 9.3-1). Always followed by a data set (the SOP instance).
 *
 * @param messageId                 Message ID
 * @param affectedSopClassUid       Affected SOP Class UID
 * @param affectedSopInstanceUid    Affected SOP Instance UID
 * @param priority                  Priority: {@link #MEDIUM}, {@link #HIGH} or {@link #LOW}
 * @param moveOriginatorAeTitle     Move Originator Application Entity Title, or null when not a
 *                                  sub-operation of a C-MOVE
 * @param moveOriginatorMessageId   Move Originator Message ID, or 0 when absent
 */
public record CStoreRq(int messageId, String affectedSopClassUid, String affectedSopInstanceUid, int priority,
                       String moveOriginatorAeTitle, int moveOriginatorMessageId) implements DimseRequest {
    /** Priority (0000,0700) values, PS3.7 9.3.1.1. */
    public static final int MEDIUM = 0x0000;
    public static final int HIGH = 0x0001;
    public static final int LOW = 0x0002;

    public CStoreRq {
        DimseCodec.checkMessageId(messageId);
        Objects.requireNonNull(affectedSopClassUid, "affectedSopClassUid");
        Objects.requireNonNull(affectedSopInstanceUid, "affectedSopInstanceUid");
        if (priority < 0 || priority > 2) {
            throw new IllegalArgumentException("Priority is 0 (medium), 1 (high) or 2 (low): " + priority);
        }
        if (moveOriginatorMessageId < 0 || moveOriginatorMessageId > 0xFFFF) {
            throw new IllegalArgumentException("Move Originator Message ID is 16 bits: " + moveOriginatorMessageId);
        }
    }

    /** A request with medium priority and no move originator. */
    public static CStoreRq of(int messageId, String sopClassUid, String sopInstanceUid) {
        return new CStoreRq(messageId, sopClassUid, sopInstanceUid, MEDIUM, null, 0);
    }

    @Override
    public int commandField() {
        return CommandField.C_STORE_RQ;
    }

    @Override
    public String sopClassUid() {
        return affectedSopClassUid;
    }
}
