package org.dicomsec.iscl.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.macs.CBCBlockCipherMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * DES-MAC: ISO 8730 / ANSI X9.9 / ISO/IEC 9797-1 MAC algorithm 1 with padding
 * method 1 (zero bytes, none when aligned), full 64-bit output. Reusable: each
 * {@link #doFinal(byte[], int)} resets for the next message.
 */
public final class DesMac {

    /** MAC length in bytes. */
    public static final int SIZE = 8;

    private final CBCBlockCipherMac mac;

    public DesMac(DesKey key) {
        // BouncyCastle's default MAC size is half a block; ISO 8730 keeps all 64 bits.
        mac = new CBCBlockCipherMac(new DESEngine(), 64);
        byte[] k = key.bytes();
        try {
            mac.init(new KeyParameter(k));
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    public void update(byte[] in, int off, int len) {
        mac.update(in, off, len);
    }

    public void update(byte b) {
        mac.update(b);
    }

    /** Writes the 8-byte MAC at {@code out[off]} and resets. */
    public void doFinal(byte[] out, int off) {
        mac.doFinal(out, off);
    }

    /** The MAC of a whole message. */
    public byte[] mac(byte[] message) {
        byte[] out = new byte[SIZE];
        update(message, 0, message.length);
        doFinal(out, 0);
        return out;
    }
}
