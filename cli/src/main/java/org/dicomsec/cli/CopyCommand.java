package org.dicomsec.cli;

import org.dicomsec.data.TransferSyntaxNames;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.Channels;
import org.dicomsec.data.DicomFileReader;
import org.dicomsec.data.DirectoryOffsets;
import org.dicomsec.data.Transcoder;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.storage.store.DurableFiles;

/**
 * {@code dicomsec copy IN OUT [--transfer-syntax UID]}: reads a DICOM file and
 * writes it again, streaming element by element (large values go from file
 * to file without being held in memory). Without the option OUT keeps IN's
 * transfer syntax and every value; with it, every value is kept and converted
 * to the syntax's byte order and VR form. The File Meta Information is kept
 * with (0002,0010) set and this implementation's identity written (PS3.10 7.1);
 * a DICOMDIR's record offsets (0004,1200), (0004,1202), (0004,1400) and (0004,1420)
 * are recomputed for where its records land ({@link DirectoryOffsets}).
 * OUT is replaced durably ({@link DurableFiles#replace}: a temporary file beside it, forced,
 * renamed into place), so a failed copy leaves no half-written OUT (and IN may be OUT).
 */
final class CopyCommand extends OptionCommand {

    static final OptionParser OPTIONS = new OptionParser("copy",
            "Reads the DICOM file IN and writes it to OUT, in IN's transfer syntax unless\n"
                    + "--transfer-syntax names another. Every element is kept, private ones included.")
            .value("transfer-syntax", 't', "UID", "the transfer syntax of OUT: a UID or a name (below)")
            .alias("transfer-syntax", "ts")
            .positional("IN", "the DICOM file to read")
            .positional("OUT", "the file to write (replaced if it exists)")
            .note("transfer syntax names: " + TransferSyntaxNames.shortNames() + ".\n"
                    + "Encapsulated (compressed) pixel data is copied as it is: it can be kept in its own\n"
                    + "transfer syntax but not decompressed or compressed.\n\n"
                    + "examples:\n  dicomsec copy in.dcm out.dcm\n  dicomsec copy -t implicit-le in.dcm out.dcm\n"
                    + "  dicomsec copy --transfer-syntax=1.2.840.10008.1.2.2 in.dcm big-endian.dcm");

    CopyCommand() {
        super(OPTIONS, "read a DICOM file and write it again (-t: in another transfer syntax)");
    }

    @Override
    int run(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
        Path in = Path.of(o.positional("IN"));
        Path target = Path.of(o.positional("OUT"));
        // a short name or a UID (TransferSyntaxNames)
        TransferSyntax wanted = o.has("transfer-syntax")
                ? ParsedOptions.parse("", () -> TransferSyntaxNames.resolve(o.value("transfer-syntax"))) : null;

        TransferSyntax source;
        try (DicomFileReader r = DicomInput.open(in)) {
            source = r.transferSyntax();
        } catch (IOException e) {
            throw DicomInput.failure(in, e);
        }
        TransferSyntax to = wanted == null ? source : wanted;
        try {
            Transcoder.checkConvertible(source, to); // neither compressed nor decompressed
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), 2, null);
        }

        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new CommandException(target + ": no such directory", 2, null);
        }
        DirectoryOffsets[] directory = new DirectoryOffsets[1];
        long written;
        try {
            DurableFiles.replace(target, ch -> {
                try (InputStream is = new BufferedInputStream(Files.newInputStream(in), 64 * 1024)) {
                    OutputStream os = new BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024);
                    directory[0] = Transcoder.transcodeFile(is, os, to);
                    os.flush();
                } catch (IOException e) {
                    throw new UnreadableInput(e);
                }
                if (directory[0] != null && directory[0].changes()) {
                    // a DICOMDIR: its records moved with the new File Meta Information; so do the offsets
                    directory[0].apply(ch);
                }
            });
            written = Files.size(target);
        } catch (UnreadableInput e) {
            throw DicomInput.failure(in, e.getCause());
        } catch (IOException e) {
            throw new CommandException(target + ": cannot write: " + Main.describe(e), 1, e);
        }
        if (directory[0] != null && directory[0].dangling() > 0) {
            err.println("warning: " + in + ": " + directory[0].dangling() + " DICOMDIR offset(s) point at no directory"
                    + " record; copied unchanged");
        }
        if (!o.quiet()) {
            out.println("wrote " + target + " (" + written + " bytes, transfer syntax "
                    + TransferSyntaxNames.describe(to.uid()) + ")");
        }
        return 0;
    }

    /** Reading or transcoding IN failed while OUT was written: reported as bad input, not as a write failure. */
    private static final class UnreadableInput extends IOException {
        private static final long serialVersionUID = 1L;

        UnreadableInput(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
