package org.dicomsec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.dicomsec.tls.KeyStores;
import org.dicomsec.tls.TlsConfig;
import org.dicomsec.tls.TlsFiles;
import org.dicomsec.tls.TlsProfile;
import org.dicomsec.tls.TlsTransportProvider;
import org.dicomsec.iscl.IsclTransportProvider;
import org.dicomsec.ul.transport.Transport;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConfig;
import org.dicomsec.ul.transport.TransportConnector;
import org.dicomsec.ul.transport.Transports;

/**
 * The transport options shared by the network commands (echo, store, scp):
 * plain TCP, or a TLS Secure Transport Connection Profile (PS3.15 Annex B.1)
 * with the own key, the trust anchors and the peer certificate policy.
 *
 * <pre>{@code
 * static final OptionParser OPTIONS = TransportOptions.declare(new OptionParser("echo", "..."));
 * ParsedOptions o = OPTIONS.parse(args);
 * TransportOptions t = TransportOptions.from(o, err);
 * TransportConnector c = t.connector();           // or t.acceptor(null, port); t.config() for the library
 * int port = t.port(o.has("port") ? ... : -1);    // 2762 for TLS, 11112 plain
 * log(t.describe());
 * }</pre>
 *
 * This class parses; the TLS files are checked and read by {@link TlsFiles}, and the transport
 * comes from the library's factory ({@link Transports#of} on the {@link TransportConfig} made).
 * TLS is on as soon as any TLS option is given; the profile is then
 * {@code bcp195-nd} unless {@code --tls} names another. A password is read
 * from a file or an environment variable; {@code --password} is accepted with
 * a warning, since the process list and shell history show it. Opting out of
 * the peer certificate check is explicit ({@code --no-peer-cert-check}) and
 * logged.
 */
public final class TransportOptions {


    public static final String TLS = "tls";
    public static final String KEY = "key";
    public static final String CERT = "cert";
    public static final String P12 = "p12";
    public static final String PASSWORD_FILE = "password-file";
    public static final String PASSWORD_ENV = "password-env";
    public static final String PASSWORD = "password";
    public static final String TRUST = "trust";
    public static final String CRL = "crl";
    public static final String NO_PEER_CERT_CHECK = "no-peer-cert-check";
    public static final String VERIFY_HOST = "verify-host";

    /** Options that turn TLS on (with the default profile when --tls is absent). */
    private static final List<String> TLS_OPTIONS =
            List.of(TLS, KEY, CERT, P12, TRUST, CRL, NO_PEER_CERT_CHECK, VERIFY_HOST);

    private final TransportConfig config;
    private final Transport transport;
    private final IsclOptions iscl;
    private final String description;

    private TransportOptions(TransportConfig config, IsclOptions iscl, String description) {
        this.config = config;
        this.transport = Transports.of(config);
        this.iscl = iscl;
        this.description = description;
    }

    /** Plain TCP, no options given. */
    public static TransportOptions plain() {
        return new TransportOptions(TransportConfig.plain(), null, "plain TCP (no TLS)");
    }

    /**
     * Declares the transport options on {@code parser} and returns it. The ISCL
     * options (--iscl, --keyring, --entity, --peer-entity, --privacy) are declared
     * here too when the ISCL transport joins.
     */
    public static OptionParser declare(OptionParser parser) {
        parser.value(TLS, '\0', "PROFILE", "TLS Secure Transport Connection Profile: " + String.join(", ", TlsProfile.names())
                        + " (default " + TlsProfile.DEFAULT.profileName() + " when any TLS option is given)")
                .value(KEY, '\0', "FILE", "own private key, PEM (PKCS#8 or PKCS#1 as openssl writes it); with --cert")
                .value(CERT, '\0', "FILE", "own certificate chain, PEM, leaf first")
                .value(P12, '\0', "FILE", "own key and chain as PKCS#12 (instead of --key/--cert)")
                .value(PASSWORD_FILE, '\0', "FILE", "read the PKCS#12 password from the first line of FILE")
                .value(PASSWORD_ENV, '\0', "VAR", "read the PKCS#12 password from environment variable VAR")
                .value(PASSWORD, '\0', "PASSWORD", "the PKCS#12 password in clear (visible to others: prefer --password-file)")
                .repeatable(TRUST, '\0', "FILE", "trusted CA certificates: PEM bundle or PKCS#12 trust store")
                .repeatable(CRL, '\0', "FILE", "certificate revocation list(s), PEM; then every peer certificate must be covered")
                .flag(NO_PEER_CERT_CHECK, '\0', "accept a peer without a valid certificate (unauthenticated; logged)")
                .flag(VERIFY_HOST, '\0', "check the server certificate's subjectAltName against the host name");
        IsclOptions.declare(parser); // ISCL (PS3.15 B.2): --iscl, --keyring, --entity, --peer-entity, --privacy, ...
        return parser;
    }

