package org.dicomsec.storage.net;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.DicomFileReader;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.data.Tag;
import org.dicomsec.storage.PeerPolicy;
import org.dicomsec.storage.ProfileViolationException;
import org.dicomsec.storage.SendIntent;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.TransferRules;
import org.dicomsec.storage.audit.AuditTrail;
import org.dicomsec.storage.commitment.TransferCompletion;
import org.dicomsec.storage.store.DurableFiles;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.storage.store.Provenance;
import org.dicomsec.storage.store.StoredInstance;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.net.DicomServer;
import org.dicomsec.ul.transport.TransportAcceptor;

/**
 * Rule d of PS3.15 A.1.1 applied to a user's files: the outbox through which
 * originals held as plain PS3.10 files are transferred, committed and then
 * deleted or demoted (rule d.5), surviving a crash or a missing result.
 *
 * <p>Layout of the outbox folder (by default {@code ~/.dicomsec/outbox}):
 * <pre>
 * instances/  an {@link InstanceStore}: the originals while their transfer is not confirmed
 * journal/    the {@link TransactionJournal}: the open Storage Commitment transactions
 * files/      for each original in the outbox, the absolute path of the user's file (one line,
 *             written durably), so that rule d.5 reaches that file once the result arrives
 * </pre>
 * {@link #send} takes the files into the outbox, sends them with an
 * {@link OnlineStorageScu}, waits for the commitment result (on the same
 * association, or on a listener when one is given: PS3.4 J.3.3) and applies
 * rule d.5 to each committed file: deleted, or replaced (durably) by its
 * outbox copy now NS / AC. {@link #pending} lists what is left open;
 * {@link #resume} asks for the result again (or only finishes files whose
 * result arrived after the sender stopped waiting); {@link #discard} gives up a
 * transaction: the user's files stay the originals, unchanged.
 *
 * <p>Threads: one daemon pool for the SCU's reading task, closed with the outbox.
 */
public final class Outbox implements AutoCloseable {

    private static final System.Logger LOG = LibraryLog.logger(Outbox.class);

    /** The default place: {@code ~/.dicomsec/outbox}. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("user.home"), ".dicomsec", "outbox");
    }

    /** What became of one user file. */
    public enum FileState {
        /** sent and stored by the peer (a copy, or an original whose commitment is not asked) */
        SENT,
        /** the peer did not store it */
        FAILED,
        /** committed; d.5.a: the file was deleted */
        DELETED,
        /** committed; d.5.b/c: the file now holds the copy's status (NS or AC) */
        DEMOTED,
        /** the peer reported it not committed: the file stays the original */
        NOT_COMMITTED,
        /** no result yet: the file stays the original, its transaction stays open */
        WAITING
    }

    /** One line of a report: the file, what became of it and why. */
    public record FileOutcome(Path file, String sopInstanceUid, FileState state, String detail) {
    }

    /** What {@link #send} or {@link #resume} did. */
    public record Report(TransferResult transfer, List<FileOutcome> files) {
        public Report {
            files = List.copyOf(files);
        }

        /** Every file stored and, for originals, committed and finished. */
        public boolean isComplete() {
            return files.stream().allMatch(f -> f.state() == FileState.SENT || f.state() == FileState.DELETED
                    || f.state() == FileState.DEMOTED);
        }
    }

    /** An open transaction and the user's files in it. */
    public record Pending(TransactionJournal.Entry entry, Map<String, Path> files) {
    }

    private final Path dir;
    private final InstanceStore store;
    private final TransactionJournal journal;
    private final Path filesDir;
    private final String aeTitle;
    private final AuditTrail audit;
    private final PeerPolicy peerPolicy;
    private final TransferRules rules;
    private final AssociationSettings settings;
    private final Duration commitmentTimeout;
    private final ExecutorService executor;

