package org.dicomsec.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsDHGroupVerifier;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The TLS client of one {@link TlsProbe} handshake: offers exactly the versions
 * and suites it is given, records what the server answers (version, suite, its
 * certificate chain, whether it sent a CertificateRequest, the alerts), and
 * validates nothing: the probe reports the chain, it does not trust it. It
 * answers a CertificateRequest with the probe's own key and chain when one was
 * given (through {@link Credentials}, as the transports do), else with none.
 */
final class TlsProbeClient extends DefaultTlsClient {

    private final ProtocolVersion[] versions;
    private final int[] suites;
    private final KeyMaterial clientKey;

    ProtocolVersion serverVersion;
    int selectedSuite = -1;
    List<X509Certificate> chain = List.of();
    boolean certificateRequested;
    boolean certificatePresented;
    short alertReceived = -1;
    short alertRaised = -1;
    String alertRaisedMessage;
    int dhPrimeBits;

    TlsProbeClient(TlsCrypto crypto, ProtocolVersion[] versions, int[] suites, KeyMaterial clientKey) {
        super(crypto);
        this.versions = versions.clone();
        this.suites = suites.clone();
        this.clientKey = clientKey;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return versions.clone();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return suites.clone();
    }

    @Override
    public void notifyServerVersion(ProtocolVersion v) throws IOException {
        super.notifyServerVersion(v);
        serverVersion = v;
    }

    @Override
    public void notifySelectedCipherSuite(int suite) {
        super.notifySelectedCipherSuite(suite);
        selectedSuite = suite;
    }

    /** An old server without RFC 5746 is reported, not refused: the scan wants to see what it accepts. */
    @Override
    public void notifySecureRenegotiation(boolean secure) {
        // deliberately tolerant (the default refuses the handshake)
    }

    /**
     * Any finite-field group of 1024 bits or more is taken (BouncyCastle's default
     * takes only the RFC 7919 groups): the scan reports the size; BCP 195 wants 2048.
     */
    @Override
    public TlsDHGroupVerifier getDHGroupVerifier() {
        return group -> {
            dhPrimeBits = group.getP().bitLength();
            return dhPrimeBits >= 1024;
        };
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                // not validated on purpose: reported by the scan
                org.bouncycastle.tls.Certificate c = serverCertificate.getCertificate();
                List<X509Certificate> list = new ArrayList<>();
                try {
                    CertificateFactory f = CertificateFactory.getInstance("X.509");
                    for (int i = 0; i < c.getLength(); i++) {
                        byte[] der = c.getCertificateAt(i).getEncoded();
                        list.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(der)));
                    }
                } catch (GeneralSecurityException e) {
                    throw new IOException("server certificate cannot be parsed: " + e.getMessage(), e);
                }
                chain = List.copyOf(list);
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                certificateRequested = true;
                if (clientKey == null || !typeAccepted(request)) {
                    return null;
                }
                try {
                    TlsCredentials c = new Credentials(clientKey, context.getCrypto()).signer(context,
                            request.getSupportedSignatureAlgorithms(), request.getCertificateRequestContext());
                    certificatePresented = true;
                    return c;
                } catch (TlsFatalAlert e) {
                    return null; // no signature scheme fits the key: answer without a certificate, as a client may
                }
            }
        };
    }

    /** Below TLS 1.3 the request names the certificate types it takes (RFC 5246 7.4.4). */
    private boolean typeAccepted(CertificateRequest request) {
        if (TlsUtils.isTLSv13(context) || request.getCertificateTypes() == null) {
            return true;
        }
        short wanted = clientKey.isRsa() ? ClientCertificateType.rsa_sign : ClientCertificateType.ecdsa_sign;
        for (short t : request.getCertificateTypes()) {
            if (t == wanted) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void notifyAlertRaised(short level, short description, String message, Throwable cause) {
        alertRaised = description;
        alertRaisedMessage = message;
    }

    @Override
    public void notifyAlertReceived(short level, short description) {
        alertReceived = description;
    }

    /** True once the server answered with a ServerHello naming one of the offered suites. */
    boolean serverHelloSeen() {
        return selectedSuite >= 0 && serverVersion != null;
    }
}
