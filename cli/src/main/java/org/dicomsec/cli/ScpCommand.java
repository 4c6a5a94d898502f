package org.dicomsec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

import org.dicomsec.data.UID;
import org.dicomsec.storage.folder.FolderScp;
import org.dicomsec.storage.net.OnlineStorageScp;
import org.dicomsec.storage.store.DiskOverlap;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.net.DicomServer;

/**
 * {@code dicomsec scp [--port P] [--aet A] --dir D}: a Storage SCP (any storage SOP class, the
 * uncompressed and common compressed transfer syntaxes) and Verification SCP over plain TCP.
 * The storing is {@link FolderScp}'s (decoded while written, UIDs cross-checked, durable before
 * success, nothing half-written kept); this class parses the options and prints.
 */
final class ScpCommand extends OptionCommand {

    static final OptionParser OPTIONS = OnlineStorageCli.declareScp(TransportOptions.declare(new OptionParser("scp",
            "Runs a Storage SCP and Verification SCP that writes each received instance to DIR as\n"
                    + "<SOP Instance UID>.dcm durably (a sealed file forced, then linked or renamed to its\n"
                    + "name; see docs/conformance-statement.md) before answering success. Stops on Ctrl-C:\n"
                    + "associations in progress get up to " + DicomServer.DEFAULT_CLOSE_GRACE.toSeconds()
                    + " s (--stop-grace) to end, then they are aborted.")
            .value("port", 'p', "PORT", "TCP port to listen on (default 11112 plain, 2762 TLS, 2761 ISCL)")
            .value("aet", 'a', "AE", "our AE title; requests calling another are rejected (default: any)")
            .value("dir", 'd', "DIR", "folder for received instances (required, created if missing)")
            .value("workers", 'w', "N", "associations served at once (default 8)")
            .value("async", '\0', "N", "C-STOREs of one association stored at once, when its SCU negotiates it (default 8)")
            .value("max-pdu", 'm', "N", TransportOptions.MAX_PDU_HELP)
            .value("timeout", 't', "SECONDS", "ARTIM and idle read timeout (default 60)")
            .value("handshake-timeout", '\0', "SECONDS", "deadline of a connection's whole set-up: transport handshake\n"
                    + "and A-ASSOCIATE-RQ, however slowly bytes arrive (default "
                    + DicomServer.DEFAULT_SETUP_TIMEOUT_SECONDS + ")")
            .value("pdu-timeout", '\0', "SECONDS", "deadline of each PDU from its first byte to its last\n"
                    + "(default: --timeout; 0: none)")
            .value("stop-grace", '\0', "SECONDS", "when stopped (Ctrl-C, TERM): how long associations in progress\n"
                    + "have to end before they are aborted (default " + DicomServer.DEFAULT_CLOSE_GRACE.toSeconds()
                    + "; 0: aborted at once)")
            .value("max-pending", '\0', "N", "connections in set-up at once; beyond, the oldest is closed (default "
                    + DicomServer.DEFAULT_MAX_PENDING + ")")
            .value("max-pending-per-host", '\0', "N", "the same per source address (default "
                    + DicomServer.DEFAULT_MAX_PENDING_PER_HOST + "; 0: --max-pending only)")
            .note("examples:\n  dicomsec scp --dir received\n  dicomsec scp --port 104 --aet ARCHIVE --dir /srv/dicom\n"
                    + "  dicomsec scp --tls bcp195-nd --key server.key --cert server.pem --trust ca.pem --dir received    (port 2762)\n"
                    + "  dicomsec scp --iscl --keyring scp.keyring --password-file pw --entity ARCHIVE --dir received    (port 2761)\n"
                    + "  dicomsec scp --profile online-storage --p12 server.p12 --password-file pw --trust ca.pem \\\n"
                    + "      --allow-peer CN=modality,O=hospital --dir store    (Online Electronic Storage, PS3.15 A.1)")));

    ScpCommand() {
        super(OPTIONS, "run a Storage SCP that writes received instances durably to a folder");
    }