    private Outbox(Builder b) throws IOException {
        this.dir = b.dir.toAbsolutePath().normalize();
        this.store = InstanceStore.open(dir.resolve("instances"));
        this.journal = TransactionJournal.open(dir.resolve("journal"));
        this.filesDir = Files.createDirectories(dir.resolve("files"));
        this.aeTitle = b.aeTitle;
        this.audit = b.audit;
        this.peerPolicy = b.peerPolicy;
        this.rules = b.rules;
        this.settings = b.settings;
        this.commitmentTimeout = b.commitmentTimeout;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dicomsec-outbox");
            t.setDaemon(true);
            return t;
        });
    }

    public static Builder builder(Path dir, String aeTitle, AuditTrail audit) {
        return new Builder(dir, aeTitle, audit);
    }

    public Path directory() {
        return dir;
    }

    private OnlineStorageScu scu(InstanceStore from, TransactionJournal j, boolean onListener) {
        return OnlineStorageScu.builder(from, aeTitle, audit, executor, j).peerPolicy(peerPolicy).rules(rules)
                .settings(settings).commitmentTimeout(commitmentTimeout).reportOnListener(onListener).build();
    }

    /**
     * Sends {@code files} to {@code to}: as originals (rule d, then Storage Commitment and d.5 on the
     * files) or as copies (rules e, f; the files are not changed).
     *
     * @param listener null: the result is awaited on the association of the request; else an acceptor
     *                 on which the peer's N-EVENT-REPORT association is served (SCP role by role
     *                 selection) while this call waits, with the same transport and peer checks
     * @throws ProfileViolationException the rules forbid the transfer (nothing was sent)
     * @throws IOException               a file cannot be read or taken in, or the association failed
     */
    public Report send(RemoteAe to, List<Path> files, SendIntent intent, TransportAcceptor listener)
            throws IOException, ProfileViolationException {
        Map<String, Path> byUid = new LinkedHashMap<>();
        if (intent == SendIntent.COPY) {
            Path scratch = Files.createTempDirectory("dicomsec-copies");
            try {
                // deleted below: the copies are read from it while they are sent, never after a crash
                InstanceStore copies = InstanceStore.openScratch(scratch.resolve("instances"));
                for (Path f : files) {
                    byUid.put(take(copies, f, false), f.toAbsolutePath());
                }
                TransferResult r = scu(copies, TransactionJournal.open(scratch.resolve("journal")), false)
                        .send(to, new ArrayList<>(byUid.keySet()), intent);
                return new Report(r, outcomes(r, byUid));
            } finally {
                deleteTree(scratch);
            }
        }
        for (Path f : files) {
            requireOriginal(f); // all of them, before any is taken in: a refused send leaves nothing here
        }
        for (Path f : files) {
            byUid.put(take(store, f, true), f.toAbsolutePath());
        }
        return run(listener, scu -> scu.send(to, new ArrayList<>(byUid.keySet()), intent), byUid);
    }

    /**
     * Rule d: only an original (OR, AO) is transferred as the original. Reads the file's data set
     * as far as its SOP Instance Status (0100,0410), which comes before the pixel data.
     */
    private static void requireOriginal(Path f) throws IOException, ProfileViolationException {
        Optional<SopInstanceStatus> status;
        try (DicomFileReader r = DicomFileReader.open(f)) {
            status = SopInstanceStatus.of(r.readDataset(Tag.SOPInstanceStatus + 1));
        }
        Optional<String> not = TransferRules.notAnOriginal(status);
        if (not.isPresent()) {
            throw new ProfileViolationException('d', f + ": " + not.get()
                    + " (make a plain instance an original with `dicomsec original`, or send it as a copy)");
        }
    }

    /** The open transactions, oldest name first. */
    public List<Pending> pending() throws IOException {
        List<Pending> out = new ArrayList<>();
        for (TransactionJournal.Entry e : journal.open()) {
            Map<String, Path> files = new LinkedHashMap<>();
            for (String uid : e.sopInstanceUids()) {
                files.put(uid, origin(uid).orElse(null));
            }
            out.add(new Pending(e, files));
        }
        return out;
    }

    /**
     * The called AE title the originals of an open transaction went to ({@code transactionUid}
     * null: of the oldest open one), where a request for Storage Commitment goes again by
     * default; empty when no such transaction is open.
     */
    public Optional<String> peerAeTitle(String transactionUid) throws IOException {
        return journal.open().stream().filter(e -> transactionUid == null || transactionUid.equals(e.transactionUid()))
                .map(TransactionJournal.Entry::peerAeTitle).findFirst();
    }

    /**
     * Finishes what is left: files whose result arrived after the sender stopped waiting get rule
     * d.5 now; then, for each open transaction (all when {@code transactionUid} is null), Storage
     * Commitment is requested again from {@code to} (which must be the identity the originals went to).
     * {@code to} null: only the first step.
     */
    public List<Report> resume(RemoteAe to, String transactionUid, TransportAcceptor listener)
            throws IOException, ProfileViolationException {
        List<Report> out = new ArrayList<>();
        List<FileOutcome> finished = finishLateResults();
        if (!finished.isEmpty()) {
            out.add(new Report(null, finished));
        }
        if (to == null) {
            return out;
        }
        for (Pending p : pending()) {
            if (transactionUid != null && !transactionUid.equals(p.entry().transactionUid())) {
                continue;
            }
            Map<String, Path> byUid = new LinkedHashMap<>(p.files());
            out.add(run(listener, scu -> scu.requestCommitment(to, p.entry()), byUid));
        }
        return out;
    }

    /**
     * Gives up an open transaction: it leaves the journal, the user's files stay the originals as they
     * are. The outbox copies stay held (rule c: an original is not deleted) and are taken again by a
     * later send of the same files.
     *
     * @return false when no such transaction is open
     */
    public boolean discard(String transactionUid) throws IOException {
        Optional<TransactionJournal.Entry> e = journal.get(transactionUid);
        if (e.isEmpty()) {
            return false;
        }
        journal.remove(transactionUid);
        LOG.log(Level.INFO, "transaction {0} discarded; {1} original(s) stay with their files", transactionUid,
                e.get().originals().size());
        return true;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private interface Transfer {
        TransferResult run(OnlineStorageScu scu) throws IOException, ProfileViolationException;
    }

    private Report run(TransportAcceptor listener, Transfer t, Map<String, Path> byUid)
            throws IOException, ProfileViolationException {
        OnlineStorageScu scu = scu(store, journal, listener != null);
        DicomServer server = null;
        try {
            if (listener != null) {
                server = scu.listener(listener, 2);
                server.start();
            }
            TransferResult r = t.run(scu);
            return new Report(r, outcomes(r, byUid));
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** Takes a user's file into {@code into} (or finds it there from an earlier, unconfirmed run). */
    private String take(InstanceStore into, Path f, boolean remember) throws IOException, ProfileViolationException {
        DicomFile df = DicomFile.read(f);
        String uid = df.dataset().getString(Tag.SOPInstanceUID, "");
        Optional<SopInstanceStatus> now = SopInstanceStatus.of(df.dataset());
        Optional<StoredInstance> held = into.get(uid);
        // (a held instance that is no original, which a refused send once left in the outbox, is taken anew)
        if (held.isPresent() && (!remember || held.get().isOriginal())) {
            if (!now.equals(held.get().status())) {
                throw new ProfileViolationException('c', f + ": the outbox holds " + uid + " as "
                        + held.get().status().map(Enum::name).orElse("no status") + " from an earlier transfer, the"
                        + " file is " + now.map(Enum::name).orElse("without status") + "; finish that transfer"
                        + " (outbox resume) first");
            }
        } else {
            into.store(df.dataset(), df.transferSyntax(), Provenance.LOCAL, false);
        }
        if (remember) {
            DurableFiles.writeAtomically(filesDir.resolve(uid),
                    (URLEncoder.encode(f.toAbsolutePath().toString(), StandardCharsets.UTF_8) + "\n")
                            .getBytes(StandardCharsets.UTF_8));
        }
        return uid;
    }

    private Optional<Path> origin(String uid) throws IOException {
        Path p = filesDir.resolve(uid);
        if (!uid.matches("[0-9]+(\\.[0-9]+)*") || !Files.isRegularFile(p)) {
            return Optional.empty();
        }
        return Optional.of(Path.of(URLDecoder.decode(Files.readString(p).strip(), StandardCharsets.UTF_8)));
    }

    private List<FileOutcome> outcomes(TransferResult r, Map<String, Path> byUid) throws IOException {
        List<FileOutcome> out = new ArrayList<>();
        Map<String, TransferCompletion.Outcome> after = new LinkedHashMap<>();
        for (TransferCompletion.Outcome c : r.afterCommitment()) {
            after.put(c.sopInstanceUid(), c);
        }
        for (TransferResult.Instance i : r.instances()) {
            Path f = byUid.get(i.sopInstanceUid());
            if (!i.isSuccess()) {
                out.add(new FileOutcome(f, i.sopInstanceUid(), FileState.FAILED,
                        String.format("%04XH ", i.status()) + i.reason()));
            } else if (!after.containsKey(i.sopInstanceUid())) {
                out.add(new FileOutcome(f, i.sopInstanceUid(), r.commitmentPending() && i.statusSent()
                        .map(SopInstanceStatus::isOriginal).orElse(false) ? FileState.WAITING : FileState.SENT,
                        "sent as " + i.statusSent().map(Enum::name).orElse("(no status)") + " (rule " + i.rule()
                                + ")"));
            }
        }
        for (TransferCompletion.Outcome c : after.values()) {
            out.add(finish(byUid.get(c.sopInstanceUid()), c));
        }
        if (r.instances().isEmpty() && r.commitmentPending()) { // a resumed request without a result
            for (Map.Entry<String, Path> e : byUid.entrySet()) {
                out.add(new FileOutcome(e.getValue(), e.getKey(), FileState.WAITING, "no result yet"));
            }
        }
        return out;
    }

    /** Rule d.5 on the user's file once the outbox copy went through it. */
    private FileOutcome finish(Path f, TransferCompletion.Outcome c) throws IOException {
        String uid = c.sopInstanceUid();
        if (c.action().isEmpty()) {
            return new FileOutcome(f, uid, FileState.NOT_COMMITTED, c.reason());
        }
        return applyToFile(f, uid);
    }

    private FileOutcome applyToFile(Path f, String uid) throws IOException {
        Optional<StoredInstance> now = store.get(uid);
        FileOutcome o;
        if (now.isEmpty()) {
            if (f != null) {
                DurableFiles.delete(f);
            }
            o = new FileOutcome(f, uid, FileState.DELETED, "deleted (rule d.5.a)");
        } else {
            if (f != null) {
                replace(f, now.get().file());
            }
            try {
                store.delete(uid); // no longer an original: the outbox lets it go
            } catch (ProfileViolationException stillOriginal) {
                return new FileOutcome(f, uid, FileState.NOT_COMMITTED, stillOriginal.getMessage());
            }
            o = new FileOutcome(f, uid, FileState.DEMOTED, "now "
                    + now.get().status().map(Enum::name).orElse("(no status)") + " (rule d.5)");
        }
        DurableFiles.delete(filesDir.resolve(uid));
        return o;
    }

    /** Files whose transaction is closed (a late result was processed) but whose d.5 has not reached them. */
    private List<FileOutcome> finishLateResults() throws IOException {
        java.util.Set<String> open = new java.util.HashSet<>();
        for (TransactionJournal.Entry e : journal.open()) {
            open.addAll(e.sopInstanceUids());
        }
        List<FileOutcome> out = new ArrayList<>();
        List<String> uids;
        try (Stream<Path> s = Files.list(filesDir)) {
            uids = s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(DurableFiles.TMP)).sorted()
                    .toList();
        }
        for (String uid : uids) {
            if (open.contains(uid)) {
                continue;
            }
            Optional<StoredInstance> si = store.get(uid);
            if (si.isPresent() && si.get().isOriginal()) {
                continue; // discarded or never committed: the file stays the original
            }
            out.add(applyToFile(origin(uid).orElse(null), uid));
        }
        return out;
    }

    /** Replaces {@code file} by {@code source}: temporary file beside it, forced, renamed atomically. */
    private static void replace(Path file, Path source) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + System.nanoTime() + DurableFiles.TMP);
        try {
            Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(abs));
            } catch (UnsupportedOperationException | NoSuchFileException e) {
                // the platform's defaults apply
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            DurableFiles.rename(tmp, abs);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void deleteTree(Path d) {
        try (Stream<Path> s = Files.walk(d)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot remove {0}: {1}", d, e.getMessage());
        }
    }

    /** Configures an {@link Outbox}. */
    public static final class Builder {
        private final Path dir;
        private final String aeTitle;
        private final AuditTrail audit;
        private PeerPolicy peerPolicy = PeerPolicy.strict();
        private TransferRules rules = TransferRules.defaults();
        private AssociationSettings settings = AssociationSettings.DEFAULT;
        private Duration commitmentTimeout = Duration.ofSeconds(60);

        private Builder(Path dir, String aeTitle, AuditTrail audit) {
            this.dir = Objects.requireNonNull(dir, "dir");
            this.aeTitle = org.dicomsec.ul.pdu.AeTitle.validate(aeTitle);
            this.audit = Objects.requireNonNull(audit, "audit");
        }

        /** Which authenticated peers support the profile (rules d.2, e.2); default strict. */
        public Builder peerPolicy(PeerPolicy p) {
            this.peerPolicy = Objects.requireNonNull(p);
            return this;
        }

        /** e.3 status of copies, f.1, d.5 delete / NS / AC. */
        public Builder rules(TransferRules r) {
            this.rules = Objects.requireNonNull(r);
            return this;
        }

        public Builder settings(AssociationSettings s) {
            this.settings = Objects.requireNonNull(s);
            return this;
        }

        /** How long to wait for the N-EVENT-REPORT (default 60 s). */
        public Builder commitmentTimeout(Duration d) {
            this.commitmentTimeout = Objects.requireNonNull(d);
            return this;
        }

        /** Opens (creating) the outbox folder. */
        public Outbox open() throws IOException {
            return new Outbox(this);
        }
    }
}
