package org.dicomsec.storage.folder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.dicomsec.data.LibraryLog;
import org.dicomsec.data.UID;
import org.dicomsec.storage.store.DirectorySync;
import org.dicomsec.storage.store.FileSeal;
import org.dicomsec.storage.store.OwnerOnly;
import org.dicomsec.storage.store.ReceivedFileWriter;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationAbortedException;
import org.dicomsec.ul.CStoreHandler;
import org.dicomsec.ul.PresentationContext;
import org.dicomsec.ul.dimse.CStoreRq;
import org.dicomsec.ul.dimse.Status;

/**
 * The plain folder Storage SCP: a {@link CStoreHandler} that writes each received instance
 * durably into one folder as {@code <SOP Instance UID>.dcm}, a PS3.10 file whose File Meta
 * Information carries the request's (and so the data set's) SOP Class and Instance UIDs.
 *
 * <ul>
 *   <li>The data set is decoded while it streams to a file whose name is not yet the final one:
 *       what cannot be decoded is answered C000H (cannot understand) and deleted; nothing
 *       half-written is kept.</li>
 *   <li>UIDs are cross-checked: an Affected SOP Instance UID that is not a valid UID is answered
 *       0117H (invalid SOP instance, PS3.7 C.5.12) and nothing is read into a file; a data set
 *       whose SOP Class UID (0008,0016) or SOP Instance UID (0008,0018) differs from the request's
 *       is answered A900H (data set does not match SOP class, PS3.4 B.2.3) and deleted. Names are
 *       built from validated UIDs only (digits and dots), so no name leaves the folder.</li>
 *   <li>Success is answered only for what a restart finds stored. Every file carries a
 *       {@link FileSeal} in its preamble (its length, the CRC-32C of the rest, a sequence number,
 *       the UID). <b>Staged commit</b> (where the file system has hard links): the instance is
 *       written into a file of {@value #STAGING}/ that was created, and its name forced, before
 *       the C-STORE arrived; the file is forced, linked under its final name and success is
 *       answered; a background task forces the folder for many such links at once and then
 *       removes their staged names. So a C-STORE waits for one force (the file's), not two (the
 *       file's and, after a rename, the folder's). A file whose final name exists already (the
 *       instance again), or with no staged file at hand: a hidden temporary file
 *       ({@code .<uid>.<random>.part}) forced, renamed atomically over the final name, the folder
 *       forced, then success.</li>
 *   <li>Any failure to write is answered A700H (out of resources) and logged at WARNING.</li>
 *   <li>{@link #open} checks that the folder can be written (a probe file), removes the temporary
 *       files an interrupted run left behind, and settles the staged files: one whose final name
 *       is the same file is removed; one whose seal matches it whole is linked under its final name
 *       unless a newer version (a higher sequence) is there; one that does not match its seal (a
 *       crash cut it off: it was never answered) is removed; empty ones are kept for use. The
 *       sequences increase across runs whatever the clock does ({@link SealSequence}).</li>
 * </ul>
 */
public final class FolderScp {
    private static final Logger LOG = LibraryLog.logger(FolderScp.class);
    private static final String PART = ".part";
    /** The folder, inside the stored-into folder, of the files of the staged commit. */
    public static final String STAGING = ".dicomsec-staged";
    private static final String STAGED = ".staged";
    /** Staged files created (then their folder forced) at once when fewer than half are at hand. */
    static final int POOL = 64;
    /** How long the background task lets links gather before it forces the folder for them. */
    private static final long PUBLISH_GATHER_MILLIS = 10;

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
    private final int recovered;
    /** The staging folder, or null where hard links cannot be made (every C-STORE renames). */
    private final Path staging;
    /** Staged files created and their names forced, not yet used. */
    private final ConcurrentLinkedDeque<Path> pool = new ConcurrentLinkedDeque<>();
    /** The size of {@link #pool} (a deque counts its elements one by one). */
    private final AtomicInteger pooled = new AtomicInteger();
    private final AtomicBoolean refilling = new AtomicBoolean();
    /** Staged names of files linked under their final names, whose folder is not yet forced. */
    private final ConcurrentLinkedQueue<Path> linked = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean publishing = new AtomicBoolean();
    /** Sequence numbers of the seals: increasing across runs ({@link SealSequence}). */
    private final SealSequence sequence;
    /** Notified whenever a background task ends ({@link #awaitIdle}). */
    private final Object idle = new Object();
    /** Set by {@link #close}: no more staged files are made. */
    private volatile boolean closed;
    /** The background tasks (refill, publish): threads only while there is work. */
    private final Executor background = ReceivedFileWriter.diskExecutor(2, "dicomsec-folder");

