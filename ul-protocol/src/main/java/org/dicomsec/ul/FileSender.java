package org.dicomsec.ul;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.TransferSyntaxNames;
import org.dicomsec.ul.dimse.CStoreRsp;
import org.dicomsec.ul.transport.TransportConnector;

/**
 * C-STORE of many files over one association, as a study is sent: each file's data set goes to
 * the wire as it is in the file ({@link DicomFiles#openDataSet}), in its own transfer syntax,
 * with up to the association's invoke window of requests outstanding
 * ({@link Association#cstoreAsync}: 1 without a negotiated asynchronous operations window).
 * A file whose SOP class and transfer syntax the peer accepted no presentation context for is
 * not sent, nor one whose data set has a length no data set has ({@link #damaged}). Returns
 * once every request sent has its response.
 *
 * <pre>{@code
 * List<DicomFiles.Found> files = DicomFiles.collect(List.of(Path.of("study")), (f, e) -> { });
 * AssociationRequest rq = AssociationRequest.builder("ARCHIVE", "MODALITY")
 *         .presentationContextsFor(files.stream().map(DicomFiles.Found::info).toList())
 *         .asynchronousOperationsWindow(8, 1).build();
 * try (Association a = Association.request(connector, address, rq)) {
 *     FileSender.send(a, files, (file, rsp) -> System.out.println(file.file() + ": " + rsp.status()));
 *     a.release();
 * }
 * }</pre>
 */
public final class FileSender {

    /** What becomes of each file. */
    @FunctionalInterface
    public interface Listener {
        /** The response to the file's C-STORE, on the thread that read it, in order of arrival. */
        void answered(DicomFiles.Found file, CStoreRsp rsp);

        /**
         * Not sent: the peer accepted no presentation context for its SOP class in its transfer
         * syntax, or the file cannot hold a whole data set ({@link #damaged}).
         */
        default void notSent(DicomFiles.Found file, String reason) {
        }

        /** The stream to send as the file's data set (default: as it is); e.g. one that counts bytes. */
        default InputStream sending(DicomFiles.Found file, InputStream dataSet) {
            return dataSet;
        }

        /** The file's data set has been sent whole (its response may come later). */
        default void sent(DicomFiles.Found file) {
        }
    }

    /** What a file's C-STORE adds to the bytes of the association besides its data set (command, PDV headers). */
    public static final int PER_FILE_OVERHEAD = 1024;

    private FileSender() {
    }

    /**
     * {@code files} in order, cut into consecutive runs whose data sets, with
     * {@link #PER_FILE_OVERHEAD} each, come to at most {@code maxBytes}: one association per run
     * where a transport ends a connection after so many bytes (ISCL's volume limit under one set
     * of session keys). A file that alone exceeds {@code maxBytes} is a run of its own.
     */
    public static List<List<DicomFiles.Found>> batches(List<DicomFiles.Found> files, long maxBytes) {
        List<List<DicomFiles.Found>> runs = new java.util.ArrayList<>();
        List<DicomFiles.Found> run = new java.util.ArrayList<>();
        long bytes = 0;
        for (DicomFiles.Found f : files) {
            long n = f.info().length() - f.info().dataSetOffset() + PER_FILE_OVERHEAD;
            if (!run.isEmpty() && bytes + n > maxBytes) {
                runs.add(run);
                run = new java.util.ArrayList<>();
                bytes = 0;
            }
            run.add(f);
            bytes += n;
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    /**
     * Sends {@code files} in order and waits for their responses.
     *
     * @throws IOException a file could not be read or the association failed (it is then over:
     *                     abort it); responses that arrived before were handed to {@code listener}
     */
    public static void send(Association a, List<DicomFiles.Found> files, Listener listener) throws IOException {
        for (DicomFiles.Found f : files) {
            DicomFiles.Info info = f.info();
            if (a.acceptedContext(info.sopClassUid(), info.transferSyntaxUid()).isEmpty()) {
                listener.notSent(f, "the peer accepted no context for "
                        + Association.contextName(info.sopClassUid(), info.transferSyntaxUid()));
                continue;
            }
            String damaged = damaged(info);
            if (damaged != null) {
                listener.notSent(f, damaged);
                continue;
            }
            CompletableFuture<CStoreRsp> rsp;
            try (InputStream in = DicomFiles.openDataSet(f.file(), info)) {
                // sent whole before this returns; with a window of 1 the previous response came first
                rsp = a.cstoreAsync(info.sopClassUid(), info.sopInstanceUid(), info.transferSyntaxUid(),
                        listener.sending(f, in));
            }
            listener.sent(f);
            rsp.thenAccept(r -> listener.answered(f, r));
        }
        a.awaitResponses();
    }

    /**
     * Why a file's data set cannot be whole, or null. Every value of a data set has an even
     * length, and so do element headers, items and delimiters (PS3.5 7.1.1, A.4): a data set of
     * odd length in a transfer syntax that does not deflate it is cut short or damaged. Sent, it
     * would reach the peer as a P-DATA fragment of odd length, which DCMTK answers with an
     * A-ABORT that ends the association and every C-STORE after it.
     */
    static String damaged(DicomFiles.Info info) {
        long length = info.length() - info.dataSetOffset();
        String ts = info.transferSyntaxUid();
        if ((length & 1) == 0 || !TransferSyntax.isKnown(ts) || TransferSyntax.of(ts).deflated()) {
            return null;
        }
        return "its data set is " + length + " bytes long, an odd length that no data set in "
                + TransferSyntaxNames.describe(ts) + " has (every value's length is even, PS3.5 7.1.1):"
                + " the file is cut short or damaged";
    }

    /**
     * Sends each run of {@code runs} ({@link #batches}) over an association of its own, one after
     * the other: requested through {@code connector} with {@code request}, the run sent as
     * {@link #send(Association, List, Listener)} does, then released.
     *
     * @throws IOException an association could not be made (a reject, a refused connection) or
     *                     failed (it is aborted); the runs after it are not sent, the responses
     *                     that arrived before were handed to {@code listener}
     */
    public static void send(TransportConnector connector, InetSocketAddress peer, AssociationRequest request,
                            List<List<DicomFiles.Found>> runs, Listener listener) throws IOException {
        for (List<DicomFiles.Found> run : runs) {
            Association a = Association.request(connector, peer, request);
            try {
                send(a, run, listener);
                a.release();
            } catch (IOException e) {
                a.abort();
                throw e;
            }
        }
    }
}
