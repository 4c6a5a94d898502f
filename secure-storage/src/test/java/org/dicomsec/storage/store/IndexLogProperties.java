package org.dicomsec.storage.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.dicomsec.storage.SopInstanceStatus;

/**
 * The index log read back after a crash or damage: a log cut at any byte gives exactly the state
 * of its whole records before the cut, with no problem (the cut record was never forced, so never
 * reported); a byte changed anywhere is reported, or (only in the last record) read as a cut, and
 * never touches what the records before it say.
 */
class IndexLogProperties {

    private static final Path INSTANCES = Path.of("/nonexistent/instances");

    /** One change: the instance {@code uid} stored as version {@code version}, or removed (version 0). */
    record Change(int uid, int version) {
    }

    @Provide
    Arbitrary<List<Change>> changes() {
        Arbitrary<Change> c = Arbitraries.integers().between(1, 4)
                .flatMap(u -> Arbitraries.integers().between(0, 3).map(v -> new Change(u, v)));
        return c.list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 300)
    void aLogCutAnywhere_isTheStateOfItsWholeRecords(@ForAll("changes") List<Change> changes,
                                                     @ForAll @IntRange(min = 0, max = 1_000_000) int cutAt)
            throws IOException {
        List<byte[]> records = encode(changes);
        byte[] log = concat(records);
        int cut = cutAt % (log.length + 1);
        IndexLog.Replay r = replay(java.util.Arrays.copyOf(log, cut));
        int whole = 0;
        int end = 0;
        while (whole < records.size() && end + records.get(whole).length <= cut) {
            end += records.get(whole++).length;
        }
        check(r.problems.isEmpty(), "no problem for a cut log: " + r.problems);
        check(r.end == end && r.length == cut, "end " + r.end + " of " + r.length + ", expected " + end);
        check(r.records == whole, r.records + " records, expected " + whole);
        check(r.last.equals(fold(changes.subList(0, whole))), "state " + r.last);
    }

    @Property(tries = 300)
    void aChangedByte_isReportedOrACut_andTheRecordsBeforeItStand(
            @ForAll("changes") List<Change> changes, @ForAll @IntRange(min = 0, max = 1_000_000) int at,
            @ForAll @IntRange(min = 1, max = 255) int xor) throws IOException {
        List<byte[]> records = encode(changes);
        byte[] log = concat(records);
        int pos = at % log.length;
        log[pos] ^= (byte) xor;
        IndexLog.Replay r = replay(log);
        int hit = 0;
        int start = 0;
        while (start + records.get(hit).length <= pos) {
            start += records.get(hit++).length;
        }
        boolean last = hit == records.size() - 1;
        check(!r.problems.isEmpty() || (last && r.end <= start), "damage at byte " + pos + " of record " + hit
                + " went unnoticed: " + r.last);
        // every uid whose records all lie before the damaged one says what those records say
        Map<String, StoredInstance> before = fold(changes.subList(0, hit));
        for (Map.Entry<String, StoredInstance> e : before.entrySet()) {
            boolean laterToo = changes.subList(hit, changes.size()).stream()
                    .anyMatch(c -> uid(c.uid()).equals(e.getKey()));
            if (!laterToo) {
                check(r.last.containsKey(e.getKey()) && java.util.Objects.equals(r.last.get(e.getKey()),
                        e.getValue()), "record before the damage lost: " + e.getKey());
            }
        }
    }

    @Property(tries = 50)
    void anythingAtAll_endsInAReplayNeverAnotherException(@ForAll @Size(max = 2000) byte[] junk)
            throws IOException {
        IndexLog.Replay r = replay(junk);
        check(r.end <= r.length && r.length == junk.length, "end " + r.end + " of " + r.length);
    }

    private static IndexLog.Replay replay(byte[] log) throws IOException {
        Path dir = Files.createTempDirectory("index-log-prop");
        try {
            Path f = dir.resolve(IndexLog.NAME);
            Files.write(f, log);
            return IndexLog.replay(f, INSTANCES);
        } finally {
            Files.deleteIfExists(dir.resolve(IndexLog.NAME));
            Files.delete(dir);
        }
    }

    private static List<byte[]> encode(List<Change> changes) {
        List<byte[]> out = new ArrayList<>();
        for (Change c : changes) {
            out.add(c.version() == 0 ? IndexRecords.encodeRemoval(uid(c.uid())) : IndexRecords.encode(instance(c)));
        }
        return out;
    }

    private static Map<String, StoredInstance> fold(List<Change> changes) {
        Map<String, StoredInstance> m = new HashMap<>();
        for (Change c : changes) {
            m.put(uid(c.uid()), c.version() == 0 ? null : instance(c));
        }
        return m;
    }

    private static StoredInstance instance(Change c) {
        String uid = uid(c.uid());
        return new StoredInstance(uid, "1.2.840.10008.5.1.4.1.1.2", INSTANCES.resolve(uid + ".v" + c.version() + ".dcm"),
                c.version() == 2 ? Optional.of(SopInstanceStatus.OR) : Optional.empty(),
                new Provenance("AE CN=a b", "bcp195-nd", "1.2.840.10008.1.2.1"), "ab".repeat(32),
                Instant.ofEpochSecond(1_700_000_000L + c.version(), 123_000_000), c.version(), c.version() == 3, "");
    }

    private static String uid(int n) {
        return "1.2.826.0.1.3680043.9." + n;
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        parts.forEach(b::writeBytes);
        return b.toByteArray();
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
