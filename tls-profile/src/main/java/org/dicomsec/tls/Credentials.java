package org.dicomsec.tls;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.util.Vector;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedDecryptor;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedDecryptor;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JceDefaultTlsCredentialedDecryptor;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * The own key and chain turned into BouncyCastle TLS credentials for either
 * TlsCrypto implementation: a signer (ECDHE/DHE key exchange, TLS 1.3,
 * CertificateVerify) or, for RSA key transport (PS3.15 B.1 table B.1-1:
 * "Exchange of Master Secrets: RSA"), a decryptor.
 */
final class Credentials {

    private final KeyMaterial km;
    private final TlsCrypto crypto;
    private final TlsCertificate[] chain;
    private AsymmetricKeyParameter bcKey;

    Credentials(KeyMaterial km, TlsCrypto crypto) throws IOException {
        this.km = km;
        this.crypto = crypto;
        this.chain = new TlsCertificate[km.chain().size()];
        try {
            for (int i = 0; i < chain.length; i++) {
                X509Certificate c = km.chain().get(i);
                chain[i] = crypto.createCertificate(c.getEncoded());
            }
        } catch (CertificateEncodingException e) {
            throw new IOException("cannot encode own certificate: " + e.getMessage(), e);
        }
    }

    boolean isRsa() {
        return km.isRsa();
    }

    /** True when a suite's key exchange can use this key (the server offers only those). */
    boolean fits(int cipherSuite) {
        int kx = TlsUtils.getKeyExchangeAlgorithm(cipherSuite);
        return switch (kx) {
            case KeyExchangeAlgorithm.NULL -> true; // TLS 1.3: any signature key
            case KeyExchangeAlgorithm.RSA, KeyExchangeAlgorithm.DHE_RSA, KeyExchangeAlgorithm.ECDHE_RSA -> km.isRsa();
            case KeyExchangeAlgorithm.ECDHE_ECDSA -> !km.isRsa();
            default -> false;
        };
    }

    /** The chain as the Certificate message carries it (TLS 1.3 with the request context). */
    Certificate certificate(TlsContext ctx, byte[] requestContext) {
        if (TlsUtils.isTLSv13(ctx)) {
            CertificateEntry[] entries = new CertificateEntry[chain.length];
            for (int i = 0; i < chain.length; i++) {
                entries[i] = new CertificateEntry(chain[i], null);
            }
            return new Certificate(requestContext == null ? TlsUtils.EMPTY_BYTES : requestContext, entries);
        }
        return new Certificate(chain);
    }

    TlsCredentialedSigner signer(TlsContext ctx, Vector<?> peerSigAlgs, byte[] requestContext) throws IOException {
        SignatureAndHashAlgorithm alg = choose(ctx, peerSigAlgs);
        Certificate cert = certificate(ctx, requestContext);
        TlsCryptoParameters params = new TlsCryptoParameters(ctx);
        if (crypto instanceof JcaTlsCrypto jca) {
            return new JcaDefaultTlsCredentialedSigner(params, jca, km.privateKey(), cert, alg);
        }
        return new BcDefaultTlsCredentialedSigner(params, (BcTlsCrypto) crypto, bcKey(), cert, alg);
    }

    TlsCredentialedDecryptor decryptor(TlsContext ctx) throws IOException {
        Certificate cert = certificate(ctx, null);
        if (crypto instanceof JcaTlsCrypto jca) {
            return new JceDefaultTlsCredentialedDecryptor(jca, cert, km.privateKey());
        }
        return new BcDefaultTlsCredentialedDecryptor((BcTlsCrypto) crypto, cert, bcKey());
    }

    /**
     * The signature scheme for this key among those the peer accepts (RFC 5246
     * 7.4.1.4.1, RFC 8446 4.2.3); null below TLS 1.2, where the algorithm is implied.
     * TLS 1.3 forbids PKCS#1 v1.5 signatures in CertificateVerify, so an RSA key
     * signs with RSASSA-PSS there.
     */
    SignatureAndHashAlgorithm choose(TlsContext ctx, Vector<?> peerSigAlgs) throws IOException {
        if (!TlsUtils.isSignatureAlgorithmsExtensionAllowed(ctx.getServerVersion())) {
            return null;
        }
        boolean tls13 = TlsUtils.isTLSv13(ctx);
        if (peerSigAlgs == null) {
            // RFC 5246 7.4.1.4.1: a TLS 1.2 peer that sent no list accepts SHA-1
            return new SignatureAndHashAlgorithm(HashAlgorithm.sha1, km.isRsa() ? SignatureAlgorithm.rsa : SignatureAlgorithm.ecdsa);
        }
        SignatureAndHashAlgorithm sha1Fallback = null;
        for (Object o : peerSigAlgs) {
            SignatureAndHashAlgorithm a = (SignatureAndHashAlgorithm) o;
            short sig = a.getSignature();
            short hash = a.getHash();
            if (km.isRsa()) {
                boolean pss = sig == SignatureAlgorithm.rsa_pss_rsae_sha256 || sig == SignatureAlgorithm.rsa_pss_rsae_sha384
                        || sig == SignatureAlgorithm.rsa_pss_rsae_sha512;
                if (pss || (!tls13 && sig == SignatureAlgorithm.rsa && strongHash(hash))) {
                    return a;
                }
                if (!tls13 && sig == SignatureAlgorithm.rsa && hash == HashAlgorithm.sha1) {
                    sha1Fallback = a;
                }
            } else if (sig == SignatureAlgorithm.ecdsa) {
                if (tls13 ? hash == ecHashFor13() : strongHash(hash)) {
                    return a;
                }
                if (!tls13 && hash == HashAlgorithm.sha1) {
                    sha1Fallback = a;
                }
            }
        }
        if (sha1Fallback != null) {
            return sha1Fallback;
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure,
                "the peer accepts no signature scheme usable with the own " + km.privateKey().getAlgorithm() + " key");
    }

    private static boolean strongHash(short hash) {
        return hash == HashAlgorithm.sha256 || hash == HashAlgorithm.sha384 || hash == HashAlgorithm.sha512;
    }

    /** RFC 8446 4.2.3: ecdsa_secp256r1_sha256, ecdsa_secp384r1_sha384, ecdsa_secp521r1_sha512. */
    private short ecHashFor13() {
        int bits = ((ECKey) km.privateKey()).getParams().getCurve().getField().getFieldSize();
        return bits <= 256 ? HashAlgorithm.sha256 : bits <= 384 ? HashAlgorithm.sha384 : HashAlgorithm.sha512;
    }

    private AsymmetricKeyParameter bcKey() throws IOException {
        if (bcKey == null) {
            bcKey = PrivateKeyFactory.createKey(km.privateKey().getEncoded());
        }
        return bcKey;
    }
}
