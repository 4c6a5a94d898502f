package org.dicomsec.storage.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.dicomsec.storage.SopInstanceStatus;

/**
 * A journal file damaged or forged in any way ends in an entry or an
 * IOException naming the file, never another exception; an entry written is
 * read back equal.
 */
class TransactionJournalProperties {

    @Property(tries = 200)
    void anyJournalFileEndsInAnEntryOrAnIOException(@ForAll("bodies") String body, @ForAll boolean fixCrc)
            throws IOException {
        Path dir = Files.createTempDirectory("journal-prop");
        try {
            String text = body;
            if (fixCrc) {
                CRC32C crc = new CRC32C();
                crc.update(body.getBytes(StandardCharsets.UTF_8));
                text = body + String.format("crc32c=%08x\n", crc.getValue());
            }
            Files.writeString(dir.resolve("1.2.3.tx"), text, StandardCharsets.UTF_8);
            TransactionJournal j = TransactionJournal.open(dir);
            try {
                List<TransactionJournal.Entry> open = j.open();
                if (open.size() != 1) {
                    throw new AssertionError("one file, " + open.size() + " entries");
                }
            } catch (IOException expected) {
                if (!expected.getMessage().contains("1.2.3.tx")) {
                    throw new AssertionError("the error names the file: " + expected.getMessage());
                }
            }
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("dicomsec-transaction 1", "transaction=1.2.3", "peerAe=STORE_B",
                        "peerIdentity=X509+CN%3Db", "original=1.2.3.4+1.2.840.10008.5.1.4.1.1.2+OR",
                        "original=1.2+3", "original=a+b+XX", "peerAe=%ZZ", "crc32c=00000000", "=x", "junk"),
                Arbitraries.strings().ofMaxLength(30));
        return line.list().ofMaxSize(8).map(l -> String.join("\n", l) + "\n");
    }

    @Property(tries = 100)
    void anEntryReadsBackEqual(@ForAll("names") String ae, @ForAll("names") String identity,
                               @ForAll boolean authorized) throws IOException {
        Path dir = Files.createTempDirectory("journal-prop");
        try {
            TransactionJournal j = TransactionJournal.open(dir);
            TransactionJournal.Entry e = new TransactionJournal.Entry("2.25.1234", ae, identity, List.of(
                    new TransactionJournal.SentOriginal("1.2.3.4", "1.2.840.10008.5.1.4.1.1.2",
                            authorized ? SopInstanceStatus.AO : SopInstanceStatus.OR)));
            j.record(e);
            if (!j.get("2.25.1234").orElseThrow().equals(e)) {
                throw new AssertionError("read back differs");
            }
            j.remove("2.25.1234");
            if (!j.open().isEmpty()) {
                throw new AssertionError("removed");
            }
        } finally {
            Files.delete(dir);
        }
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(40);
    }
}
