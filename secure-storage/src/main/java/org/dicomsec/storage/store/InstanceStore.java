package org.dicomsec.storage.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.DicomFileWriter;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.FileMetaInformation;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.storage.AfterCommitment;
import org.dicomsec.storage.Authorization;
import org.dicomsec.storage.Authorizer;
import org.dicomsec.storage.ControlledChanges;
import org.dicomsec.storage.Difference;
import org.dicomsec.storage.NoCoercionCheck;
import org.dicomsec.storage.ProfileViolationException;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.StatusAttributes;
import org.dicomsec.storage.StatusEdit;
import org.dicomsec.storage.TransferRules;

/**
 * The durable instance store of the Online Electronic Storage profile: one
 * Part 10 file per SOP Instance, Level 2 (every attribute kept, rule g), and
 * an index of what is stored, both written so that a crash at any point loses
 * nothing reported stored and shows nothing that was not.
 *
 * <p>Layout under the store's directory:
 * <pre>
 * instances/&lt;SOP Instance UID&gt;.v&lt;version&gt;.dcm   the data (a new version per status change)
 * index/index.log                                the index: a record per change ({@link IndexLog})
 * </pre>
 * A store or a status change writes the new version to a temporary file in the
 * same directory, forces it, checks it reads back identical (digest and every
 * element), renames it atomically, forces the directory, then appends the index
 * record naming it and forces the index; only then does it report success. An
 * instance is stored exactly when the index's last record for it names it: on
 * {@link #open}, temporary files and data files no record names are the remains
 * of unfinished operations and are removed.
 *
 * <p>Rule c of PS3.15 A.1.1 is enforced here: an instance held as OR or AO is
 * never deleted (except by rule d.5 after a confirmed transfer) and no other
 * copy of it is accepted. Thread-safe: operations are serialized, except that the commits of
 * received instances ({@link #commitReceived}) make their files durable outside the lock, at
 * the same time as each other, while other operations on the same instance wait.
 */
public final class InstanceStore {

    private static final System.Logger LOG = LibraryLog.logger(InstanceStore.class);

    /** PS3.5 9.1: a UID is at most 64 characters of digits and dots. */
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private final Path instances;
    private final Path index;
    private final UnaryOperator<OutputStream> outputFilter;
    /** False for {@link #openScratch}: {@link #store} forces nothing. */
    private final boolean forced;
    private final Map<String, StoredInstance> entries = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    /** SOP Instance UIDs whose {@link #commitReceived} runs outside the lock. */
    private final Set<String> inFlight = new HashSet<>();
    /** Where the records of {@link #commitReceived}s begin that are in the log before their files are on the device. */
    private final TreeSet<Long> unsettled = new TreeSet<>();
    /** See {@link #unconfirmedOnOpen()}. */
    private final List<StoredInstance> unconfirmed = new ArrayList<>();
    private IndexLog log;

    private InstanceStore(Path dir, UnaryOperator<OutputStream> outputFilter, boolean forced) {
        this.instances = dir.resolve("instances");
        this.index = dir.resolve("index");
        this.outputFilter = outputFilter;
        this.forced = forced;
    }

    /** Opens (creating if needed) the store in {@code dir} and recovers from any unfinished operation. */
    public static InstanceStore open(Path dir) throws IOException {
        return open(dir, UnaryOperator.identity());
    }

    /**
     * A store for instances kept only while a command runs, then deleted with its folder (the
     * copies {@code store --as copy} sends from): {@link #store} writes, reads back and indexes as
     * {@link #open}'s store does, but forces nothing to the device, so a crash may lose it whole.
     * (A copy of the 400-instance CT study sent over TLS to an online-storage SCP: 5.1-6.9 s with
     * every copy forced three times on its way in, 4.5-5.2 s without.)
     */
    public static InstanceStore openScratch(Path dir) throws IOException {
        return open(dir, UnaryOperator.identity(), false);
    }

    /** For fault injection in tests: every data file is written through {@code outputFilter}. */
    static InstanceStore open(Path dir, UnaryOperator<OutputStream> outputFilter) throws IOException {
        return open(dir, outputFilter, true);
    }

