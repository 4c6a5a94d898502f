package org.dicomsec.storage.folder;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

import org.dicomsec.data.UID;
import org.dicomsec.storage.store.DirectorySync;
import org.dicomsec.storage.store.ReceivedFileWriter;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.AssociationAbortedException;
import org.dicomsec.ul.CStoreHandler;
import org.dicomsec.ul.dimse.Status;

/**
 * The plain folder Storage SCP: a {@link CStoreHandler} that writes each received instance
 * durably into one folder as {@code <SOP Instance UID>.dcm}, a PS3.10 file whose File Meta
 * Information carries the request's (and so the data set's) SOP Class and Instance UIDs.
 *
 * <ul>
 *   <li>The data set is decoded while it streams to a hidden temporary file
 *       ({@code .<uid>.<random>.part}): what cannot be decoded is answered C000H (cannot understand)
 *       and deleted; nothing half-written is kept.</li>
 *   <li>UIDs are cross-checked: an Affected SOP Instance UID that is not a valid UID is answered
 *       0117H (invalid SOP instance, PS3.7 C.5.12) and nothing is read into a file; a data set
 *       whose SOP Class UID (0008,0016) or SOP Instance UID (0008,0018) differs from the request's
 *       is answered A900H (data set does not match SOP class, PS3.4 B.2.3) and deleted. Names are
 *       built from validated UIDs only (digits and dots), so no name leaves the folder.</li>
 *   <li>Success is answered after the file is forced to the disk and renamed atomically; any
 *       failure to write is answered A700H (out of resources) and logged at WARNING.</li>
 *   <li>{@link #open} checks that the folder can be written (a probe file) and removes the
 *       temporary files an interrupted run left behind, logging what it removed.</li>
 * </ul>
 */
public final class FolderScp {
    private static final Logger LOG = System.getLogger(FolderScp.class.getName());
    private static final String PART = ".part";

    /** What was stored, for a caller that reports it. */
    public record Stored(Path file, long dataSetBytes, String callingAeTitle) {
    }

    /** Told of each instance stored. */
    @FunctionalInterface
    public interface Listener {
        void stored(Stored stored);
    }

    /**
     * Transfer syntaxes a folder SCP accepts, preferred first: the uncompressed ones and deflate,
     * then the common encapsulated (compressed) ones, whose data sets are stored as received.
     */
    public static final List<String> TRANSFER_SYNTAXES = List.of(UID.ExplicitVRLittleEndian,
            UID.ImplicitVRLittleEndian, UID.ExplicitVRBigEndian, UID.DeflatedExplicitVRLittleEndian,
            UID.JPEGBaseline8Bit, UID.JPEGExtended12Bit, UID.JPEGLossless, UID.JPEGLosslessSV1, UID.JPEGLSLossless,
            UID.JPEGLSNearLossless, UID.JPEG2000Lossless, UID.JPEG2000, UID.RLELossless, UID.HTJ2KLossless,
            UID.HTJ2KLosslessRPCL, UID.HTJ2K);

    private final Path dir;
    private final int orphansRemoved;

    private FolderScp(Path dir, int orphansRemoved) {
        this.dir = dir;
        this.orphansRemoved = orphansRemoved;
    }

    /**
     * What a Storage SCP writing into a folder accepts: Verification (PS3.4 A), and any SOP class
     * in one of {@link #TRANSFER_SYNTAXES}. The caller may add to it (called AE titles).
     */
    public static AcceptorPolicy.Builder acceptorPolicy() {
        return AcceptorPolicy.builder()
                .abstractSyntax(UID.Verification, UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian,
                        UID.ExplicitVRBigEndian)
                .anyAbstractSyntax(TRANSFER_SYNTAXES.toArray(new String[0]));
    }

