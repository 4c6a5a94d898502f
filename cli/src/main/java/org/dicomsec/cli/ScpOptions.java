package org.dicomsec.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;

import org.dicomsec.storage.store.ReceivedFileWriter;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.net.DicomServer;
import org.dicomsec.ul.transport.TransportAcceptor;

/**
 * What both SCPs of the {@code scp} command (a folder, or {@code --profile online-storage})
 * read the same way: the transport, the port, associations served at once, the asynchronous
 * operations window, the association settings and the server's connection limits.
 */
record ScpOptions(TransportOptions transport, int port, int workers, int async, AssociationSettings settings,
                  int maxPending, int maxPendingPerHost, Duration setupTimeout, Duration pduTimeout) {

    /** Reads them; the transport's keys and certificates first, so a start failing on them leaves nothing behind. */
    static ScpOptions from(ParsedOptions o) throws UsageException, CommandException {
        TransportOptions transport = TransportOptions.from(o, System.err);
        int timeout = o.intValue("timeout", 60, 1, 3600);
        return new ScpOptions(transport, transport.port(o.has("port") ? o.intValue("port", -1, 0, 65535) : -1),
                o.intValue("workers", 8, 1, 1024), o.intValue("async", 8, 1, 64),
                AssociationSettings.DEFAULT.withMaxPduLength(transport.maxPdu(o)).withReadTimeoutMillis(timeout * 1000)
                        .withArtimTimeout(Duration.ofSeconds(timeout)),
                o.intValue("max-pending", DicomServer.DEFAULT_MAX_PENDING, 1, 100_000),
                o.intValue("max-pending-per-host", DicomServer.DEFAULT_MAX_PENDING_PER_HOST, 0, 100_000),
                Duration.ofSeconds(o.intValue("handshake-timeout", DicomServer.DEFAULT_SETUP_TIMEOUT_SECONDS, 1, 3600)),
                Duration.ofSeconds(o.intValue("pdu-timeout", timeout, 0, 3600)));
    }

    /** Listens on the port (all interfaces). */
    TransportAcceptor listen() throws UsageException, CommandException {
        try {
            return transport.acceptor(null, port);
        } catch (IOException e) {
            throw new CommandException("cannot listen on port " + port + ": " + Main.describe(e), 1, e);
        }
    }

    /** The server's limits and deadlines (and settings, workers) onto {@code b}. */
    DicomServer.Builder limits(DicomServer.Builder b) {
        return b.settings(settings).workers(workers).maxPending(maxPending).maxPendingPerHost(maxPendingPerHost)
                .setupTimeout(setupTimeout).pduTimeout(pduTimeout);
    }

    /** The threads of concurrent C-STOREs (PS3.7 D.3.3.3 window above 1), started when needed; null for 1. */
    Executor stores() {
        return async > 1 ? ReceivedFileWriter.diskExecutor(workers * async, "dicomsec-store") : null;
    }
}
