package org.dicomsec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dicomsec.storage.AfterCommitment;
import org.dicomsec.storage.PeerPolicy;
import org.dicomsec.storage.ProfileViolationException;
import org.dicomsec.storage.SendIntent;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.TransferRules;
import org.dicomsec.storage.audit.AuditFailure;
import org.dicomsec.storage.audit.AuditTrail;
import org.dicomsec.storage.audit.FileAuditTrail;
import org.dicomsec.storage.net.OnlineStorageScp;
import org.dicomsec.storage.net.Outbox;
import org.dicomsec.storage.net.RemoteAe;
import org.dicomsec.storage.ReceiverSettings;
import org.dicomsec.storage.store.DiskOverlap;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.transport.TransportAcceptor;

/**
 * The Online Electronic Storage Secure Use Profile (PS3.15 A.1) in the {@code scp} and
 * {@code store} commands: {@code scp --profile online-storage} runs an
 * {@link OnlineStorageScp} over the command's transport; {@code store --commit / --as}
 * sends through an {@link OnlineStorageScu} with Storage Commitment and applies rule d.5 to
 * the files given.
 */
final class OnlineStorageCli {

    static final String PROFILE = "online-storage";

    private OnlineStorageCli() {
    }

    static OptionParser declarePolicy(OptionParser p) {
        return p.repeatable("peer-policy-oid", (char) 0, "OID",
                        "a peer whose certificate names this policy supports the profile (rules d.2, e.2)")
                .repeatable("allow-peer", (char) 0, "DN|SHA256|ENTITY",
                        "a peer that supports the profile: certificate subject DN, certificate SHA-256, or ISCL entity")
                .value("audit", (char) 0, "LOG", "audit trail file (RFC 3881 XML, one message a line)");
    }

    /** The options {@code scp} takes for the profile. */
    static OptionParser declareScp(OptionParser p) {
        return declarePolicy(p.value("profile", (char) 0, "NAME", "security profile: online-storage (PS3.15 A.1)"))
                .repeatable("remote-ae", (char) 0, "AE@HOST:PORT",
                        "where a Storage Commitment SCU is reached when its association is gone")
                .flag("only-conforming", (char) 0, "drop connections from peers not confirmed to support the profile")
                .flag("any-sop-class", (char) 0, "store any SOP class, private ones too, not only the storage SOP classes of the standard")
                .value("audit-failure", (char) 0, "open|closed",
                        "when the audit trail cannot record a reception: closed refuses the store (A700H), open "
                                + "stores and logs (default closed)");
    }

    /** The options {@code store} takes for the profile. */
    static OptionParser declareStore(OptionParser p) {
        return declarePolicy(p.flag("commit", (char) 0, "request Storage Commitment and apply rule d.5 to the files")
                .value("as", (char) 0, "original|copy", "send as the original (rule d) or as a copy (rules e, f)")
                .value("after-commit", (char) 0, "delete|ns|ac",
                        "what becomes of a file sent as original once committed (default ac: AO -> AC, OR -> NS)")
                .value("outbox", (char) 0, "DIR", "where originals wait for their commitment (default ~/.dicomsec/outbox)")
                .value("commit-timeout", (char) 0, "SECONDS", "how long to wait for the commitment result (default 60)")
                .value("listen", (char) 0, "[HOST:]PORT", "receive the commitment result on a new association the peer"
                        + " opens to this port (same transport and peer checks; the peer must know this AE's address)"));
    }

    /** True when the store command line asks for the profile (--commit or --as). */
    static boolean storeWanted(ParsedOptions o) {
        return o.has("commit") || o.has("as");
    }

