package org.dicomsec.cli;

import org.dicomsec.data.TransferSyntaxNames;
import org.dicomsec.data.listing.CappedDatasetReader;
import org.dicomsec.data.listing.DumpListing;
import org.dicomsec.data.listing.ImplicitUsOrSs;
import org.dicomsec.data.listing.ValueText;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFileReader;

/**
 * {@code dicomsec dump [--json] [--full] FILE}: the File Meta Information and
 * data set of a DICOM file, one element a line as dcmdump shows them
 * ({@link DumpListing}), or the data set in the DICOM JSON Model of PS3.18
 * Annex F ({@link org.dicomsec.data.json.JsonModel}). {@code --sample} dumps the sample file bundled
 * with dicomsec.
 */
final class DumpCommand extends OptionCommand {

    /** Bytes of each value kept for a (non-full) listing; the rest is skipped in the stream. */
    private static final int LISTING_CAP = 4096;

    static final OptionParser OPTIONS = new OptionParser("dump",
            "Lists the elements of a DICOM file (PS3.10), one a line: tag, VR, value, then\n"
                    + "after '#' the value length, the value multiplicity and the PS3.6 keyword.\n"
                    + "Text is decoded with the Specific Character Set (0008,0005); binary values are\n"
                    + "shown as numbers or hex; long values are cut (their length is shown) unless --full.")
            .flag("json", 'j', "print the data set in the DICOM JSON Model (PS3.18 Annex F) instead")
            .flag("full", 'L', "print long values completely")
            .alias("full", "print-all")
            .flag("sample", (char) 0, "dump the sample file bundled with dicomsec (no FILE needed)")
            .optionalPositional("FILE", "the DICOM file to read (Part 10, or a bare data set)")
            .note("examples:\n  dicomsec dump image.dcm\n  dicomsec dump --json image.dcm > image.json\n"
                    + "  dicomsec dump --sample");

    DumpCommand() {
        super(OPTIONS, "list the elements of a DICOM file (--json: DICOM JSON Model)");
    }

    @Override
    int run(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
        String file = o.positional("FILE");
        boolean sample = o.has("sample");
        if (sample == (file != null)) {
            throw new UsageException(sample ? "give either FILE or --sample, not both"
                    : "missing FILE (see dicomsec dump --help)");
        }
        boolean json = o.has("json");
        int cap = json || o.has("full") ? Integer.MAX_VALUE : LISTING_CAP;
        if (sample) {
            try (InputStream in = new BufferedInputStream(SampleFile.open())) {
                dump(DicomFileReader.open(in), SampleFile.NAME, json, o.has("full"), cap, out);
            }
            return 0;
        }
        Path path = Path.of(file);
        try (DicomFileReader r = DicomInput.open(path)) {
            dump(r, file, json, o.has("full"), cap, out);
        } catch (IOException e) {
            throw DicomInput.failure(path, e);
        }
        return 0;
    }

    private static void dump(DicomFileReader r, String name, boolean json, boolean full, int cap, PrintStream out)
            throws IOException {
        CappedDatasetReader reader = new CappedDatasetReader(cap);
        Dataset ds;
        try {
            ds = reader.read(r.reader());
        } catch (IOException e) {
            if (!json && reader.partial() != null) {
                // like dcmdump, list what could be read before the error (the error line goes to stderr)
                list(r, name, reader.partial(), full, reader.fullLengths(), out);
                out.println("# (listing ends here: the rest of the file could not be read)");
            }
            throw e;
        }
        if (!r.transferSyntax().explicitVR()) {
            ImplicitUsOrSs.resolve(ds);
        }
        if (json) {
            out.print(org.dicomsec.data.json.JsonModel.of(ds));
            return;
        }
        list(r, name, ds, full, reader.fullLengths(), out);
    }

    private static void list(DicomFileReader r, String name, Dataset ds, boolean full, Map<Object, Long> fullLengths,
                             PrintStream out) {
        DumpListing listing = new DumpListing(out, full ? ValueText.FULL : DumpListing.SHORT, fullLengths);
        Dataset fmi = r.fileMetaInformation();
        out.println("# dicomsec dump: " + name);
        if (fmi.isEmpty()) {
            out.println("# no File Meta Information (a bare data set)");
        } else {
            out.println("# File Meta Information (group 0002, Explicit VR Little Endian)"
                    + (r.preamble() == null ? ", no preamble" : ""));
            listing.list(fmi, 0);
        }
        out.println("# Data Set: transfer syntax " + TransferSyntaxNames.describe(r.transferSyntax().uid())
                + (fmi.isEmpty() ? ", guessed from its first bytes" : ""));
        listing.list(ds, 0);
    }
}
