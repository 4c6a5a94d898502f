package org.dicomsec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.data.json.JsonWriter;
import org.dicomsec.tls.CertificateReport;
import org.dicomsec.tls.KeyMaterial;
import org.dicomsec.tls.KeyStores;
import org.dicomsec.iscl.IsclProbe;
import org.dicomsec.tls.TlsProbe;
import org.dicomsec.ul.net.AssociationProbe;

/**
 * {@code dicomsec scan HOST:PORT}: probes a remote node and reports which
 * transports it accepts: plain DICOM ({@link AssociationProbe}), each TLS version and
 * each suite of the PS3.15 TLS profiles, whether it demands a client certificate
 * and its certificate ({@link TlsProbe}, {@link CertificateReport}), and ISCL when
 * asked ({@link IsclProbe}); then what falls short of BCP 195. This class parses
 * and prints; the probes are the libraries'. Exit status 0 when the scan ran,
 * 1 when nothing answered, 2 for bad usage.
 */
final class ScanCommand implements Main.Command {

    static final int DEFAULT_TIMEOUT_MILLIS = TlsProbe.DEFAULT_TIMEOUT_MILLIS;

    static final OptionParser OPTIONS = new OptionParser("scan",
            "Probe a DICOM node: plain DICOM, TLS versions and suites per profile, client certificate demand,\n"
                    + "server certificate, ISCL (with --iscl); mark what falls short of BCP 195.")
            .positional("HOST:PORT", "the node to probe")
            .flag("json", '\0', "print the report as JSON")
            .flag("tls-only", '\0', "skip the plain DICOM probe")
            .flag("plain-only", '\0', "skip the TLS probes")
            .flag("iscl", '\0', "probe ISCL too (needs --keyring, --entity, --peer-entity)")
            .value("keyring", '\0', "FILE", "ISCL keyring file")
            .value("entity", '\0', "NAME", "own ISCL entity name")
            .value("peer-entity", '\0', "NAME", "the node's ISCL entity name")
            .value(TransportOptions.PASSWORD_FILE, '\0', "FILE", "read the keyring password from the first line of FILE")
            .value(TransportOptions.PASSWORD_ENV, '\0', "VAR", "read the keyring password from environment variable VAR")
            .value(TransportOptions.PASSWORD, '\0', "PASSWORD", "the keyring password in clear (visible to others: prefer"
                    + " --password-file)")
            .value("key", '\0', "FILE", "own private key (PEM) to present when the server asks for a certificate")
            .value("cert", '\0', "FILE", "own certificate chain (PEM, leaf first), with --key")
            .value("aet", 'a', "AE", "calling AE title of the plain probe (default DICOMSEC)")
            .value("aec", 'c', "AE", "called AE title of the plain probe (default ANY-SCP)")
            .value("timeout", 't', "MS", "timeout of each probe in milliseconds (default " + DEFAULT_TIMEOUT_MILLIS + ")")
            .note("The server certificate is shown, not validated. Findings: TLS below 1.2, suites without forward\n"
                    + "secrecy or AEAD, 3DES, RSA keys under 2048 bits, certificates expired or expiring within "
                    + CertificateReport.EXPIRY_WARNING_DAYS + " days.\n"
                    + "exit status: 0 the scan ran (whatever it found), 1 nothing answered, 2 bad usage.\n"
                    + "examples:\n"
                    + "  dicomsec scan pacs.example:2762\n"
                    + "  dicomsec scan --json --tls-only pacs.example:2762\n"
                    + "  dicomsec scan --iscl --keyring a.keyring --password-file pw --entity A --peer-entity B host:2761");

    @Override
    public String summary() {
        return "probe a node: plain DICOM, TLS versions/suites/profiles, certificate, ISCL; BCP 195 findings";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        ParsedOptions o = OPTIONS.parse(args);
        if (o.helpRequested()) {
            out.print(OPTIONS.help());
            return 0;
        }
        if (o.has("tls-only") && o.has("plain-only")) {
            throw new UsageException("--tls-only and --plain-only exclude each other");
        }
        InetSocketAddress target = HostPort.parse(o.positional("HOST:PORT"));
        int timeout = o.intValue("timeout", DEFAULT_TIMEOUT_MILLIS, 50, 600_000);
        String aet = title(o.value("aet", "DICOMSEC"), "--aet");
        String aec = title(o.value("aec", "ANY-SCP"), "--aec");
        KeyMaterial clientKey = clientKey(o);
        IsclKeyring keyring = null;
        if (o.has("iscl")) {
            for (String n : List.of("keyring", "entity", "peer-entity")) {
                if (!o.has(n)) {
                    throw new UsageException("--iscl needs --" + n);
                }
            }
            keyring = keyring(o, err);
        } else if (o.has("keyring") || o.has("entity") || o.has("peer-entity")) {
            throw new UsageException("--keyring, --entity and --peer-entity go with --iscl");
        }

        long start = System.nanoTime();
        AssociationProbe.Result plain = o.has("tls-only") ? null : AssociationProbe.probe(target, aet, aec, timeout);
        TlsProbe.Report tls = o.has("plain-only") ? null
                : TlsProbe.to(target).timeoutMillis(timeout).clientKey(clientKey).run();
        List<IsclProbe.Row> iscl = keyring == null ? null
                : IsclProbe.probe(target, keyring, o.value("entity"), o.value("peer-entity"), timeout);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        CertificateReport cert = tls == null ? null : tls.certificate(Instant.now());
        List<String> findings = new ArrayList<>();
        if (tls != null) {
            findings.addAll(tls.findings());
        }
        if (cert != null) {
            findings.addAll(cert.findings());
        }
        if (plain != null && plain.outcome().equals("accepted")) {
            findings.add("plain DICOM accepted: no authentication, integrity or privacy (not a Secure Transport Connection)");
        }
        boolean answered = (plain != null && plain.answered()) || (tls != null && tls.spokeTls())
                || (iscl != null && iscl.stream().anyMatch(IsclProbe.Row::answered));
        String where = target.getHostString() + ":" + target.getPort();
        if (o.has("json")) {
            out.println(JsonWriter.write(json(where, timeout, elapsedMillis, plain, tls, cert, iscl, findings, answered)));
        } else {
            table(out, where, timeout, elapsedMillis, plain, tls, cert, iscl, findings);
        }
        if (!answered) {
            err.println("dicomsec scan: nothing answered at " + where + " (no DICOM, TLS or ISCL reply)");
            return 1;
        }
        return 0;
    }

