package org.dicomsec.tls.bench;

import java.io.IOException;
import java.net.InetAddress;
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
import org.dicomsec.tls.TlsConfig;
import org.dicomsec.tls.TlsProfile;
import org.dicomsec.tls.TlsTransport;
import org.dicomsec.tls.demo.DemoPki;
import org.dicomsec.ul.bench.CryptoThroughput;
import org.dicomsec.ul.bench.Loopback;

/**
 * TLS's part of a throughput estimate ({@code dicomsec bench}): the record
 * ciphers as crypto tasks for {@link CryptoThroughput}, each twice, through the
 * JDK's JCA provider (HotSpot uses the CPU's AES and carry-less multiply
 * instructions) and through BouncyCastle's lightweight pure-Java engines (the
 * comparison that decides {@code TlsCryptoChoice}); and TLS pairs on loopback
 * with a throw-away demo PKI for the transfer rows. Every AEAD operation takes a
 * fresh nonce, as the real protocols do (and as both providers insist).
 */
public final class TlsBench {

    private final DemoPki pki;
    private final SecureRandom random = new SecureRandom();
    private final byte[] buf = new byte[CryptoThroughput.BUFFER];
    private final byte[] out = new byte[CryptoThroughput.BUFFER + 64];
    private long nonceCounter;

    /** Generates the demo PKI of the loopback pairs. */
    public TlsBench() throws IOException {
        pki = DemoPki.generate("dicomsec bench CA");
        random.nextBytes(buf);
    }

    /**
     * 3DES-CBC (JCA, BC), then AES-128-GCM, AES-256-GCM and ChaCha20-Poly1305, each JCA then BC;
     * {@code 3DES-CBC} first so that a caller can put ISCL's rows beside it.
     */
    public List<CryptoThroughput.Task> cryptoTasks() throws GeneralSecurityException {
        List<CryptoThroughput.Task> tasks = new ArrayList<>();
        byte[] k24 = bytes(24);
        Cipher jca3des = Cipher.getInstance("DESede/CBC/NoPadding");
        SecretKeySpec k3 = new SecretKeySpec(k24, "DESede");
        IvParameterSpec iv3 = new IvParameterSpec(bytes(8));
        tasks.add(new CryptoThroughput.Task("3DES-CBC", "JCA " + jca3des.getProvider().getName(), () -> {
            jca3des.init(Cipher.ENCRYPT_MODE, k3, iv3);
            jca3des.doFinal(buf, 0, buf.length, out, 0);
            return out[0];
        }));
        CBCModeCipher bc3des = CBCBlockCipher.newInstance(new DESedeEngine());
        bc3des.init(true, new ParametersWithIV(new KeyParameter(k24), bytes(8)));
        tasks.add(new CryptoThroughput.Task("3DES-CBC", "BC lightweight", () -> {
            for (int off = 0; off < buf.length; off += 8) {
                bc3des.processBlock(buf, off, out, off);
            }
            return out[0];
        }));
        for (int bits : new int[] {128, 256}) {
            String name = "AES-" + bits + "-GCM";
            SecretKeySpec k = new SecretKeySpec(bytes(bits / 8), "AES");
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            tasks.add(new CryptoThroughput.Task(name, "JCA " + gcm.getProvider().getName(), () -> {
                gcm.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, nonce()));
                gcm.doFinal(buf, 0, buf.length, out, 0);
                return out[0];
            }));
            AEADCipher bc = GCMBlockCipher.newInstance(AESEngine.newInstance());
            KeyParameter bk = new KeyParameter(k.getEncoded());
            tasks.add(new CryptoThroughput.Task(name, "BC lightweight", () -> aead(bc, bk)));
        }
        SecretKeySpec ck = new SecretKeySpec(bytes(32), "ChaCha20");
        Cipher chacha = Cipher.getInstance("ChaCha20-Poly1305");
        tasks.add(new CryptoThroughput.Task("ChaCha20-Poly1305", "JCA " + chacha.getProvider().getName(), () -> {
            chacha.init(Cipher.ENCRYPT_MODE, ck, new IvParameterSpec(nonce()));
            chacha.doFinal(buf, 0, buf.length, out, 0);
            return out[0];
        }));
        ChaCha20Poly1305 bcChacha = new ChaCha20Poly1305();
        KeyParameter bck = new KeyParameter(ck.getEncoded());
        tasks.add(new CryptoThroughput.Task("ChaCha20-Poly1305", "BC lightweight", () -> aead(bcChacha, bck)));
        return tasks;
    }

    /** A TLS pair of {@code profile} on a free loopback port, both sides with a demo certificate. */
    public Loopback loopback(String name, TlsProfile profile) throws IOException {
        TlsConfig server = TlsConfig.builder().profile(profile).keyMaterial(pki.server())
                .trustAnchors(List.of(pki.ca().certificate())).build();
        TlsConfig client = TlsConfig.builder().profile(profile).keyMaterial(pki.client())
                .trustAnchors(List.of(pki.ca().certificate())).build();
        return new Loopback(name, TlsTransport.connector(client),
                TlsTransport.acceptor(server, InetAddress.getLoopbackAddress(), 0));
    }

    private byte aead(AEADCipher c, KeyParameter k) throws InvalidCipherTextException {
        c.init(true, new AEADParameters(k, 128, nonce()));
        int n = c.processBytes(buf, 0, buf.length, out, 0);
        c.doFinal(out, n);
        return out[0];
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
}
