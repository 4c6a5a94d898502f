package org.dicomsec.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Experiment (docs/constrained-devices.md, "The option parser"): the top level
 * and two commands, {@code echo} and {@code status}, declared with picocli 4.7.7
 * under the same option names, to measure start-up and size against
 * {@link OptionParser}. The commands' work is the existing classes'.
 */
@Command(name = "dicomsec", mixinStandardHelpOptions = true, versionProvider = PicoMain.Version.class,
        subcommands = {PicoMain.Echo.class, PicoMain.Status.class},
        description = "DICOM Security Profiles: the dicomsec command (picocli experiment)")
public final class PicoMain implements Callable<Integer> {

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dicomsec " + Main.version()};
        }
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return 2;
    }

    /** The transport options every network command shares. */
    static final class TransportMixin {
        @Option(names = "--tls", paramLabel = "PROFILE", description = "TLS Secure Transport Connection Profile")
        String tls;
        @Option(names = "--key", paramLabel = "FILE", description = "own private key, PEM; with --cert")
        String key;
        @Option(names = "--cert", paramLabel = "FILE", description = "own certificate chain, PEM, leaf first")
        String cert;
        @Option(names = "--p12", paramLabel = "FILE", description = "own key and chain as PKCS#12")
        String p12;
        @Option(names = "--password-file", paramLabel = "FILE", description = "the password from the first line of FILE")
        String passwordFile;
        @Option(names = "--password-env", paramLabel = "VAR", description = "the password from environment variable VAR")
        String passwordEnv;
        @Option(names = "--password", paramLabel = "PASSWORD", description = "the password in clear")
        String password;
        @Option(names = "--trust", paramLabel = "FILE", description = "trusted CA certificates")
        List<String> trust = new ArrayList<>();
        @Option(names = "--crl", paramLabel = "FILE", description = "certificate revocation list(s), PEM")
        List<String> crl = new ArrayList<>();
        @Option(names = "--no-peer-cert-check", description = "accept a peer without a valid certificate")
        boolean noPeerCertCheck;
        @Option(names = "--verify-host", description = "check the server certificate's subjectAltName")
        boolean verifyHost;
        @Option(names = "--iscl", description = "ISCL Secure Transport Connection Profile (PS3.15 B.2)")
        boolean iscl;
        @Option(names = "--keyring", paramLabel = "FILE", description = "ISCL keyring")
        String keyring;
        @Option(names = "--entity", paramLabel = "NAME", description = "own ISCL entity name")
        String entity;
        @Option(names = "--peer-entity", paramLabel = "NAME", description = "ISCL entity of the peer")
        String peerEntity;
        @Option(names = "--privacy", description = "require DES-CBC privacy (ISCL)")
        boolean privacy;
        @Option(names = "--integrity", paramLabel = "MECH", description = "ISCL integrity: des-mac or md5-des")
        String integrity;
        @Option(names = "--md5-order", paramLabel = "1|2", description = "ISCL MD5+DES order this side sends with")
        String md5Order;

        void addTo(List<String> args) {
            add(args, "--tls", tls);
            add(args, "--key", key);
            add(args, "--cert", cert);
            add(args, "--p12", p12);
            add(args, "--password-file", passwordFile);
            add(args, "--password-env", passwordEnv);
            add(args, "--password", password);
            trust.forEach(t -> add(args, "--trust", t));
            crl.forEach(c -> add(args, "--crl", c));
            flag(args, "--no-peer-cert-check", noPeerCertCheck);
            flag(args, "--verify-host", verifyHost);
            flag(args, "--iscl", iscl);
            add(args, "--keyring", keyring);
            add(args, "--entity", entity);
            add(args, "--peer-entity", peerEntity);
            flag(args, "--privacy", privacy);
            add(args, "--integrity", integrity);
            add(args, "--md5-order", md5Order);
        }
    }

    static void add(List<String> args, String name, String value) {
        if (value != null) {
            args.add(name);
            args.add(value);
        }
    }

    static void flag(List<String> args, String name, boolean set) {
        if (set) {
            args.add(name);
        }
    }

    static int runOld(Main.Command c, List<String> args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        return c.run(args.toArray(new String[0]), out, System.err);
    }

    @Command(name = "echo", mixinStandardHelpOptions = true,
            description = {"Opens an association with HOST:PORT, sends a C-ECHO (Verification) and prints the",
                "negotiated parameters and the round-trip time."})
    static final class Echo implements Callable<Integer> {
        @Option(names = {"-a", "--aet"}, paramLabel = "AE", description = "calling AE title (default DICOMSEC)")
        String aet;
        @Option(names = {"-c", "--aec"}, paramLabel = "AE", description = "called AE title (default ANY-SCP)")
        String aec;
        @Option(names = {"-m", "--max-pdu"}, paramLabel = "N", description = "maximum PDU length to announce")
        Integer maxPdu;
        @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "timeout (default 30)")
        Integer timeout;
        @Option(names = {"-q", "--quiet"}, description = "print only the result")
        boolean quiet;
        @Option(names = {"-v", "--verbose"}, description = "more detail, stack traces")
        boolean verbose;
        @CommandLine.Mixin
        TransportMixin transport = new TransportMixin();
        @Parameters(paramLabel = "HOST:PORT", description = "the peer")
        String peer;

        @Override
        public Integer call() throws Exception {
            List<String> args = new ArrayList<>();
            add(args, "--aet", aet);
            add(args, "--aec", aec);
            add(args, "--max-pdu", maxPdu == null ? null : maxPdu.toString());
            add(args, "--timeout", timeout == null ? null : timeout.toString());
            flag(args, "--quiet", quiet);
            flag(args, "--verbose", verbose);
            transport.addTo(args);
            args.add(peer);
            return runOld(new EchoCommand(), args);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Prints the SOP Instance Status (0100,0410) of FILE and its companions.")
    static final class Status implements Callable<Integer> {
        @Option(names = "--json", description = "print the attributes as JSON")
        boolean json;
        @Option(names = {"-q", "--quiet"}, description = "print only the status")
        boolean quiet;
        @Parameters(paramLabel = "FILE", description = "a DICOM file")
        String file;

        @Override
        public Integer call() throws Exception {
            List<String> args = new ArrayList<>();
            flag(args, "--json", json);
            flag(args, "--quiet", quiet);
            args.add(file);
            return runOld(new StatusCommand(), args);
        }
    }

    public static void main(String[] args) {
        Main.quietLogging(false);
        System.exit(new CommandLine(new PicoMain()).execute(args));
    }
}
