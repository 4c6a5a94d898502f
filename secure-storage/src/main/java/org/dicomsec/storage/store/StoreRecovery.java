package org.dicomsec.storage.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dicomsec.data.LibraryLog;

/**
 * What {@link InstanceStore#open} does before anything else: reads the index ({@link IndexLog},
 * and the one-file-per-record index/&lt;uid&gt;.rec of a store written by an earlier version,
 * which it moves into the log) and removes what unfinished operations left behind (temporary
 * files; data files no record names: written, maybe renamed, but never reported stored). A
 * record that cannot be read is reported, and no data is removed while one is, since what it
 * named may be an original (rule c).
 *
 * <p>A received instance's record is forced together with its file and name ({@link
 * InstanceStore#commitReceived}), so a crash can leave a record whose file never reached the
 * device, for an instance never reported stored. Such records carry a "settled" offset
 * ({@link IndexRecords}); those no later record vouches for are believed only when their file
 * reads back with the recorded SHA-256. One that does not is dropped (a removal record says so)
 * and its file removed: not a problem, since nobody was told it was stored. One that does is
 * stored, and listed by {@link InstanceStore#unconfirmedOnOpen()}: what was forced alongside it
 * (the audit line of its reception) may be missing.
 */
final class StoreRecovery {

    private static final System.Logger LOG = LibraryLog.logger(StoreRecovery.class);

    private StoreRecovery() {
    }

    static IndexLog recover(Path instances, Path index, Map<String, StoredInstance> entries, List<String> problems,
                            List<StoredInstance> unconfirmed) throws IOException {
        Set<String> damaged = new HashSet<>();
        List<Path> legacy = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(index)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.endsWith(DurableFiles.TMP)) {
                    Files.deleteIfExists(p);
                    continue;
                }
                if (!name.endsWith(".rec")) {
                    continue;
                }
                String uid = name.substring(0, name.length() - 4);
                try {
                    if (Files.size(p) > IndexRecords.MAX_RECORD) {
                        throw new IOException(p + ": index record larger than " + IndexRecords.MAX_RECORD);
                    }
                    StoredInstance si = IndexRecords.decode(Files.readAllBytes(p), instances, p.toString());
                    if (!si.sopInstanceUid().equals(uid)) {
                        throw new IOException(p + ": names " + si.sopInstanceUid());
                    }
                    entries.put(uid, si);
                    legacy.add(p);
                } catch (IOException bad) {
                    damaged.add(uid);
                    problems.add(bad.getMessage());
                    LOG.log(Level.ERROR, "index record unusable, instance {0} not available: {1}", uid,
                            bad.getMessage());
                }
            }
        }
        Path logFile = index.resolve(IndexLog.NAME);
        IndexLog.Replay replay = IndexLog.replay(logFile, instances);
        for (String p : replay.problems) {
            problems.add(p);
            LOG.log(Level.ERROR, "index damaged, what it names is not available: {0}", p);
        }
        // the log is newer than any record file of an earlier version
        replay.last.forEach((uid, si) -> {
            if (si == null) {
                entries.remove(uid);
            } else {
                entries.put(uid, si);
            }
        });
        List<String> unfinished = new ArrayList<>();
        for (Map.Entry<String, Long> e : replay.early.entrySet()) { // (only those no later record vouches for)
            StoredInstance si = entries.get(e.getKey());
            if (si == null) {
                continue;
            }
            if (readsBack(si)) {
                unconfirmed.add(si);
            } else {
                entries.remove(e.getKey());
                unfinished.add(e.getKey());
                LOG.log(Level.INFO, "{0}: its file did not reach the disk before the store stopped (never reported"
                        + " stored): dropped", e.getKey());
            }
        }
        for (StoredInstance si : List.copyOf(entries.values())) {
            if (!Files.isRegularFile(si.file())) {
                String uid = si.sopInstanceUid();
                entries.remove(uid);
                damaged.add(uid);
                String msg = "index names " + si.file().getFileName() + " for " + uid + ", which is missing";
                problems.add(msg);
                LOG.log(Level.ERROR, msg);
            }
        }
        if (!replay.damaged()) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(instances)) {
                for (Path p : ds) {
                    String name = p.getFileName().toString();
                    int v = name.lastIndexOf(".v");
                    String uid = v > 0 ? name.substring(0, v) : name;
                    StoredInstance si = entries.get(uid);
                    boolean current = si != null && si.file().getFileName().toString().equals(name);
                    if (!current && !damaged.contains(uid)) {
                        LOG.log(Level.DEBUG, "removing unfinished {0}", name);
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        DurableFiles.forceDirectory(instances);
        IndexLog log = IndexLog.open(logFile, replay);
        for (String uid : unfinished) {
            log.write(IndexRecords.encodeRemoval(uid));
        }
        if (problems.isEmpty() && (!legacy.isEmpty() || log.wantsCompaction(entries.size()))) {
            // what a problem is about stays where it is, as evidence, and is reported on every open
            log.rewrite(entries.values());
            for (Path p : legacy) {
                Files.deleteIfExists(p);
            }
            if (!legacy.isEmpty()) {
                DurableFiles.forceDirectory(index);
                LOG.log(Level.INFO, "moved {0} index records into {1}", legacy.size(), logFile);
            }
        }
        return log;
    }

    /** True when the file of {@code si} is there and its data set has the recorded SHA-256. */
    private static boolean readsBack(StoredInstance si) {
        try {
            return Files.isRegularFile(si.file()) && si.digest().equals(DatasetDigest.ofFile(si.file()));
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }
}
