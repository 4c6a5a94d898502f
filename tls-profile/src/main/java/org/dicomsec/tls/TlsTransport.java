package org.dicomsec.tls;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.ul.pdu.PduType;
import org.dicomsec.ul.transport.PendingConnection;
import org.dicomsec.ul.transport.SocketAcceptor;
import org.dicomsec.ul.transport.Sockets;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnector;

/**
 * The TLS transports: a {@link TransportConnector} and a {@link TransportAcceptor}
 * per {@link TlsConfig}, on BouncyCastle's blocking TlsClientProtocol /
 * TlsServerProtocol over the socket streams. The handshake completes, and the
 * peer's certificate is validated, before a connection is returned; a refused
 * peer gets a {@link TlsHandshakeException} and a closed socket.
 */
public final class TlsTransport {

    private static final System.Logger LOG = LibraryLog.logger(TlsTransport.class);

    /** PS3.15 B.1 note: the registered port "2762 dicom-tls". */
    public static final int DEFAULT_PORT = 2762;

    /**
     * The Maximum Length (PS3.8 D.1, the P-DATA-TF variable field) to announce on
     * a TLS association: 65,530, so that a full P-DATA-TF PDU is 65,536 bytes on
     * the wire, exactly four full TLS records (RFC 8446 5.1: 2^14 plaintext bytes
     * each) even from a peer that writes each PDU unbuffered, with a quarter of
     * the PDUs of 16,378. This side needs no such care: {@link TlsConnection#output()}
     * cuts any PDU stream into full records. Measured in docs/benchmarks.md ("TLS").
     */
    public static final int RECOMMENDED_MAX_PDU_LENGTH = 65_530;

    private TlsTransport() {
    }

    /** The initiator side: connects and runs the client handshake. */
    public static TransportConnector connector(TlsConfig config) {
        if (config.keyMaterial() == null) {
            LOG.log(Level.WARNING, "TLS connector without own certificate: servers that demand one will refuse it");
        }
        return (remote, timeoutMillis) -> {
            long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
            Socket s = Sockets.connect(remote, timeoutMillis);
            int left = deadline == 0 ? 0 : (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
            return clientHandshake(config, s, remote.getHostString(), left);
        };
    }

    /**
     * The listener side: binds {@code bindAddress:port} (port 0: any free port;
     * bindAddress null: all interfaces). The handshake runs in
     * {@link PendingConnection#handshake(int)}, in the thread that serves the connection.
     */
    public static TransportAcceptor acceptor(TlsConfig config, InetAddress bindAddress, int port) throws IOException {
        if (config.keyMaterial() == null) {
            throw new IllegalArgumentException("a TLS acceptor needs its own key and certificate");
        }
        TransportAcceptor acceptor = SocketAcceptor.bind(bindAddress, port,
                (s, timeoutMillis) -> serverHandshake(config, s, timeoutMillis));
        LOG.log(Level.INFO, "TLS listener on port {0}, profile {1}", String.valueOf(acceptor.localPort()), // not "2,762"
                config.profile().profileName());
        return acceptor;
    }

    /** Runs the client handshake on a connected socket (closed on failure). */
    public static TlsConnection clientHandshake(TlsConfig config, Socket s, String hostName, int timeoutMillis)
            throws IOException {
        PeerState state = new PeerState();
        String remote = Sockets.remote(s);
        SocketStreams.Input input = null;
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(Math.max(0, timeoutMillis));
            TlsCrypto crypto = config.crypto().create(config.random());
            Credentials creds = config.keyMaterial() == null ? null : new Credentials(config.keyMaterial(), crypto);
            DicomTlsClient client = new DicomTlsClient(config, crypto, creds,
                    new PeerValidator(config.trustAnchors(), config.crls()), hostName, state);
            SocketStreams.Output raw = SocketStreams.output(s);
            input = SocketStreams.input(s);
            TlsClientProtocol protocol = new TlsClientProtocol(input, raw);
            protocol.connect(client);
            s.setSoTimeout(0);
            TlsConnection c = new TlsConnection(s, raw, protocol, client.tlsContext(), state, config.profile());
            LOG.log(Level.INFO, "TLS connection to {0}: {1}, peer {2}", remote, c.security(), c.peer());
            warnIfLegacy(c);
            return c;
        } catch (IOException | RuntimeException e) {
            Refusal refusal = notTls(input, true, e);
            if (refusal == null) {
                refusal = ownCertificateRefused(state, true, s, e);
            }
            SocketStreams.closeAfterAlert(s);
            throw failure("to " + remote, config, state, e, refusal);
        }
    }

