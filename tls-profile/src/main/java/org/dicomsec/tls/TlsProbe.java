package org.dicomsec.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CipherType;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.dicomsec.ul.transport.Sockets;

/**
 * Probes a TLS server: which protocol versions and which suites of the PS3.15
 * TLS profiles ({@link TlsProfile}: basic, aes, bcp195, bcp195-nd, bcp195-ex)
 * it accepts, whether it asks for a client certificate, the certificate chain
 * it sends, and what of that falls short of BCP 195 (RFC 9325). Each probe is
 * one handshake with a client that offers exactly that version and suite; the
 * server's certificate is recorded, never validated (use {@link CertificateReport}
 * to look at it).
 *
 * <p>Bounded: one probe per version offering every suite valid for it; only
 * for the versions accepted, one probe per further suite (at most 4 + 2 + 10 +
 * 2 + 2 = 20 handshakes, each with the probe's timeout). Blocking; runs on the
 * caller's thread and starts none.
 *
 * <pre>{@code
 * TlsProbe.Report r = TlsProbe.to(new InetSocketAddress("pacs.example", 2762)).timeoutMillis(2000).run();
 * r.findings().forEach(System.out::println);
 * }</pre>
 */
public final class TlsProbe {

    /** Versions probed, highest first, as SecurityDescription names them. */
    private static final ProtocolVersion[] VERSIONS = {
        ProtocolVersion.TLSv13, ProtocolVersion.TLSv12, ProtocolVersion.TLSv11, ProtocolVersion.TLSv10};

    /** How long to wait for a TLS 1.3 server's verdict on an absent client certificate (it comes after our Finished). */
    static final int CLIENT_CERT_VERDICT_MILLIS = 1000;

    /** The detail of a probe that the server left unanswered within the timeout. */
    public static final String NO_ANSWER = "no answer within the timeout";

    /** How the detail of a suite begins that the server chose and then refused (a client certificate missing). */
    static final String REFUSED_AFTER_SERVER_HELLO = "ServerHello, then";

    /** The default timeout of each handshake, in milliseconds. */
    public static final int DEFAULT_TIMEOUT_MILLIS = 2000;

    /** What one handshake found. */
    record Probe(String version, String suite, boolean accepted, boolean spokeTls, boolean certificateRequested,
                 boolean certificatePresented, boolean refusedAfterServerHello, String detail,
                 List<X509Certificate> chain, int dhPrimeBits) {
    }

    /**
     * A version, or a (version, suite) pair, as probed.
     *
     * @param version  "TLSv1.3", "TLSv1.2", "TLSv1.1" or "TLSv1"
     * @param suite    the IANA suite name; null in a version row
     * @param accepted true when the server answered with a ServerHello for it
     * @param detail   one line: "handshake complete", the alert, or why nothing came
     * @param bcp195   "ok", or "below BCP 195: " and the reasons (empty when not accepted)
     */
    public record Row(String version, String suite, boolean accepted, String detail, String bcp195) {

