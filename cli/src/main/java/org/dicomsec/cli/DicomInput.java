package org.dicomsec.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.dicomsec.data.DicomCodecException;
import org.dicomsec.data.DicomFileReader;
import org.dicomsec.data.VR;

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
        byte[] head = new byte[132];
        int n;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
            size = Files.size(file);
        } catch (IOException e) {
            throw failure(file, e);
        }
        if (n == 0) {
            throw new CommandException(file + ": not a DICOM file (it is empty)", 2, null);
        }
        if (!looksLikeDicom(head, n, size)) {
            throw new CommandException(file + ": not a DICOM file (no \"DICM\" at offset 128 or 0,"
                    + " and no data set element at offset 0)", 2, null);
        }
    }

    /**
     * True for a Part 10 file (DICM at 128, or at 0 when the preamble is
     * missing) or for bytes that read as a first data set element: an even
     * group from 0002 to 7FE0 with an explicit VR, or with an implicit length
     * that fits in the file.
     */
    static boolean looksLikeDicom(byte[] head, int n, long size) {
        if (n >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') {
            return true;
        }
        if (n >= 4 && head[0] == 'D' && head[1] == 'I' && head[2] == 'C' && head[3] == 'M') {
            return true;
        }
        if (n < 8) {
            return false;
        }
        for (boolean bigEndian : new boolean[] {false, true}) {
            int group = bigEndian ? (head[0] & 0xFF) << 8 | (head[1] & 0xFF) : (head[1] & 0xFF) << 8 | (head[0] & 0xFF);
            if (group < 0x0002 || group > 0x7FE0 || (group & 1) != 0) {
                continue;
            }
            if (VR.ofCode((head[4] & 0xFF) << 8 | (head[5] & 0xFF)) != null) {
                return true;
            }
            long length = bigEndian ? 0 : (head[4] & 0xFFL) | (head[5] & 0xFFL) << 8 | (head[6] & 0xFFL) << 16
                    | (head[7] & 0xFFL) << 24;
            if (!bigEndian && (length == 0xFFFFFFFFL || length <= size - 8)) {
                return true;
            }
        }
        return false;
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