    static PeerPolicy policy(ParsedOptions o) throws UsageException {
        PeerPolicy.Builder b = PeerPolicy.builder();
        try {
            for (String oid : o.values("peer-policy-oid")) {
                b.certificatePolicy(oid);
            }
            for (String v : o.values("allow-peer")) {
                b.allow(v);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return b.build();
    }

    private static AuditTrail audit(ParsedOptions o, Path def) throws CommandException {
        Path p = o.has("audit") ? Path.of(o.value("audit")) : def;
        try {
            return FileAuditTrail.create(p);
        } catch (IOException e) {
            throw new CommandException(p + ": cannot open the audit trail: " + Main.describe(e), 2, e);
        }
    }

    /** --audit-failure, and the disk threads plain scp uses (none under a small heap). */
    private static ReceiverSettings receiving(ParsedOptions o, int workers) throws UsageException {
        AuditFailure af = o.has("audit-failure")
                ? ParsedOptions.parse("--audit-failure: ", () -> AuditFailure.of(o.value("audit-failure")))
                : AuditFailure.DEFAULT;
        return ReceiverSettings.DEFAULT.withAuditFailure(af).withDisk(DiskOverlap.forWorkers(workers));
    }

    /** Threads made as needed, named {@code name-1}, {@code name-2} ..., that do not keep the JVM alive. */
    static ExecutorService daemonPool(String name) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static void requireProfile(ParsedOptions o) throws UsageException {
        if (!PROFILE.equals(o.value("profile"))) {
            throw new UsageException("--profile knows only " + PROFILE + ", not " + o.value("profile"));
        }
    }

    /**
     * Starts the profile's SCP from the scp command's options (the caller closes it): instance
     * store in --dir, audit trail in its audit.log unless --audit, N-EVENT-REPORTs on new
     * associations over the command's transport.
     */
    static OnlineStorageScp startScp(ParsedOptions o, PrintStream out) throws UsageException, CommandException {
        requireProfile(o);
        String dirArg = o.value("dir");
        if (dirArg == null) {
            throw new UsageException("option --dir is required (the instance store)");
        }
        Path dir = Path.of(dirArg).toAbsolutePath();
        ScpOptions scp = ScpOptions.from(o);
        String aet = EchoCommand.title(o, "aet", "ANY-SCP");
        TransportAcceptor acceptor = scp.listen();
        InstanceStore store;
        try {
            store = InstanceStore.open(dir);
        } catch (IOException e) {
            throw new CommandException(dir + ": cannot open the instance store: " + Main.describe(e), 2, e);
        }
        OnlineStorageScp.Builder b = OnlineStorageScp.builder(store, aet, acceptor,
                        audit(o, dir.resolve("audit.log")), daemonPool("dicomsec-commitment"))
                .peerPolicy(policy(o)).settings(scp.settings()).workers(scp.workers()).server(scp::limits)
                .onlyConformingPeers(o.has("only-conforming")).anySopClass(o.has("any-sop-class"))
                .receiverSettings(receiving(o, scp.workers()));
        if (scp.async() > 1) {
            b.concurrentStores(scp.async(), scp.stores());
        }
        for (String r : o.values("remote-ae")) {
            int at = r.indexOf('@');
            if (at <= 0) {
                throw new UsageException("--remote-ae wants AE@HOST:PORT, not " + r);
            }
            b.remoteAe(new RemoteAe(r.substring(0, at), HostPort.parse(r.substring(at + 1)), scp.transport().connector()));
        }
        OnlineStorageScp server = b.build();
        server.start();
        if (!o.quiet()) {
            out.println("Online Electronic Storage SCP " + aet + " listening on port " + server.localPort()
                    + " (" + scp.transport().describe() + "), instance store " + dir + ", audit trail "
                    + (o.has("audit") ? o.value("audit") : dir.resolve("audit.log")));
            if (!scp.transport().isTls() && !scp.transport().isIscl()) {
                out.println("note: plain TCP is not a Secure Transport Connection: every instance is stored as NS"
                        + " (PS3.15 A.1.1 rule f.2)");
            }
            out.flush();
        }
        return server;
    }

    /**
     * {@code store --commit / --as}: sends {@code files} by the profile's rules through the
     * {@link Outbox}, waits for the Storage Commitment result of the originals (on the association
     * of the request, or with {@code --listen} on a new association the peer opens) and prints
     * what rule d.5 did to each file. Exit status 0 when every file was stored (and committed).
     */
    static int store(ParsedOptions o, InetSocketAddress peer, String aet, String aec, AssociationSettings settings,
                     TransportOptions transport, List<Path> files, PrintStream out, PrintStream err)
            throws UsageException, CommandException {
        String as = o.value("as", o.has("commit") ? "original" : "copy").toLowerCase(Locale.ROOT);
        if (!as.equals("original") && !as.equals("copy")) {
            throw new UsageException("--as is original or copy, not " + as);
        }
        SendIntent intent = as.equals("original") ? SendIntent.TRANSFER_ORIGINAL : SendIntent.COPY;
        if (intent == SendIntent.TRANSFER_ORIGINAL && !o.has("commit")) {
            throw new UsageException("--as original needs --commit: the transfer of an original is confirmed by"
                    + " Storage Commitment (PS3.15 A.1.1 rule d.4)");
        }
        if (o.has("listen") && !o.has("commit")) {
            throw new UsageException("--listen receives the Storage Commitment result: it needs --commit");
        }
        try (Outbox outbox = openOutbox(o, aet, settings)) {
            TransportAcceptor listener = listener(o, transport);
            Outbox.Report r;
            try {
                r = outbox.send(new RemoteAe(aec, peer, transport.connector()), files, intent, listener);
            } catch (ProfileViolationException e) {
                throw new CommandException(e.getMessage(), 1, e);
            } catch (java.nio.file.NoSuchFileException | org.dicomsec.data.DicomCodecException e) {
                throw new CommandException("cannot take the files into the outbox: " + Main.describe(e), 2, e);
            } catch (IOException e) {
                throw EchoCommand.failure(peer, e);
            }
            return print(r, outbox, out, err);
        }
    }

    /** {@code --listen [HOST:]PORT}: the acceptor for the result association, over the command's transport. */
    static TransportAcceptor listener(ParsedOptions o, TransportOptions transport)
            throws UsageException, CommandException {
        if (!o.has("listen")) {
            return null;
        }
        String v = o.value("listen");
        int colon = v.lastIndexOf(':');
        java.net.InetAddress host = null;
        int port;
        try {
            port = Integer.parseInt(colon < 0 ? v : v.substring(colon + 1));
            if (colon > 0) {
                host = java.net.InetAddress.getByName(v.substring(0, colon).replace("[", "").replace("]", ""));
            }
        } catch (NumberFormatException | java.net.UnknownHostException e) {
            throw new UsageException("--listen wants [HOST:]PORT, not " + v);
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("--listen port out of range: " + port);
        }
        try {
            return transport.acceptor(host, port);
        } catch (IOException e) {
            throw new CommandException("cannot listen on " + v + " for the commitment result: " + Main.describe(e),
                    1, e);
        }
    }

    /** The outbox of the store / outbox commands: --outbox, --after-commit, --commit-timeout, policy, audit. */
    static Outbox openOutbox(ParsedOptions o, String aet, AssociationSettings settings)
            throws UsageException, CommandException {
        AfterCommitment after = switch (o.value("after-commit", "ac").toLowerCase(Locale.ROOT)) {
            case "delete" -> AfterCommitment.DELETE;
            case "ns" -> AfterCommitment.SET_NS;
            case "ac" -> AfterCommitment.SET_AC;
            default -> throw new UsageException("--after-commit is delete, ns or ac, not " + o.value("after-commit"));
        };
        int timeout = o.intValue("commit-timeout", 60, 1, 86_400);
        Path dir = Path.of(o.value("outbox", Outbox.defaultDirectory().toString())).toAbsolutePath();
        try {
            return Outbox.builder(dir, aet, audit(o, dir.resolve("audit.log"))).peerPolicy(policy(o))
                    .settings(settings).commitmentTimeout(Duration.ofSeconds(timeout))
                    .rules(new TransferRules(SopInstanceStatus.AC, false, after)).open();
        } catch (IOException e) {
            throw new CommandException(dir + ": cannot open the outbox: " + Main.describe(e), 2, e);
        }
    }

    /** Prints a report, one line a file; true when complete. */
    static int print(Outbox.Report r, Outbox outbox, PrintStream out, PrintStream err) {
        for (Outbox.FileOutcome f : r.files()) {
            String line = f.file() + ": " + f.detail();
            switch (f.state()) {
                case SENT -> out.println("sent " + line);
                case DELETED, DEMOTED -> out.println("committed " + line);
                case FAILED -> err.println("failed " + line);
                case NOT_COMMITTED -> err.println("not committed " + line);
                case WAITING -> err.println("waiting " + f.file() + ": no Storage Commitment result yet");
            }
        }
        if (r.transfer() != null && r.transfer().commitmentPending()) {
            err.println("no Storage Commitment result yet for transaction " + r.transfer().transactionUid()
                    + ": the originals stay unchanged and wait in the outbox " + outbox.directory()
                    + " (dicomsec outbox list / resume / discard)");
        }
        return r.isComplete() ? 0 : 1;
    }
}
