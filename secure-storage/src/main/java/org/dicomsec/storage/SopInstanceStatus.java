package org.dicomsec.storage;

import java.util.Optional;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Tag;

/**
 * SOP Instance Status (0100,0410), CS, VM 1 (PS3.3 C.12.1, SOP Common Module;
 * PS3.15 A.1.1): the defined terms of the Online Electronic Storage Secure Use
 * Profile.
 */
public enum SopInstanceStatus {
    /** Original: the instance as created for diagnostic use (rule a). */
    OR("Original"),
    /** Authorized Original: an original certified by an authorized entity (rule b). */
    AO("Authorized Original"),
    /** Authorized Copy: a copy of an authorized original (rules d.5.c, e.3). */
    AC("Authorized Copy"),
    /** Not Specified (rules d.5.b, e.3, f). */
    NS("Not Specified");

    private final String meaning;

    SopInstanceStatus(String meaning) {
        this.meaning = meaning;
    }

    /** What the defined term stands for, as PS3.3 C.12.1.1.3 names it ("Authorized Original"). */
    public String meaning() {
        return meaning;
    }

    /** The defined term as it is encoded (two characters, even length: no padding). */
    public String code() {
        return name();
    }

    /** True for OR and AO: the states that rule c allows only one AE to hold, and forbids deleting. */
    public boolean isOriginal() {
        return this == OR || this == AO;
    }

    /** True for AO and AC: the states from which rule e allows an authorized copy. */
    public boolean isAuthorized() {
        return this == AO || this == AC;
    }

    /**
     * The status a value of (0100,0410) names, trailing spaces removed (PS3.5 6.2, CS).
     *
     * @throws IllegalArgumentException for a value that is not one of the four defined terms
     */
    public static SopInstanceStatus of(String value) {
        String v = value == null ? "" : value.strip();
        for (SopInstanceStatus s : values()) {
            if (s.name().equals(v)) {
                return s;
            }
        }
        throw new IllegalArgumentException("not a SOP Instance Status (0100,0410) defined term: \"" + v + "\"");
    }

    /**
     * What a value of (0100,0410) read from a file says, for a person reading it: the meaning of a
     * defined term ("Authorized Original" for "AO "), that it is absent (null or empty), or that it
     * is not a defined term. Never throws.
     */
    public static String meaningOf(String value) {
        if (value == null || value.isBlank()) {
            return "absent: the file says nothing about being an original";
        }
        try {
            return of(value).meaning();
        } catch (IllegalArgumentException e) {
            return "not a defined term of PS3.15 A.1.1";
        }
    }

    /**
     * The status of a data set: empty when (0100,0410) is absent or empty.
     *
     * @throws IllegalArgumentException when it holds another value
     */
    public static Optional<SopInstanceStatus> of(Dataset ds) {
        String v = ds.getString(Tag.SOPInstanceStatus);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(of(v));
    }
}
