package org.dicomsec.iscl.keys;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.dicomsec.iscl.IsclError;
import org.dicomsec.iscl.IsclException;
import org.dicomsec.iscl.crypto.DesKey;

/**
 * The keyring file, specified in docs/keyring-format.md (dicomsec format 1, JDK crypto only):
 * <pre>
 * 0  4  magic "DSKR"
 * 4  1  version 0x01
 * 5  1  KDF 0x01 = PBKDF2-HMAC-SHA256
 * 6  4  iterations (10 000 .. 10 000 000)
 * 10 16 salt
 * 26 12 AES-GCM nonce
 * 38 4  ciphertext length (with the 16-byte tag)
 * 42 .. AES-256-GCM ciphertext, the 42 header bytes as associated data
 * plaintext: uint32 count, then per entry: UTF local, UTF remote, 8 key bytes,
 *            uint16 flag count, (UTF name, UTF value) per flag, written sorted by name
 * </pre>
 */
final class KeyringFile {

    static final int DEFAULT_ITERATIONS = 600_000;
    static final int MIN_ITERATIONS = 10_000;
    static final int MAX_ITERATIONS = 10_000_000;
    private static final int MAX_FILE = 16 << 20;
    private static final int MAX_ENTRIES = 100_000;
    private static final int MAX_FLAGS = 256;
    private static final int HEADER = 42;
    private static final byte[] MAGIC = {'D', 'S', 'K', 'R'};

    record Item(String local, String remote, DesKey key, Map<String, String> flags) {
    }

    interface Sink {
        void accept(String local, String remote, DesKey key, Map<String, String> flags);
    }

    private KeyringFile() {
    }

    static void write(Path file, char[] password, int iterations, List<Item> items) throws IOException {
        SecureRandom rnd = new SecureRandom();
        byte[] salt = new byte[16];
        byte[] nonce = new byte[12];
        rnd.nextBytes(salt);
        rnd.nextBytes(nonce);
        byte[] all = encode(password, iterations, items, salt, nonce);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".keyring", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: permissions as the platform gives them
            }
            Files.write(tmp, all);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The whole file (docs/keyring-format.md): header, then the AES-256-GCM ciphertext of the
     * entries with the header as associated data. Flags are written sorted by name, so that equal
     * keyrings with equal salt and nonce give equal bytes (the document's example).
     */
    static byte[] encode(char[] password, int iterations, List<Item> items, byte[] salt, byte[] nonce)
            throws IOException {
        checkIterations(iterations);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(plain);
        d.writeInt(items.size());
        for (Item it : items) {
            d.writeUTF(it.local());
            d.writeUTF(it.remote());
            byte[] k = it.key().bytes();
            d.write(k);
            Arrays.fill(k, (byte) 0);
            d.writeShort(it.flags().size());
            for (Map.Entry<String, String> f : new java.util.TreeMap<>(it.flags()).entrySet()) {
                d.writeUTF(f.getKey());
                d.writeUTF(f.getValue());
            }
        }
        byte[] pt = plain.toByteArray();
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        header.put(MAGIC).put((byte) 1).put((byte) 1).putInt(iterations).put(salt).put(nonce)
                .putInt(pt.length + 16);
        byte[] ct;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, aesKey(password, salt, iterations), new GCMParameterSpec(128, nonce));
            c.updateAAD(header.array());
            ct = c.doFinal(pt);
        } catch (GeneralSecurityException e) {
            throw new IsclException(IsclError.KEY_CARD_ERROR, "cannot encrypt keyring", e);
        } finally {
            Arrays.fill(pt, (byte) 0);
        }
        byte[] all = new byte[HEADER + ct.length];
        System.arraycopy(header.array(), 0, all, 0, HEADER);
        System.arraycopy(ct, 0, all, HEADER, ct.length);
        return all;
    }

    /** Reads the file into {@code sink}; returns its PBKDF2 iteration count. */
    static int read(Path file, char[] password, Sink sink) throws IOException {
        long size = Files.size(file);
        if (size < HEADER + 16 || size > MAX_FILE) {
            throw damaged(file, "size " + size);
        }
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all);
        byte[] magic = new byte[4];
        b.get(magic);
        if (!Arrays.equals(magic, MAGIC) || b.get() != 1 || b.get() != 1) {
            throw damaged(file, "not a dicomsec keyring (magic/version/KDF)");
        }
        int iterations = b.getInt();
        checkIterations(iterations);
        byte[] salt = new byte[16];
        byte[] nonce = new byte[12];
        b.get(salt).get(nonce);
        int ctLen = b.getInt();
        if (ctLen != all.length - HEADER) {
            throw damaged(file, "ciphertext length " + ctLen + " at offset 38");
        }
        byte[] pt;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, aesKey(password, salt, iterations), new GCMParameterSpec(128, nonce));
            c.updateAAD(all, 0, HEADER);
            pt = c.doFinal(all, HEADER, ctLen);
        } catch (AEADBadTagException e) {
            throw new IsclException(IsclError.KEY_CARD_ERROR, "keyring " + file
                    + ": wrong password or damaged file");
        } catch (GeneralSecurityException e) {
            throw new IsclException(IsclError.KEY_CARD_ERROR, "cannot decrypt keyring " + file, e);
        }
        try (DataInputStream d = new DataInputStream(new ByteArrayInputStream(pt))) {
            int n = d.readInt();
            if (n < 0 || n > MAX_ENTRIES) {
                throw damaged(file, "entry count " + n);
            }
            byte[] k = new byte[DesKey.LENGTH];
            for (int i = 0; i < n; i++) {
                String local = d.readUTF();
                String remote = d.readUTF();
                d.readFully(k);
                int nf = d.readUnsignedShort();
                if (nf > MAX_FLAGS) {
                    throw damaged(file, "flag count " + nf + " in entry " + i);
                }
                Map<String, String> flags = new HashMap<>();
                for (int j = 0; j < nf; j++) {
                    flags.put(d.readUTF(), d.readUTF());
                }
                DesKey key;
                try {
                    key = DesKey.longTerm(k);
                } catch (IllegalArgumentException e) {
                    throw damaged(file, "entry " + i + ": " + e.getMessage());
                }
                try {
                    sink.accept(local, remote, key, flags);
                } catch (IllegalArgumentException e) {
                    throw damaged(file, "entry " + i + ": " + e.getMessage());
                } finally {
                    key.destroy();
                }
            }
            Arrays.fill(k, (byte) 0);
            if (d.available() != 0) {
                throw damaged(file, "trailing bytes");
            }
            return iterations;
        } finally {
            Arrays.fill(pt, (byte) 0);
        }
    }

    private static void checkIterations(int iterations) throws IsclException {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IsclException(IsclError.KEY_CARD_ERROR, "PBKDF2 iteration count " + iterations
                    + " outside " + MIN_ITERATIONS + ".." + MAX_ITERATIONS);
        }
    }

    private static SecretKeySpec aesKey(char[] password, byte[] salt, int iterations)
            throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            byte[] k = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            SecretKeySpec s = new SecretKeySpec(k, "AES");
            Arrays.fill(k, (byte) 0);
            return s;
        } finally {
            spec.clearPassword();
        }
    }

    private static IsclException damaged(Path file, String what) {
        return new IsclException(IsclError.KEY_CARD_ERROR, "keyring " + file + " is damaged: " + what);
    }
}
