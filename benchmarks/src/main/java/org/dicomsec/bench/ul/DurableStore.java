package org.dicomsec.bench.ul;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.FileMetaInformation;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.ul.CStoreHandler;
import org.dicomsec.ul.dimse.Status;

/**
 * A C-STORE handler that stores the way {@code dicomsec scp} does (cli ScpCommand, whose
 * handler is not public): a temporary file in the folder, preamble and meta information, the
 * data set bytes as received through a 64 KiB buffer, fsync, atomic rename to
 * {@code <SOP Instance UID>.dcm} (replacing the previous copy), fsync of the folder.
 */
final class DurableStore {
    private DurableStore() {
    }

    static CStoreHandler handler(Path dir) {
        return (a, pc, rq, in) -> {
            Path target = dir.resolve(rq.affectedSopInstanceUid() + ".dcm");
            Path tmp = Files.createTempFile(dir, ".store.", ".part");
            try {
                write(tmp, rq.affectedSopClassUid(), rq.affectedSopInstanceUid(), pc.transferSyntax(), in);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                tmp = null;
                try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                    d.force(true);
                }
                return Status.OK;
            } finally {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            }
        };
    }

    private static void write(Path file, String sopClass, String sopInstance, String ts, InputStream dataSet)
            throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            OutputStream os = new BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024);
            Dataset meta = FileMetaInformation.forWriting(FileMetaInformation.create(sopClass, sopInstance, ts));
            DicomWriter w = new DicomWriter(os, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            w.writeValue(new byte[128]);
            w.writeValue(new byte[] {'D', 'I', 'C', 'M'});
            w.writeDataset(meta);
            w.flush();
            dataSet.transferTo(os);
            os.flush();
            ch.force(true);
        }
    }
}
