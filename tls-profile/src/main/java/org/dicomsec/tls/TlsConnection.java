package org.dicomsec.tls;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsProtocol;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.SecurityDescription;
import org.dicomsec.ul.transport.Sockets;
import org.dicomsec.ul.transport.TransportConnection;
import org.dicomsec.ul.transport.TransportIntegrityException;

/**
 * An established TLS Secure Transport Connection. Reads that meet a record
 * failing its integrity check (bad_record_mac or decryption_failed, raised here
 * or received from the peer) throw {@link TransportIntegrityException} and drop
 * the connection, as PS3.15 B.1 requires ("the connection shall be dropped per
 * the TLS protocol"); the Upper Layer then issues A-P-ABORT.
 */
public final class TlsConnection implements TransportConnection {

    private static final System.Logger LOG = System.getLogger(TlsConnection.class.getName());

    /** RFC 8446 5.1 / RFC 5246 6.2.1: at most 2^14 plaintext bytes per record. */
    public static final int MAX_RECORD_PAYLOAD = 16384;

    private final Socket socket;
    private final TlsProtocol protocol;
    private final PeerState state;
    private final PeerIdentity peer;
    private final SecurityDescription security;
    private final InputStream in;
    private final OutputStream out;
    private final RecordAlignedOutput aligned;
    private volatile TransportIntegrityException integrityFailure;

    TlsConnection(Socket socket, TlsProtocol protocol, TlsContext context, PeerState state, TlsProfile profile) {
        this.socket = socket;
        this.protocol = protocol;
        this.state = state;
        SecurityParameters sp = context.getSecurityParametersConnection();
        this.peer = identity(state);
        this.security = new SecurityDescription(peer.isAuthenticated(), profile.profileName(),
                TlsNames.protocol(sp.getNegotiatedVersion()), TlsNames.cipherSuite(sp.getCipherSuite()), true);
        this.in = new CheckedInput(protocol.getInputStream());
        this.out = new CheckedOutput(protocol.getOutputStream());
        this.aligned = new RecordAlignedOutput(out, MAX_RECORD_PAYLOAD);
    }

    @Override
    public InputStream input() {
        return in;
    }

    /**
     * Record-aligned: the bytes written go out in full records of 16,384 bytes,
     * however the writes are cut; at most one record's worth is held back until
     * the next write fills it or {@code flush()} sends it (the Upper Layer flushes
     * after each message and each non-P-DATA PDU). Measured in docs/benchmarks.md
     * ("TLS"): fewer records per PDU at any maximum PDU length.
     */
    @Override
    public OutputStream output() {
        return aligned;
    }

    /**
     * Unbuffered: each write becomes its own records (one per 16,384 bytes or
     * part of it), never joined with the next write. For measurements and for
     * callers that size their writes to records themselves; do not mix with
     * {@link #output()} on one connection.
     */
    public OutputStream unbufferedOutput() {
        return out;
    }

    @Override
    public PeerIdentity peer() {
        return peer;
    }

    @Override
    public SecurityDescription security() {
        return security;
    }

    @Override
    public int recordPayloadSize() {
        return MAX_RECORD_PAYLOAD;
    }

    @Override
    public void setReadTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public String remoteAddress() {
        return Sockets.remote(socket);
    }

    @Override
    public String localAddress() {
        return Sockets.local(socket);
    }

    @Override
    public void abort() {
        Sockets.abort(socket);
    }

    /** Sends what {@link #output()} holds, then close_notify, then closes the socket. */
    @Override
    public void close() throws IOException {
        try {
            if (aligned.held() > 0 && integrityFailure == null) {
                aligned.flush();
            }
            protocol.close();
        } finally {
            socket.close();
        }
    }

    @Override
    public String toString() {
        return "TLS " + remoteAddress() + " " + security + " peer " + peer;
    }

    /** Maps a read or write failure: an integrity failure drops the connection and becomes TransportIntegrityException. */
    private IOException map(IOException e) {
        TransportIntegrityException known = integrityFailure;
        if (known != null) {
            return new TransportIntegrityException("tls", known.getMessage().replaceFirst("^tls integrity check failed: ", ""), e);
        }
        short alert = -1;
        if (e instanceof TlsFatalAlert f) {
            alert = f.getAlertDescription();
        } else if (e instanceof TlsFatalAlertReceived r) {
            alert = r.getAlertDescription();
        }
        boolean integrity = alert == AlertDescription.bad_record_mac || alert == AlertDescription.decryption_failed
                || state.integrityFailed();
        if (!integrity) {
            if (e instanceof TlsFatalAlertReceived && isRefusal(alert)) {
                // TLS 1.3 (RFC 8446 4.4.2.4): the client completes its handshake before the server
                // has checked its certificate, so a refusal arrives with the first read
                abort();
                return new TlsHandshakeException("TLS peer " + remoteAddress() + " refused this side (profile "
                        + security.profile() + "): " + TlsNames.alert(alert), alert, false, e);
            }
            return e;
        }
        String detail = (state.alertDetail() != null ? state.alertDetail()
                : TlsNames.alert(alert) + (e instanceof TlsFatalAlertReceived ? " received from the peer" : " raised here"))
                + " on " + remoteAddress();
        TransportIntegrityException tie = new TransportIntegrityException("tls", detail, e);
        integrityFailure = tie;
        LOG.log(Level.WARNING, "TLS record integrity check failed, dropping connection: {0}", detail);
        // the fatal alert is sent; a short drain keeps a reset from overtaking it at the peer
        SocketStreams.closeAfterAlert(socket, 200);
        return tie;
    }

    private static boolean isRefusal(short alert) {
        return alert == AlertDescription.handshake_failure || alert == AlertDescription.bad_certificate
                || alert == AlertDescription.unsupported_certificate || alert == AlertDescription.certificate_revoked
                || alert == AlertDescription.certificate_expired || alert == AlertDescription.certificate_unknown
                || alert == AlertDescription.unknown_ca || alert == AlertDescription.access_denied
                || alert == AlertDescription.certificate_required;
    }

    private final class CheckedInput extends FilterInputStream {
        CheckedInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw map(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw map(e);
            }
        }
    }

    private final class CheckedOutput extends FilterOutputStream {
        CheckedOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw map(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw map(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw map(e);
            }
        }
    }

    /**
     * The peer identity for the application (issue 4 item 3): subject DN as the
     * name, the validated chain, and issuer, serial and SHA-256 fingerprint of the
     * leaf as attributes for access control and audit records.
     */
    static PeerIdentity identity(PeerState state) {
        List<X509Certificate> chain = state.validatedChain();
        if (chain.isEmpty()) {
            X509Certificate unverified = state.unverifiedLeaf();
            return unverified == null ? PeerIdentity.NONE
                    : new PeerIdentity(PeerIdentity.Kind.NONE, "", List.of(),
                            Map.of("x509.unverified-subject", unverified.getSubjectX500Principal().getName()));
        }
        X509Certificate leaf = chain.get(0);
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("x509.issuer", leaf.getIssuerX500Principal().getName());
        attrs.put("x509.serial", leaf.getSerialNumber().toString(16));
        attrs.put("x509.sha256", fingerprint(leaf));
        attrs.put("x509.notAfter", leaf.getNotAfter().toInstant().toString());
        return new PeerIdentity(PeerIdentity.Kind.X509, leaf.getSubjectX500Principal().getName(), chain, attrs);
    }

    static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "unavailable: " + e.getMessage();
        }
    }
}
