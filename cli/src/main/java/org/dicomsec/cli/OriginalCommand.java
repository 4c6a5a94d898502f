package org.dicomsec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.dicomsec.storage.Certification;
import org.dicomsec.storage.OriginalFiles;
import org.dicomsec.storage.ProfileViolationException;

/**
 * {@code dicomsec original FILE... --cert-number N [--comment C] [-o OUT]}: rule a of PS3.15
 * A.1.1 on files ({@link OriginalFiles}): each plain instance becomes an original (SOP Instance
 * Status OR with (0100,0420) now, (0100,0426) and the optional (0100,0424)); nothing else changes.
 * Written durably in place, or to OUT (a file for one FILE, a folder for several). A file that
 * already has a status (OR, AO, AC, NS) is refused with one line and left as it is (exit 1);
 * a missing or non-DICOM file is bad input (exit 2).
 */
final class OriginalCommand extends OptionCommand {

    static final OptionParser OPTIONS = new OptionParser("original",
            "Makes plain DICOM instances originals held here (PS3.15 A.1.1 rule a): SOP Instance Status\n"
                    + "(0100,0410) OR, SOP Authorization Date and Time (0100,0420) now, Authorization Equipment\n"
                    + "Certification Number (0100,0426) and the optional SOP Authorization Comment (0100,0424).\n"
                    + "Nothing else changes; each file is replaced atomically and durably (or written to -o OUT).\n"
                    + "A file that already has a SOP Instance Status (OR, AO, AC, NS) is refused (exit 1).")
            .value("cert-number", 'n', "N", "Authorization Equipment Certification Number (0100,0426) of this"
                    + " equipment (required)")
            .value("comment", 'c', "TEXT", "SOP Authorization Comment (0100,0424)")
            .value("output", 'o', "OUT", "write there instead of in place: a file for one FILE, a folder for several")
            .remainingPositionals("FILE", "DICOM files (Part 10)", true)
            .note("example:\n  dicomsec original ct.dcm --cert-number EQ-2026-17\n"
                    + "  dicomsec authorize ct.dcm --by \"Dr. A. Smith\" --cert-number EQ-2026-17   (OR -> AO)");

    OriginalCommand() {
        super(OPTIONS, "make plain instances originals: SOP Instance Status OR (rule a), files replaced durably");
    }

    @Override
    int run(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
        String number = o.value("cert-number");
        if (number == null) {
            throw new UsageException("missing --cert-number N (rule a.2.f: the Authorization Equipment"
                    + " Certification Number of this equipment)");
        }
        Certification cert = ParsedOptions.parse("", () -> new Certification(number,
                OffsetDateTime.now(ZoneOffset.UTC), o.value("comment")));
        List<Path> files = o.positionalsFrom("FILE").stream().map(Path::of).toList();
        Path output = o.has("output") ? Path.of(o.value("output")) : null;
        boolean intoFolder = output != null && (files.size() > 1 || Files.isDirectory(output));
        if (output != null && files.size() > 1 && !Files.isDirectory(output)) {
            throw new UsageException("-o " + output + ": with several files, OUT must be an existing folder");
        }
        int status = 0;
        for (Path f : files) {
            try {
                DicomInput.check(f);
            } catch (CommandException e) {
                err.println("dicomsec original: " + e.getMessage());
                status = Math.max(status, e.status());
                continue;
            }
            Path target = output == null ? f : intoFolder ? output.resolve(f.getFileName()) : output;
            try {
                OriginalFiles.Made m = OriginalFiles.makeOriginal(f, target, cert);
                if (!o.quiet()) {
                    out.println(f + ": now OR" + (target.equals(f) ? "" : " in " + target) + ", SOP Instance UID "
                            + m.sopInstanceUid() + " unchanged; certification number "
                            + cert.equipmentCertificationNumber() + ", at " + m.authorizationDateTime());
                }
            } catch (ProfileViolationException e) {
                err.println("dicomsec original: " + f + ": " + e.getMessage() + "; nothing changed");
                status = Math.max(status, 1);
            } catch (IOException e) {
                CommandException c = DicomInput.failure(f, e);
                err.println("dicomsec original: " + c.getMessage() + "; nothing changed");
                status = Math.max(status, c.status());
            }
        }
        return status;
    }
}
