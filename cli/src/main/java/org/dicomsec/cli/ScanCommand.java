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
final class ScanCommand extends OptionCommand {

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

    ScanCommand() {
        super(OPTIONS, "probe a node: plain DICOM, TLS versions/suites/profiles, certificate, ISCL; BCP 195 findings");
    }

    @Override
    int run(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
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
        List<String> findings = new ArrayList<>(tls == null ? List.of() : tls.findings());
        if (cert != null) {
            findings.addAll(cert.findings());
        }
        if (plain != null) {
            findings.addAll(plain.findings());
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
        char[] password = PasswordOptions.given(o, PasswordOptions.Names.DEFAULT, err, System::getenv);
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
        section(out, "PLAIN DICOM", plain == null ? List.of("not probed (--tls-only)") : plain.lines());
        List<String> t = tls == null ? List.of("not probed (--plain-only)") : new ArrayList<>(tls.lines());
        if (cert != null) {
            t.addAll(cert.lines());
        }
        section(out, "TLS", t);
        section(out, "ISCL", iscl == null
                ? List.of("not probed (give --iscl --keyring FILE --entity NAME --peer-entity NAME)")
                : IsclProbe.lines(iscl));
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

    /** A blank line, the heading, and the lines indented by two spaces. */
    private static void section(PrintStream out, String heading, List<String> lines) {
        out.println();
        out.println(heading);
        lines.forEach(l -> out.println("  " + l));
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
        m.put("plain", probed(plain == null ? null : plain.toJson()));
        Map<String, Object> t = probed(tls == null ? null : tls.toJson());
        if (tls != null) {
            t.put("certificate", cert == null ? null : cert.toJson());
        }
        m.put("tls", t);
        Map<String, Object> i = probed(iscl == null ? null : new LinkedHashMap<>());
        if (iscl != null) {
            i.put("accepted", iscl.stream().anyMatch(IsclProbe.Row::accepted));
            i.put("combinations", iscl.stream().map(IsclProbe.Row::toJson).toList());
        }
        m.put("iscl", i);
        m.put("findings", findings);
        m.put("meetsBcp195", findings.isEmpty());
        return m;
    }

    /** {"probed": false} for a probe not made, else "probed": true before the probe's members. */
    private static Map<String, Object> probed(Map<String, Object> members) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("probed", members != null);
        if (members != null) {
            m.putAll(members);
        }
        return m;
    }
}
