package org.dicomsec.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

import org.dicomsec.data.UID;
import org.dicomsec.storage.store.ReceivedFileWriter;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.AssociationAbortedException;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.CStoreHandler;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.net.DicomServer;

/**
 * {@code dicomsec scp [--port P] [--aet A] --dir D}: a Storage SCP (any storage SOP class, the
 * uncompressed and common compressed transfer syntaxes) and Verification SCP over plain TCP.
 * Each instance is written durably before success is answered: into a temporary file in D,
 * forced to disk, renamed atomically to {@code <SOP Instance UID>.dcm} (a PS3.10 file with meta
 * information), and the folder forced too. When anything fails, the temporary file is deleted
 * and a failure status (A700 out of resources) is answered: nothing half-written is kept.
 */
final class ScpCommand implements Main.Command {

    static final OptionParser OPTIONS = OnlineStorageCli.declareScp(TransportOptions.declare(new OptionParser("scp",
            "Runs a Storage SCP and Verification SCP that writes each received instance to DIR as\n"
                    + "<SOP Instance UID>.dcm (durably: temporary file, fsync, atomic rename) before\n"
                    + "answering success. Stops on Ctrl-C.")
            .value("port", 'p', "PORT", "TCP port to listen on (default 11112 plain, 2762 TLS, 2761 ISCL)")
            .value("aet", 'a', "AE", "our AE title; requests calling another are rejected (default: any)")
            .value("dir", 'd', "DIR", "folder for received instances (required, created if missing)")
            .value("workers", 'w', "N", "associations served at once (default 8)")
            .value("async", '\0', "N", "C-STOREs of one association stored at once, when its SCU negotiates it (default 8)")
            .value("max-pdu", 'm', "N", TransportOptions.MAX_PDU_HELP)
            .value("timeout", 't', "SECONDS", "ARTIM and idle read timeout (default 60)")
            .note("examples:\n  dicomsec scp --dir received\n  dicomsec scp --port 104 --aet ARCHIVE --dir /srv/dicom\n"
                    + "  dicomsec scp --tls bcp195-nd --key server.key --cert server.pem --trust ca.pem --dir received    (port 2762)\n"
                    + "  dicomsec scp --iscl --keyring scp.keyring --password-file pw --entity ARCHIVE --dir received    (port 2761)\n"
                    + "  dicomsec scp --profile online-storage --p12 server.p12 --password-file pw --trust ca.pem \\\n"
                    + "      --allow-peer CN=modality,O=hospital --dir store    (Online Electronic Storage, PS3.15 A.1)")));

    /** Transfer syntaxes accepted for storage: uncompressed first, then encapsulated ones stored as received. */
    static final String[] TRANSFER_SYNTAXES = {UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian,
        UID.ExplicitVRBigEndian, UID.DeflatedExplicitVRLittleEndian, UID.JPEGBaseline8Bit, UID.JPEGExtended12Bit,
        UID.JPEGLossless, UID.JPEGLosslessSV1, UID.JPEGLSLossless, UID.JPEGLSNearLossless, UID.JPEG2000Lossless,
        UID.JPEG2000, UID.RLELossless, UID.HTJ2KLossless, UID.HTJ2KLosslessRPCL, UID.HTJ2K};