    /** Reads the options {@link #declare} declared; the password from the process environment. */
    public static TransportOptions from(ParsedOptions o, PrintStream err) throws UsageException, CommandException {
        return from(o, err, System::getenv);
    }

    /**
     * Reads the options {@link #declare} declared.
     *
     * @param env the environment for {@code --password-env} (System::getenv)
     * @throws UsageException   for a contradictory or incomplete combination, an unknown profile
     * @throws CommandException (status 2) when a key, certificate, trust or CRL file cannot be read
     */
    public static TransportOptions from(ParsedOptions o, PrintStream err, UnaryOperator<String> env)
            throws UsageException, CommandException {
        boolean tlsWanted = TLS_OPTIONS.stream().anyMatch(o::has);
        if (IsclOptions.wanted(o)) {
            if (tlsWanted) {
                throw new UsageException("choose TLS or ISCL (--iscl), not both");
            }
            IsclOptions i = IsclOptions.from(o, err, env, PasswordOptions.Prompt.console());
            return new TransportOptions(IsclTransportProvider.config(i.endpoint()), i, i.describe());
        }
        if (!tlsWanted) {
            if (PasswordOptions.Names.DEFAULT.given(o)) {
                throw new UsageException("a password is only used with --p12 or a PKCS#12 --trust store");
            }
            return plain();
        }
        TlsProfile profile = profile(o.value(TLS));
        TlsConfig.Builder b = TlsConfig.builder().profile(profile);
        List<String> parts = new ArrayList<>();
        parts.add("TLS " + profile.profileName());

        char[] password = PasswordOptions.given(o, PasswordOptions.Names.DEFAULT, err, env);
        try {
            if (o.has(P12) && (o.has(KEY) || o.has(CERT))) {
                throw new UsageException("give --p12 or --key with --cert, not both");
            }
            // --key F.p12 is taken as --p12 F: the PKCS#12 file holds the chain too
            boolean p12 = o.has(P12) || (o.has(KEY) && !o.has(CERT) && KeyStores.isPkcs12(Path.of(o.value(KEY))));
            if (!p12 && o.has(KEY) != o.has(CERT)) {
                throw new UsageException("--key and --cert go together (or give --p12)");
            }
            parts.add(new TlsFiles(p12 ? null : path(o, KEY), p12 ? null : path(o, CERT),
                    p12 ? path(o, o.has(P12) ? P12 : KEY) : null, paths(o, TRUST), paths(o, CRL)).applyTo(b, password));
        } catch (TlsFiles.FileRefused e) {
            // one line naming the option and the file: "--key /x/server.key: no such file"
            String option = switch (e.part()) {
                case KEY -> "--key";
                case CERTIFICATE -> "--cert";
                case PKCS12 -> o.has(P12) ? "--p12" : "--key";
                case TRUST -> "--trust";
                case CRL -> "--crl";
            };
            if (e.problem() == TlsFiles.Problem.PASSWORD_NEEDED) {
                throw new UsageException((e.part() == TlsFiles.Part.TRUST ? "a PKCS#12 --trust store"
                        : o.has(P12) ? option : option + " " + e.file() + " (PKCS#12)")
                        + " needs its password: --password-file FILE or --password-env VAR");
            }
            throw new CommandException(option + " " + e.file() + ": " + e.problem().text(), 2, e);
        } catch (NoSuchFileException e) {
            throw new CommandException("no such file: " + e.getFile(), 2, e);
        } catch (IOException e) {
            throw new CommandException(fileError(e), 2, e);
        } finally {
            PasswordOptions.wipe(password);
        }
        if (o.has(NO_PEER_CERT_CHECK)) {
            b.peerCertificateRequired(false);
            String what = o.has(TRUST) ? "a peer without certificate is accepted unauthenticated"
                    : "any peer certificate, or none, is accepted";
            err.println("warning: --no-peer-cert-check: " + what);
            parts.add("PEER CERTIFICATE NOT CHECKED");
        } else {
            if (!o.has(TRUST)) {
                throw new UsageException("TLS needs --trust FILE (the CA certificates that sign the peer's certificate),"
                        + " or an explicit --no-peer-cert-check");
            }
            parts.add("peer certificate required");
        }
        if (o.has(VERIFY_HOST)) {
            b.verifyHostName(true);
            parts.add("host name checked");
        }
        if (profile.isWeak()) {
            err.println("warning: TLS profile '" + profile.profileName() + "' allows TLS 1.0/1.1 and RSA key transport;"
                    + " prefer " + TlsProfile.DEFAULT.profileName());
        }
        // the warnings above said each weaker choice once: the library's copies would repeat them
        return new TransportOptions(TlsTransportProvider.config(b.logWarnings(false).build()), null,
                String.join(", ", parts));
    }

