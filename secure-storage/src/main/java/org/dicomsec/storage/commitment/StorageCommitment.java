package org.dicomsec.storage.commitment;

import java.util.regex.Pattern;

/**
 * Storage Commitment Push Model SOP Class (PS3.4 annex J): its UIDs and the
 * identifiers of its N-ACTION and N-EVENT-REPORT (PS3.4 J.3.2, J.3.3; UIDs
 * from PS3.6 annex A).
 */
public final class StorageCommitment {

    private StorageCommitment() {
    }

    /** Storage Commitment Push Model SOP Class. */
    public static final String SOP_CLASS_UID = "1.2.840.10008.1.20.1";
    /** The well-known SOP Instance of the Push Model (PS3.4 J.3.1). */
    public static final String WELL_KNOWN_INSTANCE_UID = "1.2.840.10008.1.20.1.1";

    /** N-ACTION Action Type ID 1: Request Storage Commitment (PS3.4 J.3.2). */
    public static final int ACTION_TYPE_REQUEST = 1;
    /** N-EVENT-REPORT Event Type ID 1: Storage Commitment Request Successful (PS3.4 J.3.3). */
    public static final int EVENT_TYPE_SUCCESSFUL = 1;
    /** N-EVENT-REPORT Event Type ID 2: Storage Commitment Request Complete - Failures Exist (PS3.4 J.3.3). */
    public static final int EVENT_TYPE_FAILURES_EXIST = 2;

    /** Default bound on the items of a Referenced or Failed SOP Sequence read from a peer. */
    public static final int DEFAULT_MAX_REFERENCES = 100_000;

    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");

    /** PS3.5 9.1: digits and dots, components without leading zeros, at most 64 characters. */
    static boolean isUid(String s) {
        return s != null && !s.isEmpty() && s.length() <= 64 && UID.matcher(s).matches();
    }
}
