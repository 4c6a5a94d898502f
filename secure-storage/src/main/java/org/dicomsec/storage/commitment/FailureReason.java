package org.dicomsec.storage.commitment;

/**
 * Failure Reason (0008,1197) values of the Storage Commitment Push Model
 * (PS3.3 C.14.1.1, PS3.4 J.3.3).
 */
public final class FailureReason {

    private FailureReason() {
    }

    /** A general failure in processing the operation was encountered. */
    public static final int PROCESSING_FAILURE = 0x0110;
    /** One or more of the elements in the Referenced SOP Instance Sequence was not available. */
    public static final int NO_SUCH_OBJECT_INSTANCE = 0x0112;
    /** The SOP Class of an element did not correspond to the SOP Class registered for the instance. */
    public static final int CLASS_INSTANCE_CONFLICT = 0x0119;
    /** Storage Commitment was requested for a SOP Instance of a SOP Class the SCP does not support. */
    public static final int REFERENCED_SOP_CLASS_NOT_SUPPORTED = 0x0122;
    /** The Transaction UID of the request is already in use. */
    public static final int DUPLICATE_TRANSACTION_UID = 0x0131;
    /** The SCP does not currently have enough resources to store the instance(s). */
    public static final int RESOURCE_LIMITATION = 0x0213;

    /** A name for logs and the audit trail. */
    public static String name(int reason) {
        switch (reason) {
            case PROCESSING_FAILURE:
                return "Processing failure";
            case NO_SUCH_OBJECT_INSTANCE:
                return "No such object instance";
            case CLASS_INSTANCE_CONFLICT:
                return "Class/Instance conflict";
            case REFERENCED_SOP_CLASS_NOT_SUPPORTED:
                return "Referenced SOP Class not supported";
            case DUPLICATE_TRANSACTION_UID:
                return "Duplicate transaction UID";
            case RESOURCE_LIMITATION:
                return "Resource limitation";
            default:
                return String.format("Failure Reason %04XH", reason);
        }
    }
}