    private static TlsProfile profile(String name) throws UsageException {
        if (name == null) {
            return TlsProfile.DEFAULT;
        }
        if (name.startsWith("-")) {
            throw new UsageException("--tls needs a profile name (" + String.join(", ", TlsProfile.names())
                    + "), not '" + name + "'");
        }
        return ParsedOptions.parse("", () -> TlsProfile.byName(name));
    }

    private static Path path(ParsedOptions o, String option) {
        return o.has(option) ? Path.of(o.value(option)) : null;
    }

    private static List<Path> paths(ParsedOptions o, String option) {
        return o.values(option).stream().map(Path::of).toList();
    }

    /** An I/O failure on a file as "FILE: cause" (the JDK's message is the bare path for some). */
    static String fileError(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + reasonOf(e);
        }
        return Main.describe(e);
    }

    static String reasonOf(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return Main.describe(e);
    }

    /** True for ISCL (PS3.15 B.2). */
    public boolean isIscl() {
        return iscl != null;
    }

    /** The ISCL options (entity, peer entity, mechanisms), or null when ISCL is off. */
    IsclOptions isclOptions() {
        return iscl;
    }

    /** True for TLS, false for plain TCP or ISCL. */
    public boolean isTls() {
        return config.kind().equals(TlsTransportProvider.KIND);
    }

    /** The TLS configuration, or null for plain TCP. */
    public TlsConfig tlsConfig() {
        return isTls() ? config.settings(TlsConfig.class) : null;
    }

    /** What the options chose, as the library's transport configuration. */
    public TransportConfig config() {
        return config;
    }

    /**
     * The Maximum Length (PS3.8 D.1) to announce when {@code --max-pdu} is not given: the
     * transport's default (65,530 over plain TCP and TLS, where it is whole TLS records).
     */
    public int defaultMaxPdu() {
        return transport.defaultMaxPduLength();
    }

    /** {@code --max-pdu N}: 0 (unlimited) or at least 4096; {@link #defaultMaxPdu()} when absent. */
    public int maxPdu(ParsedOptions o) throws UsageException {
        int maxPdu = o.intValue("max-pdu", defaultMaxPdu(), 0, Integer.MAX_VALUE);
        if (maxPdu != 0 && maxPdu < 4096) {
            throw new UsageException("option --max-pdu needs 0 or at least 4096, not " + maxPdu);
        }
        return maxPdu;
    }

    /** Help text of {@code --max-pdu}, the same for every command that receives. */
    static final String MAX_PDU_HELP = "maximum PDU length to receive, 0 = unlimited (default 65530)";

    /** The port to use: {@code given} when it is 0 or more, else the transport's (11112, 2762 TLS, 2761 ISCL). */
    public int port(int given) {
        return given >= 0 ? given : transport.defaultPort();
    }

    /** The initiator side (echo, store). */
    public TransportConnector connector() {
        return isIscl() ? iscl.connector() : transport.connector();
    }

    /**
     * The listener side (scp): binds {@code bindAddress} (null: all interfaces)
     * on {@code port} (negative: the default port of the transport, see {@link #port(int)}).
     *
     * @throws UsageException when TLS is on without an own key and certificate
     */
    public TransportAcceptor acceptor(InetAddress bindAddress, int port) throws IOException, UsageException {
        try {
            return transport.acceptor(bindAddress, port(port));
        } catch (IllegalStateException e) {
            throw new UsageException("a TLS listener needs its own key and certificate: --key FILE --cert FILE, or --p12 FILE");
        }
    }

    /** One line for logs: the transport, profile, own key, trust and checks (never a password). */
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return describe();
    }
}
