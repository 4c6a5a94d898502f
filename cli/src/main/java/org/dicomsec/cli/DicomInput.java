package org.dicomsec.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.dicomsec.data.DicomCodecException;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.DicomFileReader;

/**
 * Opens the DICOM file a user named and turns every way that can fail into
 * a {@link CommandException} with exit status 2 whose one-line message names
 * the file and the problem (and, for bad data, the offset and tag the codec
 * reports).
 */
final class DicomInput {

    private DicomInput() {
    }

    /**
     * Opens {@code file} for reading after checking that it exists, is a
     * regular readable file, and starts like DICOM: "DICM" at offset 128
     * (PS3.10 7.1) or 0, or a plausible first element of a bare data set.
     */
    static DicomFileReader open(Path file) throws CommandException {
        check(file);
        try {
            return DicomFileReader.open(file);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /** Checks the file is there and looks like DICOM, without keeping it open. */
    static void check(Path file) throws CommandException {
        if (!Files.exists(file)) {
            throw new CommandException(file + ": no such file", 2, null);
        }
        if (Files.isDirectory(file)) {
            throw new CommandException(file + ": is a directory, not a DICOM file", 2, null);
        }
        if (!Files.isReadable(file)) {
            throw new CommandException(file + ": permission denied", 2, null);
        }
        boolean empty;
        boolean dicom;
        try {
            empty = Files.size(file) == 0;
            dicom = DicomFile.looksLikeDicom(file);
        } catch (IOException e) {
            throw failure(file, e);
        }
        if (empty) {
            throw new CommandException(file + ": not a DICOM file (it is empty)", 2, null);
        }
        if (!dicom) {
            throw new CommandException(file + ": not a DICOM file (no \"DICM\" at offset 128 or 0,"
                    + " and no data set element at offset 0)", 2, null);
        }
    }

    /** The one-line error for a failure reading or writing {@code file}. */
    static CommandException failure(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new CommandException(file + ": no such file", 2, e);
        }
        if (e instanceof AccessDeniedException) {
            return new CommandException(file + ": permission denied", 2, e);
        }
        if (e instanceof DicomCodecException) {
            return new CommandException(file + ": bad DICOM data: " + Main.describe(e), 2, e);
        }
        return new CommandException(file + ": " + Main.describe(e), 2, e);
    }
}
