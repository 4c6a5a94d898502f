package org.dicomsec.tls;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.crypto.TlsCertificate;

/**
 * What one connection's TLS peer (client or server object) learnt during the
 * handshake and after: the validated peer chain, and the last fatal alert
 * raised or received (to tell an integrity failure from other faults).
 */
final class PeerState {

    private volatile List<X509Certificate> validatedChain = List.of();
    private volatile X509Certificate unverifiedLeaf;
    private volatile short alert = -1;
    private volatile boolean alertRaisedLocally;
    private volatile String alertMessage;
    private volatile X509Certificate ownCertificate;

    /** This side sent {@code c} as its certificate (a server always, a client when asked). */
    void ownCertificateSent(X509Certificate c) {
        this.ownCertificate = c;
    }

    /** The certificate this side sent, null when none. */
    X509Certificate ownCertificate() {
        return ownCertificate;
    }

    void validated(List<X509Certificate> chain) {
        this.validatedChain = List.copyOf(chain);
    }

    void unverified(X509Certificate leaf) {
        this.unverifiedLeaf = leaf;
    }

    List<X509Certificate> validatedChain() {
        return validatedChain;
    }

    X509Certificate unverifiedLeaf() {
        return unverifiedLeaf;
    }

    void alertRaised(short level, short description, String message) {
        if (level == AlertLevel.fatal) {
            this.alert = description;
            this.alertRaisedLocally = true;
            this.alertMessage = message;
        }
    }

    void alertReceived(short level, short description) {
        if (level == AlertLevel.fatal) {
            this.alert = description;
            this.alertRaisedLocally = false;
            this.alertMessage = null;
        }
    }

    /** The fatal alert received from the peer, -1 when none (or when this side raised the last one). */
    short receivedAlert() {
        return alertRaisedLocally ? -1 : alert;
    }

    /** True once a fatal bad_record_mac or decryption_failed alert was raised or received (RFC 5246 7.2.2). */
    boolean integrityFailed() {
        short a = alert;
        return a == AlertDescription.bad_record_mac || a == AlertDescription.decryption_failed;
    }

    /** "bad_record_mac(20) raised here: ..." or "... received from the peer"; null when no fatal alert. */
    String alertDetail() {
        short a = alert;
        if (a < 0) {
            return null;
        }
        return TlsNames.alert(a) + (alertRaisedLocally ? " raised here" + (alertMessage != null ? ": " + alertMessage : "")
                : " received from the peer");
    }

    /** The X.509 chain of a TLS Certificate message, leaf first. */
    static List<X509Certificate> toX509(Certificate c) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        if (c == null) {
            return out;
        }
        for (TlsCertificate t : c.getCertificateList()) {
            out.add(PemFiles.certificate(t.getEncoded(), "peer certificate"));
        }
        return out;
    }
}
