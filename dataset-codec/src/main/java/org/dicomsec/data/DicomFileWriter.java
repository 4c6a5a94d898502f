package org.dicomsec.data;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Starts a DICOM file (PS3.10 section 7.1): a 128-byte preamble of zeros,
 * "DICM", the File Meta Information in Explicit VR Little Endian with its group
 * length, this implementation's Implementation Class UID and Version Name and
 * version 00 01, then hands out a {@link DicomWriter} in the data set's transfer
 * syntax (deflating when it says so) for the caller to stream the data set into.
 */
public final class DicomFileWriter {

    private DicomFileWriter() {
    }

    /**
     * Writes preamble, prefix and File Meta Information ({@code fmi} must hold
     * the Transfer Syntax UID (0002,0010)) and returns the writer for the data
     * set; call {@link DicomWriter#finish()} or {@link DicomWriter#close()} at the end.
     */
    public static DicomWriter open(OutputStream out, Dataset fmi) throws IOException {
        Dataset meta = FileMetaInformation.forWriting(fmi);
        DicomWriter w = head(out, meta);
        w.switchTransferSyntax(FileMetaInformation.transferSyntaxOf(meta));
        return w;
    }

    /**
     * Writes preamble, prefix and File Meta Information as {@link #open} does, flushed, and nothing
     * else: for a caller that writes the data set's bytes itself, as they were received (deflated
     * ones too).
     */
    public static void writeHead(OutputStream out, Dataset fmi) throws IOException {
        head(out, FileMetaInformation.forWriting(fmi)).flush();
    }

    private static DicomWriter head(OutputStream out, Dataset meta) throws IOException {
        DicomWriter w = new DicomWriter(out, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        w.writeValue(new byte[128]);
        w.writeValue(new byte[] {'D', 'I', 'C', 'M'});
        w.writeDataset(meta);
        return w;
    }
}
