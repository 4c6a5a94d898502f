package org.dicomsec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dicomsec.data.json.JsonWriter;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.Tag;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.StatusAttributes;

/**
 * {@code dicomsec status FILE [--json]}: the SOP Instance Status (0100,0410) of a file and
 * its companions of PS3.15 A.1.1 (SOP Authorization Date and Time (0100,0420), SOP
 * Authorization Comment (0100,0424), Authorization Equipment Certification Number
 * (0100,0426)) with the SOP Class and SOP Instance UIDs.
 */
final class StatusCommand extends OptionCommand {

    static final OptionParser OPTIONS = new OptionParser("status",
            "Shows the SOP Instance Status (0100,0410) of a DICOM file (OR original, AO authorized\n"
                    + "original, AC authorized copy, NS not specified; PS3.15 A.1.1) with its companion\n"
                    + "attributes and the SOP Class and SOP Instance UIDs.")
            .flag("json", 'j', "print one JSON object instead (absent attributes are null)")
            .positional("FILE", "the DICOM file to read")
            .note("with -q, only the SOP Instance Status is printed (OR, AO, AC, NS as in the file), or an\n"
                    + "empty line when the file has none: for scripts.\n"
                    + "examples:\n  dicomsec status ct.dcm\n  dicomsec status --json ct.dcm\n  dicomsec status -q ct.dcm");

    StatusCommand() {
        super(OPTIONS, "show the SOP Instance Status (OR/AO/AC/NS) and its companion attributes of a file");
    }

    @Override
    int run(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
        Path file = Path.of(o.positional("FILE"));
        DicomInput.check(file);
        Dataset ds;
        try {
            ds = DicomFile.read(file).dataset();
        } catch (IOException e) {
            throw DicomInput.failure(file, e);
        }
        String status = ds.getString(Tag.SOPInstanceStatus);
        String meaning = SopInstanceStatus.meaningOf(status);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("sopClassUid", ds.getString(Tag.SOPClassUID));
        m.put("sopInstanceUid", ds.getString(Tag.SOPInstanceUID));
        m.put("sopInstanceStatus", status == null || status.isBlank() ? null : status.strip());
        m.put("sopInstanceStatusMeaning", meaning);
        m.put("sopAuthorizationDateTime", ds.getString(StatusAttributes.SOP_AUTHORIZATION_DATE_TIME));
        m.put("sopAuthorizationComment", ds.getString(StatusAttributes.SOP_AUTHORIZATION_COMMENT));
        m.put("authorizationEquipmentCertificationNumber",
                ds.getString(StatusAttributes.AUTHORIZATION_EQUIPMENT_CERTIFICATION_NUMBER));
        if (o.has("json")) {
            out.println(JsonWriter.write(m));
            return 0;
        }
        if (o.quiet()) {
            String term = m.get("sopInstanceStatus");
            out.println(term == null ? "" : term);
            return 0;
        }
        out.println(file);
        line(out, "SOP Class UID (0008,0016)", m.get("sopClassUid"));
        line(out, "SOP Instance UID (0008,0018)", m.get("sopInstanceUid"));
        line(out, "SOP Instance Status (0100,0410)", m.get("sopInstanceStatus") == null ? null
                : m.get("sopInstanceStatus") + " (" + meaning + ")");
        line(out, "SOP Authorization Date and Time (0100,0420)", m.get("sopAuthorizationDateTime"));
        line(out, "SOP Authorization Comment (0100,0424)", m.get("sopAuthorizationComment"));
        line(out, "Authorization Equipment Certification Number (0100,0426)",
                m.get("authorizationEquipmentCertificationNumber"));
        return 0;
    }

    private static void line(PrintStream out, String name, String value) {
        out.printf("  %-58s %s%n", name, value == null ? "(absent)" : value);
    }
}