    private static InstanceStore open(Path dir, UnaryOperator<OutputStream> outputFilter, boolean forced)
            throws IOException {
        InstanceStore s = new InstanceStore(dir, outputFilter, forced);
        // owner-only (docs/conformance-statement.md): the store's folder when this creates it, its
        // own two folders always
        OwnerOnly.directory(dir, false);
        OwnerOnly.directory(s.instances, true);
        OwnerOnly.directory(s.index, true);
        s.log = StoreRecovery.recover(s.instances, s.index, s.entries, s.problems, s.unconfirmed);
        return s;
    }

    /**
     * Received instances found on open whose commit no later record confirms ({@link
     * #commitReceived}: the record is forced with the file, the folder and what goes alongside):
     * the last ones received before the store stopped. Their files read back with their recorded
     * SHA-256, so they are stored; but a stop in the middle of the commit may have kept what went
     * alongside (the audit line of the reception) from the disk, which the caller checks.
     */
    public synchronized List<StoredInstance> unconfirmedOnOpen() {
        return List.copyOf(unconfirmed);
    }

    /** Index records that could not be read on open (their instances are not reported stored). */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    // ------------------------------------------------------------------ queries

    public synchronized Optional<StoredInstance> get(String sopInstanceUid) {
        return Optional.ofNullable(entries.get(sopInstanceUid));
    }

    /** Every stored instance, by SOP Instance UID. */
    public synchronized List<StoredInstance> list() {
        return List.copyOf(entries.values());
    }

    /**
     * True when the instance is durably stored: its data and index record were
     * forced to the device before a store or change reported success. What a
     * Storage Commitment result reports as committed.
     */
    public synchronized boolean isDurablyStored(String sopInstanceUid) {
        StoredInstance si = entries.get(sopInstanceUid);
        return si != null && Files.isRegularFile(si.file());
    }

    /** Rule c: true when this store holds the instance as OR or AO. */
    public synchronized boolean holdsAsOriginal(String sopInstanceUid) {
        StoredInstance si = entries.get(sopInstanceUid);
        return si != null && si.isOriginal();
    }

    /** Reads the stored file. */
    public synchronized DicomFile read(String sopInstanceUid) throws IOException {
        StoredInstance si = require(sopInstanceUid);
        return DicomFile.read(si.file());
    }

    /** True when the stored data set bytes still have the digest the index recorded. */
    public synchronized boolean verify(String sopInstanceUid) throws IOException {
        StoredInstance si = require(sopInstanceUid);
        return si.digest().equals(DatasetDigest.ofFile(si.file()));
    }

    // ------------------------------------------------------------------ changes

    /**
     * Stores an instance (Level 2, rule g: as given, every attribute) in
     * {@code ts}, durably, then returns its index entry.
     *
     * @param awaitingCommitment true for an original received under rule d: not forwardable until
     *                           {@link #markCommitted}
     * @throws ProfileViolationException (rule c) when this store holds the instance as OR or AO
     * @throws StoreIntegrityException   when the written file does not read back identical
     * @throws IOException               on a write failure (disk full...): nothing is stored
     */
    public synchronized StoredInstance store(Dataset ds, TransferSyntax ts, Provenance from,
                                             boolean awaitingCommitment)
            throws IOException, ProfileViolationException {
        String uid = uidOf(ds);
        String cls = ds.getString(Tag.SOPClassUID, "");
        if (cls.isEmpty()) {
            throw new IllegalArgumentException("no SOP Class UID (0008,0016)");
        }
        awaitIdle(uid);
        StoredInstance old = replaceable(uid);
        SopInstanceStatus status = statusOf(ds);
        Dataset fmi = FileMetaInformation.createFor(ds, ts.uid());
        return writeVersion(uid, cls, ds, fmi, status, from, awaitingCommitment, "", old);
    }

