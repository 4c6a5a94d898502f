package org.dicomsec.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A whole DICOM file in memory (PS3.10 section 7.1): File Meta Information and
 * data set. For files too large for memory use {@link DicomFileReader} and
 * {@link DicomFileWriter}, or {@link DicomReader#readDataset(int)} with
 * {@link Tag#PixelData} as stop tag.
 */
public final class DicomFile {

    private final Dataset fmi;
    private final Dataset dataset;
    private final TransferSyntax readIn;

    /** A file of {@code dataset} with the meta information {@code fmi} (which names the transfer syntax). */
    public DicomFile(Dataset fmi, Dataset dataset) {
        this(fmi, dataset, null);
    }

    private DicomFile(Dataset fmi, Dataset dataset, TransferSyntax readIn) {
        this.fmi = Objects.requireNonNull(fmi, "fmi");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.readIn = readIn;
    }

    /** A file of {@code dataset} in {@code ts}, with new meta information taken from the data set. */
    public static DicomFile of(Dataset dataset, TransferSyntax ts) {
        return new DicomFile(FileMetaInformation.createFor(dataset, ts.uid()), dataset);
    }

    /** Reads a whole file: with or without preamble or meta information. */
    public static DicomFile read(Path file) throws IOException {
        return read(file, ReadLimits.DEFAULT);
    }

    /** Reads a whole file with other limits (e.g. a larger {@link ReadLimits#maxValueLength()}). */
    public static DicomFile read(Path file, ReadLimits limits) throws IOException {
        try (DicomFileReader r = DicomFileReader.open(file, limits)) {
            return of(r);
        }
    }

    /** Reads a whole file from a stream (not closed). */
    public static DicomFile read(InputStream in) throws IOException {
        return of(DicomFileReader.open(in));
    }

    private static DicomFile of(DicomFileReader r) throws IOException {
        Dataset ds = r.readDataset();
        Dataset meta = r.fileMetaInformation();
        if (FileMetaInformation.transferSyntaxOf(meta) == null) {
            // no meta information: remember the guessed syntax so that writing keeps it
            meta = new Dataset();
            meta.setString(Tag.TransferSyntaxUID, VR.UI, r.transferSyntax().uid());
        }
        return new DicomFile(meta, ds, r.transferSyntax());
    }

    /** The transfer syntax the data set was read in, or null when it was not read from a file. */
    public TransferSyntax readInTransferSyntax() {
        return readIn;
    }

    public Dataset fileMetaInformation() {
        return fmi;
    }

    public Dataset dataset() {
        return dataset;
    }

    /** The transfer syntax (0002,0010) names; Explicit VR Little Endian when it names none. */
    public TransferSyntax transferSyntax() {
        TransferSyntax ts = FileMetaInformation.transferSyntaxOf(fmi);
        return ts == null ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : ts;
    }

    /** Writes the file with its meta information's transfer syntax. */
    public void write(OutputStream out) throws IOException {
        Dataset meta = fmi;
        if (FileMetaInformation.transferSyntaxOf(meta) == null) {
            meta = FileMetaInformation.createFor(dataset, transferSyntax().uid());
        }
        DicomWriter w = DicomFileWriter.open(out, meta);
        // values of group lengths read in another syntax no longer hold (PS3.5 7.2): leave them out
        w.setDropGroupLengths(readIn != null && readIn.explicitVR() != w.transferSyntax().explicitVR());
        w.writeDataset(dataset);
        w.finish();
    }

    /** Writes the file (created or replaced). */
    public void write(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            write(out);
        }
    }

    /** This file in another transfer syntax: same data set and meta information, (0002,0010) changed. */
    public DicomFile withTransferSyntax(TransferSyntax ts) {
        Dataset meta = new Dataset();
        for (Element e : fmi) {
            meta.put(e);
        }
        meta.setString(Tag.TransferSyntaxUID, VR.UI, ts.uid());
        return new DicomFile(meta, dataset, readIn);
    }

    /**
     * True for a Part 10 file (DICM at 128, or at 0 when the preamble is
     * missing) or for bytes that read as a first data set element: an even
     * group from 0002 to 7FE0 with an explicit VR, or with an implicit length
     * that fits in the file. A cheap check before reading, so that a file that is not
     * DICOM at all gets a plain answer rather than a decoding error deep inside it.
     *
     * @param head the first bytes of the file (132 are enough)
     * @param n    how many of {@code head} were read
     * @param size the file's size in bytes
     */
    public static boolean looksLikeDicom(byte[] head, int n, long size) {
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

    /**
     * {@link #looksLikeDicom(byte[], int, long)} on the first 132 bytes of {@code file}: false for
     * an empty file.
     *
     * @throws IOException the file cannot be read
     */
    public static boolean looksLikeDicom(Path file) throws IOException {
        byte[] head = new byte[132];
        try (InputStream in = Files.newInputStream(file)) {
            return looksLikeDicom(head, in.readNBytes(head, 0, head.length), Files.size(file));
        }
    }
}
