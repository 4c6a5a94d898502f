package org.dicomsec.tls;

import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;

/**
 * AES-GCM of the TLS records through the JDK's {@link Cipher}, set up for each record with a
 * {@link GCMParameterSpec}. BouncyCastle's own JCA adapter makes an {@code AlgorithmParameters}
 * object for every record (a provider lookup and a conversion of the parameters) before the
 * same {@code Cipher.init}; this does what it does otherwise: one key per direction, the
 * additional data before the record, a failure as an {@link IllegalStateException}, which
 * BouncyCastle answers with {@code bad_record_mac}.
 */
final class JdkGcmCipher implements TlsAEADCipherImpl {

    private final Cipher cipher;
    private final String algorithm;
    private final int keySize;
    private final int mode;
    private SecretKey key;

    /**
     * @param cipher    an "AES/GCM/NoPadding" cipher
     * @param algorithm the key's algorithm ("AES")
     * @param keySize   the key's length in bytes
     */
    JdkGcmCipher(Cipher cipher, String algorithm, int keySize, boolean encrypting) {
        this.cipher = cipher;
        this.algorithm = algorithm;
        this.keySize = keySize;
        this.mode = encrypting ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
    }

    @Override
    public void setKey(byte[] key, int keyOff, int keyLen) {
        if (keyLen != keySize) {
            throw new IllegalStateException("AES-GCM key of " + keyLen + " bytes, expected " + keySize);
        }
        this.key = new SecretKeySpec(key, keyOff, keyLen, algorithm);
    }

    @Override
    public void init(byte[] nonce, int macSize) {
        try {
            cipher.init(mode, key, new GCMParameterSpec(macSize * 8, nonce));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM set-up for a record failed", e);
        }
    }

    @Override
    public int getOutputSize(int inputLength) {
        return cipher.getOutputSize(inputLength);
    }

    @Override
    public int doFinal(byte[] additionalData, byte[] input, int inputOffset, int inputLength, byte[] output,
                       int outputOffset) {
        if (additionalData != null && additionalData.length > 0) {
            cipher.updateAAD(additionalData);
        }
        try {
            return cipher.doFinal(input, inputOffset, inputLength, output, outputOffset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM record: " + e.getMessage(), e);
        }
    }
}
