package org.dicomsec.storage.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.store.DurableFiles;

/**
 * The sender's durable record of the originals it transferred in each Storage
 * Commitment transaction (PS3.15 A.1.1 rule d.4/d.5): written before the first
 * C-STORE of the transaction, removed once rule d.5 was carried out for the
 * result. A crash between the transfer and the result therefore loses nothing:
 * a result that arrives later (on the listener, after a restart) finds here
 * which instances went out as originals, to whom, in which status.
 *
 * <p>One file per transaction, {@code <Transaction UID>.tx}: "key=value" lines
 * (values URL-encoded) closed by a CRC-32C line, written to a temporary file,
 * forced and renamed atomically ({@link DurableFiles}).
 */
public final class TransactionJournal {

    private static final String FORMAT = "dicomsec-transaction 1";
    private static final String SUFFIX = ".tx";
    private static final int MAX_FILE = 16 << 20;
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    /** One original sent in the transaction: what it was here when it left. */
    public record SentOriginal(String sopInstanceUid, String sopClassUid, SopInstanceStatus status) {
    }

    /**
     * @param transactionUid (0008,1195)
     * @param peerAeTitle    the AE the originals went to
     * @param peerIdentity   its authenticated identity as the transport gave it (kind and name);
     *                       a result is accepted only from the same identity
     * @param originals      what was sent as original
     */
    public record Entry(String transactionUid, String peerAeTitle, String peerIdentity, List<SentOriginal> originals) {
        public Entry {
            originals = List.copyOf(originals);
        }

        public Set<String> sopInstanceUids() {
            return originals.stream().map(SentOriginal::sopInstanceUid).collect(Collectors.toUnmodifiableSet());
        }
    }

    private final Path dir;

    private TransactionJournal(Path dir) {
        this.dir = dir;
    }

    /** Opens (creating) the journal in {@code dir}; temporary files of interrupted writes are removed. */
    public static TransactionJournal open(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(DurableFiles.TMP)).toList()) {
                Files.deleteIfExists(p);
            }
        }
        return new TransactionJournal(dir);
    }

    /** Records a transaction durably (before its instances are sent). */
    public synchronized void record(Entry e) throws IOException {
        DurableFiles.writeAtomically(file(e.transactionUid()), encode(e));
    }

    /** The transaction, if it is still open. */
    public synchronized Optional<Entry> get(String transactionUid) throws IOException {
        if (!UID.matcher(transactionUid).matches() || transactionUid.length() > 64) {
            return Optional.empty();
        }
        Path f = file(transactionUid);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        return Optional.of(read(f));
    }

    /** Closes a transaction (rule d.5 was carried out). */
    public synchronized void remove(String transactionUid) throws IOException {
        DurableFiles.delete(file(transactionUid));
    }

    /** Transactions whose result has not been processed yet. */
    public synchronized List<Entry> open() throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                out.add(read(p));
            }
        }
        return out;
    }

    private Path file(String transactionUid) {
        return dir.resolve(transactionUid + SUFFIX);
    }

    private static byte[] encode(Entry e) {
        StringBuilder sb = new StringBuilder(FORMAT).append('\n');
        line(sb, "transaction", e.transactionUid());
        line(sb, "peerAe", e.peerAeTitle());
        line(sb, "peerIdentity", e.peerIdentity());
        for (SentOriginal o : e.originals()) {
            line(sb, "original", o.sopInstanceUid() + " " + o.sopClassUid() + " " + o.status().code());
        }
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(body);
        return (sb + String.format("crc32c=%08x\n", crc.getValue())).getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(key).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('\n');
    }

    private static Entry read(Path f) throws IOException {
        byte[] b;
        try (InputStream in = Files.newInputStream(f)) {
            b = in.readNBytes(MAX_FILE + 1);
        }
        if (b.length > MAX_FILE) {
            throw new IOException(f + ": journal file exceeds " + MAX_FILE + " bytes");
        }
        String text = new String(b, StandardCharsets.UTF_8);
        int cut = text.lastIndexOf("crc32c=");
        if (cut < 0 || !text.endsWith("\n")) {
            throw new IOException(f + ": journal file without checksum line");
        }
        CRC32C crc = new CRC32C();
        crc.update(text.substring(0, cut).getBytes(StandardCharsets.UTF_8));
        if (!String.format("%08x", crc.getValue()).equals(text.substring(cut + 7, text.length() - 1))) {
            throw new IOException(f + ": journal file checksum mismatch");
        }
        String[] lines = text.substring(0, cut).split("\n");
        if (lines.length == 0 || !FORMAT.equals(lines[0])) {
            throw new IOException(f + ": not a " + FORMAT + " file");
        }
        String tx = null;
        String ae = null;
        String id = null;
        List<SentOriginal> originals = new ArrayList<>();
        try {
            for (int i = 1; i < lines.length; i++) {
                int eq = lines[i].indexOf('=');
                if (eq <= 0) {
                    throw new IOException(f + ": bad line " + i);
                }
                String v = URLDecoder.decode(lines[i].substring(eq + 1), StandardCharsets.UTF_8);
                switch (lines[i].substring(0, eq)) {
                    case "transaction" -> tx = v;
                    case "peerAe" -> ae = v;
                    case "peerIdentity" -> id = v;
                    case "original" -> {
                        String[] p = v.split(" ");
                        if (p.length != 3) {
                            throw new IOException(f + ": bad original line " + i);
                        }
                        originals.add(new SentOriginal(p[0], p[1], SopInstanceStatus.of(p[2])));
                    }
                    default -> throw new IOException(f + ": unknown key in line " + i);
                }
            }
        } catch (IllegalArgumentException bad) {
            throw new IOException(f + ": " + bad.getMessage(), bad);
        }
        if (tx == null || ae == null || id == null) {
            throw new IOException(f + ": transaction, peerAe or peerIdentity missing");
        }
        return new Entry(tx, ae, id, originals);
    }
}