    private FolderScp(Path dir, int orphansRemoved, int recovered, Path staging, List<Path> pool,
                      SealSequence sequence) {
        this.dir = dir;
        this.orphansRemoved = orphansRemoved;
        this.recovered = recovered;
        this.staging = staging;
        this.pool.addAll(pool);
        this.pooled.set(pool.size());
        this.sequence = sequence;
    }

    /**
     * What a Storage SCP writing into a folder accepts: Verification (PS3.4 A), and any SOP class
     * in one of {@link #TRANSFER_SYNTAXES} (but a DICOMDIR's, {@link AcceptorPolicy.Builder#anyAbstractSyntax}).
     * The caller may add to it (called AE titles).
     */
    public static AcceptorPolicy.Builder acceptorPolicy() {
        return AcceptorPolicy.builder()
                .abstractSyntax(UID.Verification, UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian,
                        UID.ExplicitVRBigEndian)
                .anyAbstractSyntax(TRANSFER_SYNTAXES.toArray(new String[0]));
    }

    /**
     * Opens {@code dir} for storing, creating it if {@code create} and missing: checks that it is
     * a folder that can be written, removes temporary files left by an interrupted run and settles
     * the staged files of one (see the class comment).
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
        Path staging = d.resolve(STAGING);
        try {
            if (!linkable(d, probe)) {
                staging = null;
            }
        } finally {
            Files.deleteIfExists(probe);
        }
        int removed = removeOrphans(d);
        List<Path> pool = new ArrayList<>();
        long[] highest = {0};
        int recovered = 0;
        long clock = System.currentTimeMillis() << 20; // about a million instances a millisecond
        SealSequence sequence = SealSequence.inMemory(clock);
        if (staging != null) {
            try {
                OwnerOnly.directory(staging, false);
                recovered = settle(d, staging, pool, highest);
                while (pool.size() < POOL) {
                    Path p = staging.resolve(stagedName());
                    try {
                        OwnerOnly.createFile(p);
                        pool.add(p);
                    } catch (FileAlreadyExistsException clash) {
                        // another name next time
                    }
                }
                DirectorySync.of(staging).force(); // the empty files: their names on the device
                sequence = SealSequence.open(staging, d, Math.max(clock, highest[0] + 1));
            } catch (IOException e) {
                throw new IOException(staging + ": cannot use the staging folder: " + reason(e), e);
            }
        }
        return new FolderScp(d, removed, recovered, staging, pool, sequence);
    }

    /** Whether a hard link can be made in {@code d} (a staged commit needs one per instance). */
    private static boolean linkable(Path d, Path probe) {
        Path link = d.resolve(probe.getFileName() + ".link");
        try {
            Files.createLink(link, probe);
            Files.deleteIfExists(link);
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            LOG.log(Level.INFO, "{0}: no hard links here ({1}): every C-STORE renames its file and forces the folder",
                    d, e.toString());
            return false;
        }
    }

