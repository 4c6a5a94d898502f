package org.dicomsec.tls;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.dicomsec.data.LibraryLog;

/**
 * Everything a TLS connector or acceptor needs: the profile, the crypto
 * implementation, the own key and chain, the trust anchors and CRLs, and the
 * peer certificate policy. Immutable; made with {@link #builder()}.
 *
 * <p>Defaults: profile {@link TlsProfile#DEFAULT} (bcp195-nd), crypto
 * {@link TlsCryptoChoice#DEFAULT}, peer certificate required and validated
 * (PKIX: validity dates, chain to a trust anchor, key usage and extended key
 * usage of the leaf for its TLS role), revocation checked only when CRLs are
 * given, no host name check. A server demands a client certificate.
 */
public final class TlsConfig {

    private static final System.Logger LOG = LibraryLog.logger(TlsConfig.class);

    private final TlsProfile profile;
    private final TlsCryptoChoice crypto;
    private final KeyMaterial keyMaterial;
    private final List<X509Certificate> trustAnchors;
    private final List<X509CRL> crls;
    private final boolean peerCertificateRequired;
    private final boolean verifyHostName;
    private final SecureRandom random;

    private TlsConfig(Builder b) {
        this.profile = b.profile;
        this.crypto = b.crypto;
        this.keyMaterial = b.keyMaterial;
        this.trustAnchors = List.copyOf(b.trustAnchors);
        this.crls = List.copyOf(b.crls);
        this.peerCertificateRequired = b.peerCertificateRequired;
        this.verifyHostName = b.verifyHostName;
        this.random = b.random != null ? b.random : new SecureRandom();
    }

    public static Builder builder() {
        return new Builder();
    }

    public TlsProfile profile() {
        return profile;
    }

    public TlsCryptoChoice crypto() {
        return crypto;
    }

    /** The own key and chain; null for a client that has no certificate. */
    public KeyMaterial keyMaterial() {
        return keyMaterial;
    }

    public List<X509Certificate> trustAnchors() {
        return trustAnchors;
    }

    public List<X509CRL> crls() {
        return crls;
    }

    public boolean peerCertificateRequired() {
        return peerCertificateRequired;
    }

    /** Whether a client checks the server certificate's SAN against the host it connects to. */
    public boolean verifyHostName() {
        return verifyHostName;
    }

    SecureRandom random() {
        return random;
    }

    /** A copy with another profile (warnings logged as for a new configuration). */
    public TlsConfig withProfile(TlsProfile p) {
        return toBuilder().profile(p).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.profile = profile;
        b.crypto = crypto;
        b.keyMaterial = keyMaterial;
        b.trustAnchors.addAll(trustAnchors);
        b.crls.addAll(crls);
        b.peerCertificateRequired = peerCertificateRequired;
        b.verifyHostName = verifyHostName;
        b.random = random;
        return b;
    }

    @Override
    public String toString() {
        return "TlsConfig[" + profile + ", crypto " + crypto + ", "
                + (keyMaterial == null ? "no own certificate" : keyMaterial.certificate().getSubjectX500Principal().getName())
                + ", " + trustAnchors.size() + " trust anchors, " + crls.size() + " CRLs"
                + (peerCertificateRequired ? "" : ", peer certificate optional") + (verifyHostName ? ", host name check" : "")
                + "]";
    }

    /** Builder of {@link TlsConfig}. */
    public static final class Builder {
        private TlsProfile profile = TlsProfile.DEFAULT;
        private TlsCryptoChoice crypto = TlsCryptoChoice.DEFAULT;
        private KeyMaterial keyMaterial;
        private final List<X509Certificate> trustAnchors = new ArrayList<>();
        private final List<X509CRL> crls = new ArrayList<>();
        private boolean peerCertificateRequired = true;
        private boolean verifyHostName;
        private SecureRandom random;
        private boolean logWarnings = true;

        private Builder() {
        }

        public Builder profile(TlsProfile p) {
            this.profile = Objects.requireNonNull(p);
            return this;
        }

        /** By name: "basic", "aes", "bcp195", "bcp195-nd", "bcp195-ex". */
        public Builder profile(String name) {
            return profile(TlsProfile.byName(name));
        }

