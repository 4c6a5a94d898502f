package org.dicomsec.storage.store;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.dicomsec.storage.SopInstanceStatus;

/**
 * The text form of one index record: a format line, "key=value" lines (values URL-encoded),
 * closed by a "crc32c=" line over all bytes before it. The store's {@link IndexLog} is a
 * sequence of these; a record with a "removed" line says the instance it names is no longer
 * stored. (A store of an earlier version kept one record per file, index/&lt;uid&gt;.rec, in
 * the same form; {@link StoreRecovery} still reads those.) The checksum tells a whole record
 * from one torn by a crash or damaged later.
 *
 * <p>A record with a "settled" line was written before its data file was known to be on the
 * device (a received instance's record, forced together with its file: {@link
 * InstanceStore#commitReceived}); its value is a byte offset of the log: every such record that
 * begins before it had its file and name on the device when this record was written. On open,
 * such a record at or beyond the highest offset any record vouches for is believed only if its
 * file reads back with the recorded SHA-256 ({@link StoreRecovery}).
 */
final class IndexRecords {

    /** Bound on a record file: read no more than this. */
    static final int MAX_RECORD = 64 * 1024;

    /** The first line of every record. */
    static final String FORMAT = "dicomsec-index 1";
    /** Prefix of the last line of every record. */
    static final String CRC = "crc32c=";

    /**
     * One decoded record: the instance as now stored, or (null) its removal; {@code settled} its
     * "settled" offset, -1 when it has none (written once its file was on the device).
     */
    record Entry(String uid, StoredInstance instance, long settled) {
    }

    private IndexRecords() {
    }

    static byte[] encode(StoredInstance s) {
        return encode(s, -1);
    }

    /**
     * The record of {@code s}, written before its file is known to be on the device when
     * {@code settled} is not negative: see the class comment.
     */
    static byte[] encode(StoredInstance s, long settled) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("uid", s.sopInstanceUid());
        m.put("class", s.sopClassUid());
        m.put("file", s.file().getFileName().toString());
        m.put("status", s.status().map(SopInstanceStatus::code).orElse(""));
        m.put("from", s.provenance().receivedFrom());
        m.put("over", s.provenance().receivedOver());
        m.put("arrivedAs", s.provenance().arrivedAs());
        m.put("sha256", s.digest());
        m.put("time", IsoInstant.format(s.storedAt()));
        m.put("version", Long.toString(s.version()));
        m.put("awaitingCommitment", Boolean.toString(s.awaitingCommitment()));
        m.put("authorizedBy", s.authorizedBy());
        if (settled >= 0) {
            m.put("settled", Long.toString(settled));
        }
        return seal(m);
    }

    /** The record that says {@code uid} is no longer stored. */
    static byte[] encodeRemoval(String uid) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("uid", uid);
        m.put("removed", "true");
        return seal(m);
    }

    private static byte[] seal(Map<String, String> m) {
        StringBuilder sb = new StringBuilder(FORMAT).append('\n');
        for (Map.Entry<String, String> e : m.entrySet()) {
            sb.append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .append('\n');
        }
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(body);
        // not String.format: its parser was a third of a record's cost on a store's path (JFR)
        byte[] tail = (CRC + HexFormat.of().toHexDigits((int) crc.getValue()) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[body.length + tail.length];
        System.arraycopy(body, 0, out, 0, body.length);
        System.arraycopy(tail, 0, out, body.length, tail.length);
        return out;
    }

    /** Decodes a record that names a stored instance; {@code dir} is where its data file lives. */
    static StoredInstance decode(byte[] b, Path dir, String where) throws IOException {
        Entry e = decodeEntry(b, dir, where);
        if (e.instance() == null) {
            throw new IOException(where + ": a removal record where an instance was expected");
        }
        return e.instance();
    }

    /** Decodes a record of either kind; {@code dir} is where the data file lives. */
    static Entry decodeEntry(byte[] b, Path dir, String where) throws IOException {
        if (b.length > MAX_RECORD) {
            throw new IOException(where + ": index record of " + b.length + " bytes exceeds " + MAX_RECORD);
        }
        String text = new String(b, StandardCharsets.UTF_8);
        int cut = text.lastIndexOf(CRC);
        if (cut < 0 || !text.endsWith("\n")) {
            throw new IOException(where + ": index record without checksum line (torn or damaged)");
        }
        byte[] body = text.substring(0, cut).getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(body);
        String expected = HexFormat.of().toHexDigits((int) crc.getValue());
        String found = text.substring(cut + 7, text.length() - 1);
        if (!expected.equals(found)) {
            throw new IOException(where + ": index record checksum " + found + " != " + expected);
        }
        String[] lines = text.substring(0, cut).split("\n");
        if (lines.length == 0 || !FORMAT.equals(lines[0])) {
            throw new IOException(where + ": not a " + FORMAT + " record");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int eq = lines[i].indexOf('=');
            if (eq <= 0) {
                throw new IOException(where + ": bad index line " + i);
            }
            m.put(lines[i].substring(0, eq), URLDecoder.decode(lines[i].substring(eq + 1), StandardCharsets.UTF_8));
        }
        if (Boolean.parseBoolean(m.get("removed"))) {
            return new Entry(req(m, "uid", where), null, -1);
        }
        try {
            String status = req(m, "status", where);
            return new Entry(req(m, "uid", where), new StoredInstance(req(m, "uid", where), req(m, "class", where), dir.resolve(req(m, "file", where)),
                    status.isEmpty() ? Optional.empty() : Optional.of(SopInstanceStatus.of(status)),
                    new Provenance(req(m, "from", where), req(m, "over", where),
                            m.getOrDefault("arrivedAs", "")), req(m, "sha256", where),
                    Instant.parse(req(m, "time", where)), Long.parseLong(req(m, "version", where)),
                    Boolean.parseBoolean(req(m, "awaitingCommitment", where)), req(m, "authorizedBy", where)),
                    settled(m.get("settled")));
        } catch (RuntimeException bad) {
            throw new IOException(where + ": bad index record: " + bad.getMessage(), bad);
        }
    }

    private static long settled(String v) {
        if (v == null) {
            return -1;
        }
        long n = Long.parseLong(v);
        if (n < 0) {
            throw new IllegalArgumentException("settled " + v);
        }
        return n;
    }

    private static String req(Map<String, String> m, String key, String where) throws IOException {
        String v = m.get(key);
        if (v == null) {
            throw new IOException(where + ": index record without " + key);
        }
        return v;
    }
}