    /**
     * Changes the controlled attributes of a stored instance (rules g/h) and
     * rewrites it durably. Makes no original: OR and AO come from rule a
     * (creation, then {@link #store}) and rule b ({@link #authorize}) only.
     */
    public synchronized StoredInstance changeStatus(String sopInstanceUid, StatusEdit edit)
            throws IOException, ProfileViolationException {
        StoredInstance si = require(sopInstanceUid);
        Optional<SopInstanceStatus> to = edit.newStatus();
        if (to.isPresent() && to.get().isOriginal()) {
            throw new ProfileViolationException('c', "a status change does not make an original ("
                    + to.get() + "); rule b authorizes an OR through authorize()");
        }
        boolean touchesStatus = edit.changes().containsKey(StatusAttributes.SOP_INSTANCE_STATUS);
        if (si.isOriginal() && touchesStatus) {
            throw new ProfileViolationException('c', sopInstanceUid + " is held as " + si.status().get()
                    + ": it stays the original until a confirmed transfer (rule d.5)");
        }
        return rewrite(si, edit, si.awaitingCommitment(), si.authorizedBy());
    }

    /** Rule b: authorizes a stored OR as AO through {@code authorizer} and rewrites it durably. */
    public synchronized StoredInstance authorize(String sopInstanceUid, Authorization authorization,
                                                 Authorizer authorizer) throws IOException, ProfileViolationException {
        StoredInstance si = require(sopInstanceUid);
        DicomFile f = DicomFile.read(si.file());
        Dataset ao = authorizer.authorize(f.dataset(), authorization);
        return writeVersion(si.sopInstanceUid(), si.sopClassUid(), ao, f.fileMetaInformation(),
                SopInstanceStatus.AO, si.provenance(), si.awaitingCommitment(), authorization.authorizedBy(), si);
    }

    /**
     * Rule d.4: the receiver has confirmed the commitment of an original it
     * received (sent the N-EVENT-REPORT): it may forward it from now on.
     */
    public synchronized StoredInstance markCommitted(String sopInstanceUid) throws IOException {
        return markCommitted(List.of(sopInstanceUid)).get(0);
    }

    /**
     * {@link #markCommitted(String)} for the instances of one Storage Commitment result: their
     * records are appended and made durable with one force, not one each (a study's 400
     * instances were 400 forces in a row).
     *
     * @return the new entries, in the order of {@code sopInstanceUids}
     */
    public synchronized List<StoredInstance> markCommitted(Collection<String> sopInstanceUids) throws IOException {
        List<StoredInstance> held = new ArrayList<>();
        for (String uid : sopInstanceUids) {
            held.add(require(uid)); // every one first: an unknown UID changes nothing
        }
        List<StoredInstance> out = new ArrayList<>();
        List<StoredInstance> changed = new ArrayList<>();
        for (StoredInstance si : held) {
            if (si.awaitingCommitment()) {
                si = new StoredInstance(si.sopInstanceUid(), si.sopClassUid(), si.file(), si.status(),
                        si.provenance(), si.digest(), si.storedAt(), si.version(), false, si.authorizedBy());
                log.append(IndexRecords.encode(si));
                changed.add(si);
            }
            out.add(si);
        }
        if (!changed.isEmpty()) {
            log.force();
            for (StoredInstance si : changed) {
                entries.put(si.sopInstanceUid(), si);
            }
            compactIfWorthIt();
        }
        return out;
    }

    /**
     * Rule d.5: after the peer confirmed it committed the original sent to it,
     * carries out {@code action} (decided by {@link TransferRules#decideAfterCommitment}).
     *
     * @return the new entry, or empty when deleted
     */
    public synchronized Optional<StoredInstance> completeTransfer(String sopInstanceUid, AfterCommitment action)
            throws IOException, ProfileViolationException {
        StoredInstance si = require(sopInstanceUid);
        if (!si.isOriginal()) {
            throw new ProfileViolationException('d', "d.5 applies to an original sent away; " + sopInstanceUid
                    + " is held as " + si.status().map(Enum::name).orElse("no status"));
        }
        if (action == AfterCommitment.SET_AC && si.status().get() != SopInstanceStatus.AO) {
            throw new ProfileViolationException('d', "d.5.c: only an AO becomes AC");
        }
        if (action == AfterCommitment.DELETE) {
            remove(si);
            return Optional.empty();
        }
        return Optional.of(rewrite(si, TransferRules.editFor(action), false, si.authorizedBy()));
    }

