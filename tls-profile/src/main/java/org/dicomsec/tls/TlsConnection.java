package org.dicomsec.tls;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsProtocol;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.SecurityDescription;
import org.dicomsec.ul.transport.Sockets;
import org.dicomsec.ul.transport.TransportConnection;
import org.dicomsec.ul.transport.TransportIntegrityException;

/**
 * An established TLS Secure Transport Connection. Reads and writes that meet a
 * record failing its integrity check (bad_record_mac or decryption_failed,
 * raised here or received from the peer) throw {@link TransportIntegrityException}
 * and drop the connection, as PS3.15 B.1 requires ("the connection shall be
 * dropped per the TLS protocol, causing both the sender and the receiver to
 * issue an A-P-ABORT indication"); the Upper Layer then issues A-P-ABORT with
 * provider reason {@link TransportIntegrityException#PROVIDER_REASON}.
 *
 * <p>The sender of a tampered record is usually writing, not reading, when the
 * receiver sends its fatal alert and drops the connection: its next write fails
 * with a reset. Before BouncyCastle sees that failure (and stops reading), this
 * connection reads once more, for at most {@link #RESCUE_MILLIS}, what the peer
 * sent before the reset ("rescue read"; the kernel keeps data received before a
 * reset readable). A fatal bad_record_mac or decryption_failed alert found there
 * (decrypted by BouncyCastle: in TLS 1.3 alerts are encrypted) turns the write
 * failure into a {@link TransportIntegrityException}; application data found
 * there (e.g. the peer's A-ABORT PDU) is kept and delivered first by
 * {@link #input()}; nothing, an EOF or a timeout leave the write failure a plain
 * {@link IOException} (a peer that vanishes is not an integrity failure). The
 * rescue runs at most once, only after the handshake, never after this side
 * closed or aborted the connection, and not while another thread's read is
 * still blocked after {@link #RESCUE_MILLIS} (that reader sees the alert itself).
 *
 * <p>A TLS 1.3 client ends its handshake before the server has checked the
 * client certificate (RFC 8446 4.4.2.4): a refusal arrives after it, as the
 * server's alert with the first read, or, when the alert did not survive (the
 * server closed, and this side's first write made its kernel answer with a
 * reset), as a reset or end of stream. Both, before any application data has
 * arrived, are reported as a {@link TlsHandshakeException} that names this
 * side's certificate and the likely cause ({@link CertificateRefusal}), as a
 * refusal within the handshake would be.
 */
public final class TlsConnection implements TransportConnection {

    private static final System.Logger LOG = LibraryLog.logger(TlsConnection.class);

    /** RFC 8446 5.1 / RFC 5246 6.2.1: at most 2^14 plaintext bytes per record. */
    public static final int MAX_RECORD_PAYLOAD = 16384;
    /** Longest rescue read after a failed write (see the class description). */
    static final int RESCUE_MILLIS = 300;
    /** Most application data bytes a rescue read keeps for {@link #input()}. */
    static final int RESCUE_LIMIT = 1 << 20;
    private static final byte[] NONE = new byte[0];

    private final Socket socket;
    private final TlsProtocol protocol;
    private final PeerState state;
    private final PeerIdentity peer;
    private final SecurityDescription security;
    private final InputStream in;
    private final OutputStream out;
    private final RecordAlignedOutput aligned;
    private final SocketStreams.Output raw;
    private volatile TransportIntegrityException integrityFailure;
    /** Held by every read of {@link #input()} and by the rescue read: one reader of the record layer at a time. */
    private final ReentrantLock readLock = new ReentrantLock();
    private final AtomicBoolean rescueTried = new AtomicBoolean();
    private volatile boolean closedHere;
    /**
     * A TLS 1.3 client that sent its certificate: its handshake ended before the server
     * checked that certificate (RFC 8446 4.4.2.4), so a refusal can still come.
     */
    private final boolean certificateStillJudged;
    /** Set once application data has arrived: the peer accepted this side. */
    private volatile boolean dataReceived;
    /** Application data the rescue read found, delivered before anything else by {@link #input()}. */
    private volatile byte[] rescued = NONE;
    private volatile int rescuedPos;