    /**
     * Opens {@code dir} for storing, creating it if {@code create} and missing: checks that it is
     * a folder that can be written, and removes temporary files left by an interrupted run.
     *
     * @throws IOException with a one-line message naming the folder and the cause
     */
    public static FolderScp open(Path dir, boolean create) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        if (Files.exists(d) && !Files.isDirectory(d)) {
            throw new NotDirectoryException(d + ": not a folder");
        }
        if (!Files.exists(d)) {
            if (!create) {
                throw new NoSuchFileException(d + ": no such folder");
            }
            try {
                Files.createDirectories(d);
            } catch (IOException e) {
                throw new IOException(d + ": cannot create the folder: " + reason(e), e);
            }
        }
        Path probe;
        try {
            probe = Files.createTempFile(d, ".dicomsec-probe.", ".tmp");
        } catch (AccessDeniedException e) {
            throw new IOException(d + ": cannot write into the folder: permission denied", e);
        } catch (IOException e) {
            throw new IOException(d + ": cannot write into the folder: " + reason(e), e);
        }
        Files.deleteIfExists(probe);
        int removed = removeOrphans(d);
        return new FolderScp(d, removed);
    }

    /** The folder stored into. */
    public Path folder() {
        return dir;
    }

    /** How many temporary files of an interrupted run {@link #open} removed. */
    public int orphansRemoved() {
        return orphansRemoved;
    }

    private static int removeOrphans(Path d) throws IOException {
        int n = 0;
        long bytes = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d, ".*" + PART)) {
            for (Path p : s) {
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                long size = Files.size(p);
                Files.deleteIfExists(p);
                n++;
                bytes += size;
            }
        }
        if (n > 0) {
            LOG.log(Level.WARNING, "{0}: removed {1} partial file(s) ({2} bytes) left by an interrupted store",
                    d, n, String.valueOf(bytes));
        }
        return n;
    }

    /**
     * The C-STORE handler.
     *
     * @param disk     the disk threads of {@link ReceivedFileWriter#write} (null: the association's thread)
     * @param listener told of each instance stored (may be null)
     */
    public CStoreHandler handler(Executor disk, Listener listener) {
        return (a, pc, rq, in) -> {
            String uid = rq.affectedSopInstanceUid();
            if (!UID.isValid(uid)) {
                // the UID becomes a file name: only a valid UID (digits and dots) may pass
                in.transferTo(OutputStream.nullOutputStream());
                LOG.log(Level.WARNING, "{0}: C-STORE refused (0117H): Affected SOP Instance UID is not a valid UID",
                        a.remoteAddress());
                return new Status(Status.INVALID_OBJECT_INSTANCE, "Affected SOP Instance UID is not a valid UID");
            }
            Path target = dir.resolve(uid + ".dcm");
            Path tmp = null;
            ValidatingInput checked = new ValidatingInput(in, pc.transferSyntax(), rq.affectedSopClassUid(), uid);
            try {
                Path part = partFile(uid);
                tmp = part;
                long n;
                try {
                    n = ReceivedFileWriter.writeNew(part, rq.affectedSopClassUid(), uid, pc.transferSyntax(), checked,
                            disk);
                } catch (FileAlreadyExistsException clash) {
                    tmp = null; // another reception's file: not ours to delete
                    throw clash;
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                tmp = null;
                forceDirectory(dir);
                if (listener != null) {
                    listener.stored(new Stored(target, n, a.callingAeTitle()));
                }
                return Status.OK;
            } catch (DataSetRejectedException e) {
                in.transferTo(OutputStream.nullOutputStream());
                LOG.log(Level.WARNING, "{0}: {1} not stored ({2}): {3}", a.remoteAddress(), uid,
                        String.format("%04XH", e.status()), e.getMessage());
                return new Status(e.status(), e.getMessage());
            } catch (AssociationAbortedException e) {
                LOG.log(Level.WARNING, "{0}: {1} not stored: the association was aborted during the C-STORE: {2}",
                        a.remoteAddress(), uid, e.getMessage());
                throw e;
            } catch (IOException e) {
                if (!a.isEstablished()) {
                    LOG.log(Level.WARNING, "{0}: {1} not stored: the connection ended during the C-STORE: {2}",
                            a.remoteAddress(), uid, reason(e));
                    throw e; // the association is gone: nothing to answer
                }
                LOG.log(Level.WARNING, "{0}: {1} not stored (A700H): {2}", a.remoteAddress(), uid, reason(e));
                return new Status(Status.OUT_OF_RESOURCES, "not stored: " + reason(e));
            } finally {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            }
        };
    }

    /**
     * A name for the partial file of {@code uid} that no other reception uses: the writer creates it
     * exclusively (a clash fails, it is never shared), so the random part only has to make a clash
     * unlikely, not unguessable.
     */
    private Path partFile(String uid) {
        return dir.resolve("." + uid + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + PART);
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void forceDirectory(Path dir) {
        try {
            DirectorySync.of(dir).force(); // one force for the concurrent C-STOREs that renamed meanwhile
        } catch (IOException e) {
            // not every platform can open a folder for sync; the file itself is forced
        }
    }

    @Override
    public String toString() {
        return "FolderScp[" + Objects.toString(dir) + "]";
    }
}
