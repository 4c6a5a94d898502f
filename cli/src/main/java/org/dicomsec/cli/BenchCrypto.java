package org.dicomsec.cli;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CBCModeCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.dicomsec.iscl.crypto.DesBlock;
import org.dicomsec.iscl.crypto.DesKey;
import org.dicomsec.iscl.crypto.DesMac;
import org.dicomsec.iscl.crypto.Md5Des;
import org.dicomsec.iscl.crypto.Md5Order;

/**
 * The crypto rows of {@code dicomsec bench}: each primitive encrypts (or MACs)
 * one record-sized buffer ({@link #BUFFER} bytes, a full TLS record) over and
 * over for the given time after a warm-up ({@link #warmUpNanos}). ISCL's primitives are the iscl
 * module's own (DES-CBC, DES-MAC, MD5+DES, on BouncyCastle's DESEngine); the
 * AEAD ciphers run twice, through the JDK's JCA provider (HotSpot uses the
 * CPU's AES and carry-less multiply instructions) and through BouncyCastle's
 * lightweight pure-Java engines: the comparison that decides
 * {@code TlsCryptoChoice}. Every AEAD operation takes a fresh nonce, as the
 * real protocols do (and as both providers insist).
 */
final class BenchCrypto {

    /** Bytes per operation: one full TLS record (RFC 8446 5.1: 2^14). */
    static final int BUFFER = 16_384;

    /** One operation on {@link #buf}; returns a byte of the result so the JIT cannot drop the work. */
    private interface Op {
        byte run() throws GeneralSecurityException, InvalidCipherTextException;
    }

    private final byte[] buf = new byte[BUFFER];
    private final byte[] out = new byte[BUFFER + 64];
    private final SecureRandom random = new SecureRandom();
    private long nonceCounter;
    /** Collects a byte of each result: printed nowhere, it only keeps the work observable. */
    int sink;

    BenchCrypto() {
        random.nextBytes(buf);
    }

    /** Measures every primitive for {@code seconds} each (after a warm-up of a fifth of that). */
    List<BenchRow> run(double seconds, java.util.function.Consumer<BenchRow> progress) throws Exception {
        List<BenchRow> rows = new ArrayList<>();
        DesKey desKey = DesKey.generate(org.dicomsec.iscl.crypto.RandomBytes.secure());
        DesBlock des = new DesBlock(desKey);
        DesMac mac = new DesMac(desKey);
        byte[] r8 = bytes(8);
        Md5Des md5des = new Md5Des(desKey, r8);
        byte[] iv = new byte[8];
        byte[] tag = new byte[16];
        add(rows, progress, seconds, "DES-CBC", "iscl (BC DESEngine)", () -> {
            des.cbcEncrypt(iv, buf, 0, BUFFER);
            return buf[0];
        });
        byte[] k24 = bytes(24);
        Cipher jca3des = Cipher.getInstance("DESede/CBC/NoPadding");
        SecretKeySpec k3 = new SecretKeySpec(k24, "DESede");
        IvParameterSpec iv3 = new IvParameterSpec(bytes(8));
        add(rows, progress, seconds, "3DES-CBC", "JCA " + jca3des.getProvider().getName(), () -> {
            jca3des.init(Cipher.ENCRYPT_MODE, k3, iv3);
            jca3des.doFinal(buf, 0, BUFFER, out, 0);
            return out[0];
        });
        CBCModeCipher bc3des = CBCBlockCipher.newInstance(new DESedeEngine());
        bc3des.init(true, new ParametersWithIV(new KeyParameter(k24), bytes(8)));
        add(rows, progress, seconds, "3DES-CBC", "BC lightweight", () -> {
            for (int off = 0; off < BUFFER; off += 8) {
                bc3des.processBlock(buf, off, out, off);
            }
            return out[0];
        });
        add(rows, progress, seconds, "DES-MAC", "iscl (BC DESEngine)", () -> {
            mac.update(buf, 0, BUFFER);
            mac.doFinal(tag, 0);
            return tag[0];
        });
        long[] seq = {0};
        add(rows, progress, seconds, "MD5+DES", "iscl (JDK MD5, BC DESEngine)", () -> {
            md5des.begin(Md5Order.ENCRYPT_RANDOM_THEN_HASH, seq[0]++);
            md5des.update(buf, 0, BUFFER);
            md5des.doFinal(Md5Order.ENCRYPT_RANDOM_THEN_HASH, tag, 0);
            return tag[0];
        });
        for (int bits : new int[] {128, 256}) {
            String name = "AES-" + bits + "-GCM";
            SecretKeySpec k = new SecretKeySpec(bytes(bits / 8), "AES");
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            add(rows, progress, seconds, name, "JCA " + gcm.getProvider().getName(), () -> {
                gcm.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, nonce()));
                gcm.doFinal(buf, 0, BUFFER, out, 0);
                return out[0];
            });
            AEADCipher bc = GCMBlockCipher.newInstance(AESEngine.newInstance());
            KeyParameter bk = new KeyParameter(k.getEncoded());
            add(rows, progress, seconds, name, "BC lightweight", () -> aead(bc, bk));
        }
        SecretKeySpec ck = new SecretKeySpec(bytes(32), "ChaCha20");
        Cipher chacha = Cipher.getInstance("ChaCha20-Poly1305");
        add(rows, progress, seconds, "ChaCha20-Poly1305", "JCA " + chacha.getProvider().getName(), () -> {
            chacha.init(Cipher.ENCRYPT_MODE, ck, new IvParameterSpec(nonce()));
            chacha.doFinal(buf, 0, BUFFER, out, 0);
            return out[0];
        });
        ChaCha20Poly1305 bcChacha = new ChaCha20Poly1305();
        KeyParameter bck = new KeyParameter(ck.getEncoded());
        add(rows, progress, seconds, "ChaCha20-Poly1305", "BC lightweight", () -> aead(bcChacha, bck));
        desKey.destroy();
        return rows;
    }

    private byte aead(AEADCipher c, KeyParameter k) throws InvalidCipherTextException {
        c.init(true, new AEADParameters(k, 128, nonce()));
        int n = c.processBytes(buf, 0, BUFFER, out, 0);
        c.doFinal(out, n);
        return out[0];
    }

    /**
     * A fifth of the row's time, but at least half a second (or the row's time
     * when shorter): HotSpot needs some thousands of calls before C2 compiles
     * the AES and GHASH intrinsics in, and a cold row would be off by a factor of 20.
     */
    static long warmUpNanos(double seconds) {
        return (long) (Math.max(seconds * 0.2, Math.min(0.5, seconds)) * 1e9);
    }

    /** A 96-bit nonce never used before in this run (a counter, as TLS 1.3 derives its nonces). */
    private byte[] nonce() {
        long n = ++nonceCounter;
        byte[] b = new byte[12];
        for (int i = 0; i < 8; i++) {
            b[11 - i] = (byte) (n >>> (8 * i));
        }
        return b;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private void add(List<BenchRow> rows, java.util.function.Consumer<BenchRow> progress, double seconds, String name,
                     String impl, Op op) throws Exception {
        long warmEnd = System.nanoTime() + warmUpNanos(seconds);
        while (System.nanoTime() < warmEnd) {
            sink += op.run();
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long ops = 0;
        long now;
        do {
            sink += op.run();
            ops++;
            now = System.nanoTime();
        } while (now < end);
        BenchRow row = new BenchRow("crypto", name, impl, ops * BUFFER, (now - start) / 1e9);
        rows.add(row);
        progress.accept(row);
    }
}
