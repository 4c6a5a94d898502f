package org.dicomsec.storage.audit;

import java.util.Objects;

/**
 * A coded value of an audit message (RFC 3881 CodedValueType as DICOM PS3.15
 * A.5.1 writes it: csd-code, codeSystemName, originalText). The constants are
 * DICOM's (PS3.16 context groups 400-404, coding scheme "DCM"); those with
 * codeSystemName "99DICOMSEC" are this implementation's own, where DICOM has none.
 */
public record AuditCode(String code, String codeSystemName, String displayName) {

    public AuditCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(codeSystemName, "codeSystemName");
        Objects.requireNonNull(displayName, "displayName");
    }

    static AuditCode dcm(String code, String display) {
        return new AuditCode(code, "DCM", display);
    }

    // Event IDs (CID 400)
    public static final AuditCode APPLICATION_ACTIVITY = dcm("110100", "Application Activity");
    public static final AuditCode DICOM_INSTANCES_ACCESSED = dcm("110103", "DICOM Instances Accessed");
    public static final AuditCode DICOM_INSTANCES_TRANSFERRED = dcm("110104", "DICOM Instances Transferred");
    public static final AuditCode SECURITY_ALERT = dcm("110113", "Security Alert");
    public static final AuditCode USER_AUTHENTICATION = dcm("110114", "User Authentication");

    // Event Type Codes (CID 401)
    public static final AuditCode APPLICATION_START = dcm("110120", "Application Start");
    public static final AuditCode APPLICATION_STOP = dcm("110121", "Application Stop");
    public static final AuditCode LOGIN = dcm("110122", "Login");
    public static final AuditCode NODE_AUTHENTICATION = dcm("110126", "Node Authentication");
    public static final AuditCode SECURITY_CONFIGURATION = dcm("110129", "Security Configuration");
    public static final AuditCode OBJECT_SECURITY_ATTRIBUTES_CHANGED = dcm("110135", "Object Security Attributes Changed");
    /** No DICOM code says "altered in transit"; this implementation's own. */
    public static final AuditCode DATA_INTEGRITY_FAILURE = new AuditCode("DS-001", "99DICOMSEC",
            "Data integrity check failed");
    /** The Storage Commitment result; this implementation's own. */
    public static final AuditCode STORAGE_COMMITMENT = new AuditCode("DS-002", "99DICOMSEC",
            "Storage Commitment result");

    // Active Participant Role ID Codes (CID 402)
    public static final AuditCode APPLICATION = dcm("110150", "Application");
    public static final AuditCode DESTINATION = dcm("110152", "Destination Role ID");
    public static final AuditCode SOURCE = dcm("110153", "Source Role ID");

    // Participant Object ID Type Codes (CID 404)
    public static final AuditCode STUDY_INSTANCE_UID = dcm("110180", "Study Instance UID");
    public static final AuditCode SOP_CLASS_UID = dcm("110181", "SOP Class UID");
    /** A Storage Commitment Transaction UID (0008,1195); this implementation's own. */
    public static final AuditCode TRANSACTION_UID = new AuditCode("DS-101", "99DICOMSEC", "Transaction UID");
}