        /**
         * The row as a JSON object's members: a version row {version, accepted, detail}; a suite
         * row {version, suite, accepted, bcp195 (true for "ok", null when not accepted), detail
         * (after the BCP 195 reasons when it falls short)}.
         */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", version);
            if (suite != null) {
                m.put("suite", suite);
            }
            m.put("accepted", accepted);
            if (suite != null) {
                boolean ok = bcp195.equals("ok");
                m.put("bcp195", accepted ? ok : null);
                m.put("detail", accepted && !ok ? bcp195 + "; " + detail : detail);
            } else {
                m.put("detail", detail);
            }
            return m;
        }
    }

    /**
     * What a probe found.
     *
     * @param spokeTls          true when any probe got a ServerHello or an alert back
     * @param versions          one row per version, highest first
     * @param suites            one row per (accepted version, suite of the profiles)
     * @param profiles          per {@link TlsProfile#profileName()}: "no" or "yes (N of M version/suite pairs)"
     * @param clientCertificate "unknown", "not requested", "requested (own certificate presented)",
     *                          "required (...)" or "optional (...)"
     * @param chain             the server's chain as sent, leaf first, not validated (empty when none came)
     * @param handshakes        how many handshakes the probe made
     * @param findings          what falls short of BCP 195, one line each
     */
    public record Report(boolean spokeTls, List<Row> versions, List<Row> suites, Map<String, String> profiles,
                         String clientCertificate, List<X509Certificate> chain, int handshakes, List<String> findings) {

        /** Copies the lists and the map. */
        public Report {
            versions = List.copyOf(versions);
            suites = List.copyOf(suites);
            profiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
            chain = List.copyOf(chain);
            findings = List.copyOf(findings);
        }

        /**
         * The report as a JSON object's members (for {@code org.dicomsec.data.json.JsonWriter}):
         * speaksTls, handshakes, versions and suites ({@link Row#toJson()}), profiles (name to
         * {accepted, detail}), clientCertificate as one word (required, optional, requested,
         * not-requested, unknown) and clientCertificateDetail. The certificate is
         * {@link #certificate}'s, judged at a time the caller chooses.
         */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("speaksTls", spokeTls);
            m.put("handshakes", handshakes);
            m.put("versions", versions.stream().map(Row::toJson).toList());
            m.put("suites", suites.stream().map(Row::toJson).toList());
            Map<String, Object> p = new LinkedHashMap<>();
            profiles.forEach((name, v) -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("accepted", !v.equals("no"));
                e.put("detail", v);
                p.put(name, e);
            });
            m.put("profiles", p);
            m.put("clientCertificate", clientCertificate.startsWith("not requested") ? "not-requested"
                    : clientCertificate.split(" ")[0]);
            m.put("clientCertificateDetail", clientCertificate);
            return m;
        }

        /**
         * The report as lines of a table, for a person: a row per version refused and per suite of
         * an accepted version (accepted or not, its BCP 195 verdict or why it was refused), then
         * the profiles and the client certificate demand.
         */
        public List<String> lines() {
            String row = "%-8s %-42s %-9s %s";
            List<String> l = new ArrayList<>();
            l.add(String.format(row, "version", "suite", "accepted", "BCP 195 / detail"));
            for (Row v : versions) {
                if (!v.accepted()) {
                    l.add(String.format(row, v.version(), "(every suite of the profiles)", "no", v.detail()));
                    continue;
                }
                for (Row r : suites) {
                    if (r.version().equals(v.version())) {
                        l.add(String.format(row, r.version(), r.suite(), r.accepted() ? "yes" : "no", !r.accepted()
                                ? r.detail() : r.detail().startsWith(REFUSED_AFTER_SERVER_HELLO)
                                ? r.bcp195() + "; " + r.detail() : r.bcp195()));
                    }
                }
            }
            if (!spokeTls) {
                l.add("the node does not speak TLS on this port");
            }
            StringBuilder p = new StringBuilder();
            profiles.forEach((k, v) -> p.append(p.length() == 0 ? "" : "; ").append(k).append(' ').append(v));
            l.add(String.format("%-19s %s", "profiles:", p));
            l.add(String.format("%-19s %s", "client certificate:", clientCertificate));
            return l;
        }

        /** The server's leaf certificate judged at {@code now}, or null when no chain came. */
        public CertificateReport certificate(java.time.Instant now) {
            return chain.isEmpty() ? null : CertificateReport.of(chain, now);
        }
    }

    private final InetSocketAddress target;
    private int timeoutMillis = DEFAULT_TIMEOUT_MILLIS;
    private KeyMaterial clientKey;
    private final SecureRandom random = new SecureRandom();
    private int handshakes;
    private Boolean tls13CertificateRequired;

    private TlsProbe(InetSocketAddress target) {
        this.target = java.util.Objects.requireNonNull(target, "target");
    }

    /** A probe of the server at {@code target}, with the default timeout and no client certificate. */
    public static TlsProbe to(InetSocketAddress target) {
        return new TlsProbe(target);
    }

    /** The timeout of each connection and handshake (at least 1 ms). */
    public TlsProbe timeoutMillis(int millis) {
        if (millis < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 ms: " + millis);
        }
        this.timeoutMillis = millis;
        return this;
    }

    /**
     * The own key and chain to present when the server asks for a certificate
     * (null: present none). Signs as {@link Credentials} does for the transports.
     */
    public TlsProbe clientKey(KeyMaterial key) {
        this.clientKey = key;
        return this;
    }

    /** Every suite of every profile, each once, in the order the profiles list them. */
    private static Map<Integer, String> allSuites() {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (TlsProfile p : TlsProfile.values()) {
            int[] s = p.cipherSuites();
            List<String> names = p.cipherSuiteNames();
            for (int i = 0; i < s.length; i++) {
                m.putIfAbsent(s[i], names.get(i));
            }
        }
        return m;
    }

    private static String versionName(ProtocolVersion v) {
        if (v.equals(ProtocolVersion.TLSv10)) {
            return "TLSv1";
        }
        return "TLSv1." + (v.getMinorVersion() - 1);
    }

    /** The suites of {@link #allSuites()} that can be negotiated at {@code v}. */
    private static int[] suitesFor(ProtocolVersion v) {
        return allSuites().keySet().stream().filter(s -> TlsUtils.isValidVersionForCipherSuite(s, v))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Runs the probes, one handshake after the other; a probe is not reusable. */
    public Report run() {
        if (handshakes > 0) {
            throw new IllegalStateException("this probe has run");
        }
        Map<Integer, String> names = allSuites();
        List<Row> versionRows = new ArrayList<>();
        List<Row> suiteRows = new ArrayList<>();
        List<Probe> accepted = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        Map<String, List<String>> suiteFindings = new LinkedHashMap<>();
        Map<String, String> suiteReasons = new LinkedHashMap<>();
        boolean spoke = false;
        List<X509Certificate> chain = List.of();
        boolean requested = false;
        boolean presented = false;
        boolean refusedWithoutCert = false;
        boolean completedWithoutCert = false;
        int silent = 0;
        for (ProtocolVersion v : VERSIONS) {
            int[] suites = suitesFor(v);
            if (silent >= 2) {
                // a node that let two ClientHellos time out says nothing to a third: keep the scan short
                versionRows.add(new Row(versionName(v), null, false, "not probed: no answer to two TLS probes", "ok"));
                continue;
            }
            Probe vp = handshake(v, suites, names);
            silent = vp.detail().equals(NO_ANSWER) ? silent + 1 : 0;
            spoke |= vp.spokeTls();
            versionRows.add(new Row(vp.version(), null, vp.accepted(), vp.detail(),
                    vp.accepted() && !v.isEqualOrLaterVersionOf(ProtocolVersion.TLSv12)
                            ? "below BCP 195: " + vp.version() + " (RFC 8996)" : "ok"));
            if (!vp.accepted()) {
                continue;
            }
            if (v.isEqualOrEarlierVersionOf(ProtocolVersion.TLSv11)) {
                findings.add(vp.version() + " accepted: BCP 195 (RFC 8996) requires TLS 1.2 or later");
            }
            for (int s : suites) {
                Probe p = names.get(s).equals(vp.suite()) ? vp : handshake(v, new int[] {s}, names);
                spoke |= p.spokeTls();
                String verdict = p.accepted() ? verdict(v, s) : "";
                if (p.accepted() && p.dhPrimeBits() > 0 && p.dhPrimeBits() < 2048) {
                    verdict = (verdict.equals("ok") ? "below BCP 195: " : verdict + ", ") + "DH group of "
                            + p.dhPrimeBits() + " bits (at least 2048)";
                }
                suiteRows.add(new Row(versionName(v), names.get(s), p.accepted(), p.detail(), verdict));
                if (p.accepted()) {
                    accepted.add(p);
                    // one finding per suite, naming every version it was accepted at (the version's own finding is above)
                    String suiteVerdict = verdict(TlsUtils.isTLSv13(v) ? v : ProtocolVersion.TLSv12, s);
                    if (p.dhPrimeBits() > 0 && p.dhPrimeBits() < 2048) {
                        suiteVerdict = (suiteVerdict.equals("ok") ? "below BCP 195: " : suiteVerdict + ", ")
                                + "DH group of " + p.dhPrimeBits() + " bits (at least 2048)";
                    }
                    if (!suiteVerdict.equals("ok")) {
                        suiteFindings.computeIfAbsent(names.get(s) + " accepted", k -> new ArrayList<>())
                                .add(versionName(v));
                        suiteReasons.putIfAbsent(names.get(s) + " accepted", suiteVerdict);
                    }
                }
            }
        }
        suiteFindings.forEach((what, versions) -> findings.add(what + " (" + String.join(", ", versions) + "): "
                + suiteReasons.get(what)));
        for (Probe p : accepted) {
            if (chain.isEmpty() && !p.chain().isEmpty()) {
                chain = p.chain();
            }
            requested |= p.certificateRequested();
            presented |= p.certificatePresented();
            if (p.certificateRequested() && !p.certificatePresented()) {
                refusedWithoutCert |= p.refusedAfterServerHello();
                completedWithoutCert |= !p.refusedAfterServerHello();
            }
        }
        Map<String, String> profiles = new LinkedHashMap<>();
        for (TlsProfile profile : TlsProfile.values()) {
            int n = 0;
            for (Row r : suiteRows) {
                if (r.accepted() && inProfile(profile, r)) {
                    n++;
                }
            }
            profiles.put(profile.profileName(), n == 0 ? "no" : "yes (" + n + " of " + probes(profile) + " version/suite pairs)");
        }
        String clientCert;
        if (!spoke || accepted.isEmpty()) {
            clientCert = "unknown";
        } else if (!requested) {
            clientCert = "not requested";
        } else if (presented) {
            clientCert = "requested (own certificate presented)";
        } else if (refusedWithoutCert && !completedWithoutCert) {
            clientCert = "required (CertificateRequest sent; refused without a certificate)";
        } else {
            clientCert = "optional (CertificateRequest sent; accepted without a certificate)";
        }
        return new Report(spoke, versionRows, suiteRows, profiles, clientCert, chain, handshakes, findings);
    }

    private static boolean inProfile(TlsProfile profile, Row r) {
        boolean version = profile.protocolNames().contains(r.version());
        return version && profile.cipherSuiteNames().contains(r.suite());
    }

    private static int probes(TlsProfile profile) {
        int n = 0;
        for (ProtocolVersion v : profile.protocolVersions()) {
            for (int s : profile.cipherSuites()) {
                n += TlsUtils.isValidVersionForCipherSuite(s, v) ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * BCP 195 (RFC 7525 4.2, RFC 9325 4.2): TLS 1.2 suites with ephemeral key
     * exchange (ECDHE/DHE) and AEAD encryption; every TLS 1.3 suite qualifies.
     */
    private static String verdict(ProtocolVersion v, int suite) {
        if (TlsUtils.isTLSv13(v)) {
            return "ok";
        }
        List<String> why = new ArrayList<>();
        if (!v.isEqualOrLaterVersionOf(ProtocolVersion.TLSv12)) {
            why.add("TLS below 1.2");
        }
        int kx = TlsUtils.getKeyExchangeAlgorithm(suite);
        if (kx != KeyExchangeAlgorithm.ECDHE_RSA && kx != KeyExchangeAlgorithm.ECDHE_ECDSA
                && kx != KeyExchangeAlgorithm.DHE_RSA) {
            why.add("no forward secrecy (RSA key transport)");
        }
        if (TlsUtils.getCipherType(suite) != CipherType.aead) {
            why.add("CBC, not AEAD");
        }
        if (TlsUtils.getEncryptionAlgorithm(suite) == org.bouncycastle.tls.EncryptionAlgorithm._3DES_EDE_CBC) {
            why.add("64-bit block cipher 3DES (Sweet32)");
        }
        return why.isEmpty() ? "ok" : "below BCP 195: " + String.join(", ", why);
    }

    private Probe handshake(ProtocolVersion v, int[] suites, Map<Integer, String> names) {
        handshakes++;
        String version = versionName(v);
        String offered = suites.length == 1 ? names.get(suites[0]) : null;
        Socket s;
        try {
            s = Sockets.connect(target, timeoutMillis);
        } catch (IOException e) {
            return new Probe(version, offered, false, false, false, false, false, "no connection: " + e.getMessage(),
                    List.of(), 0);
        }
        TlsProbeClient client = new TlsProbeClient(new BcTlsCrypto(random), new ProtocolVersion[] {v}, suites, clientKey);
        Exception failure = null;
        boolean refusedLater = false;
        FirstByte first = new FirstByte();
        try {
            s.setSoTimeout(timeoutMillis);
            TlsClientProtocol protocol = new TlsClientProtocol(first.watch(s.getInputStream()), s.getOutputStream());
            protocol.connect(client);
            if (TlsUtils.isTLSv13(v) && client.certificateRequested && !client.certificatePresented) {
                refusedLater = tls13Refused(s, protocol.getInputStream());
            }
            try {
                protocol.close();
            } catch (IOException ignored) {
                // the probe is over either way
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            Sockets.abort(s);
        }
        boolean accepted = client.serverHelloSeen() && client.serverVersion.equals(v);
        boolean spoke = client.serverHelloSeen() || client.alertReceived >= 0;
        String suite = accepted ? names.getOrDefault(client.selectedSuite, "0x" + Integer.toHexString(client.selectedSuite))
                : offered;
        String detail;
        if (accepted && failure == null && !refusedLater) {
            detail = "handshake complete";
        } else if (accepted) {
            detail = REFUSED_AFTER_SERVER_HELLO + " refused: " + why(client, failure)
                    + (client.certificateRequested && !client.certificatePresented ? " (no client certificate sent)" : "");
        } else if (first.value >= 0 && (first.value < 20 || first.value > 24)) {
            // not a TLS record (content types 20..24, RFC 8446 5.1): e.g. a DICOM A-ABORT PDU (07H)
            // from a plain DICOM port, which BouncyCastle would report as its own internal_error
            detail = String.format(NOT_TLS + " (the server answered %02XH%s)", first.value,
                    first.value == 7 ? ", a DICOM A-ABORT PDU: a plain DICOM port" : "");
        } else {
            detail = why(client, failure);
        }
        return new Probe(version, suite, accepted, spoke, client.certificateRequested, client.certificatePresented,
                accepted && (failure != null || refusedLater), detail, client.chain, client.dhPrimeBits);
    }

    /**
     * RFC 8446 4.4.2.4: a TLS 1.3 server that requires a certificate sends its
     * alert only after the client's Finished, i.e. after connect returned.
     * Waits for it once (a DICOM server says nothing before the A-ASSOCIATE-RQ).
     */
    private boolean tls13Refused(Socket s, InputStream in) {
        if (tls13CertificateRequired != null) {
            return tls13CertificateRequired;
        }
        boolean refused;
        try {
            s.setSoTimeout(Math.min(timeoutMillis, CLIENT_CERT_VERDICT_MILLIS));
            refused = in.read() < 0;
        } catch (TlsFatalAlertReceived e) {
            refused = true;
        } catch (SocketTimeoutException e) {
            refused = false;
        } catch (IOException e) {
            refused = true;
        }
        tls13CertificateRequired = refused;
        return refused;
    }

    /** The detail of a probe answered with something other than TLS. */
    public static final String NOT_TLS = "not TLS";

    /** Remembers the first byte the server sent. */
    private static final class FirstByte {
        int value = -1;

        InputStream watch(InputStream in) {
            return new java.io.FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0 && value < 0) {
                        value = b;
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = in.read(b, off, len);
                    if (n > 0 && value < 0) {
                        value = b[off] & 0xFF;
                    }
                    return n;
                }
            };
        }
    }

    /**
     * The one place that says why a handshake did not complete, from the
     * client's record of alerts and the exception that ended it. A server that
     * does not speak TLS at all (a plain DICOM port answering the ClientHello
     * with an A-ASSOCIATE-RJ or A-ABORT, or closing) ends here too: telling that
     * case apart belongs in this method, so every row says the same.
     */
    private static String why(TlsProbeClient c, Exception failure) {
        if (c.alertReceived >= 0) {
            return "alert " + AlertDescription.getText(c.alertReceived) + " from the server";
        }
        if (failure instanceof TlsFatalAlertReceived r) {
            return "alert " + AlertDescription.getText(r.getAlertDescription()) + " from the server";
        }
        if (failure instanceof SocketTimeoutException) {
            return NO_ANSWER;
        }
        if (c.alertRaised >= 0) {
            return "ended by the probe with " + AlertDescription.getText(c.alertRaised)
                    + (c.alertRaisedMessage != null ? " (" + c.alertRaisedMessage + ")" : "");
        }
        if (failure == null) {
            return "refused after the handshake (alert or close)";
        }
        String m = failure.getMessage();
        return m == null ? failure.getClass().getSimpleName() : m;
    }
}
