package org.dicomsec.iscl.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dicomsec.data.json.JsonWriter;
import org.dicomsec.iscl.TestVectors;
import org.dicomsec.iscl.crypto.DesKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyring edits of {@code dicomsec keys iscl}: a pair with its mirror, one flag, and how an entry is shown. */
class KeyringEditingTest {

    private static final byte[] K = TestVectors.hex("0123456789ABCDEF");

    @Test
    void putPairWithAGivenKeyPutsTheSameKeyIntoBothKeyrings(@TempDir Path dir) throws Exception {
        IsclKeyring alice = IsclKeyring.create();
        IsclKeyring bob = IsclKeyring.create();
        KeyringEntry e = alice.putPair("ALICE", "BOB", DesKey.longTerm(K), Map.of("profile.online-storage", "true"),
                bob);
        assertEquals(new KeyringEntry("ALICE", "BOB", DesKey.of(K).checkValue(), Map.of("profile.online-storage",
                "true")), e);
        assertEquals(new KeyringEntry("BOB", "ALICE", e.keyCheckValue(), e.flags()),
                bob.entry("BOB", "ALICE").orElseThrow());
        // the two files hold the key itself, not only its check value
        Path b = dir.resolve("bob.keyring");
        bob.save(b, "pw".toCharArray(), 10_000);
        assertArrayEquals(K, IsclKeyring.load(b, "pw".toCharArray()).exportKey("BOB", "ALICE").bytes());
    }

    @Test
    void putPairWithoutAKeyGeneratesOneAndWithoutAPeerTouchesNoOtherKeyring() {
        IsclKeyring alice = IsclKeyring.create();
        KeyringEntry first = alice.putPair("ALICE", "BOB", null, Map.of(), null);
        assertEquals(1, alice.size());
        KeyringEntry second = alice.putPair("ALICE", "BOB", null, Map.of(), null); // replaced by a fresh key
        assertEquals(1, alice.size());
        assertNotEquals(first.keyCheckValue(), second.keyCheckValue());
        IsclKeyring bob = IsclKeyring.create();
        KeyringEntry third = alice.putPair("ALICE", "CAROL", null, Map.of(), bob);
        assertEquals(List.of(new KeyringEntry("CAROL", "ALICE", third.keyCheckValue(), Map.of())), bob.list());
    }

    @Test
    void setFlagAddsReplacesAndRemovesOneFlagKeepingTheKeyAndTheOthers() {
        IsclKeyring ring = IsclKeyring.create();
        ring.put("A", "B", DesKey.longTerm(K), Map.of("profile.online-storage", "true"));
        assertTrue(ring.setFlag("A", "B", "dicom.ae-titles", "X,Y"));
        assertEquals(Map.of("profile.online-storage", "true", "dicom.ae-titles", "X,Y"),
                ring.entry("A", "B").orElseThrow().flags());
        assertTrue(ring.setFlag("A", "B", "dicom.ae-titles", "Z"));
        assertEquals("Z", ring.entry("A", "B").orElseThrow().flags().get("dicom.ae-titles"));
        assertTrue(ring.setFlag("A", "B", "dicom.ae-titles", null));
        assertEquals(Map.of("profile.online-storage", "true"), ring.entry("A", "B").orElseThrow().flags());
        assertEquals(DesKey.of(K).checkValue(), ring.entry("A", "B").orElseThrow().keyCheckValue());
        assertFalse(ring.setFlag("A", "NOBODY", "dicom.ae-titles", "X"));
        assertTrue(ring.entry("A", "NOBODY").isEmpty());
    }

    @Test
    void anEntryIsShownByItsCheckValueAndSortedFlags() {
        KeyringEntry plain = new KeyringEntry("A", "B", "0A1B2C", Map.of());
        assertEquals("-", plain.flagsText());
        assertEquals("A -> B, key check value 0A1B2C", plain.describe());
        KeyringEntry flagged = new KeyringEntry("A", "B", "0A1B2C", Map.of("z", "1", "dicom.ae-titles", "X,Y"));
        assertEquals("dicom.ae-titles=X,Y,z=1", flagged.flagsText());
        assertEquals("A -> B, key check value 0A1B2C, dicom.ae-titles=X,Y,z=1", flagged.describe());
    }

    @Test
    void entriesAsATableHaveColumnsAsWideAsTheLongestNameAndNoLineWhenThereIsNone() {
        assertEquals(List.of(), KeyringEntry.table(List.of()));
        assertEquals(List.of("LOCAL  REMOTE  KCV     FLAGS", "A      B       0A1B2C  -"),
                KeyringEntry.table(List.of(new KeyringEntry("A", "B", "0A1B2C", Map.of()))));
        assertEquals(List.of(
                        "LOCAL     REMOTE       KCV     FLAGS",
                        "MODALITY  ARCHIVE      0A1B2C  profile.online-storage=true",
                        "MODALITY  WORKSTATION  3D4E5F  -"),
                KeyringEntry.table(List.of(
                        new KeyringEntry("MODALITY", "ARCHIVE", "0A1B2C", Map.of("profile.online-storage", "true")),
                        new KeyringEntry("MODALITY", "WORKSTATION", "3D4E5F", Map.of()))));
    }

    @Test
    void anEntryAsJsonHasItsPairCheckValueAndFlagsSortedByName() {
        KeyringEntry e = new KeyringEntry("A \"1\"", "B", "0A1B2C", Map.of("z", "1", "a", "2"));
        assertEquals("{\n  \"local\": \"A \\\"1\\\"\",\n  \"remote\": \"B\",\n  \"kcv\": \"0A1B2C\",\n"
                + "  \"flags\": {\n    \"a\": \"2\",\n    \"z\": \"1\"\n  }\n}", JsonWriter.write(e.toJson()));
    }
}
