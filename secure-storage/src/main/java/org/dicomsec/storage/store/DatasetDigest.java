package org.dicomsec.storage.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.TransferSyntax;

/**
 * The digest the store keeps per instance: SHA-256 (lower-case hex) of the
 * data set bytes in their transfer syntax, i.e. of a Part 10 file after its
 * File Meta Information; what a receiver computes over the bytes it received
 * (PS3.15 A.1.1 rules d.3 and e.4).
 */
public final class DatasetDigest {

    private DatasetDigest() {
    }

    /** The digest of {@code ds} encoded in {@code ts}. */
    public static String of(Dataset ds, TransferSyntax ts) throws IOException {
        DigestTap tap = new DigestTap(OutputStream.nullOutputStream());
        tap.start();
        DicomWriter w = new DicomWriter(tap, ts);
        w.writeDataset(ds);
        w.finish();
        return tap.hex();
    }

    /** The digest of the bytes of {@code encoded}. */
    public static String of(byte[] encoded) {
        return HexFormat.of().formatHex(DigestTap.sha256().digest(encoded));
    }

    /**
     * The digest of a Part 10 file's data set: the bytes after the File Meta
     * Information (PS3.10 7.1: 128-byte preamble, "DICM", (0002,0000) UL first),
     * lengths checked against the file before use.
     */
    public static String ofFile(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(144);
            if (head.length < 144 || head[128] != 'D' || head[129] != 'I' || head[130] != 'C' || head[131] != 'M'
                    || head[132] != 2 || head[133] != 0 || head[134] != 0 || head[135] != 0) {
                throw new StoreIntegrityException(file + ": not a Part 10 file with (0002,0000) first");
            }
            long groupLength = (head[140] & 0xFFL) | (head[141] & 0xFFL) << 8 | (head[142] & 0xFFL) << 16
                    | (head[143] & 0xFFL) << 24;
            if (groupLength > size - 144) {
                throw new StoreIntegrityException(file + ": (0002,0000) " + groupLength + " exceeds the file");
            }
            in.skipNBytes(groupLength);
            MessageDigest md = DigestTap.sha256();
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        }
    }
}
