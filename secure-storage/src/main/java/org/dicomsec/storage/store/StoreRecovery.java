package org.dicomsec.storage.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link InstanceStore#open} does before anything else: loads the index
 * records and removes what unfinished operations left behind (temporary files;
 * data files no record names: written, maybe renamed, but never reported
 * stored). A record that cannot be read is reported, and neither it nor its
 * data is removed, since it may describe an original (rule c).
 */
final class StoreRecovery {

    private static final System.Logger LOG = System.getLogger(StoreRecovery.class.getName());

    private StoreRecovery() {
    }

    static void recover(Path instances, Path index, Map<String, StoredInstance> entries, List<String> problems)
            throws IOException {
        Set<String> damaged = new HashSet<>();
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
                    if (!si.sopInstanceUid().equals(uid) || !Files.isRegularFile(si.file())) {
                        throw new IOException(p + ": names " + si.file().getFileName() + " which is missing");
                    }
                    entries.put(uid, si);
                } catch (IOException bad) {
                    damaged.add(uid);
                    problems.add(bad.getMessage());
                    LOG.log(Level.ERROR, "index record unusable, instance {0} not available: {1}", uid,
                            bad.getMessage());
                }
            }
        }
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
        DurableFiles.forceDirectory(instances);
    }
}
