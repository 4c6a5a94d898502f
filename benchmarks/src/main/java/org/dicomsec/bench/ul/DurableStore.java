package org.dicomsec.bench.ul;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.dicomsec.storage.store.ReceivedFileWriter;
import org.dicomsec.ul.CStoreHandler;
import org.dicomsec.ul.dimse.Status;

/**
 * A C-STORE handler that stores the way {@code dicomsec scp} does (cli ScpCommand, whose
 * handler is not public), with the same writer: a temporary file in the folder,
 * {@link ReceivedFileWriter} (preamble and meta information, the data set as received, the
 * disk writes and periodic forces on a disk thread overlapping the reception, a final fsync),
 * atomic rename to {@code <SOP Instance UID>.<n>.dcm}, fsync of the folder. Each operation
 * stores a new file (n counts up), as an SCP receiving new instances does: unlinking the previous
 * 256 MiB copy would cost 45-55 ms inside the operation here; the benchmark deletes the received
 * files between operations instead ({@link #clear}), outside the measured time, as
 * benchmarks/scripts/cstore-vs-dcmtk.sh does for both toolkits.
 */
final class DurableStore {

    private static final Executor DISK = ReceivedFileWriter.diskExecutor(2, "bench-disk");
    private static final AtomicLong STORED = new AtomicLong();

    private DurableStore() {
    }

    static CStoreHandler handler(Path dir) {
        return (a, pc, rq, in) -> {
            Path target = dir.resolve(rq.affectedSopInstanceUid() + "." + STORED.incrementAndGet() + ".dcm");
            Path tmp = Files.createTempFile(dir, ".store.", ".part");
            try {
                ReceivedFileWriter.write(tmp, rq.affectedSopClassUid(), rq.affectedSopInstanceUid(), pc.transferSyntax(),
                        in, DISK);
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

    /**
     * The like-for-like counterpart of {@code storescp +B} (DCMTK 3.6.7 writes each received
     * instance with buffered writes and no fsync): the data set is written as received, through
     * 1 MiB blocks, into a new file that is left to the page cache; no fsync, no rename. It shows
     * what the durable handler's forces cost; {@code dicomsec scp} never stores this way.
     */
    static CStoreHandler unforced(Path dir) {
        return (a, pc, rq, in) -> {
            Path target = dir.resolve(rq.affectedSopInstanceUid() + "." + STORED.incrementAndGet() + ".dcm");
            byte[] block = new byte[ReceivedFileWriter.BLOCK];
            try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(block);
                int n;
                while ((n = in.readNBytes(block, 0, block.length)) > 0) {
                    buf.clear().limit(n);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                }
            }
            return Status.OK;
        };
    }

    /** Deletes what {@link #handler} or {@link #unforced} stored in {@code dir}. */
    static void clear(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
