package org.dicomsec.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;

import org.dicomsec.tls.demo.DemoPki;
import org.dicomsec.tls.KeyFiles;
import org.dicomsec.tls.KeyMaterial;

/**
 * {@code dicomsec keys SUBCOMMAND}: key management for the secure transports.
 * {@code keys init DIR} makes a demo PKI (a CA and two node certificates,
 * "server" and "client", each with both the serverAuth and the clientAuth
 * purpose, PEM and PKCS#12) so that the TLS demo and tests need no external
 * tool; {@code keys iscl ...} manages ISCL keyrings ({@link KeysIsclCommand}).
 */
final class KeysCommand extends CommandGroup {

    KeysCommand() {
        super("keys", "make and manage keys and certificates (keys init DIR: a demo PKI for TLS)", "[arguments]",
                "Key management for the secure transports.");
        add("init", new Init());
        add("iscl", new KeysIsclCommand());
    }

    /** {@code keys init DIR}: writes the demo PKI with {@link DemoPki}. */
    static final class Init extends OptionCommand {

        /** Where a generated PKCS#12 password is kept (owner-only). */
        static final String PASSWORD_FILE = "password.txt";

        static final OptionParser OPTIONS = new OptionParser("keys init",
                "Make a demo PKI for TLS: a CA and two node certificates, server and client, each with both\n"
                        + "purposes serverAuth and clientAuth (a DICOM node accepts and requests associations; a\n"
                        + "Storage Commitment SCP reports as TLS client) and names localhost, 127.0.0.1, ::1;\n"
                        + "RSA 2048 / SHA-256, as PEM and PKCS#12.")
                .flag("force", 'f', "overwrite files of an earlier run")
                .value(TransportOptions.PASSWORD_FILE, '\0', "FILE",
                        "protect the PKCS#12 files with the password on the first line of FILE")
                .value(TransportOptions.PASSWORD_ENV, '\0', "VAR",
                        "protect the PKCS#12 files with the password in environment variable VAR")
                .value(TransportOptions.PASSWORD, '\0', "PASSWORD", "the PKCS#12 password in clear (prefer --password-file)")
                .positional("DIR", "the directory to write (created if absent)")
                .note("Without a password option, a random password is generated and stored in DIR/" + PASSWORD_FILE
                        + " (readable by the owner only); pass it on with --password-file DIR/" + PASSWORD_FILE + ".\n"
                        + "For demos and tests only: whoever can read DIR can impersonate both nodes.");

        Init() {
            super(OPTIONS, "write a demo CA and two node certificates (server and client purposes) into DIR");
        }

        @Override
        int run(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
            Path dir = Path.of(o.positional("DIR"));
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new CommandException(dir + " exists and is not a directory", 2, null);
            }
            char[] password = PasswordOptions.given(o, PasswordOptions.Names.DEFAULT, err, System::getenv);
            boolean generated = password == null;
            // every file init writes: DemoPki's, and the password file when the password is generated
            List<String> existing = Stream.concat(DemoPki.FILES.stream(), generated ? Stream.of(PASSWORD_FILE)
                    : Stream.empty()).filter(f -> Files.exists(dir.resolve(f))).toList();
            if (!existing.isEmpty() && !o.has("force")) {
                throw new CommandException(dir + " already holds " + String.join(", ", existing)
                        + "; refusing to overwrite (give --force to replace them)", 1, null);
            }
            DemoPki pki;
            try {
                pki = DemoPki.generate();
                Files.createDirectories(dir);
                if (generated) {
                    password = KeyFiles.writeNewPassword(dir.resolve(PASSWORD_FILE));
                }
                pki.write(dir, password);
            } finally {
                PasswordOptions.wipe(password);
            }
            if (!o.quiet()) {
                report(out, dir, pki, generated, existing.isEmpty() ? null : existing);
            }
            return 0;
        }

        private static void report(PrintStream out, Path dir, DemoPki pki, boolean generated, List<String> replaced) {
            out.println("demo PKI written to " + dir + (replaced != null ? " (replacing the earlier files)" : "") + ":");
            row(out, dir, "ca.pem", "CA certificate: the trust anchor (--trust) of both sides");
            row(out, dir, "ca.key", "CA private key, PKCS#8 PEM (owner-only; needed only to issue more)");
            row(out, dir, "server.pem", "node certificate 'server' (serverAuth + clientAuth), PEM (--cert)");
            row(out, dir, "server.key", "server private key, PKCS#8 PEM (owner-only; --key)");
            row(out, dir, "server.p12", "server key and chain, PKCS#12 (owner-only; --p12)");
            row(out, dir, "client.pem", "node certificate 'client' (serverAuth + clientAuth), PEM (--cert)");
            row(out, dir, "client.key", "client private key, PKCS#8 PEM (owner-only; --key)");
            row(out, dir, "client.p12", "client key and chain, PKCS#12 (owner-only; --p12)");
            row(out, dir, "truststore.p12", "the CA as a PKCS#12 trust store (--trust)");
            if (generated) {
                row(out, dir, PASSWORD_FILE, "the generated PKCS#12 password (owner-only; --password-file)");
            }
            out.println("certificates:");
            describe(out, "CA", pki.ca());
            describe(out, "server", pki.server());
            describe(out, "client", pki.client());
            out.println(generated
                    ? "PKCS#12 password: generated, stored in " + dir.resolve(PASSWORD_FILE) + " (mode 0600)"
                    : "PKCS#12 password: the one given");
            String pw = generated ? " --password-file " + dir.resolve(PASSWORD_FILE) : " --password-file FILE";
            out.println("use, for example:");
            out.println("  server: --tls bcp195-nd --p12 " + dir.resolve("server.p12") + pw + " --trust " + dir.resolve("ca.pem"));
            out.println("  client: --tls bcp195-nd --key " + dir.resolve("client.key") + " --cert "
                    + dir.resolve("client.pem") + " --trust " + dir.resolve("ca.pem"));
            out.println("demo only: whoever can read " + dir + " can impersonate both nodes.");
        }

        private static void row(PrintStream out, Path dir, String file, String what) {
            out.printf("  %-40s %s%n", dir.resolve(file), what);
        }

        private static void describe(PrintStream out, String role, KeyMaterial km) {
            X509Certificate c = km.certificate();
            out.printf("  %-7s %s, serial %s, valid until %s%n", role, c.getSubjectX500Principal().getName(),
                    c.getSerialNumber().toString(16), c.getNotAfter().toInstant());
            // what --allow-peer takes for the Online Electronic Storage profile
            out.printf("  %-7s SHA-256 %s%n", "", org.dicomsec.storage.PeerPolicy.fingerprint(c));
        }
    }
}
