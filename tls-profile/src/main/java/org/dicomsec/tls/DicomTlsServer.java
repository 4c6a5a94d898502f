package org.dicomsec.tls;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Vector;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.RenegotiationPolicy;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The acceptor's TLS peer for BouncyCastle's TlsServerProtocol: the profile's
 * versions and those of its suites the own key can serve, in the server's
 * order of preference (BCP 195: the server picks the strongest); demands a
 * client certificate and validates it during the handshake; refuses
 * renegotiation.
 */
final class DicomTlsServer extends DefaultTlsServer {

    private final TlsConfig config;
    private final Credentials credentials;
    private final PeerValidator validator;
    private final PeerState state;

    DicomTlsServer(TlsConfig config, TlsCrypto crypto, Credentials credentials, PeerValidator validator, PeerState state) {
        super(crypto);
        this.config = config;
        this.credentials = credentials;
        this.validator = validator;
        this.state = state;
    }

    /** The handshake's context, for the negotiated parameters. */
    org.bouncycastle.tls.TlsContext tlsContext() {
        return context;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return config.profile().protocolVersions();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return Arrays.stream(config.profile().cipherSuites()).filter(credentials::fits).toArray();
    }

    @Override
    protected boolean preferLocalCipherSuites() {
        return true;
    }

    @Override
    public int getRenegotiationPolicy() {
        return RenegotiationPolicy.DENY;
    }

    @Override
    public TlsCredentials getCredentials() throws IOException {
        SecurityParameters sp = context.getSecurityParametersHandshake();
        if (TlsUtils.isTLSv13(context)) {
            return credentials.signer(context, sp.getClientSigAlgs(), TlsUtils.EMPTY_BYTES);
        }
        int kx = sp.getKeyExchangeAlgorithm();
        if (kx == KeyExchangeAlgorithm.RSA) {
            return credentials.decryptor(context);
        }
        if (kx == KeyExchangeAlgorithm.DHE_RSA || kx == KeyExchangeAlgorithm.ECDHE_RSA
                || kx == KeyExchangeAlgorithm.ECDHE_ECDSA) {
            return credentials.signer(context, sp.getClientSigAlgs(), null);
        }
        throw new TlsFatalAlert(AlertDescription.internal_error, "no credentials for key exchange " + kx);
    }

    @Override
    public CertificateRequest getCertificateRequest() throws IOException {
        Vector<X500Name> authorities = new Vector<>();
        for (X509Certificate c : config.trustAnchors()) {
            authorities.add(X500Name.getInstance(c.getSubjectX500Principal().getEncoded()));
        }
        Vector<?> sigAlgs = TlsUtils.isSignatureAlgorithmsExtensionAllowed(context.getServerVersion())
                ? TlsUtils.getDefaultSupportedSignatureAlgorithms(context) : null;
        if (TlsUtils.isTLSv13(context)) {
            return new CertificateRequest(TlsUtils.EMPTY_BYTES, sigAlgs, null, authorities.isEmpty() ? null : authorities);
        }
        short[] types = {ClientCertificateType.rsa_sign, ClientCertificateType.ecdsa_sign};
        return new CertificateRequest(types, sigAlgs, authorities.isEmpty() ? null : authorities);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        List<X509Certificate> chain = PeerState.toX509(clientCertificate);
        if (chain.isEmpty()) {
            if (config.peerCertificateRequired()) {
                // RFC 8446 4.4.2.4 certificate_required; TLS 1.2 has no such alert (RFC 5246 7.4.6)
                throw new TlsFatalAlert(TlsUtils.isTLSv13(context) ? AlertDescription.certificate_required
                        : AlertDescription.handshake_failure, "client sent no certificate, one is required");
            }
            return;
        }
        if (config.peerCertificateRequired() || validator.hasAnchors()) {
            validator.validate(chain, PeerValidator.Role.CLIENT, false, null);
            state.validated(chain);
        } else {
            state.unverified(chain.get(0));
        }
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        state.alertRaised(alertLevel, alertDescription, message);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        state.alertReceived(alertLevel, alertDescription);
    }
}