    /** Deletes a stored copy. Rule c: an instance held as OR or AO is never deleted this way. */
    public synchronized void delete(String sopInstanceUid) throws IOException, ProfileViolationException {
        StoredInstance si = require(sopInstanceUid);
        if (si.isOriginal()) {
            throw new ProfileViolationException('c', "the holder of an original (" + si.status().get()
                    + ") shall not delete it: " + sopInstanceUid);
        }
        remove(si);
    }

    // ------------------------------------------------------------------ streamed reception

    /**
     * A new, empty file (0600) in the store's instance folder for a data set being received as a
     * stream ({@link ReceivedFileWriter}); a temporary file until {@link #commitReceived}, removed by
     * {@link Incoming#close()} otherwise (and by {@link #open} after a crash).
     */
    public Incoming incoming() throws IOException {
        Path f = instances.resolve("incoming." + System.nanoTime() + "." + Thread.currentThread().getId()
                + DurableFiles.TMP);
        return new Incoming(f, OwnerOnly.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
    }

    /**
     * What a caller makes durable together with a received instance ({@link #commitReceived}):
     * typically the audit line of its reception. When it throws, nothing is stored.
     */
    @FunctionalInterface
    public interface Alongside {
        /** Runs the action; it must have reached the device when this returns. */
        void run() throws IOException;
    }

    /** The read-back check of a received file ({@link StoredCopyCheck}), run while the file is forced. */
    @FunctionalInterface
    public interface ReadBack {
        /**
         * Checks the file and returns the SHA-256 (hex) of its data set as stored.
         *
         * @throws StoreIntegrityException when the file is not what was received
         */
        String check() throws IOException;
    }

    /**
     * Makes a received file (written by {@link ReceivedFileWriter}, forced or not, checked by
     * {@link StoredCopyCheck}) the stored instance, durably: see
     * {@link #commitReceived(Incoming, String, String, Optional, Provenance, boolean, String, Alongside)}
     * with nothing alongside.
     */
    public StoredInstance commitReceived(Incoming in, String sopInstanceUid, String sopClassUid,
                                         Optional<SopInstanceStatus> status, Provenance from,
                                         boolean awaitingCommitment, String digest)
            throws IOException, ProfileViolationException {
        return commitReceived(in, sopInstanceUid, sopClassUid, status, from, awaitingCommitment, digest, null);
    }

    /**
     * Makes a received file (written by {@link ReceivedFileWriter}, forced or not, checked by
     * {@link StoredCopyCheck}) the stored instance, durably, and returns its index entry.
     *
     * <p>Under the store's lock rule c is checked again (another association may have stored
     * the same original meanwhile) and the instance is reserved: another operation on the same
     * SOP Instance UID waits until this one ends. Outside the lock, so that the commits of
     * concurrent associations share their forces: a new instance's file is renamed to its
     * version's name, then forced while it is read back and its index record appended; then the index
     * and the folder are forced and {@code alongside} run, all at once ({@link ParallelForces})
     * and with the file's force still running: one round of forces in all. An instance is stored
     * when the index names it; success is returned only once all of that is on the device. A
     * crash before then can leave a record whose file or name never reached the device, for an
     * instance never reported stored: the record says so (its "settled" offset), and the next
     * open believes it only if the file reads back with the recorded SHA-256 ({@link
     * StoreRecovery}). When the instance replaces a stored version, the file is forced (with
     * {@code alongside}) and its new name forced before the record names it, so a crash never
     * loses the stored version.
     *
     * @param status    the SOP Instance Status the file holds (empty: none or not a defined term)
     * @param digest    SHA-256 of the file's data set bytes as {@link StoredCopyCheck} read them back
     * @param alongside made durable with the instance, or null; when it fails nothing is stored and
     *                  its exception is thrown
     * @throws ProfileViolationException (rule c) when this store holds the instance as OR or AO
     * @throws IllegalArgumentException  when the UIDs are not UIDs
     */
    public StoredInstance commitReceived(Incoming in, String sopInstanceUid, String sopClassUid,
                                         Optional<SopInstanceStatus> status, Provenance from,
                                         boolean awaitingCommitment, String digest, Alongside alongside)
            throws IOException, ProfileViolationException {
        return commitReceived(in, sopInstanceUid, sopClassUid, status, from, awaitingCommitment, () -> digest,
                alongside);
    }

    /**
     * As {@link #commitReceived(Incoming, String, String, Optional, Provenance, boolean, String, Alongside)},
     * with the file's read-back check made here: the calling thread runs {@code readBack}, then
     * {@code alongside}, while the file is being forced on another thread (a CT instance's force is
     * mostly a wait for the device, time in which its read-back costs nothing). When the check fails,
     * {@code alongside} is not run and nothing is stored.
     *
     * @throws StoreIntegrityException when {@code readBack} finds the file is not what was received
     */
    public StoredInstance commitReceived(Incoming in, String sopInstanceUid, String sopClassUid,
                                         Optional<SopInstanceStatus> status, Provenance from,
                                         boolean awaitingCommitment, ReadBack readBack, Alongside alongside)
            throws IOException, ProfileViolationException {
        String uid = requireUid(sopInstanceUid);
        if (sopClassUid.isEmpty()) {
            throw new IllegalArgumentException("no SOP Class UID (0008,0016)");
        }
        StoredInstance old;
        synchronized (this) {
            if (in.committed || !in.channel.isOpen()) {
                throw new IllegalStateException("not an open incoming file: " + in.file);
            }
            awaitIdle(uid);
            old = replaceable(uid);
            inFlight.add(uid);
        }
        long version = old == null ? 1 : old.version() + 1;
        Path target = instances.resolve(uid + ".v" + version + ".dcm");
        Progress p = new Progress();
        boolean undone = true;
        try {
            FileChannel data = in.channel;
            if (old == null) {
                ParallelForces.Action side = alongside == null ? null : alongside::run;
                // renamed before the force starts: renamed while it ran, the rename waited for it (JFR:
                // 0.16-0.29 ms between the read-back and the record, ext4 without a journal)
                Files.move(in.file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                in.committed = true;
                p.renamed = true;
                // (not one ParallelForces.all inside another: C2 inlined the one into the other with
                // both lambdas, a compilation of 27 MB of compiler memory that the JVM kept)
                ParallelForces.Running fileForce = ParallelForces.start(() -> data.force(true));
                Throwable failed = null;
                try {
                    p.si = new StoredInstance(uid, sopClassUid, target, status, from, readBack.check(), Instant.now(),
                            version, awaitingCommitment, "");
                    p.early = appendEarly(p.si);
                    p.recorded = true;
                    ParallelForces.all(log::force, () -> DurableFiles.forceDirectory(instances), side);
                } catch (IOException | RuntimeException e) {
                    failed = e;
                }
                fileForce.join(failed);
            } else {
                String[] digest = new String[1];
                ParallelForces.all(() -> {
                    digest[0] = readBack.check();
                    if (alongside != null) {
                        alongside.run();
                    }
                }, () -> data.force(true));
                p.si = new StoredInstance(uid, sopClassUid, target, status, from, digest[0], Instant.now(),
                        version, awaitingCommitment, "");
                byte[] rec = IndexRecords.encode(p.si);
                Files.move(in.file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                in.committed = true;
                p.renamed = true;
                DurableFiles.forceDirectory(instances);
                log.append(rec);
                p.recorded = true;
                log.force();
            }
            p.done = true;
            return p.si;
        } catch (IOException | RuntimeException e) {
            if (p.recorded) {
                undone = unrecord(uid, old, e);
            }
            if (p.renamed) {
                Files.deleteIfExists(target); // no record names it: not stored
            }
            throw e;
        } finally {
            synchronized (this) {
                inFlight.remove(uid);
                if (p.early >= 0 && (p.done || undone)) {
                    // what a record written from now on vouches for (a record that could not be
                    // undone stays unsettled: the next open reads its file back)
                    unsettled.remove(p.early);
                }
                if (p.done) {
                    entries.put(uid, p.si);
                }
                notifyAll();
                compactIfWorthIt();
            }
            if (p.done && old != null && !old.file().equals(target)) {
                Files.deleteIfExists(old.file());
            }
        }
    }

    /** How far one {@link #commitReceived} got: what its failure must undo. */
    private static final class Progress {
        StoredInstance si;
        boolean renamed;
        boolean recorded;
        /** Where its record begins in the log when written before the file was on the device, else -1. */
        long early = -1;
        boolean done;
    }

    /**
     * Appends the record of a received instance whose file is not yet known to be on the device,
     * with the offset below which every such record is settled ({@link IndexRecords}), and returns
     * where it begins; it stays unsettled until its commit ends.
     */
    private synchronized long appendEarly(StoredInstance si) throws IOException {
        long settled = unsettled.isEmpty() ? log.end() : unsettled.first();
        long at = log.append(IndexRecords.encode(si, settled));
        unsettled.add(at);
        return at;
    }

    /** Rule c: the entry a new copy of {@code uid} would replace (null: none); an original is not replaced. */
    private StoredInstance replaceable(String uid) throws ProfileViolationException {
        StoredInstance old = entries.get(uid);
        if (old != null && old.isOriginal()) {
            throw new ProfileViolationException('c', "this AE holds " + uid + " as " + old.status().get()
                    + ": it accepts no other copy of it and does not replace it");
        }
        return old;
    }

    /** Waits (under the store's lock) until no commit of {@code uid} is running. */
    private void awaitIdle(String uid) throws InterruptedIOException {
        while (inFlight.contains(uid)) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while " + uid + " was being stored");
            }
        }
    }

    /** A file being received into the store; closing it removes it unless it was committed. */
    public static final class Incoming implements java.io.Closeable {
        private final Path file;
        /** Open from creation to {@link #close}: written, forced and read back without opening the file again. */
        private final FileChannel channel;
        private boolean committed;

        private Incoming(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }

        /** The temporary file (its name until committed). */
        public Path file() {
            return file;
        }

        /**
         * The file, open for reading and writing, for {@link ReceivedFileWriter#write(FileChannel, String,
         * String, String, java.io.InputStream, java.util.concurrent.Executor, boolean)} and
         * {@link StoredCopyCheck#verify(FileChannel, Path, long, long, byte[], byte[], long)}; closed by
         * {@link #close}.
         */
        public FileChannel channel() {
            return channel;
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close();
            } finally {
                if (!committed) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    // ------------------------------------------------------------------ internals

    private void remove(StoredInstance si) throws IOException {
        // the removal record goes first: from then on the instance is not stored, whatever remains
        log.write(IndexRecords.encodeRemoval(si.sopInstanceUid()));
        entries.remove(si.sopInstanceUid());
        Files.deleteIfExists(si.file());
        compactIfWorthIt();
    }

    /**
     * After a failure once the index got a record naming a new version that is about to be deleted:
     * appends the record of what was stored before (or the removal of a new instance), so that the
     * index never names a missing file. A failure of that too is added to {@code failure}.
     */
    /** Undoes the record of a failed commit; false when that failed too (added to {@code failure}). */
    private boolean unrecord(String uid, StoredInstance old, Exception failure) {
        try {
            log.write(old != null ? IndexRecords.encode(old) : IndexRecords.encodeRemoval(uid));
            return true;
        } catch (IOException x) {
            failure.addSuppressed(x);
            return false;
        }
    }

    /**
     * Under the lock: compacts the index log once it holds many superseded records, when no commit
     * runs outside the lock (none can append meanwhile) and no problem asks to keep it as it is.
     */
    private void compactIfWorthIt() {
        if (!inFlight.isEmpty() || !problems.isEmpty() || !log.wantsCompaction(entries.size())) {
            return;
        }
        try {
            log.rewrite(entries.values());
            unsettled.clear(); // (records no commit could undo: gone with the old log)
        } catch (IOException e) {
            // the log as it was is still whole and in use; the next change tries again
            LOG.log(System.Logger.Level.WARNING, "index log of {0} not compacted: {1}", index, e.getMessage());
        }
    }

    private StoredInstance rewrite(StoredInstance si, StatusEdit edit, boolean awaiting, String authorizedBy)
            throws IOException {
        DicomFile f = DicomFile.read(si.file());
        Dataset changed = ControlledChanges.apply(f.dataset(), edit);
        return writeVersion(si.sopInstanceUid(), si.sopClassUid(), changed, f.fileMetaInformation(),
                statusOf(changed), si.provenance(), awaiting, authorizedBy, si);
    }

    private StoredInstance writeVersion(String uid, String cls, Dataset ds, Dataset fmi, SopInstanceStatus status,
                                        Provenance from, boolean awaiting, String authorizedBy, StoredInstance old)
            throws IOException {
        long version = old == null ? 1 : old.version() + 1;
        Path target = instances.resolve(uid + ".v" + version + ".dcm");
        Path tmp = instances.resolve(uid + ".v" + version + ".dcm." + System.nanoTime() + DurableFiles.TMP);
        boolean renamed = false;
        boolean recorded = false;
        try {
            String digest = writeData(tmp, ds, fmi);
            checkReadBack(tmp, ds, digest, uid, FileMetaInformation.transferSyntaxOf(fmi));
            if (forced) {
                DurableFiles.rename(tmp, target);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            renamed = true;
            StoredInstance si = new StoredInstance(uid, cls, target, Optional.ofNullable(status), from, digest,
                    Instant.now(), version, awaiting, authorizedBy);
            log.append(IndexRecords.encode(si));
            recorded = true;
            if (forced) {
                log.force();
            }
            entries.put(uid, si);
            if (old != null && !old.file().equals(target)) {
                Files.deleteIfExists(old.file());
            }
            compactIfWorthIt();
            return si;
        } catch (IOException | RuntimeException e) {
            if (recorded) {
                unrecord(uid, old, e);
            }
            Files.deleteIfExists(tmp);
            StoredInstance current = entries.get(uid);
            if (renamed && (current == null || !current.file().equals(target))) {
                Files.deleteIfExists(target);
            }
            throw e;
        }
    }

    /** Writes the Part 10 file, forces it, and returns the SHA-256 of the data set bytes. */
    private String writeData(Path tmp, Dataset ds, Dataset fmi) throws IOException {
        try (FileChannel ch = OwnerOnly.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream raw = outputFilter.apply(Channels.newOutputStream(ch));
            DigestTap tap = new DigestTap(new BufferedOutputStream(raw, 64 * 1024));
            DicomWriter w = DicomFileWriter.open(tap, fmi);
            w.flush(); // the File Meta Information is out; the digest covers the data set only
            tap.start();
            w.writeDataset(ds);
            w.finish();
            if (forced) {
                ch.force(true);
            }
            return tap.hex();
        }
    }

    /** Rules d.3/e.4 on our own side of the disk: the file must give back exactly what was handed in. */
    private static void checkReadBack(Path file, Dataset expected, String digest, String uid, TransferSyntax ts)
            throws IOException {
        String onDisk = DatasetDigest.ofFile(file);
        if (!onDisk.equals(digest)) {
            throw new StoreIntegrityException(uid + ": data set digest on disk " + onDisk + " != written " + digest);
        }
        List<Difference> diff = new ArrayList<>(NoCoercionCheck.diff(expected, DicomFile.read(file).dataset()));
        if (ts != null && !ts.explicitVR()) {
            // PS3.5 7.1.3: implicit VR encodes no VR, so a private element reads back as UN; values still count
            diff.removeIf(d -> d.kind() == Difference.Kind.VR_CHANGED);
        }
        if (!diff.isEmpty()) {
            throw new StoreIntegrityException(uid + ": stored data set differs from the one given: " + diff.get(0));
        }
    }

    private StoredInstance require(String uid) throws IOException {
        awaitIdle(uid);
        StoredInstance si = entries.get(uid);
        if (si == null) {
            throw new java.nio.file.NoSuchFileException("no stored instance " + uid);
        }
        return si;
    }

    private static String uidOf(Dataset ds) {
        return requireUid(ds.getString(Tag.SOPInstanceUID, ""));
    }

    private static String requireUid(String uid) {
        if (uid.length() > 64 || !UID.matcher(uid).matches()) {
            throw new IllegalArgumentException("SOP Instance UID (0008,0018) is not a UID (PS3.5 9.1): \""
                    + (uid.length() > 70 ? uid.substring(0, 70) + "..." : uid) + "\"");
        }
        return uid;
    }

    /** The status for the index; a value that is not a defined term is stored as is and indexed as none. */
    private static SopInstanceStatus statusOf(Dataset ds) {
        try {
            return SopInstanceStatus.of(ds).orElse(null);
        } catch (IllegalArgumentException notADefinedTerm) {
            return null;
        }
    }
}
