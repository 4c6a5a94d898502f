package org.dicomsec.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.Optional;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.Tag;
import org.dicomsec.storage.store.DurableFiles;

/**
 * Rule a of PS3.15 A.1.1 on a PS3.10 file: makes a plain instance an original
 * held by this application entity (SOP Instance Status OR, with SOP
 * Authorization Date and Time (0100,0420), Authorization Equipment
 * Certification Number (0100,0426) and the optional SOP Authorization Comment
 * (0100,0424), a.2.c to a.2.f); and rule b: makes an original an Authorized
 * Original (AO) once an authorized entity certified it ({@link Authorizer}).
 * No other attribute changes (rule h), the file meta information stays as it was.
 *
 * <p>The result is written durably: a temporary file beside the target,
 * forced to the device, renamed over the target atomically and the folder
 * forced ({@link DurableFiles}); a file replaced in place keeps its
 * permissions, a new one is owner-only. A crash leaves the old file or the new
 * one, never a mix.
 */
public final class OriginalFiles {

    private OriginalFiles() {
    }

    /** What {@link #makeOriginal} or {@link #authorize} did. */
    public record Made(Path target, String sopInstanceUid, String authorizationDateTime) {
    }

    /**
     * Makes {@code source} an original and writes it to {@code target} (the same path: in place).
     *
     * @throws ProfileViolationException (rule a) the file already has a SOP Instance Status (an original is
     *                                   made once: OR/AO are held somewhere already, AC and NS are copies), or
     *                                   it lacks a UID an original must include; nothing was written
     * @throws IOException               reading or writing failed; the target is unchanged
     */
    public static Made makeOriginal(Path source, Path target, Certification certification)
            throws IOException, ProfileViolationException {
        DicomFile f = DicomFile.read(source);
        Dataset ds = f.dataset();
        Optional<SopInstanceStatus> status;
        try {
            status = SopInstanceStatus.of(ds);
        } catch (IllegalArgumentException e) {
            throw new ProfileViolationException('a', e.getMessage() + "; an original is made from an instance"
                    + " without SOP Instance Status");
        }
        if (status.isPresent()) {
            throw new ProfileViolationException('a', refusal(status.get()));
        }
        Dataset original = OriginalCreator.createOriginal(ds, certification, null);
        write(new DicomFile(f.fileMetaInformation(), original), target);
        return new Made(target, original.getString(Tag.SOPInstanceUID, ""),
                original.getString(StatusAttributes.SOP_AUTHORIZATION_DATE_TIME, ""));
    }

    /**
     * Rule b on the file {@code source}: its original (OR) becomes an Authorized Original (AO),
     * written to {@code target} (the same path: in place). See
     * {@link #authorize(DicomFile, Path, Authorization, Authorizer)}.
     *
     * @throws IOException reading or writing failed; the target is unchanged
     */
    public static Made authorize(Path source, Path target, Authorization authorization, Authorizer authorizer)
            throws IOException, ProfileViolationException {
        return authorize(DicomFile.read(source), target, authorization, authorizer);
    }

    /**
     * Rule b on a file already read: {@link Authorizer#authorize} makes the AO of its original
     * (SOP Instance UID kept, (0100,0420), (0100,0426) and the optional (0100,0424) set, nothing
     * else changed), which is written to {@code target} with the file's meta information.
     *
     * @throws ProfileViolationException (rule b) the instance is not OR or the entity may not authorize;
     *                                   nothing was written
     * @throws IOException               writing failed; the target is unchanged
     */
    public static Made authorize(DicomFile source, Path target, Authorization authorization, Authorizer authorizer)
            throws IOException, ProfileViolationException {
        Dataset ao = authorizer.authorize(source.dataset(), authorization);
        write(new DicomFile(source.fileMetaInformation(), ao), target);
        return new Made(target, ao.getString(Tag.SOPInstanceUID, ""),
                ao.getString(StatusAttributes.SOP_AUTHORIZATION_DATE_TIME, ""));
    }

    private static String refusal(SopInstanceStatus s) {
        return switch (s) {
            case OR -> "already an original (OR): it is made once, by the AE that holds it";
            case AO -> "already an authorized original (AO): it is made once, by the AE that holds it";
            case AC -> "an authorized copy (AC): the original is held elsewhere; a new original needs a new"
                    + " SOP Instance UID (rule c)";
            case NS -> "SOP Instance Status NS (a copy of unspecified status): a new original needs a new"
                    + " SOP Instance UID (rule c)";
        };
    }

    /** Temporary file beside the target, forced, renamed over it atomically, folder forced. */
    private static void write(DicomFile content, Path target) throws IOException {
        DurableFiles.replace(target, ch -> {
            OutputStream os = new BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024);
            content.write(os);
            os.flush();
        });
    }
}
