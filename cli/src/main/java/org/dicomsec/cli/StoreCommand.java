package org.dicomsec.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.DicomFiles;
import org.dicomsec.ul.FileSender;
import org.dicomsec.ul.dimse.CStoreRsp;

/**
 * {@code dicomsec store [options] HOST:PORT FILE|DIR...}: C-STORE of DICOM files (folders
 * recursively) over plain TCP. Each file's data set goes to the wire as it is in the file, in its
 * own transfer syntax: one presentation context is proposed per (SOP class, transfer syntax)
 * met. A progress line (files, bytes, MB/s) is drawn only when the console is a terminal; a
 * summary follows at the end. Exit status 0 when every file was stored, 1 otherwise.
 */
final class StoreCommand extends OptionCommand {

    static final OptionParser OPTIONS = OnlineStorageCli.declareStore(TransportOptions.declare(new OptionParser("store",
            "Sends DICOM files (folders recursively) to HOST:PORT with C-STORE, each in its own\n"
                    + "transfer syntax, and prints a summary. Files that are not DICOM and a DICOMDIR\n"
                    + "(a file-set's directory, as on a CD) are skipped and named.")
            .value("aet", 'a', "AE", "calling AE title (default DICOMSEC)")
            .value("aec", 'c', "AE", "called AE title (default ANY-SCP)")
            .value("max-pdu", 'm', "N", TransportOptions.MAX_PDU_HELP)
            .value("timeout", 't', "SECONDS", "connect, ARTIM and response timeout (default 30)")
            .value("async", '\0', "N", "C-STORE requests kept outstanding when the SCP negotiates an asynchronous\n"
                    + "operations window (PS3.7 D.3.3.3); 1 = wait for each response (default 8)")
            .positional("HOST:PORT", "the Storage SCP")
            .remainingPositionals("FILE", "DICOM files or folders", true)
            .note("examples:\n  dicomsec store localhost:11112 image.dcm\n"
                    + "  dicomsec store --aec PACS --max-pdu 65536 pacs.example:104 study/\n"
                    + "  dicomsec store --key client.key --cert client.pem --trust ca.pem pacs.example:2762 ct.dcm\n"
                    + "  dicomsec store --commit --after-commit ac --p12 client.p12 --password-file pw --trust ca.pem \\\n"
                    + "      --allow-peer CN=archive,O=hospital archive:2762 original.dcm    (Online Electronic Storage)")));

    /** Requests kept outstanding by default when the SCP agrees (docs/benchmarks.md, pipelining). */
    static final int DEFAULT_ASYNC = 8;

    StoreCommand() {
        super(OPTIONS, "send DICOM files and folders with C-STORE");
    }

