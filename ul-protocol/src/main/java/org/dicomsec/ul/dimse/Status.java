package org.dicomsec.ul.dimse;

import java.util.Objects;

/**
 * A DIMSE status (0000,0900) with its optional Error Comment (0000,0902), PS3.7 Annex C.
 * The category of a code follows PS3.7 C.1 to C.5: 0000 success; FF00/FF01 pending; FE00
 * cancel; 0001, 0107, 0116 and Bxxx warning; everything else (Axxx, Cxxx, 01xx, 02xx) failure.
 *
 * @param code         the 16-bit status code
 * @param errorComment free text for the peer, or null (at most 64 characters, VR LO)
 */
public record Status(int code, String errorComment) {

    /** PS3.7 Annex C status types. */
    public enum Category { SUCCESS, WARNING, FAILURE, CANCEL, PENDING }

    // PS3.7 C.1
    public static final int SUCCESS = 0x0000;
    // PS3.7 C.2
    public static final int PENDING = 0xFF00;
    public static final int PENDING_WARNING = 0xFF01;
    // PS3.7 C.3
    public static final int CANCEL = 0xFE00;
    // PS3.7 C.4 (and the C-STORE warnings of PS3.4 table B.2-1)
    public static final int WARNING = 0x0001;
    public static final int ATTRIBUTE_LIST_ERROR = 0x0107;
    public static final int ATTRIBUTE_VALUE_OUT_OF_RANGE = 0x0116;
    public static final int COERCION_OF_DATA_ELEMENTS = 0xB000;
    public static final int ELEMENTS_DISCARDED = 0xB006;
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING = 0xB007;
    // PS3.7 C.5
    public static final int NO_SUCH_ATTRIBUTE = 0x0105;
    public static final int INVALID_ATTRIBUTE_VALUE = 0x0106;
    public static final int PROCESSING_FAILURE = 0x0110;
    public static final int DUPLICATE_SOP_INSTANCE = 0x0111;
    public static final int NO_SUCH_SOP_INSTANCE = 0x0112;
    public static final int NO_SUCH_EVENT_TYPE = 0x0113;
    public static final int NO_SUCH_ARGUMENT = 0x0114;
    public static final int INVALID_ARGUMENT_VALUE = 0x0115;
    public static final int INVALID_OBJECT_INSTANCE = 0x0117;
    public static final int NO_SUCH_SOP_CLASS = 0x0118;
    public static final int CLASS_INSTANCE_CONFLICT = 0x0119;
    public static final int MISSING_ATTRIBUTE = 0x0120;
    public static final int MISSING_ATTRIBUTE_VALUE = 0x0121;
    public static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;
    public static final int NO_SUCH_ACTION = 0x0123;
    public static final int NOT_AUTHORIZED = 0x0124;
    public static final int DUPLICATE_INVOCATION = 0x0210;
    public static final int UNRECOGNIZED_OPERATION = 0x0211;
    public static final int MISTYPED_ARGUMENT = 0x0212;
    public static final int RESOURCE_LIMITATION = 0x0213;
    // PS3.4 table B.2-1 (C-STORE)
    public static final int OUT_OF_RESOURCES = 0xA700;
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    public static final int CANNOT_UNDERSTAND = 0xC000;

    /** Status 0000 without comment. */
    public static final Status OK = new Status(SUCCESS, null);