    /**
     * Settles what an earlier run left in {@code staging}: see the class comment. Empty files go to
     * {@code pool}; {@code highest[0]} becomes the highest sequence of a valid seal seen. Returns the
     * number of instances linked under their final names.
     */
    private static int settle(Path d, Path staging, List<Path> pool, long[] highest) throws IOException {
        int published = 0;
        int cutOff = 0;
        int superseded = 0;
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(staging)) {
            for (Path p : s) {
                files.add(p);
            }
        }
        Collections.sort(files);
        for (Path p : files) {
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    || p.getFileName().toString().equals(SealSequence.NAME)) {
                continue;
            }
            if (Files.size(p) == 0) {
                pool.add(p);
                continue;
            }
            FileSeal quick = FileSeal.read(p);
            Path target = quick == null || !UID.isValid(quick.uid()) ? null : d.resolve(quick.uid() + ".dcm");
            if (target != null && Files.exists(target, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(target, p)) {
                highest[0] = Math.max(highest[0], quick.sequence());
                Files.delete(p); // published: its final name reached the device before this one was removed
                continue;
            }
            FileSeal seal = target == null ? null : FileSeal.verify(p);
            if (seal == null) {
                Files.delete(p); // cut off by a crash before its force ended: never answered as stored
                cutOff++;
                continue;
            }
            highest[0] = Math.max(highest[0], seal.sequence());
            FileSeal there = Files.exists(target, LinkOption.NOFOLLOW_LINKS) ? FileSeal.read(target) : null;
            if (there != null && there.sequence() > seal.sequence()) {
                Files.delete(p); // a newer version of the instance was stored after it
                superseded++;
                continue;
            }
            // a link under a temporary name, then a rename over the final one: at every moment one
            // of the names holding the instance is on the device
            Path part = d.resolve("." + seal.uid() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong())
                    + PART);
            Files.createLink(part, p);
            DirectorySync.of(d).force();
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DirectorySync.of(d).force();
            Files.delete(p);
            published++;
        }
        if (published + cutOff + superseded > 0) {
            LOG.log(Level.WARNING, "{0}: an interrupted run left staged files: {1} stored under their final names,"
                    + " {2} removed as cut off (never answered as stored), {3} removed as older than the stored"
                    + " version", d, published, cutOff, superseded);
        }
        return published;
    }

    /** The folder stored into. */
    public Path folder() {
        return dir;
    }

    /** How many temporary files of an interrupted run {@link #open} removed. */
    public int orphansRemoved() {
        return orphansRemoved;
    }

    /** How many instances of an interrupted run {@link #open} found only under staged names and stored. */
    public int recovered() {
        return recovered;
    }

    /** Whether C-STOREs use the staged commit (the file system has hard links). */
    public boolean stagedCommit() {
        return staging != null;
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
     * The C-STORE handler. It stores in two steps ({@link CStoreHandler.Staged}): the data set is
     * read, checked and written (not yet forced) by the thread that reads the association; the
     * file's force, its link or rename to its final name and the answer follow, on the store
     * executor when the association has an asynchronous operations window, else on the same thread.
     *
     * @param disk     the disk threads of {@link ReceivedFileWriter#write} (null: the association's thread)
     * @param listener told of each instance stored (may be null)
     */
    public CStoreHandler handler(Executor disk, Listener listener) {
        return (CStoreHandler.Staged) (a, pc, rq, in) -> receive(a, pc, rq, in, disk, listener);
    }

    private CStoreHandler.Completion receive(Association a, PresentationContext pc, CStoreRq rq, InputStream in,
                                             Executor disk, Listener listener) throws IOException {
        String uid = rq.affectedSopInstanceUid();
        if (!UID.isValid(uid)) {
            // the UID becomes a file name: only a valid UID (digits and dots) may pass
            in.transferTo(OutputStream.nullOutputStream());
            LOG.log(Level.WARNING, "{0}: C-STORE refused (0117H): Affected SOP Instance UID is not a valid UID",
                    a.remoteAddress());
            return CStoreHandler.Completion.of(new Status(Status.INVALID_OBJECT_INSTANCE,
                    "Affected SOP Instance UID is not a valid UID"));
        }
        Path target = dir.resolve(uid + ".dcm");
        Path tmp = null;
        FileChannel ch = null;
        ValidatingInput checked = new ValidatingInput(in, pc.transferSyntax(), rq.affectedSopClassUid(), uid);
        try {
            Path staged = staging == null || Files.exists(target) ? null : pool.pollFirst();
            if (staged != null) {
                pooled.decrementAndGet();
            }
            refill();
            if (staged != null) {
                try {
                    ch = FileChannel.open(staged, StandardOpenOption.WRITE);
                    tmp = staged;
                } catch (NoSuchFileException gone) {
                    // the staging folder was removed or emptied under the running server: made anew
                    dropPool();
                    staged = null;
                }
            }
            if (staged == null) {
                Path part = partFile(uid);
                // (a name that exists is another reception's file: not ours to delete)
                ch = OwnerOnly.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                tmp = part;
            }
            ReceivedFileWriter.Sealed sealed = ReceivedFileWriter.writeSealed(ch, rq.affectedSopClassUid(), uid,
                    pc.transferSyntax(), checked, disk, sequence.next(), false);
            Path file = tmp;
            FileChannel written = ch;
            boolean linked = staged != null;
            tmp = null; // the completion owns the file and its channel from here
            ch = null;
            return () -> commit(a, uid, target, file, written, linked, sealed, listener);
        } catch (DataSetRejectedException e) {
            in.transferTo(OutputStream.nullOutputStream());
            LOG.log(Level.WARNING, "{0}: {1} not stored ({2}): {3}", a.remoteAddress(), uid,
                    String.format("%04XH", e.status()), e.getMessage());
            return CStoreHandler.Completion.of(new Status(e.status(), e.getMessage()));
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
            return CStoreHandler.Completion.of(new Status(Status.OUT_OF_RESOURCES, "not stored: " + reason(e)));
        } finally {
            try {
                if (ch != null) {
                    ch.close();
                }
            } finally {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            }
        }
    }

    /**
     * The second step of a C-STORE: {@code file}, written and sealed, is forced and becomes
     * {@code target} (linked when it is a staged file, else renamed); success only then.
     */
    private Status commit(Association a, String uid, Path target, Path file, FileChannel written, boolean staged,
                          ReceivedFileWriter.Sealed sealed, Listener listener) {
        Path tmp = file;
        try {
            try (FileChannel ch = written) {
                ch.force(true);
            }
            if (staged && link(target, file)) {
                tmp = null;
                published(file);
            } else {
                // no staged file at hand, or stored meanwhile by another association: replaced as
                // any second version is
                replace(file, target);
                tmp = null;
            }
            if (listener != null) {
                listener.stored(new Stored(target, sealed.dataSetBytes(), a.callingAeTitle()));
            }
            return Status.OK;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "{0}: {1} not stored (A700H): {2}", a.remoteAddress(), uid, reason(e));
            return new Status(Status.OUT_OF_RESOURCES, "not stored: " + reason(e));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "{0}: cannot remove {1}: {2}", a.remoteAddress(), tmp, reason(e));
                }
            }
        }
    }

    /** {@code target} becomes a second name of {@code staged}; false when {@code target} exists. */
    private static boolean link(Path target, Path staged) throws IOException {
        try {
            Files.createLink(target, staged);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** Renames {@code from} atomically over {@code target} and forces the folder. */
    private void replace(Path from, Path target) throws IOException {
        try {
            Files.move(from, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, target, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(dir);
    }

    /**
     * The staged file {@code staged} is linked under its final name: the background task forces the
     * folder (for every link made until it starts) and then removes the staged names.
     */
    private void published(Path staged) {
        linked.add(staged);
        if (publishing.compareAndSet(false, true)) {
            background.execute(this::publish);
        }
    }

    private void publish() {
        while (true) {
            try {
                Thread.sleep(PUBLISH_GATHER_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<Path> batch = new ArrayList<>();
            for (Path p; (p = linked.poll()) != null; ) {
                batch.add(p);
            }
            if (!batch.isEmpty()) {
                try {
                    DirectorySync.of(dir).force();
                    for (Path p : batch) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException e) {
                    // the staged names stay: the next open finds them the same files as the final names
                    LOG.log(Level.WARNING, "{0}: forcing the folder after {1} C-STORE(s) failed: {2} (their staged"
                            + " names are kept until the next start)", dir, batch.size(), reason(e));
                }
            }
            publishing.set(false);
            if (linked.isEmpty() || !publishing.compareAndSet(false, true)) {
                ended();
                return;
            }
        }
    }

    private static String stagedName() {
        return Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + STAGED;
    }

    /** Forgets the staged files at hand (they are gone) and has new ones made. */
    private void dropPool() {
        for (Path p; (p = pool.pollFirst()) != null; ) {
            pooled.decrementAndGet();
        }
        refill();
    }

    /** Creates {@value #POOL} staged files and forces their folder when fewer than half are at hand. */
    private void refill() {
        if (staging == null || closed || pooled.get() >= POOL / 2 || !refilling.compareAndSet(false, true)) {
            return;
        }
        background.execute(() -> {
            try {
                List<Path> made = new ArrayList<>(POOL);
                if (!Files.isDirectory(staging)) {
                    if (!Files.isDirectory(dir)) {
                        return; // the folder itself is gone: not made again behind the user's back
                    }
                    OwnerOnly.directory(staging, false);
                    DirectorySync.of(dir).force();
                }
                for (int i = 0; i < POOL; i++) {
                    Path p = staging.resolve(stagedName());
                    try {
                        OwnerOnly.createFile(p);
                        made.add(p);
                    } catch (FileAlreadyExistsException clash) {
                        // another name next time
                    }
                }
                DirectorySync.of(staging).force();
                pool.addAll(made);
                pooled.addAndGet(made.size());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "{0}: cannot create staged files: {1} (C-STOREs rename their files meanwhile)",
                        staging, reason(e));
            } finally {
                refilling.set(false);
                ended();
            }
        });
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

    /**
     * Ends the background work: no staged files are made any more, and this returns once the ones
     * being made are there and every staged name of a stored instance is removed (its folder
     * forced first). C-STOREs still running or arriving later are stored as without staged files
     * at hand. What this leaves undone (a force that failed) the next {@link #open} settles.
     */
    public void close() {
        closed = true;
        try {
            awaitIdle(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!linked.isEmpty() && publishing.compareAndSet(false, true)) {
            publish();
        }
    }

    /**
     * Waits until no background task runs (staged files being made, staged names of stored
     * instances being removed), at most {@code timeout}; whether none runs when it returns.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (refilling.get() || publishing.get()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
            return true;
        }
    }

    private void ended() {
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    @Override
    public String toString() {
        return "FolderScp[" + Objects.toString(dir) + "]";
    }
}