    @Override
    public String summary() {
        return "run a Storage SCP that writes received instances durably to a folder";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        ParsedOptions o = OPTIONS.parse(args);
        if (o.helpRequested()) {
            out.print(OPTIONS.help());
            return 0;
        }
        if (o.has("profile")) {
            return OnlineStorageCli.runScp(o, out); // the Online Electronic Storage SCP (PS3.15 A.1)
        }
        for (String only : new String[] {"allow-peer", "peer-policy-oid", "remote-ae", "only-conforming"}) {
            if (o.has(only)) {
                throw new UsageException("--" + only + " goes with --profile online-storage");
            }
        }
        DicomServer server = start(o, out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** Parses the options and starts the server (the caller closes it). */
    static DicomServer start(ParsedOptions o, PrintStream out) throws UsageException, CommandException {
        String dirArg = o.value("dir");
        if (dirArg == null) {
            throw new UsageException("option --dir is required");
        }
        Path dir = Path.of(dirArg).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CommandException(dir + ": cannot create: " + Main.describe(e), 2, e);
        }
        TransportOptions transport = TransportOptions.from(o, System.err);
        int port = transport.port(o.has("port") ? o.intValue("port", -1, 0, 65535) : -1);
        int workers = o.intValue("workers", 8, 1, 1024);
        int timeout = o.intValue("timeout", 60, 1, 3600) * 1000;
        int maxPdu = transport.maxPdu(o);
        AcceptorPolicy.Builder policy = AcceptorPolicy.builder()
                .abstractSyntax(UID.Verification, UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian,
                        UID.ExplicitVRBigEndian)
                .anyAbstractSyntax(TRANSFER_SYNTAXES);
        if (o.has("aet")) {
            policy.calledAeTitles(EchoCommand.title(o, "aet", null));
        }
        AssociationSettings settings = AssociationSettings.DEFAULT.withMaxPduLength(maxPdu)
                .withReadTimeoutMillis(timeout).withArtimTimeout(java.time.Duration.ofMillis(timeout));
        int async = o.intValue("async", 8, 1, 64);
        DimseHandlers.Builder hb = DimseHandlers.builder().cstore(storer(dir, o.quiet() ? null : out, disk(workers * async)));
        DimseHandlers handlers = (async > 1 ? hb.concurrentStores(async, stores(workers * async)) : hb).build();
        DicomServer server;
        try {
            server = new DicomServer(transport.acceptor(null, port), policy.build(), handlers, settings, workers);
        } catch (IOException e) {
            throw new CommandException("cannot listen on port " + port + ": " + Main.describe(e), 1, e);
        }
        server.start();
        if (!o.quiet()) {
            out.println("listening on port " + server.localPort() + " (" + transport.describe() + ")"
                    + (o.has("aet") ? " as " + o.value("aet") : "")
                    + ", storing into " + dir);
            out.flush();
        }
        return server;
    }

    /** The threads of concurrent C-STOREs (PS3.7 D.3.3.3 window above 1), started when needed. */
    static java.util.concurrent.Executor stores(int threads) {
        return ReceivedFileWriter.diskExecutor(threads, "dicomsec-store");
    }

    /** Below this heap the SCP writes in the association's thread (64 KiB per C-STORE, not 2 MiB). */
    static final long OVERLAP_MIN_HEAP = 256L << 20;

    /**
     * The disk threads of {@link ReceivedFileWriter}, at most two per worker (a write and a force
     * of the data set it receives), started when needed; null (write in the
     * association's thread) when the heap is under {@link #OVERLAP_MIN_HEAP}, as on a small device
     * (docs/constrained-devices.md), where two 1 MiB blocks per concurrent C-STORE would weigh.
     */
    static java.util.concurrent.Executor disk(int workers) {
        return Runtime.getRuntime().maxMemory() >= OVERLAP_MIN_HEAP
                ? ReceivedFileWriter.diskExecutor(2 * workers, "dicomsec-disk") : null;
    }

    /**
     * The C-STORE handler writing durably into {@code dir}: the disk work of each data set runs
     * on {@code disk} (null: in the association's thread), overlapping its reception.
     */
    static CStoreHandler storer(Path dir, PrintStream log, java.util.concurrent.Executor disk) {
        return (a, pc, rq, in) -> {
            String uid = rq.affectedSopInstanceUid();
            if (!UID.isValid(uid)) {
                // the UID becomes a file name: only digits and dots may pass
                in.transferTo(OutputStream.nullOutputStream());
                return new Status(Status.CANNOT_UNDERSTAND, "SOP Instance UID is not a valid UID");
            }
            Path target = dir.resolve(uid + ".dcm");
            Path tmp = null;
            try {
                tmp = Files.createTempFile(dir, "." + uid + ".", ".part");
                long n = ReceivedFileWriter.write(tmp, rq.affectedSopClassUid(), uid, pc.transferSyntax(), in, disk);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                tmp = null;
                forceDirectory(dir);
                if (log != null) {
                    synchronized (log) {
                        log.println("stored " + target.getFileName() + " (" + n + " bytes) from " + a.callingAeTitle());
                        log.flush();
                    }
                }
                return Status.OK;
            } catch (AssociationAbortedException e) {
                throw e;
            } catch (IOException e) {
                if (!a.isEstablished()) {
                    throw e; // the association is gone: nothing to answer
                }
                return new Status(Status.OUT_OF_RESOURCES, "not stored: " + Main.describe(e));
            } finally {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            }
        };
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // not every platform can open a folder for sync; the file itself is forced
        }
    }
}