    public Status {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("status is 16 bits: " + code);
        }
        if (errorComment != null && errorComment.length() > 64) {
            errorComment = errorComment.substring(0, 64); // VR LO: 64 characters at most
        }
    }

    /** A status without comment. */
    public static Status of(int code) {
        return code == SUCCESS ? OK : new Status(code, null);
    }

    /** A failure status with a comment for the peer. */
    public static Status failure(int code, String comment) {
        Status s = new Status(code, comment);
        if (s.category() != Category.FAILURE) {
            throw new IllegalArgumentException(String.format("0x%04X is not a failure status", code));
        }
        return s;
    }

    /** The category of this code (PS3.7 Annex C). */
    public Category category() {
        return categoryOf(code);
    }

    /** The category of a code (PS3.7 Annex C). */
    public static Category categoryOf(int code) {
        if (code == SUCCESS) {
            return Category.SUCCESS;
        }
        if (code == PENDING || code == PENDING_WARNING) {
            return Category.PENDING;
        }
        if (code == CANCEL) {
            return Category.CANCEL;
        }
        if (code == WARNING || code == ATTRIBUTE_LIST_ERROR || code == ATTRIBUTE_VALUE_OUT_OF_RANGE
                || (code & 0xF000) == 0xB000) {
            return Category.WARNING;
        }
        return Category.FAILURE;
    }

    public boolean isSuccess() {
        return code == SUCCESS;
    }

    /** The meaning PS3.7 Annex C (or PS3.4 B.2-1 for C-STORE) gives the code. */
    public String meaning() {
        return meaningOf(code);
    }

    /** The meaning of a code, or its category for codes defined only by a service class. */
    public static String meaningOf(int code) {
        return switch (code) {
            case SUCCESS -> "Success";
            case PENDING -> "Pending";
            case PENDING_WARNING -> "Pending (warning: optional keys not supported)";
            case CANCEL -> "Cancel";
            case WARNING -> "Warning";
            case ATTRIBUTE_LIST_ERROR -> "Warning: attribute list error";
            case ATTRIBUTE_VALUE_OUT_OF_RANGE -> "Warning: attribute value out of range";
            case COERCION_OF_DATA_ELEMENTS -> "Warning: coercion of data elements";
            case ELEMENTS_DISCARDED -> "Warning: elements discarded";
            case DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING -> "Warning: data set does not match SOP class";
            case NO_SUCH_ATTRIBUTE -> "Failure: no such attribute";
            case INVALID_ATTRIBUTE_VALUE -> "Failure: invalid attribute value";
            case PROCESSING_FAILURE -> "Failure: processing failure";
            case DUPLICATE_SOP_INSTANCE -> "Failure: duplicate SOP instance";
            case NO_SUCH_SOP_INSTANCE -> "Failure: no such SOP instance";
            case NO_SUCH_EVENT_TYPE -> "Failure: no such event type";
            case NO_SUCH_ARGUMENT -> "Failure: no such argument";
            case INVALID_ARGUMENT_VALUE -> "Failure: invalid argument value";
            case INVALID_OBJECT_INSTANCE -> "Failure: invalid object instance";
            case NO_SUCH_SOP_CLASS -> "Failure: no such SOP class";
            case CLASS_INSTANCE_CONFLICT -> "Failure: class-instance conflict";
            case MISSING_ATTRIBUTE -> "Failure: missing attribute";
            case MISSING_ATTRIBUTE_VALUE -> "Failure: missing attribute value";
            case SOP_CLASS_NOT_SUPPORTED -> "Refused: SOP class not supported";
            case NO_SUCH_ACTION -> "Failure: no such action";
            case NOT_AUTHORIZED -> "Refused: not authorized";
            case DUPLICATE_INVOCATION -> "Failure: duplicate invocation";
            case UNRECOGNIZED_OPERATION -> "Failure: unrecognized operation";
            case MISTYPED_ARGUMENT -> "Failure: mistyped argument";
            case RESOURCE_LIMITATION -> "Failure: resource limitation";
            case OUT_OF_RESOURCES -> "Refused: out of resources";
            case DATA_SET_DOES_NOT_MATCH_SOP_CLASS -> "Error: data set does not match SOP class";
            case CANNOT_UNDERSTAND -> "Error: cannot understand";
            default -> switch (categoryOf(code)) {
                case WARNING -> "Warning (service-class specific)";
                case FAILURE -> "Failure (service-class specific)";
                default -> "Unknown";
            };
        };
    }

    @Override
    public String toString() {
        return String.format("0x%04X %s", code, meaning()) + (errorComment == null ? "" : " (" + errorComment + ")");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Status s && s.code == code && Objects.equals(s.errorComment, errorComment);
    }

    @Override
    public int hashCode() {
        return code * 31 + Objects.hashCode(errorComment);
    }
}