    @Override
    int run(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
        InetSocketAddress peer = HostPort.parse(o.positional("HOST:PORT"));
        TransportOptions transport = TransportOptions.from(o, err);
        String aet = EchoCommand.title(o, "aet", "DICOMSEC");
        String aec = EchoCommand.title(o, "aec", "ANY-SCP");
        var settings = EchoCommand.settings(o, transport);

        int[] skipped = {0};
        List<DicomFiles.Found> items;
        try {
            items = DicomFiles.collect(o.positionalsFrom("FILE").stream().map(Path::of).toList(), (f, e) -> {
                skipped[0]++;
                if (!o.quiet()) {
                    err.println("skipped " + (e instanceof DicomFiles.FileSetDirectory ? e.getMessage()
                            : f + ": not a DICOM instance (" + Main.describe(e) + ")"));
                }
            });
        } catch (NoSuchFileException e) {
            throw new CommandException(e.getFile() + ": no such file or folder", 2, null);
        }
        if (items.isEmpty()) {
            throw new CommandException("no DICOM file to send", 2, null);
        }
        if (OnlineStorageCli.storeWanted(o)) { // --commit / --as: the Online Electronic Storage rules (PS3.15 A.1)
            return OnlineStorageCli.store(o, peer, aet, aec, settings, transport,
                    items.stream().map(DicomFiles.Found::file).toList(), out, err);
        }
        int async = o.intValue("async", DEFAULT_ASYNC, 1, 64);
        AssociationRequest.Builder b = AssociationRequest.builder(aec, aet).settings(settings)
                .asynchronousOperationsWindow(async, 1);
        try {
            b.presentationContextsFor(items.stream().map(DicomFiles.Found::info).toList());
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), 2, null);
        }
        long total = 0;
        for (DicomFiles.Found i : items) {
            total += i.info().length() - i.info().dataSetOffset();
        }
        Progress progress = new Progress(err, items.size(), total, System.console() != null && !o.quiet());
        Outcome outcome = new Outcome(progress, err);
        long t0 = System.nanoTime();
        // ISCL ends a line connection after its volume limit under one set of session keys: a study
        // larger than that goes over several associations, each with new keys
        List<List<DicomFiles.Found>> runs = !transport.isIscl() ? List.of(items)
                : FileSender.batches(items, transport.isclOptions().endpoint().dataSetBytesPerAssociation());
        // interrupted (Ctrl-C, SIGTERM): what was stored by then, before the JVM ends
        Thread onInterrupt = new Thread(() -> {
            if (outcome.finish()) {
                progress.clear();
                partial(out, err, outcome, items.size(), progress, t0, skipped[0], "interrupted");
                err.println("dicomsec store: interrupted");
            }
        }, "store-interrupted");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            FileSender.send(transport.connector(), peer, b.build(), runs, outcome);
        } catch (IOException e) {
            if (!outcome.finish()) {
                return 130; // interrupted: the JVM is ending, and the hook reports
            }
            progress.clear();
            CommandException failure = EchoCommand.failure(peer, e);
            partial(out, err, outcome, items.size(), progress, t0, skipped[0], "the association ended");
            throw failure;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs (or has run) and reports
            }
        }
        if (!outcome.finish()) {
            return 130; // interrupted: the JVM is ending, and the hook reports
        }
        progress.clear();
        synchronized (outcome) {
            summary(out, outcome.ok, items.size(), progress, t0, outcome.failed, skipped[0], 0);
            return outcome.failed == 0 ? 0 : 1;
        }
    }

    /**
     * A study that ended early ({@code why}): the files left without a response, then the summary
     * of what was stored before; nothing when nothing was sent.
     */
    private static void partial(PrintStream out, PrintStream err, Outcome outcome, int files, Progress progress,
                                long t0, int skipped, String why) {
        synchronized (outcome) {
            List<DicomFiles.Found> unanswered = outcome.unanswered();
            if (outcome.ok + outcome.failed == 0 && unanswered.isEmpty()) {
                return;
            }
            for (DicomFiles.Found f : unanswered) {
                err.println("failed " + f.file() + ": no response, " + why);
            }
            summary(out, outcome.ok, files, progress, t0, outcome.failed + unanswered.size(), skipped,
                    files - outcome.ok - outcome.failed - unanswered.size());
        }
    }

    private static void summary(PrintStream out, int ok, int files, Progress progress, long t0, int failed, int skipped,
                                int notSent) {
        double secs = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
        out.println("stored " + ok + " of " + files + " files (" + Main.fixed(progress.bytes / 1e6, 1) + " MB) in "
                + Main.fixed(secs, 2) + " s, " + Main.fixed(progress.bytes / 1e6 / secs, 1) + " MB/s; " + failed
                + " failed, " + (notSent > 0 ? notSent + " not sent, " : "") + skipped
                + " skipped (not DICOM, or a DICOMDIR)");
    }

    /** Counts the answers as they arrive (on the thread that reads them, so in order of arrival). */
    static final class Outcome implements FileSender.Listener {
        private final Progress progress;
        private final PrintStream err;
        /**
         * Files whose data set went out (or began to) and that have no response yet, in order: at
         * most the window's size, compared by identity (a record's equals and hashCode run through
         * bootstrapped method handles, dear on a fresh JVM with C1 alone; docs/benchmarks.md).
         */
        private final List<DicomFiles.Found> unanswered = new java.util.ArrayList<>();
        /**
         * Counted, like {@link #unanswered}, under this object's lock: answers arrive on the reader
         * thread, not-sent files and first reads on the sender's.
         */
        int ok;
        int failed;
        /** Set by whoever reports the outcome: the command's end or the interruption's hook. */
        private final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();

        Outcome(Progress progress, PrintStream err) {
            this.progress = progress;
            this.err = err;
        }

        @Override
        public synchronized void notSent(DicomFiles.Found file, String reason) {
            failed++;
            progress.clear();
            err.println("failed " + file.file() + ": " + reason);
        }

        @Override
        public InputStream sending(DicomFiles.Found file, InputStream dataSet) {
            // unanswered from its first byte read for the wire (with a window of 1 the stream is handed
            // over before the previous response, which may never come)
            return progress.counting(dataSet, () -> {
                synchronized (this) {
                    unanswered.add(file);
                }
            });
        }

        /** True for the one caller that reports the outcome: the command's end or its interruption. */
        boolean finish() {
            return finished.compareAndSet(false, true);
        }

        /** Files sent (or being sent) with no response yet. */
        synchronized List<DicomFiles.Found> unanswered() {
            return List.copyOf(unanswered);
        }

        @Override
        public void sent(DicomFiles.Found file) {
            progress.fileDone();
        }

        @Override
        public synchronized void answered(DicomFiles.Found file, CStoreRsp rsp) {
            for (int i = 0; i < unanswered.size(); i++) {
                if (unanswered.get(i) == file) {
                    unanswered.remove(i);
                    break;
                }
            }
            org.dicomsec.ul.dimse.Status st = rsp.status();
            if (st.isSuccess()) {
                ok++;
                return;
            }
            boolean warning = st.category() == org.dicomsec.ul.dimse.Status.Category.WARNING;
            progress.clear();
            err.println((warning ? "warning " : "failed ") + file.file() + ": " + st);
            if (warning) {
                ok++;
            } else {
                failed++;
            }
        }
    }

    /** The progress line on a terminal: files, bytes, MB/s; redrawn at most ten times a second. */
    static final class Progress {
        private final PrintStream err;
        private final int files;
        private final long total;
        private final boolean show;
        private final long start = System.nanoTime();
        private int done;
        long bytes;
        private long lastDraw;
        private boolean drawn;

        Progress(PrintStream err, int files, long total, boolean show) {
            this.err = err;
            this.files = files;
            this.total = total;
            this.show = show;
        }

        /** {@code in}, its bytes counted; {@code first} runs at its first read. */
        InputStream counting(InputStream in, Runnable first) {
            return new java.io.FilterInputStream(in) {
                private boolean started;

                @Override
                public int read() throws IOException {
                    start();
                    int r = super.read();
                    if (r >= 0) {
                        add(1);
                    }
                    return r;
                }

                private void start() {
                    if (!started) {
                        started = true;
                        first.run();
                    }
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    start();
                    int n = in.read(b, off, len);
                    if (n > 0) {
                        add(n);
                    }
                    return n;
                }
            };
        }

        private void add(long n) {
            bytes += n;
            draw(false);
        }

        void fileDone() {
            done++;
            draw(true);
        }

        private void draw(boolean force) {
            if (!show) {
                return;
            }
            long now = System.nanoTime();
            if (!force && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            double secs = Math.max(1e-9, (now - start) / 1e9);
            int width = 30;
            int filled = total == 0 ? width : (int) (width * Math.min(1.0, (double) bytes / total));
            err.printf("\r[%s%s] %d/%d files, %.1f/%.1f MB, %.1f MB/s ", "#".repeat(filled), " ".repeat(width - filled),
                    done, files, bytes / 1e6, total / 1e6, bytes / 1e6 / secs);
            err.flush();
            drawn = true;
        }

        void clear() {
            if (drawn) {
                err.print("\r" + " ".repeat(79) + "\r");
                err.flush();
                drawn = false;
            }
        }
    }
}