    static TlsConnection serverHandshake(TlsConfig config, Socket s, int timeoutMillis) throws IOException {
        PeerState state = new PeerState();
        state.ownCertificateSent(config.keyMaterial().certificate());
        String remote = Sockets.remote(s);
        SocketStreams.Input input = null;
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(Math.max(0, timeoutMillis));
            TlsCrypto crypto = config.crypto().create(config.random());
            DicomTlsServer server = new DicomTlsServer(config, crypto, new Credentials(config.keyMaterial(), crypto),
                    new PeerValidator(config.trustAnchors(), config.crls()), state);
            SocketStreams.Output raw = SocketStreams.output(s);
            input = SocketStreams.input(s);
            TlsServerProtocol protocol = new TlsServerProtocol(input, raw);
            protocol.accept(server);
            s.setSoTimeout(0);
            TlsConnection c = new TlsConnection(s, raw, protocol, server.tlsContext(), state, config.profile());
            LOG.log(Level.INFO, "TLS connection from {0}: {1}, peer {2}", remote, c.security(), c.peer());
            warnIfLegacy(c);
            return c;
        } catch (IOException | RuntimeException e) {
            Refusal refusal = notTls(input, false, e);
            if (refusal == null) {
                refusal = ownCertificateRefused(state, false, s, e);
            }
            SocketStreams.closeAfterAlert(s);
            throw failure("from " + remote, config, state, e, refusal);
        }
    }

    /** TLS 1.0 and 1.1 are deprecated (RFC 8996); the Basic and AES profiles may still negotiate them. */
    private static void warnIfLegacy(TlsConnection c) {
        String v = c.security().protocol();
        if (v.equals("TLSv1") || v.equals("TLSv1.1")) {
            LOG.log(Level.WARNING, "TLS connection {0} uses {1}, deprecated by RFC 8996", c.remoteAddress(), v);
        }
    }

    /**
     * When the peer's first byte is not a TLS record's content type (RFC 8446 5.1: 20-24), what it
     * seems to be instead; when the peer closed the connection before its first byte (as a client),
     * that; else null. A DICOM peer without TLS on that port answers a ClientHello
     * with an A-ABORT or an A-ASSOCIATE-RJ PDU, and a requestor without TLS sends an A-ASSOCIATE-RQ
     * (PDU types 1-7, PS3.8 9.3).
     */
    static Refusal notTls(SocketStreams.Input input, boolean asClient, Exception e) {
        int b = input == null ? -1 : input.firstByte();
        if (b < 0 && asClient && input != null && CertificateRefusal.isConnectionLoss(e)) {
            // DCMTK's storescp on a plain port reads a ClientHello as a PDU of unknown type and resets
            return new Refusal("the peer closed the connection (" + CertificateRefusal.rootMessage(e)
                    + ") before it answered the ClientHello: is this port for"
                    + " plain TCP, or does the peer take none of the profile's TLS versions?", (short) -1);
        }
        if (b < 0 || (b >= 20 && b <= 24)) {
            return null;
        }
        String pdu = PduType.isKnown(b) ? PduType.name(b) : null;
        byte[] h = input.head();
        if (b == PduType.A_ASSOCIATE_RJ && h.length == 6 && !(h[2] == 0 && h[3] == 0 && h[4] == 0 && h[5] == 4)) {
            // not the fixed length of an A-ASSOCIATE-RJ: an ISCL responder's LINE-CONNECT-RJ (same type byte)
            return new Refusal("the peer does not speak TLS on this connection: its answer begins as an ISCL"
                    + " LINE-CONNECT-RJ (03H, then a body of " + (((h[2] & 0xFF) << 24 | (h[3] & 0xFF) << 16
                    | (h[4] & 0xFF) << 8 | (h[5] & 0xFF)) & 0xFFFFFFFFL) + " bytes): is this port for ISCL?", (short) -1);
        }
        return new Refusal("the peer does not speak TLS on this connection: its first byte is "
                + String.format("%02XH", b) + (pdu != null ? ", the type of " + (pdu.startsWith("A") ? "an " : "a ") + pdu
                + " PDU: a DICOM peer without TLS" + (asClient ? " (is this port for plain TCP?)"
                : " (a requestor set up for plain TCP?)") : ", not a TLS record"), (short) -1);
    }

    /** Why the peer refused this side's certificate, and its alert (-1: none read). */
    private record Refusal(String text, short alert) {
    }

    /**
     * When the peer refused the certificate this side sent (its alert says so, or it cut the
     * connection right after receiving it, as OpenSSL-based peers do), the one-line
     * explanation of {@link CertificateRefusal}; else null. Reads the socket (briefly) before
     * it is closed.
     */
    private static Refusal ownCertificateRefused(PeerState state, boolean asClient, Socket s, Exception e) {
        X509Certificate own = state.ownCertificate();
        if (own == null) {
            return null;
        }
        if (e instanceof TlsFatalAlertReceived r) {
            short a = r.getAlertDescription();
            return CertificateRefusal.isCertificateAlert(a)
                    ? new Refusal(CertificateRefusal.explain(own, asClient, a, null), a) : null;
        }
        if (asClient && !(e instanceof TlsFatalAlert f && f.getAlertDescription() != AlertDescription.internal_error)
                && CertificateRefusal.isConnectionLoss(e)) {
            short peerAlert = CertificateRefusal.readPlainAlert(s);
            return new Refusal(CertificateRefusal.explain(own, true, peerAlert, CertificateRefusal.rootMessage(e)),
                    peerAlert);
        }
        return null;
    }

    private static TlsHandshakeException failure(String where, TlsConfig config, PeerState state, Exception e,
                                                 Refusal refusal) {
        short alert = -1;
        boolean local = true;
        String detail;
        if (refusal != null) {
            detail = refusal.text();
            local = false;
            alert = refusal.alert();
        } else if (e instanceof TlsFatalAlert f) {
            alert = f.getAlertDescription();
            detail = "refused here with " + TlsNames.alert(alert) + (f.getMessage() != null ? ": " + f.getMessage() : "");
        } else if (e instanceof TlsFatalAlertReceived r) {
            alert = r.getAlertDescription();
            local = false;
            detail = "refused by the peer with " + TlsNames.alert(alert);
        } else if (state.alertDetail() != null) {
            detail = state.alertDetail() + " (" + e + ")";
        } else {
            detail = String.valueOf(e.getMessage() != null ? e.getMessage() : e.toString());
        }
        String msg = "TLS handshake " + where + " failed (profile " + config.profile().profileName() + "): " + detail;
        // DEBUG only: the exception carries the message, and whoever catches it reports it once
        // (DicomServer logs a failed handshake at WARNING, the command line prints it)
        LOG.log(Level.DEBUG, msg);
        return new TlsHandshakeException(msg, alert, local, e);
    }
}
