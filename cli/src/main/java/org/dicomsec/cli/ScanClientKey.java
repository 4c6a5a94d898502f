package org.dicomsec.cli;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.util.Vector;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.dicomsec.tls.KeyMaterial;

/**
 * The certificate a scan presents when the server asks for one (--key/--cert):
 * the key and chain as BouncyCastle TLS credentials for the lightweight crypto
 * the probes use. Signs with RSASSA-PSS on TLS 1.3 (RFC 8446 4.2.3 forbids
 * PKCS#1 v1.5 there), PKCS#1 v1.5 with SHA-256 or better on TLS 1.2, and the
 * implied MD5/SHA-1 below (RFC 4346 7.4.8).
 */
final class ScanClientKey {

    private final KeyMaterial key;
    private AsymmetricKeyParameter bcKey;

    ScanClientKey(KeyMaterial key) {
        this.key = key;
    }

    KeyMaterial keyMaterial() {
        return key;
    }

    /** Credentials answering {@code request}, or null when the key fits none of its algorithms. */
    TlsCredentialedSigner signer(TlsContext ctx, CertificateRequest request) throws IOException {
        BcTlsCrypto crypto = (BcTlsCrypto) ctx.getCrypto();
        boolean tls13 = TlsUtils.isTLSv13(ctx);
        if (!tls13 && request.getCertificateTypes() != null) {
            short wanted = key.isRsa() ? ClientCertificateType.rsa_sign : ClientCertificateType.ecdsa_sign;
            boolean ok = false;
            for (short t : request.getCertificateTypes()) {
                ok |= t == wanted;
            }
            if (!ok) {
                return null;
            }
        }
        SignatureAndHashAlgorithm alg = null;
        if (TlsUtils.isSignatureAlgorithmsExtensionAllowed(ctx.getServerVersion())) {
            alg = choose(request.getSupportedSignatureAlgorithms(), tls13);
            if (alg == null) {
                return null;
            }
        }
        TlsCertificate[] chain = new TlsCertificate[key.chain().size()];
        try {
            for (int i = 0; i < chain.length; i++) {
                chain[i] = crypto.createCertificate(key.chain().get(i).getEncoded());
            }
        } catch (CertificateEncodingException e) {
            throw new IOException("cannot encode the own certificate: " + e.getMessage(), e);
        }
        Certificate cert;
        if (tls13) {
            CertificateEntry[] entries = new CertificateEntry[chain.length];
            for (int i = 0; i < chain.length; i++) {
                entries[i] = new CertificateEntry(chain[i], null);
            }
            byte[] rc = request.getCertificateRequestContext();
            cert = new Certificate(rc == null ? TlsUtils.EMPTY_BYTES : rc, entries);
        } else {
            cert = new Certificate(chain);
        }
        if (bcKey == null) {
            bcKey = PrivateKeyFactory.createKey(key.privateKey().getEncoded());
        }
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(ctx), crypto, bcKey, cert, alg);
    }

    private SignatureAndHashAlgorithm choose(Vector<?> offered, boolean tls13) {
        if (offered == null) {
            return tls13 ? null : new SignatureAndHashAlgorithm(HashAlgorithm.sha1,
                    key.isRsa() ? SignatureAlgorithm.rsa : SignatureAlgorithm.ecdsa);
        }
        for (Object o : offered) {
            SignatureAndHashAlgorithm a = (SignatureAndHashAlgorithm) o;
            short sig = a.getSignature();
            short hash = a.getHash();
            boolean strong = hash == HashAlgorithm.sha256 || hash == HashAlgorithm.sha384 || hash == HashAlgorithm.sha512;
            if (key.isRsa()) {
                if (sig == SignatureAlgorithm.rsa_pss_rsae_sha256 || (!tls13 && sig == SignatureAlgorithm.rsa && strong)) {
                    return a;
                }
            } else if (sig == SignatureAlgorithm.ecdsa && hash == HashAlgorithm.sha256) {
                return a;
            }
        }
        return null;
    }
}
