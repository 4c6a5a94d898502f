package org.dicomsec.storage;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Tag;
import org.dicomsec.data.VR;

/**
 * Rule a of PS3.15 A.1.1: an AE creating a SOP Instance intended for
 * diagnostic use in Online Electronic Storage sets SOP Instance Status to OR
 * and includes the attributes a.2.a to a.2.j.
 */
public final class OriginalCreator {

    private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("uuuuMMdd");
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss.SSSSSS");

    private OriginalCreator() {
    }

    /**
     * Rule a: the original made from {@code source} (which is not changed).
     * <ul>
     * <li>a.1, a.2.c: SOP Instance Status (0100,0410) = OR;</li>
     * <li>a.2.a, a.2.g: SOP Class UID, SOP Instance UID, Study and Series
     * Instance UIDs must be present (they identify the instance; this class
     * does not invent them);</li>
     * <li>a.2.b: Instance Creation Date and Time are kept, or set from
     * {@code instanceCreation} when the source has none and the time is known
     * (null: not known);</li>
     * <li>a.2.d, a.2.e, a.2.f: (0100,0420), (0100,0424) when given, (0100,0426)
     * from {@code certification};</li>
     * <li>a.2.h, a.2.i, a.2.j: General Equipment attributes, overlay and image
     * data are carried over as they are (the same element objects).</li>
     * </ul>
     *
     * @throws ProfileViolationException (rule a) when a required UID is missing, or when the
     *         source already carries a SOP Instance Status: an original is created once, and
     *         making another from an existing instance with the same SOP Instance UID would
     *         give two holders of an original (rule c)
     */
    public static Dataset createOriginal(Dataset source, Certification certification,
                                         OffsetDateTime instanceCreation) throws ProfileViolationException {
        require(source, Tag.SOPClassUID, "SOP Class UID (0008,0016)");
        require(source, Tag.SOPInstanceUID, "SOP Instance UID (0008,0018)");
        require(source, Tag.StudyInstanceUID, "Study Instance UID (0020,000D)");
        require(source, Tag.SeriesInstanceUID, "Series Instance UID (0020,000E)");
        String status = source.getString(Tag.SOPInstanceStatus);
        if (status != null && !status.isBlank()) {
            throw new ProfileViolationException('a', "the data set already has SOP Instance Status " + status.strip()
                    + ": an original is created once; a new original needs a new SOP Instance UID");
        }
        Dataset out = ControlledChanges.apply(source, StatusEdit.certified(SopInstanceStatus.OR, certification));
        if (instanceCreation != null) {
            if (!has(out, Tag.InstanceCreationDate)) {
                out.setString(Tag.InstanceCreationDate, VR.DA, DA.format(instanceCreation));
            }
            if (!has(out, Tag.InstanceCreationTime)) {
                out.setString(Tag.InstanceCreationTime, VR.TM, TM.format(instanceCreation));
            }
        }
        return out;
    }

    private static void require(Dataset ds, int tag, String name) throws ProfileViolationException {
        if (!has(ds, tag)) {
            throw new ProfileViolationException('a', "an original must include " + name);
        }
    }

    private static boolean has(Dataset ds, int tag) {
        String v = ds.getString(tag);
        return v != null && !v.isBlank();
    }
}
