package org.dicomsec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dicomsec.storage.ProfileViolationException;
import org.dicomsec.storage.net.Outbox;
import org.dicomsec.storage.net.RemoteAe;
import org.dicomsec.ul.transport.TransportAcceptor;

/**
 * {@code dicomsec outbox list|resume|discard}: the transactions {@code store --commit} left open
 * (no result within the timeout, a crash), read from the outbox's durable journal ({@link Outbox};
 * default {@code ~/.dicomsec/outbox}). {@code list} shows them with their files; {@code resume}
 * first finishes files whose result arrived late, then, given the peer, requests Storage
 * Commitment again and applies rule d.5; {@code discard TX} gives a transaction up (the files stay
 * the originals).
 */
final class OutboxCommand extends OptionCommand {

    static final OptionParser OPTIONS = OnlineStorageCli.declarePolicy(TransportOptions.declare(new OptionParser(
            "outbox", "Shows and finishes the Storage Commitment transactions store --commit left open:\n"
            + "  list                      the open transactions and their files\n"
            + "  resume [HOST:PORT]        finish late results; with the peer, request commitment again\n"
            + "  discard TX...             give transactions up: the files stay the originals, unchanged")
            .value("outbox", (char) 0, "DIR", "the outbox (default ~/.dicomsec/outbox)")
            .value("transaction", (char) 0, "UID", "resume only this transaction")
            .value("after-commit", (char) 0, "delete|ns|ac",
                    "what becomes of a file once committed (default ac: AO -> AC, OR -> NS)")
            .value("commit-timeout", (char) 0, "SECONDS", "how long to wait for the result (default 60)")
            .value("listen", (char) 0, "[HOST:]PORT", "receive the result on a new association to this port")
            .value("aet", 'a', "AE", "calling AE title (default DICOMSEC)")
            .value("aec", 'c', "AE", "called AE title (default: the AE the originals went to)")
            .value("max-pdu", 'm', "N", TransportOptions.MAX_PDU_HELP)
            .value("timeout", 't', "SECONDS", "connect, ARTIM and response timeout (default 30)")
            .positional("ACTION", "list, resume or discard")
            .remainingPositionals("ARG", "resume: HOST:PORT of the peer; discard: Transaction UIDs", false)
            .note("examples:\n  dicomsec outbox list\n"
                    + "  dicomsec outbox resume --tls bcp195-nd --p12 node.p12 --password-file pw --trust ca.pem \\\n"
                    + "      --listen 11113 archive:2762\n  dicomsec outbox discard 2.25.1234")));

    OutboxCommand() {
        super(OPTIONS, "list, resume or discard Storage Commitment transactions left open in the outbox");
    }

    @Override
    int run(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
        String action = o.positional("ACTION");
        List<String> rest = o.positionalsFrom("ARG");
        String aet = EchoCommand.title(o, "aet", "DICOMSEC");
        switch (action) {
            case "list" -> {
                if (!rest.isEmpty()) {
                    throw new UsageException("outbox list takes no argument");
                }
                try (Outbox outbox = OnlineStorageCli.openOutbox(o, aet, org.dicomsec.ul.AssociationSettings.DEFAULT)) {
                    return list(outbox, out);
                }
            }
            case "discard" -> {
                if (rest.isEmpty()) {
                    throw new UsageException("outbox discard wants the Transaction UIDs (see outbox list)");
                }
                int status = 0;
                try (Outbox outbox = OnlineStorageCli.openOutbox(o, aet, org.dicomsec.ul.AssociationSettings.DEFAULT)) {
                    for (String tx : rest) {
                        if (outbox.discard(tx)) {
                            out.println("discarded " + tx + ": its files stay the originals, unchanged");
                        } else {
                            err.println("dicomsec outbox: no open transaction " + tx);
                            status = 1;
                        }
                    }
                }
                return status;
            }
            case "resume" -> {
                if (rest.size() > 1) {
                    throw new UsageException("outbox resume takes at most one HOST:PORT");
                }
                return resume(o, aet, rest.isEmpty() ? null : HostPort.parse(rest.get(0)), out, err);
            }
            default -> throw new UsageException("unknown action '" + action + "': list, resume or discard");
        }
    }

    private static int list(Outbox outbox, PrintStream out) throws IOException {
        List<Outbox.Pending> pending = outbox.pending();
        if (pending.isEmpty()) {
            out.println("no open transaction in " + outbox.directory());
            return 0;
        }
        for (Outbox.Pending p : pending) {
            out.println("transaction " + p.entry().transactionUid() + " to " + p.entry().peerAeTitle() + " ("
                    + p.entry().peerIdentity() + "), " + p.entry().originals().size() + " original(s):");
            for (Map.Entry<String, Path> f : p.files().entrySet()) {
                out.println("  " + (f.getValue() == null ? "(no file recorded)" : f.getValue()) + "  " + f.getKey());
            }
        }
        return 0;
    }

    private static int resume(ParsedOptions o, String aet, InetSocketAddress peer, PrintStream out, PrintStream err)
            throws Exception {
        TransportOptions transport = peer == null ? null : TransportOptions.from(o, err);
        var settings = transport == null ? org.dicomsec.ul.AssociationSettings.DEFAULT
                : EchoCommand.settings(o, transport);
        int status = 0;
        try (Outbox outbox = OnlineStorageCli.openOutbox(o, aet, settings)) {
            String tx = o.value("transaction");
            RemoteAe to = null;
            TransportAcceptor listener = null;
            if (peer != null) {
                String aec = o.has("aec") ? EchoCommand.title(o, "aec", "ANY-SCP")
                        : outbox.peerAeTitle(tx).orElse("ANY-SCP");
                to = new RemoteAe(aec, peer, transport.connector());
                listener = OnlineStorageCli.listener(o, transport);
            }
            List<Outbox.Report> reports;
            try {
                reports = outbox.resume(to, tx, listener);
            } catch (ProfileViolationException e) {
                throw new CommandException(e.getMessage(), 1, e);
            } catch (IOException e) {
                throw peer == null ? new CommandException(Main.describe(e), 2, e) : EchoCommand.failure(peer, e);
            }
            for (Outbox.Report r : reports) {
                status = Math.max(status, OnlineStorageCli.print(r, outbox, out, err));
            }
            if (reports.isEmpty()) {
                out.println(peer == null ? "nothing to finish; give HOST:PORT to request commitment again"
                        : "no open transaction");
            }
            int left = outbox.pending().size();
            if (left > 0) {
                err.println(left + " transaction(s) still open in " + outbox.directory());
                status = Math.max(status, 1);
            }
        }
        return status;
    }
}
