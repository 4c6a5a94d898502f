package org.dicomsec.tls;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.RenegotiationPolicy;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.dicomsec.data.LibraryLog;

/**
 * The initiator's TLS peer for BouncyCastle's TlsClientProtocol: offers the
 * profile's versions and suites, validates the server's chain during the
 * handshake, answers a certificate request with the own chain, refuses
 * renegotiation.
 */
final class DicomTlsClient extends DefaultTlsClient {

    private static final System.Logger LOG = LibraryLog.logger(DicomTlsClient.class);

    private final TlsConfig config;
    private final Credentials credentials;
    private final PeerValidator validator;
    private final String hostName;
    private final PeerState state;

    DicomTlsClient(TlsConfig config, TlsCrypto crypto, Credentials credentials, PeerValidator validator, String hostName,
                   PeerState state) {
        super(crypto);
        this.config = config;
        this.credentials = credentials;
        this.validator = validator;
        this.hostName = hostName;
        this.state = state;
    }

    /** The handshake's context, for the negotiated parameters. */
    org.bouncycastle.tls.TlsContext tlsContext() {
        return context;
    }

    /** Published DH groups, and a server's own group when its modulus is a safe prime of 2048 bits or more. */
    @Override
    public org.bouncycastle.tls.TlsDHGroupVerifier getDHGroupVerifier() {
        return new DhGroupVerifier();
    }

    /**
     * TLS 1.3's first key share: secp256r1 when offered, the group every TLS 1.3 peer must
     * implement (RFC 8446 9.1) and the one a BCP 195 peer that allows only NIST curves
     * (DCMTK's {@code +py}) accepts. BC's default, x25519, made such a peer ask again
     * (HelloRetryRequest): one more round trip and a second key pair on every connection.
     */
    @Override
    public java.util.Vector getEarlyKeyShareGroups() {
        Integer p256 = NamedGroup.secp256r1;
        if (supportedGroups != null && supportedGroups.contains(p256)) {
            return TlsUtils.vectorOfOne(p256);
        }
        return super.getEarlyKeyShareGroups();
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return config.profile().protocolVersions();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return config.profile().cipherSuites();
    }

    @Override
    public int getRenegotiationPolicy() {
        return RenegotiationPolicy.DENY;
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                List<X509Certificate> chain = PeerState.toX509(serverCertificate.getCertificate());
                boolean rsaKx = context.getSecurityParametersHandshake().getKeyExchangeAlgorithm() == KeyExchangeAlgorithm.RSA;
                if (config.peerCertificateRequired() || validator.hasAnchors()) {
                    validator.validate(chain, PeerValidator.Role.SERVER, rsaKx, config.verifyHostName() ? hostName : null);
                    state.validated(chain);
                } else if (!chain.isEmpty()) {
                    state.unverified(chain.get(0));
                }
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                if (credentials == null) {
                    LOG.log(Level.WARNING, "server requests a client certificate but none is configured");
                    return null;
                }
                if (!TlsUtils.isTLSv13(context)) {
                    short wanted = credentials.isRsa() ? ClientCertificateType.rsa_sign : ClientCertificateType.ecdsa_sign;
                    boolean accepted = false;
                    for (short t : request.getCertificateTypes()) {
                        accepted |= t == wanted;
                    }
                    if (!accepted) {
                        LOG.log(Level.WARNING, "server accepts no client certificate of the own key type");
                        return null;
                    }
                }
                state.ownCertificateSent(config.keyMaterial().certificate());
                return credentials.signer(context, request.getSupportedSignatureAlgorithms(),
                        request.getCertificateRequestContext());
            }
        };
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