        public Builder crypto(TlsCryptoChoice c) {
            this.crypto = Objects.requireNonNull(c);
            return this;
        }

        public Builder keyMaterial(KeyMaterial km) {
            this.keyMaterial = km;
            return this;
        }

        /** Own key (PKCS#8, PKCS#1 or SEC 1 PEM) and certificate chain (PEM, leaf first). */
        public Builder keyPem(Path keyFile, Path certificateFile) throws IOException {
            return keyMaterial(KeyStores.fromPem(keyFile, certificateFile));
        }

        /** Own key and chain from a PKCS#12 file. */
        public Builder keyPkcs12(Path file, char[] password) throws IOException {
            return keyMaterial(KeyStores.fromPkcs12(file, password));
        }

        /**
         * Own key and chain as given on a command line: a PKCS#12 file (.p12 / .pfx;
         * {@code certificateFile} ignored, {@code password} needed) or a PEM key
         * with its PEM certificate chain.
         */
        public Builder keyFiles(Path keyFile, Path certificateFile, char[] password) throws IOException {
            if (KeyStores.isPkcs12(keyFile)) {
                return keyPkcs12(keyFile, password);
            }
            if (certificateFile == null) {
                throw new IOException(keyFile + ": a PEM private key needs its certificate file too");
            }
            return keyPem(keyFile, certificateFile);
        }

        /** Adds trust anchors (CA certificates). */
        public Builder trustAnchors(List<X509Certificate> anchors) {
            this.trustAnchors.addAll(anchors);
            return this;
        }

        /** Adds the trust anchors of a PEM bundle or a PKCS#12 trust store (.p12 / .pfx; password needed). */
        public Builder trust(Path file, char[] password) throws IOException {
            return trustAnchors(KeyStores.trustAnchors(file, password));
        }

        /** Adds CRLs; with any CRL, revocation is checked for every certificate of the peer's path. */
        public Builder crls(List<X509CRL> list) {
            this.crls.addAll(list);
            return this;
        }

        /** Adds the CRLs of a PEM file. */
        public Builder crlPem(Path file) throws IOException {
            return crls(PemFiles.readCrls(file));
        }

        /**
         * True (the default): the peer must present a certificate that validates
         * against the trust anchors. False is an explicit, logged opt-out: a peer
         * without certificate is accepted, and with no trust anchors configured a
         * presented certificate is not checked at all (--no-peer-cert-check).
         */
        public Builder peerCertificateRequired(boolean required) {
            this.peerCertificateRequired = required;
            return this;
        }

        /** Client side: check the server certificate's subjectAltName against the host connected to. */
        public Builder verifyHostName(boolean verify) {
            this.verifyHostName = verify;
            return this;
        }

        public Builder random(SecureRandom r) {
            this.random = r;
            return this;
        }

        /**
         * Whether {@link #build()} logs its warnings (default true); false for a caller that tells
         * its user of each weaker choice itself, in its own words (the command line).
         */
        public Builder logWarnings(boolean log) {
            this.logWarnings = log;
            return this;
        }

        /**
         * Builds the configuration and logs a warning for each weaker choice (unless
         * {@link #logWarnings(boolean)} turned that off).
         *
         * @throws IllegalStateException when a peer certificate is required but no trust anchor is given
         */
        public TlsConfig build() {
            if (peerCertificateRequired && trustAnchors.isEmpty()) {
                throw new IllegalStateException("peer certificates are required but no trust anchors are configured"
                        + " (give a CA bundle or trust store, or opt out explicitly)");
            }
            if (profile.isWeak() && logWarnings) {
                LOG.log(Level.WARNING, "TLS profile ''{0}'' selected: it allows TLS 1.0/1.1, RSA key transport without"
                        + " forward secrecy and CBC suites; prefer bcp195-nd", profile.profileName());
            }
            if (!peerCertificateRequired && logWarnings) {
                LOG.log(Level.WARNING, trustAnchors.isEmpty()
                        ? "peer certificate check DISABLED: any peer certificate, or none, is accepted"
                        : "peer certificate optional: a peer without certificate is accepted unauthenticated");
            }
            return new TlsConfig(this);
        }
    }
}