    private static String title(String t, String option) throws UsageException {
        if (!org.dicomsec.ul.pdu.AeTitle.isValid(t)) {
            throw new UsageException(option + ": '" + t + "' is not an AE title (1-16 characters, no backslash or control"
                    + " characters)");
        }
        return t;
    }

    private static KeyMaterial clientKey(ParsedOptions o) throws UsageException, CommandException {
        if (!o.has("key") && !o.has("cert")) {
            return null;
        }
        if (!o.has("key") || !o.has("cert")) {
            throw new UsageException("--key and --cert go together");
        }
        try {
            return KeyStores.fromPem(Path.of(o.value("key")), Path.of(o.value("cert")));
        } catch (NoSuchFileException e) {
            throw new CommandException("no such file: " + e.getFile(), 2, e);
        } catch (IOException | RuntimeException e) {
            throw new CommandException("--key/--cert: " + Main.describe(e), 2, e);
        }
    }

    private static IsclKeyring keyring(ParsedOptions o, PrintStream err) throws UsageException, CommandException {
        char[] password = TransportOptions.password(o, err, System::getenv);
        if (password == null) {
            throw new UsageException("--keyring needs its password: --password-file FILE or --password-env VAR");
        }
        Path file = Path.of(o.value("keyring"));
        try {
            return IsclKeyring.load(file, password);
        } catch (NoSuchFileException e) {
            throw new CommandException("no such file: " + file, 2, e);
        } catch (IOException e) {
            throw new CommandException("keyring " + file + ": " + Main.describe(e), 2, e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    // ---- table ----

    private static void table(PrintStream out, String where, int timeout, long elapsedMillis, AssociationProbe.Result plain,
                              TlsProbe.Report tls, CertificateReport cert, List<IsclProbe.Row> iscl, List<String> findings) {
        out.printf("dicomsec scan %s  (%.1f s, %d TLS handshakes, timeout %d ms per probe)%n", where,
                elapsedMillis / 1000.0, tls == null ? 0 : tls.handshakes(), timeout);
        out.println();
        out.println("PLAIN DICOM");
        if (plain == null) {
            out.println("  not probed (--tls-only)");
        } else {
            out.printf("  %-12s %s%n", plain.outcome(), plain.detail());
            if (plain.outcome().equals("accepted")) {
                out.printf("  %-12s %s%n", "verification", plain.verification());
                out.printf("  %-12s %s%n", "impl. class", plain.implementationClassUid());
                out.printf("  %-12s %s%n", "impl. name", plain.implementationVersionName() == null ? "-"
                        : plain.implementationVersionName());
                out.printf("  %-12s %s%n", "max PDU", plain.maxPduLength() < 0 ? "not sent"
                        : plain.maxPduLength() == 0 ? "unlimited" : plain.maxPduLength());
            }
        }
        out.println();
        out.println("TLS");
        if (tls == null) {
            out.println("  not probed (--plain-only)");
        } else {
            out.printf("  %-8s %-42s %-9s %s%n", "version", "suite", "accepted", "BCP 195 / detail");
            for (TlsProbe.Row v : tls.versions()) {
                if (!v.accepted()) {
                    out.printf("  %-8s %-42s %-9s %s%n", v.version(), "(every suite of the profiles)", "no", v.detail());
                    continue;
                }
                for (TlsProbe.Row r : tls.suites()) {
                    if (r.version().equals(v.version())) {
                        out.printf("  %-8s %-42s %-9s %s%n", r.version(), r.suite(), r.accepted() ? "yes" : "no",
                                r.accepted() ? r.bcp195() + (r.detail().startsWith("ServerHello, then") ? "; " + r.detail() : "")
                                        : r.detail());
                    }
                }
            }
            if (!tls.spokeTls()) {
                out.println("  the node does not speak TLS on this port");
            }
            StringBuilder profiles = new StringBuilder();
            tls.profiles().forEach((k, v) -> profiles.append(profiles.length() == 0 ? "" : "; ").append(k).append(' ')
                    .append(v));
            out.printf("  %-19s %s%n", "profiles:", profiles);
            out.printf("  %-19s %s%n", "client certificate:", tls.clientCertificate());
            if (cert != null) {
                out.printf("  %-19s %s%n", "certificate:", cert.describe());
                out.printf("  %-19s %s%n", "chain:", String.join(" <- ", cert.chain()));
            }
        }
        out.println();
        out.println("ISCL");
        if (iscl == null) {
            out.println("  not probed (give --iscl --keyring FILE --entity NAME --peer-entity NAME)");
        } else {
            out.printf("  %-10s %-10s %-9s %s%n", "integrity", "privacy", "accepted", "detail");
            for (IsclProbe.Row r : iscl) {
                out.printf("  %-10s %-10s %-9s %s%n", r.integrity(), r.privacy(), r.accepted() ? "yes" : "no", r.detail());
            }
        }
        out.println();
        if (findings.isEmpty()) {
            out.println("BCP 195: nothing found that falls short");
        } else {
            out.println("BCP 195: " + findings.size() + (findings.size() == 1 ? " finding" : " findings"));
            for (String f : findings) {
                out.println("  ! " + f);
            }
        }
    }

    // ---- JSON ----

    private static Map<String, Object> json(String where, int timeout, long elapsedMillis, AssociationProbe.Result plain,
                                            TlsProbe.Report tls, CertificateReport cert, List<IsclProbe.Row> iscl,
                                            List<String> findings, boolean answered) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", where);
        m.put("timeoutMillis", timeout);
        m.put("elapsedMillis", elapsedMillis);
        m.put("answered", answered);
        m.put("plain", plain == null ? Map.of("probed", false) : plainJson(plain));
        if (tls == null) {
            m.put("tls", Map.of("probed", false));
        } else {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("probed", true);
            t.put("speaksTls", tls.spokeTls());
            t.put("handshakes", tls.handshakes());
            List<Object> versions = new ArrayList<>();
            for (TlsProbe.Row v : tls.versions()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("version", v.version());
                r.put("accepted", v.accepted());
                r.put("detail", v.detail());
                versions.add(r);
            }
            t.put("versions", versions);
            List<Object> suites = new ArrayList<>();
            for (TlsProbe.Row s : tls.suites()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("version", s.version());
                r.put("suite", s.suite());
                r.put("accepted", s.accepted());
                r.put("bcp195", s.accepted() ? s.bcp195().equals("ok") : null);
                r.put("detail", s.accepted() && !s.bcp195().equals("ok") ? s.bcp195() + "; " + s.detail() : s.detail());
                suites.add(r);
            }
            t.put("suites", suites);
            Map<String, Object> profiles = new LinkedHashMap<>();
            tls.profiles().forEach((k, v) -> profiles.put(k, Map.of("accepted", !v.equals("no"), "detail", v)));
            t.put("profiles", profiles);
            // required / optional / requested (own certificate presented) / not-requested / unknown
            t.put("clientCertificate", tls.clientCertificate().startsWith("not requested") ? "not-requested"
                    : tls.clientCertificate().split(" ")[0]);
            t.put("clientCertificateDetail", tls.clientCertificate());
            t.put("certificate", cert == null ? null : certificateJson(cert));
            m.put("tls", t);
        }
        if (iscl == null) {
            m.put("iscl", Map.of("probed", false));
        } else {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("probed", true);
            i.put("accepted", iscl.stream().anyMatch(IsclProbe.Row::accepted));
            i.put("combinations", iscl.stream().map(IsclProbe.Row::toJson).toList());
            m.put("iscl", i);
        }
        m.put("findings", findings);
        m.put("meetsBcp195", findings.isEmpty());
        return m;
    }

    private static Map<String, Object> plainJson(AssociationProbe.Result plain) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("probed", true);
        m.put("outcome", plain.outcome());
        m.put("speaksDicom", plain.answered());
        m.put("detail", plain.detail());
        m.put("implementationClassUid", plain.implementationClassUid());
        m.put("implementationVersionName", plain.implementationVersionName());
        m.put("maxPduLength", plain.maxPduLength() < 0 ? null : plain.maxPduLength());
        m.put("verification", plain.verification());
        return m;
    }

    private static Map<String, Object> certificateJson(CertificateReport c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", c.subject());
        m.put("issuer", c.issuer());
        m.put("notAfter", c.notAfter().toString());
        m.put("daysLeft", c.daysLeft());
        m.put("keyType", c.keyType());
        m.put("keyBits", c.keyBits());
        m.put("signatureAlgorithm", c.signatureAlgorithm());
        m.put("chain", c.chain());
        m.put("findings", c.findings());
        return m;
    }
}