    @Override
    int run(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
        // a first run stopped before it served keeps no recording (Main.keepTrainingOnSignal): set
        // before the server listens, as a signal may come as soon as it says so
        AtomicReference<IntSupplier> served = new AtomicReference<>(() -> 0);
        Main.keepTrainingOnSignal = () -> served.get().getAsInt() > 0;
        Duration grace = Duration.ofSeconds(o.intValue("stop-grace", (int) DicomServer.DEFAULT_CLOSE_GRACE.toSeconds(),
                0, 3600));
        if (o.has("profile")) {
            OnlineStorageScp scp = OnlineStorageCli.startScp(o, out); // the Online Electronic Storage SCP (PS3.15 A.1)
            served.set(scp::associationsServed);
            return serve(() -> scp.close(grace), scp::activeAssociations, grace, err);
        }
        for (String only : new String[] {"allow-peer", "peer-policy-oid", "remote-ae", "only-conforming"}) {
            if (o.has(only)) {
                throw new UsageException("--" + only + " goes with --profile online-storage");
            }
        }
        DicomServer server = start(o, out, served);
        return serve(() -> server.close(grace), server::activeAssociations, grace, err);
    }

    /**
     * Serves until the process is stopped (Ctrl-C, a signal), then runs {@code close}, which gives
     * the associations in progress {@code grace} to end before it aborts them; says so first on
     * {@code err}, so that the wait is not taken for a hang. Exit status 0.
     */
    private static int serve(Runnable close, IntSupplier active, Duration grace, PrintStream err)
            throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int n = active.getAsInt();
            if (n > 0 && grace.isZero()) {
                err.println("dicomsec scp: stopping: " + (n == 1 ? "1 association in progress is" : n
                        + " associations in progress are") + " aborted (--stop-grace 0; what was not yet answered"
                        + " is not stored)");
                err.flush();
            } else if (n > 0) {
                err.println("dicomsec scp: stopping: " + (n == 1 ? "1 association in progress has" : n
                        + " associations in progress have") + " up to " + grace.toSeconds()
                        + " s to end, then " + (n == 1 ? "it is" : "they are") + " aborted (what was not yet "
                        + "answered is not stored)");
                err.flush();
            }
            close.run();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** Parses the options and starts the server (the caller closes it). */
    static DicomServer start(ParsedOptions o, PrintStream out) throws UsageException, CommandException {
        return start(o, out, null);
    }

    /** As {@link #start(ParsedOptions, PrintStream)}; {@code served} (may be null) set to the server's count before it listens. */
    private static DicomServer start(ParsedOptions o, PrintStream out, AtomicReference<IntSupplier> served)
            throws UsageException, CommandException {
        String dirArg = o.value("dir");
        if (dirArg == null) {
            throw new UsageException("option --dir is required");
        }
        ScpOptions scp = ScpOptions.from(o);
        AcceptorPolicy.Builder policy = FolderScp.acceptorPolicy();
        if (o.has("aet")) {
            policy.calledAeTitles(EchoCommand.title(o, "aet", null));
        }
        // the port next: a start that fails on it (in use, not allowed) leaves no --dir behind either
        org.dicomsec.ul.transport.TransportAcceptor acceptor = scp.listen();
        FolderScp folder;
        try {
            folder = FolderScp.open(Path.of(dirArg), true);
        } catch (IOException e) {
            try {
                acceptor.close();
            } catch (IOException ignored) {
                // failing anyway
            }
            throw new CommandException(Main.describe(e), 2, e);
        }
        PrintStream log = o.quiet() ? null : out;
        DimseHandlers.Builder hb = DimseHandlers.builder().cstore(folder.handler(
                DiskOverlap.forWorkers(scp.workers() * scp.async()), log == null ? null : s -> {
                    synchronized (log) {
                        log.println("stored " + s.file().getFileName() + " (" + s.dataSetBytes() + " bytes) from "
                                + s.callingAeTitle());
                        log.flush();
                    }
                }));
        DimseHandlers handlers = (scp.async() > 1 ? hb.concurrentStores(scp.async(), scp.stores()) : hb).build();
        DicomServer server = scp.limits(DicomServer.builder(acceptor).policy(policy.build()).handlers(handlers))
                .whenClosed(folder::close).build();
        if (served != null) {
            served.set(server::associationsServed);
        }
        server.start();
        if (!o.quiet()) {
            if (folder.orphansRemoved() > 0) {
                out.println("removed " + folder.orphansRemoved() + " partial file(s) left by an interrupted store");
            }
            out.println("listening on port " + server.localPort() + " (" + scp.transport().describe() + ")"
                    + (o.has("aet") ? " as " + o.value("aet") : "")
                    + ", storing into " + folder.folder());
            out.flush();
        }
        return server;
    }
}
