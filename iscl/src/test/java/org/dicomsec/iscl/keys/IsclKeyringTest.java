package org.dicomsec.iscl.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dicomsec.iscl.IsclError;
import org.dicomsec.iscl.IsclException;
import org.dicomsec.iscl.TestVectors;
import org.dicomsec.iscl.crypto.DesKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyring and its password-protected file, over real temp files. */
class IsclKeyringTest {

    private static final byte[] K = TestVectors.hex("0123456789ABCDEF");
    private static final byte[] K2 = TestVectors.hex("FEDCBA9876543210");
    private static final int FAST = 10_000; // PBKDF2 iterations for tests; production default is 600 000

    @Test
    void saveLoadRoundTripKeepsKeysAndFlags(@TempDir Path dir) throws Exception {
        IsclKeyring ring = IsclKeyring.create();
        ring.put("BOB", "ALICE", DesKey.longTerm(K), Map.of("profile.online-storage", "true"));
        ring.put("BOB", "CAROL", DesKey.longTerm(K2), Map.of());
        Path f = dir.resolve("bob.keyring");
        ring.save(f, "s3cret".toCharArray(), FAST);

        IsclKeyring back = IsclKeyring.load(f, "s3cret".toCharArray());
        List<KeyringEntry> list = back.list();
        assertEquals(2, list.size());
        assertEquals(new KeyringEntry("BOB", "ALICE", DesKey.of(K).checkValue(), Map.of("profile.online-storage", "true")),
                list.get(0));
        assertEquals("CAROL", list.get(1).remoteEntity());
        DesKey k = back.key("BOB", "ALICE");
        assertArrayEquals(K, k.bytes());
        assertEquals(null, back.key("BOB", "MALLORY"));
        assertTrue(back.remove("BOB", "CAROL"));
        assertFalse(back.remove("BOB", "CAROL"));
        assertEquals(1, back.size());
    }

    @Test
    void saveKeepsTheIterationCountOfTheLoadedFile(@TempDir Path dir) throws Exception {
        IsclKeyring ring = IsclKeyring.create();
        assertEquals(IsclKeyring.DEFAULT_KDF_ITERATIONS, ring.kdfIterations());
        ring.put("BOB", "ALICE", DesKey.longTerm(K), Map.of());
        Path f = dir.resolve("bob.keyring");
        ring.save(f, "pw".toCharArray(), FAST);
        assertEquals(FAST, ring.kdfIterations());

        IsclKeyring back = IsclKeyring.load(f, "pw".toCharArray());
        assertEquals(FAST, back.kdfIterations());
        back.put("BOB", "CAROL", DesKey.longTerm(K2), Map.of());
        back.save(f, "pw".toCharArray()); // no count given: the file's own
        byte[] header = Files.readAllBytes(f);
        // KeyringFile layout: iterations as uint32 at offset 6
        int stored = java.nio.ByteBuffer.wrap(header, 6, 4).getInt();
        assertEquals(FAST, stored);
        assertEquals(2, IsclKeyring.load(f, "pw".toCharArray()).size());
    }