    TlsConnection(Socket socket, SocketStreams.Output raw, TlsProtocol protocol, TlsContext context, PeerState state,
                  TlsProfile profile) {
        this.socket = socket;
        this.raw = raw;
        this.protocol = protocol;
        this.state = state;
        SecurityParameters sp = context.getSecurityParametersConnection();
        this.peer = identity(state);
        this.certificateStillJudged = protocol instanceof TlsClientProtocol && state.ownCertificate() != null
                && ProtocolVersion.TLSv13.equals(sp.getNegotiatedVersion());
        this.security = new SecurityDescription(peer.isAuthenticated(), profile.profileName(),
                TlsNames.protocol(sp.getNegotiatedVersion()), TlsNames.cipherSuite(sp.getCipherSuite()), true);
        this.in = new CheckedInput(protocol.getInputStream());
        this.out = new CheckedOutput(protocol.getOutputStream());
        this.aligned = new RecordAlignedOutput(out, MAX_RECORD_PAYLOAD);
        // after the handshake only: a refused handshake is reported by TlsTransport as it is
        raw.onWriteFailure(this::rescueRead);
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
     * ("TLS"): fewer records per PDU at any maximum PDU length. The records go to
     * the socket up to four in one write, the rest on {@code flush()}
     * ({@link SocketStreams.Output}).
     */
    @Override
    public OutputStream output() {
        return aligned;
    }

    /**
     * Not record-aligned: each write becomes its own records (one per 16,384 bytes
     * or part of it), never joined with the next write; as with {@link #output()},
     * the records go to the socket up to four at a time and all of them on
     * {@code flush()}. For measurements and for callers that size their writes to
     * records themselves; do not mix with {@link #output()} on one connection.
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
        closedHere = true;
        Sockets.abort(socket);
    }

    /** Sends what {@link #output()} holds, then close_notify, then closes the socket. */
    @Override
    public void close() throws IOException {
        closedHere = true;
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
                X509Certificate own = state.ownCertificate();
                String why = own != null && CertificateRefusal.isCertificateAlert(alert)
                        ? CertificateRefusal.explain(own, true, alert, null) : TlsNames.alert(alert);
                return new TlsHandshakeException("TLS peer " + remoteAddress() + " refused this side (profile "
                        + security.profile() + "): " + why, alert, false, e);
            }
            if (certificateStillJudged && !dataReceived && !closedHere && CertificateRefusal.isConnectionLoss(e)) {
                // the same refusal when the alert did not survive: an OpenSSL server sends it and closes,
                // and this side's first PDU, arriving at a closed socket, makes the server's kernel send a
                // reset that discards the alert here
                abort();
                short a = state.receivedAlert();
                boolean certificateAlert = CertificateRefusal.isCertificateAlert(a);
                return new TlsHandshakeException("TLS peer " + remoteAddress() + " refused this side (profile "
                        + security.profile() + "): " + CertificateRefusal.explain(state.ownCertificate(), true,
                        certificateAlert ? a : -1, CertificateRefusal.rootMessage(e)), certificateAlert ? a : -1, false, e);
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

    /**
     * Called by the socket output when a write failed, before BouncyCastle sees the
     * failure: reads what the peer sent before the connection broke (see the class
     * description). A fatal alert read here is recorded in {@link PeerState} by
     * BouncyCastle's notifyAlertReceived, so that {@link #map} of the write failure
     * reports it. Bounded by {@link #RESCUE_MILLIS} and {@link #RESCUE_LIMIT}; runs
     * once (a write failing inside it, e.g. an alert BouncyCastle raises, does not
     * start another); never throws.
     */
    private void rescueRead(IOException writeFailure) {
        if (writeFailure instanceof InterruptedIOException || closedHere || integrityFailure != null
                || state.integrityFailed() || protocol.isClosed() || socket.isClosed()
                || !rescueTried.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + RESCUE_MILLIS * 1_000_000L;
        try {
            if (!readLock.tryLock(RESCUE_MILLIS, TimeUnit.MILLISECONDS)) {
                return; // another thread's read is blocked on this connection: it meets the alert itself
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        int timeout = -1;
        try {
            if (closedHere || protocol.isClosed() || state.integrityFailed()) {
                return;
            }
            timeout = socket.getSoTimeout();
            byte[] buf = new byte[MAX_RECORD_PAYLOAD];
            int room;
            while ((room = Math.min(buf.length, RESCUE_LIMIT - kept.size())) > 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) left);
                int n = protocol.readApplicationData(buf, 0, room);
                if (n < 0) {
                    break;
                }
                kept.write(buf, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            // a fatal alert is in PeerState now; a reset, an EOF or a timeout leave the write failure as it is
            LOG.log(Level.DEBUG, "read after a failed write on {0} ended: {1}", remoteAddress(), e.toString());
        } finally {
            if (kept.size() > 0) {
                rescued = kept.toByteArray();
                rescuedPos = 0;
            }
            if (timeout >= 0 && !socket.isClosed()) {
                try {
                    socket.setSoTimeout(timeout);
                } catch (IOException ignored) {
                    // the socket broke meanwhile
                }
            }
            readLock.unlock();
        }
        LOG.log(Level.DEBUG, "write to {0} failed ({1}); read after it: {2} bytes of application data, {3}",
                remoteAddress(), writeFailure.getMessage(), kept.size(),
                state.alertDetail() == null ? "no fatal alert" : state.alertDetail());
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
            readLock.lock();
            try {
                byte[] r = rescued;
                if (rescuedPos < r.length) {
                    int b = r[rescuedPos] & 0xFF;
                    consumedRescued(1);
                    if (!dataReceived) {
                        dataReceived = true;
                    }
                    return b;
                }
                int b = super.read();
                if (b >= 0 && !dataReceived) {
                    dataReceived = true;
                }
                return b;
            } catch (IOException e) {
                throw map(e);
            } finally {
                readLock.unlock();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            readLock.lock();
            try {
                byte[] r = rescued;
                if (rescuedPos < r.length && len > 0) {
                    int n = Math.min(len, r.length - rescuedPos);
                    System.arraycopy(r, rescuedPos, b, off, n);
                    consumedRescued(n);
                    if (!dataReceived) {
                        dataReceived = true;
                    }
                    return n;
                }
                int n = super.read(b, off, len);
                if (n > 0 && !dataReceived) {
                    dataReceived = true;
                }
                return n;
            } catch (IOException e) {
                throw map(e);
            } finally {
                readLock.unlock();
            }
        }

        /** Under the read lock. */
        private void consumedRescued(int n) {
            rescuedPos += n;
            if (rescuedPos == rescued.length) {
                rescued = NONE;
                rescuedPos = 0;
            }
        }

        @Override
        public int available() throws IOException {
            int held = rescued.length - rescuedPos;
            try {
                return Math.max(0, held) + super.available();
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

        /**
         * The records of the writes up to the next {@link #flush()} are gathered into socket
         * writes of up to four records ({@link SocketStreams.Output#hold()}); the Upper Layer
         * flushes after each message and each PDU that is not a P-DATA-TF.
         */
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                raw.hold();
                try {
                    out.write(b, off, len);
                } catch (IOException | RuntimeException e) {
                    raw.release(false);
                    throw e;
                }
            } catch (IOException e) {
                throw map(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                try {
                    out.flush();
                } catch (IOException | RuntimeException e) {
                    raw.release(false);
                    throw e;
                }
                raw.release(true);
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
