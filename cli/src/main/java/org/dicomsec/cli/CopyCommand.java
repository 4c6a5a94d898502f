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
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import org.dicomsec.data.DicomFileReader;
import org.dicomsec.data.DirectoryOffsets;
import org.dicomsec.data.Transcoder;
import org.dicomsec.data.TransferSyntax;

/**
 * {@code dicomsec copy IN OUT [--transfer-syntax UID]}: reads a DICOM file and
 * writes it again, streaming element by element (large values go from file
 * to file without being held in memory). Without the option OUT keeps IN's
 * transfer syntax and every value; with it, every value is kept and converted
 * to the syntax's byte order and VR form. The File Meta Information is kept
 * with (0002,0010) set and this implementation's identity written (PS3.10 7.1);
 * a DICOMDIR's record offsets (0004,1200), (0004,1202), (0004,1400) and (0004,1420)
 * are recomputed for where its records land ({@link DirectoryOffsets}).
 * OUT is written beside itself under a temporary name and moved into place, so
 * a failed copy leaves no half-written OUT (and IN may be OUT).
 */
final class CopyCommand implements Main.Command {

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

    @Override
    public String summary() {
        return "read a DICOM file and write it again (-t: in another transfer syntax)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        ParsedOptions o = OPTIONS.parse(args);
        if (o.helpRequested()) {
            out.print(OPTIONS.help());
            return 0;
        }
        Path in = Path.of(o.positional("IN"));
        Path target = Path.of(o.positional("OUT"));
        TransferSyntax wanted = o.has("transfer-syntax") ? transferSyntax(o.value("transfer-syntax"))
                : null;

        TransferSyntax source;
        try (DicomFileReader r = DicomInput.open(in)) {
            source = r.transferSyntax();
        } catch (IOException e) {
            throw DicomInput.failure(in, e);
        }
        TransferSyntax to = wanted == null ? source : wanted;
        checkConvertible(source, to);

        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new CommandException(target + ": no such directory", 2, null);
        }
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        } catch (IOException e) {
            throw new CommandException(target + ": cannot write: " + Main.describe(e), 1, e);
        }
        long written;
        DirectoryOffsets directory;
        try {
            try (InputStream is = new BufferedInputStream(Files.newInputStream(in), 64 * 1024);
                 OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
                directory = Transcoder.transcodeFile(is, os, to);
            } catch (IOException e) {
                throw DicomInput.failure(in, e);
            }
            if (directory != null && directory.changes()) {
                // a DICOMDIR: its records moved with the new File Meta Information; so do the offsets
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    directory.apply(ch);
                }
            }
            if (directory != null && directory.dangling() > 0) {
                err.println("warning: " + in + ": " + directory.dangling() + " DICOMDIR offset(s) point at no directory"
                        + " record; copied unchanged");
            }
            written = Files.size(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CommandException(target + ": cannot write: " + Main.describe(e), 1, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (!o.quiet()) {
            out.println("wrote " + target + " (" + written + " bytes, transfer syntax "
                    + TransferSyntaxNames.describe(to.uid()) + ")");
        }
        return 0;
    }

    /**
     * dicomsec neither compresses nor decompresses: a native syntax converts to
     * any native one; an encapsulated one only to itself (PS3.5 A.4).
     */
    static void checkConvertible(TransferSyntax from, TransferSyntax to) throws CommandException {
        if (from.uid().equals(to.uid()) || (!from.encapsulated() && !to.encapsulated())) {
            return;
        }
        if (to.encapsulated()) {
            throw new CommandException("cannot convert to " + TransferSyntaxNames.describe(to.uid())
                    + ": dicomsec does not compress pixel data", 2, null);
        }
        throw new CommandException("cannot convert " + TransferSyntaxNames.describe(from.uid()) + " to "
                + TransferSyntaxNames.describe(to.uid()) + ": dicomsec does not decompress pixel data", 2, null);
    }

    /** {@code --transfer-syntax}: a short name or a UID ({@link TransferSyntaxNames}). */
    private static TransferSyntax transferSyntax(String v) throws UsageException {
        try {
            return TransferSyntaxNames.resolve(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
