package org.dicomsec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.Tag;
import org.dicomsec.storage.Authorization;
import org.dicomsec.storage.Authorizer;
import org.dicomsec.storage.Certification;
import org.dicomsec.storage.OriginalFiles;
import org.dicomsec.storage.ProfileViolationException;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.audit.AuditEvents;
import org.dicomsec.storage.audit.FileAuditTrail;

/**
 * {@code dicomsec authorize FILE --by NAME --cert-number N [--comment C] [--audit LOG]}:
 * rule b of PS3.15 A.1.1 on a file: an original (OR) becomes an Authorized Original (AO),
 * with SOP Authorization Date and Time (0100,0420) now, Authorization Equipment
 * Certification Number (0100,0426) and the optional SOP Authorization Comment
 * (0100,0424); the SOP Instance UID and every other attribute stay as they are (rule h).
 * The file is replaced durably ({@link OriginalFiles#authorize}: the new version written beside
 * it, forced to disk, renamed over it atomically, the folder forced). Anything but OR is refused
 * (exit 1).
 */
final class AuthorizeCommand extends OptionCommand {

    static final OptionParser OPTIONS = new OptionParser("authorize",
            "Authorizes an original: SOP Instance Status (0100,0410) OR -> AO (PS3.15 A.1.1 rule b),\n"
                    + "setting (0100,0420) to now, (0100,0426) to the certification number and (0100,0424)\n"
                    + "to the comment. Nothing else changes; the file is replaced atomically and durably.\n"
                    + "A file whose status is not OR is refused (exit 1).")
            .value("by", 'b', "NAME", "the authorized entity who certified the instance (required)")
            .value("cert-number", 'n', "N", "Authorization Equipment Certification Number (0100,0426) (required)")
            .value("comment", 'c', "TEXT", "SOP Authorization Comment (0100,0424)")
            .value("audit", (char) 0, "LOG", "append the audit message (RFC 3881 XML, one a line) to LOG")
            .positional("FILE", "the DICOM file (Part 10) holding the original")
            .note("example:\n  dicomsec authorize ct.dcm --by \"Dr. A. Smith\" --cert-number EQ-2026-17");

    AuthorizeCommand() {
        super(OPTIONS, "authorize an original: SOP Instance Status OR -> AO (rule b), file replaced durably");
    }

    @Override
    int run(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
        String by = o.value("by");
        String number = o.value("cert-number");
        if (by == null || by.isBlank()) {
            throw new UsageException("missing --by NAME (who authorizes)");
        }
        if (number == null) {
            throw new UsageException("missing --cert-number N");
        }
        Certification cert = ParsedOptions.parse("", () -> new Certification(number,
                OffsetDateTime.now(ZoneOffset.UTC), o.value("comment")));
        Authorization authorization = new Authorization(by, cert);
        Path file = Path.of(o.positional("FILE"));
        DicomInput.check(file);
        DicomFile f;
        try {
            f = DicomFile.read(file);
        } catch (IOException e) {
            throw DicomInput.failure(file, e);
        }
        Dataset ds = f.dataset();
        Optional<SopInstanceStatus> status;
        try {
            status = SopInstanceStatus.of(ds);
        } catch (IllegalArgumentException e) {
            throw new CommandException(file + ": " + e.getMessage() + "; only an original (OR) can be authorized",
                    1, e);
        }
        if (status.orElse(null) != SopInstanceStatus.OR) {
            throw new CommandException(file + ": SOP Instance Status is " + status.map(Enum::name).orElse("absent")
                    + "; only an original (OR) can be authorized (PS3.15 A.1.1 rule b), nothing changed", 1, null);
        }
        OriginalFiles.Made ao;
        try {
            // the site's list of authorized entities is outside this command: whoever runs it names the entity
            ao = OriginalFiles.authorize(f, file, authorization, new Authorizer(name -> true));
        } catch (ProfileViolationException e) {
            throw new CommandException(file + ": " + e.getMessage(), 1, e);
        } catch (IOException e) {
            throw new CommandException(file + ": not authorized, the file is unchanged: " + Main.describe(e), 1, e);
        }
        if (o.has("audit")) {
            try (FileAuditTrail audit = new FileAuditTrail(Path.of(o.value("audit")))) {
                audit.record(new AuditEvents("DICOMSEC", null, "dicomsec-cli", Clock.systemUTC()).authorization(
                        authorization, new AuditEvents.Instance(ds.getString(Tag.StudyInstanceUID, ""),
                                ds.getString(Tag.SOPClassUID, ""), ao.sopInstanceUid())));
            }
        }
        if (!o.quiet()) {
            out.println(file + ": OR -> AO, SOP Instance UID " + ao.sopInstanceUid()
                    + " unchanged; authorized by " + authorization.authorizedBy() + ", certification number "
                    + cert.equipmentCertificationNumber() + ", at " + ao.authorizationDateTime());
        }
        return 0;
    }
}