    @Test
    void fileHoldsNoKeyOrNameInClear(@TempDir Path dir) throws Exception {
        IsclKeyring ring = IsclKeyring.create();
        ring.put("SOMEWHERE-LOCAL", "ALICE", DesKey.longTerm(K), Map.of());
        Path f = dir.resolve("k");
        ring.save(f, "pw".toCharArray(), FAST);
        byte[] file = Files.readAllBytes(f);
        String hex = TestVectors.HEX.formatHex(file);
        assertFalse(hex.contains(TestVectors.HEX.formatHex(K)), "key bytes in clear");
        assertFalse(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1).contains("SOMEWHERE-LOCAL"));
    }

    @Test
    void wrongPasswordIsRefusedWithoutLeakingIt(@TempDir Path dir) throws Exception {
        IsclKeyring ring = IsclKeyring.create();
        ring.put("A", "B", DesKey.longTerm(K), Map.of());
        Path f = dir.resolve("k");
        ring.save(f, "right-password".toCharArray(), FAST);
        IsclException e = assertThrows(IsclException.class, () -> IsclKeyring.load(f, "wrong-password".toCharArray()));
        assertEquals(IsclError.KEY_CARD_ERROR, e.error());
        assertTrue(e.getMessage().contains("wrong password or damaged"), e.getMessage());
        assertFalse(e.getMessage().contains("password\"") || e.getMessage().contains("wrong-password"));
    }

    @Test
    void tamperedFileIsRefused(@TempDir Path dir) throws Exception {
        IsclKeyring ring = IsclKeyring.create();
        ring.put("A", "B", DesKey.longTerm(K), Map.of());
        Path f = dir.resolve("k");
        ring.save(f, "pw".toCharArray(), FAST);
        byte[] b = Files.readAllBytes(f);
        for (int pos : new int[] {6, 20, b.length - 1, 50}) {
            byte[] t = b.clone();
            t[pos] ^= 1;
            Files.write(f, t);
            IsclException e = assertThrows(IsclException.class, () -> IsclKeyring.load(f, "pw".toCharArray()),
                    "flip at " + pos);
            assertEquals(IsclError.KEY_CARD_ERROR, e.error());
        }
        Files.write(f, new byte[10]);
        assertThrows(IsclException.class, () -> IsclKeyring.load(f, "pw".toCharArray()));
    }

    @Test
    void badNamesAndWeakKeysAreRefused() {
        IsclKeyring ring = IsclKeyring.create();
        assertThrows(IllegalArgumentException.class, () -> ring.put(" A", "B", DesKey.longTerm(K), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ring.put("A", "", DesKey.longTerm(K), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ring.put("A", "x".repeat(65), DesKey.longTerm(K), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ring.put("A", "B", DesKey.longTerm(TestVectors.hex("F1F1F1F1F1F1F1F1")), Map.of()));
        assertEquals(0, ring.size());
        assertFalse(ring.toString().contains("0123"));
    }

    @Test
    void generatedKeyMirroredToThePeerAuthenticatesBothSides() throws Exception {
        IsclKeyring alice = IsclKeyring.create();
        KeyringEntry e = alice.putGenerated("ALICE", "BOB", Map.of());
        IsclKeyring bob = IsclKeyring.create();
        assertTrue(alice.mirrorInto(bob, "ALICE", "BOB", Map.of("profile.online-storage", "true")));
        assertFalse(alice.mirrorInto(bob, "ALICE", "NOBODY", Map.of()));
        KeyringEntry b = bob.entry("BOB", "ALICE").orElseThrow();
        assertEquals(e.keyCheckValue(), b.keyCheckValue());
        assertEquals(6, e.keyCheckValue().length());
        // the two cards agree on session keys: same long-term key on both sides
        KeyCardSession a = new SoftwareKeyCard(alice).open("ALICE", "BOB", Role.INITIATOR);
        KeyCardSession s = new SoftwareKeyCard(bob).open("BOB", "ALICE", Role.RESPONDER);
        byte[] th = new byte[16];
        byte[] rA = a.getChallenge();
        byte[] tokenAB = a.internalAuthenticate(s.getChallenge(), th);
        assertArrayEquals(rA, s.externalAuthenticate(tokenAB, th));
        a.externalAuthenticate(s.internalAuthenticate(rA, th), th);
        assertEquals(a.sessionKeys(th).bToA().mac().checkValue(), s.sessionKeys(th).bToA().mac().checkValue());
        assertEquals(Map.of("profile.online-storage", "true"), s.attributes());
    }

    // ------------------------------------------------------------------ the example file of docs/keyring-format.md

    private static final Path EXAMPLE = Path.of("src/test/resources/vectors/keyring-example.txt");
    private static final Path FORMAT_DOC = Path.of("../docs/keyring-format.md");
    static final String EXAMPLE_PASSWORD = "example password";

    static List<KeyringFile.Item> exampleItems() {
        return List.of(
                new KeyringFile.Item("ALICE", "BOB", DesKey.longTerm(K), Map.of("dicom.ae-titles", "BOB_SCU,BOB_SCP")),
                new KeyringFile.Item("ALICE", "CAROL", DesKey.longTerm(K2), Map.of("profile.online-storage", "true")));
    }

    static String generateExample() throws Exception {
        byte[] salt = TestVectors.hex("000102030405060708090A0B0C0D0E0F");
        byte[] nonce = TestVectors.hex("101112131415161718191A1B");
        byte[] file = KeyringFile.encode(EXAMPLE_PASSWORD.toCharArray(), FAST, exampleItems(), salt, nonce);
        javax.crypto.SecretKeyFactory f = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] aes = f.generateSecret(new javax.crypto.spec.PBEKeySpec(EXAMPLE_PASSWORD.toCharArray(), salt, FAST, 256))
                .getEncoded();
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        c.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(aes, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, nonce));
        c.updateAAD(file, 0, 42);
        byte[] plain = c.doFinal(file, 42, file.length - 42);
        java.util.HexFormat hex = java.util.HexFormat.of().withUpperCase();
        List<String> lines = new java.util.ArrayList<>();
        lines.add("# The example keyring file of docs/keyring-format.md section 5 (dicomsec keyring format 1).");
        lines.add("# Source: dicomsec, generated by IsclKeyringTest from KeyringFile with a fixed salt and nonce;");
        lines.add("# the AES key and plaintext were recomputed here with the JDK's PBKDF2WithHmacSHA256 and AES/GCM.");
        lines.add("PASSWORD \"" + EXAMPLE_PASSWORD + "\" (UTF-8)");
        lines.add("ITERATIONS " + FAST);
        lines.add("SALT " + hex.formatHex(salt));
        lines.add("NONCE " + hex.formatHex(nonce));
        lines.add("AES-KEY " + hex.formatHex(aes));
        lines.add("HEADER " + hex.formatHex(file, 0, 42));
        lines.add("PLAINTEXT " + hex.formatHex(plain));
        lines.add("FILE " + hex.formatHex(file));
        for (KeyringFile.Item it : exampleItems()) {
            lines.add("ENTRY " + it.local() + " " + it.remote() + " " + hex.formatHex(it.key().bytes()) + " KCV "
                    + it.key().checkValue() + " " + it.flags().entrySet().iterator().next());
        }
        return String.join("\n", lines) + "\n";
    }

    @Test
    void theDocumentsExampleFileLoadsAndIsReproducedByteForByte(@TempDir Path dir) throws Exception {
        String now = generateExample();
        if (Boolean.getBoolean("iscl.regenerate")) {
            Files.writeString(EXAMPLE, now);
        }
        assertEquals(Files.readString(EXAMPLE), now, "keyring format changed: regenerate and update the document");
        String doc = Files.readString(FORMAT_DOC);
        for (String l : now.split("\n")) {
            if (!l.startsWith("#")) {
                assertTrue(doc.contains(l), "docs/keyring-format.md lacks: " + l);
            }
        }
        String fileHex = now.lines().filter(l -> l.startsWith("FILE ")).findFirst().orElseThrow().substring(5);
        Path f = dir.resolve("example.keyring");
        Files.write(f, TestVectors.hex(fileHex));
        IsclKeyring ring = IsclKeyring.load(f, EXAMPLE_PASSWORD.toCharArray());
        assertEquals(List.of(
                new KeyringEntry("ALICE", "BOB", DesKey.of(K).checkValue(), Map.of("dicom.ae-titles", "BOB_SCU,BOB_SCP")),
                new KeyringEntry("ALICE", "CAROL", DesKey.of(K2).checkValue(), Map.of("profile.online-storage", "true"))),
                ring.list());
        DesKey k = ring.exportKey("ALICE", "BOB");
        assertArrayEquals(K, k.bytes());
        assertEquals(FAST, ring.kdfIterations());
        IsclException wrong = assertThrows(IsclException.class, () -> IsclKeyring.load(f, "Example password".toCharArray()));
        assertEquals(IsclError.KEY_CARD_ERROR, wrong.error());
    }
}
