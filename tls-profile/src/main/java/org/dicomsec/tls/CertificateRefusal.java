package org.dicomsec.tls;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.ContentType;

/**
 * Says in one line why a peer most likely refused this side's certificate
 * during a TLS handshake: which certificate, the peer's alert (when one could
 * be read) and the likely cause (missing extended key usage for the role,
 * validity, a CA the peer does not trust).
 *
 * <p>OpenSSL-based peers (DCMTK, Orthanc) check a client certificate after
 * reading it, send their fatal alert and close at once; the connection is then
 * reset while this side still writes the rest of its flight, so BouncyCastle
 * reports only {@code internal_error(80)} and a broken pipe. Before the socket
 * is closed, {@link #readPlainAlert} looks, once and for at most
 * {@link #PEEK_MILLIS}, for the peer's unencrypted alert record (TLS 1.2: the
 * handshake is not yet protected; RFC 5246 6.2.1, 7.2).
 */
final class CertificateRefusal {

    /** How long a failed handshake waits for the peer's alert record. */
    static final int PEEK_MILLIS = 300;

    private static final String EKU_SERVER_AUTH = CertificateSpec.EKU_SERVER_AUTH;
    private static final String EKU_CLIENT_AUTH = CertificateSpec.EKU_CLIENT_AUTH;

    private CertificateRefusal() {
    }

    /** True for alerts a peer sends when it does not accept the certificate it got (RFC 8446 6.2, RFC 5246 7.2.2). */
    static boolean isCertificateAlert(short alert) {
        return alert == AlertDescription.bad_certificate || alert == AlertDescription.unsupported_certificate
                || alert == AlertDescription.certificate_revoked || alert == AlertDescription.certificate_expired
                || alert == AlertDescription.certificate_unknown || alert == AlertDescription.unknown_ca
                || alert == AlertDescription.access_denied;
    }

    /** True when {@code e} (or a cause) is the connection going away: broken pipe, reset, end of stream. */
    static boolean isConnectionLoss(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketException || t instanceof EOFException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The message of the innermost cause of {@code e} (its class's name when it has none). */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        for (int i = 0; i < 16 && root.getCause() != null && root.getCause() != root; i++) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /**
     * Reads what is left on the socket for a plaintext fatal alert record:
     * type 21, version 3.x, length 2, level 2, description. Returns the
     * description, or -1 when none arrives (reset, end of stream, timeout, an
     * encrypted record). Never throws.
     */
    static short readPlainAlert(Socket s) {
        try {
            if (s.isClosed() || s.isInputShutdown()) {
                return -1;
            }
            s.setSoTimeout(PEEK_MILLIS);
            InputStream in = s.getInputStream();
            byte[] rec = new byte[7];
            int n = 0;
            while (n < rec.length) {
                int r = in.read(rec, n, rec.length - n);
                if (r < 0) {
                    return -1;
                }
                n += r;
            }
            if (rec[0] == ContentType.alert && rec[1] == 3 && rec[3] == 0 && rec[4] == 2 && rec[5] == 2) {
                return (short) (rec[6] & 0xFF);
            }
        } catch (IOException | RuntimeException e) {
            // reset or timeout: the alert did not survive
        }
        return -1;
    }

    /**
     * The one line.
     *
     * @param own        this side's certificate (null: none was sent)
     * @param asClient   true when this side was the TLS client (the peer checked a client certificate)
     * @param peerAlert  the peer's alert, -1 when none could be read
     * @param connection what happened on the connection when no alert was read ("Broken pipe")
     */
    static String explain(X509Certificate own, boolean asClient, short peerAlert, String connection) {
        StringBuilder sb = new StringBuilder();
        if (peerAlert >= 0) {
            sb.append("the peer refused this side's certificate with ").append(TlsNames.alert(peerAlert));
        } else {
            sb.append("the peer closed the connection (").append(connection)
                    .append(") after this side sent its certificate, without an alert that could be read");
        }
        if (own == null) {
            return sb.append("; this side sent no certificate: the peer requires one").toString();
        }
        sb.append(": ").append(own.getSubjectX500Principal().getName()).append(" (serial ")
                .append(own.getSerialNumber().toString(16)).append(", issuer ")
                .append(own.getIssuerX500Principal().getName()).append(", extended key usage ")
                .append(purposes(own)).append(")");
        return sb.append("; likely cause: ").append(cause(own, asClient, peerAlert)).toString();
    }

    private static String cause(X509Certificate own, boolean asClient, short peerAlert) {
        List<String> eku = ekus(own);
        String needed = asClient ? EKU_CLIENT_AUTH : EKU_SERVER_AUTH;
        if (eku != null && !eku.isEmpty() && !eku.contains(needed) && !eku.contains("2.5.29.37.0")) {
            return "the certificate lacks the " + (asClient ? "clientAuth" : "serverAuth")
                    + " purpose a TLS " + (asClient ? "client" : "server") + " certificate needs (RFC 5280 4.2.1.12);"
                    + " use a node certificate with both purposes (dicomsec keys init makes them)";
        }
        Date now = new Date();
        if (now.after(own.getNotAfter()) || now.before(own.getNotBefore())) {
            return "the certificate is outside its validity (" + own.getNotBefore().toInstant() + " to "
                    + own.getNotAfter().toInstant() + ")";
        }
        if (peerAlert == AlertDescription.unknown_ca || peerAlert < 0) {
            return "the peer does not trust the issuer " + own.getIssuerX500Principal().getName()
                    + " (add its CA certificate to the peer's trusted certificates)";
        }
        if (peerAlert == AlertDescription.certificate_revoked) {
            return "the peer holds a CRL that revokes it";
        }
        return "the peer's certificate policy does not accept it (its trusted certificates, key usage, names)";
    }

    private static List<String> ekus(X509Certificate c) {
        try {
            return c.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return null;
        }
    }

    /** "serverAuth, clientAuth" or "none (any purpose)". */
    static String purposes(X509Certificate c) {
        List<String> eku = ekus(c);
        if (eku == null || eku.isEmpty()) {
            return "none (any purpose)";
        }
        List<String> names = new ArrayList<>();
        for (String o : eku) {
            names.add(switch (o) {
                case EKU_SERVER_AUTH -> "serverAuth";
                case EKU_CLIENT_AUTH -> "clientAuth";
                default -> o;
            });
        }
        return String.join(", ", names);
    }
}
