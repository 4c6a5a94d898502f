package org.dicomsec.ul;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.ul.MessageReader.Incoming;
import org.dicomsec.ul.MessageReader.Message;
import org.dicomsec.ul.MessageReader.UlEvent;
import org.dicomsec.ul.dimse.CommandField;
import org.dicomsec.ul.dimse.DecodedCommand;
import org.dicomsec.ul.dimse.DimseCodec;
import org.dicomsec.ul.dimse.DimseMessage;
import org.dicomsec.ul.dimse.DimseRequest;
import org.dicomsec.ul.dimse.DimseResponse;
import org.dicomsec.ul.fsm.Event;
import org.dicomsec.ul.fsm.State;
import org.dicomsec.ul.fsm.Transition;

/**
 * The DIMSE side of an {@link Association}, and the one owner of its mutable DIMSE state: the
 * requests this side has outstanding (by Message ID, PS3.7 9.1.1), the peer's requests being
 * performed, who reads the transport, and the send order of messages. The Upper Layer below
 * ({@link UpperLayer}) owns the protocol machine and the transport; {@link MessageReader}
 * reassembles messages; {@link RequestDispatcher} performs the peer's requests.
 *
 * <h2>Asynchronous operations window (PS3.7 D.3.3.3)</h2>
 * This side keeps at most {@code invokeWindow} requests outstanding: a new request waits (reading
 * responses) while the window is full. Responses are matched by Message ID Being Responded To, in
 * any order, and must come on their request's presentation context. The peer may keep at most
 * {@code performWindow} requests outstanding here: one more is a protocol violation, answered
 * with an A-ABORT. Without the negotiation both windows are 1 (PS3.7 D.3.3.3: the default).
 *
 * <h2>Threads: the reader role</h2>
 * The transport has one reader at a time; this class hands the role between threads without
 * polling. Every wait for something from the peer (a response, a free window slot, the
 * A-RELEASE-RP, the next request in {@link #serve()}) is {@link #awaitLocked}: under
 * {@link #lock}, while the awaited condition does not hold, the thread either takes the free
 * reader role and reads one message (without the lock), or waits on {@link #changed}. Whoever
 * gives the role back, completes a response, ends an operation or aborts signals
 * {@link #changed}, so a waiting thread wakes exactly when something it may be waiting for
 * happened. A C-STORE data set performed on the caller's executor is read by the handler's
 * thread: the reader lends it the transport ({@code lentTo}) and waits on {@link #changed} until
 * the data set's last fragment has been read, then reads on while the handler finishes (e.g.
 * makes the instance durable) and answers.
 *
 * <h2>Sending</h2>
 * Messages are sent whole under {@link #sendLock} (the PDVs of two messages never interleave),
 * from the association's one {@link org.dicomsec.ul.pdu.PDataWriter} buffer.
 */
final class DimseService {
    private static final Logger LOG = LibraryLog.logger(DimseService.class);

    /** Largest data set of an N- request or a response held in memory. */
    static final long MAX_IN_MEMORY_DATA_SET = 64L << 20;

    /**
     * The largest window this implementation uses either way: a peer's 0 ("unlimited", PS3.7
     * D.3.3.3) is taken as this many.
     */
    static final int MAX_WINDOW = 64;

    /** Writes a data set into the P-DATA stream. */
    @FunctionalInterface
    interface DataWriter {
        void writeTo(PDataOutputStream out) throws IOException;
    }

    /** One request of this side awaiting its response. */
    static final class Pending {
        final int messageId;
        final int presentationContextId;
        final Class<? extends DimseResponse> type;
        final CompletableFuture<DimseResult<?>> result = new CompletableFuture<>();

        Pending(int messageId, int presentationContextId, Class<? extends DimseResponse> type) {
            this.messageId = messageId;
            this.presentationContextId = presentationContextId;
            this.type = type;
        }
    }

    private final Association a;
    private final UpperLayer ul;
    private final MessageReader reader;
    private final RequestDispatcher dispatcher;
    private final int invokeWindow;
    private final int performWindow;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // ---- guarded by lock
    private Thread readerThread;                // holds the reader role, or null
    private Object lentTo;                      // the loan of the transport to a handler's thread, or null
    private final Map<Integer, Pending> outstanding = new HashMap<>();
    private int nextMessageId = 1;
    private int performing;                     // the peer's requests counted against performWindow
    private int unanswered;                     // the peer's requests whose response is not yet sent
    // ----

    private final ReentrantLock sendLock = new ReentrantLock();

    DimseService(Association a, UpperLayer ul, MessageReader reader, DimseHandlers handlers, int invokeWindow,
                 int performWindow, Executor executor) {
        this.a = a;
        this.ul = ul;
        this.reader = reader;
        this.invokeWindow = invokeWindow;
        this.performWindow = performWindow;
        this.dispatcher = new RequestDispatcher(this, a, ul, reader, handlers, performWindow > 1 ? executor : null);
    }

    static DataWriter writer(Dataset ds, PresentationContext pc) {
        if (ds == null) {
            return null;
        }
        return out -> DicomWriter.write(out, TransferSyntax.of(pc.transferSyntax()), ds);
    }

    int invokeWindow() {
        return invokeWindow;
    }

    int performWindow() {
        return performWindow;
    }

    // ------------------------------------------------------------------ requests

    /** Sends a request and waits for its response. */
    <R extends DimseResponse> DimseResult<R> invoke(PresentationContext pc, IntFunction<DimseRequest> make,
                                                    DataWriter data, Class<R> type) throws IOException {
        Pending p = start(pc, make, data, type);
        await(p.result);
        return result(p, type);
    }

    /**
     * Sends a request once the window has a free slot (reading responses while it is full) and
     * returns without waiting for the response: {@link Pending#result} completes when it is read.
     */
    Pending start(PresentationContext pc, IntFunction<DimseRequest> make, DataWriter data,
                  Class<? extends DimseResponse> type) throws IOException {
        Pending p;
        lock.lock();
        try {
            int timeout = ul.settings().dimseTimeoutMillis();
            if (!awaitLocked(() -> outstanding.size() < invokeWindow, timeout, timeout)) {
                throw released("before the request could be sent");
            }
            int id = nextMessageId;
            while (outstanding.containsKey(id)) { // PS3.7 9.1.1: unique among the outstanding ones
                id = id == 0xFFFF ? 1 : id + 1;
            }
            nextMessageId = id == 0xFFFF ? 1 : id + 1;
            p = new Pending(id, pc.id(), type);
            outstanding.put(id, p);
        } finally {
            lock.unlock();
        }
        try {
            send(pc.id(), make.apply(p.messageId), data);
        } catch (IOException | RuntimeException e) {
            lock.lock();
            try {
                outstanding.remove(p.messageId);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            p.result.completeExceptionally(e);
            throw e;
        }
        return p;
    }

    /** Waits (reading as needed) until {@code f} is done; a timeout aborts the association. */
    void await(CompletableFuture<?> f) throws IOException {
        if (f.isDone()) {
            return;
        }
        lock.lock();
        try {
            int timeout = ul.settings().dimseTimeoutMillis();
            if (!awaitLocked(f::isDone, timeout, timeout)) {
                throw released("before the response arrived");
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every request of this side has its response. */
    void awaitOutstanding() throws IOException {
        lock.lock();
        try {
            int timeout = ul.settings().dimseTimeoutMillis();
            if (!awaitLocked(outstanding::isEmpty, timeout, timeout)) {
                throw released("before every response arrived");
            }
        } finally {
            lock.unlock();
        }
    }

    static <R extends DimseResponse> DimseResult<R> result(Pending p, Class<R> type) throws IOException {
        DimseResult<?> r;
        try {
            r = p.result.getNow(null);
        } catch (java.util.concurrent.CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException(c.getMessage(), c);
        }
        if (r == null || !type.isInstance(r.response())) {
            throw new IllegalStateException("no " + type.getSimpleName() + " for message " + p.messageId);
        }
        @SuppressWarnings("unchecked")
        DimseResult<R> typed = (DimseResult<R>) r;
        return typed;
    }

    private IOException released(String when) {
        return ul.isReleased() ? new IOException(ul.name() + ": association released " + when) : ul.endedException();
    }

    /**
     * The one wait of this class, called and returning with {@link #lock} held: until
     * {@code done} holds, reads one message at a time when the reader role is free, else waits on
     * {@link #changed}.
     *
     * @param readTimeoutMillis the read timeout of each read this thread does (0: none)
     * @param waitMillis        how long this thread may wait while another reads (0: unbounded);
     *                          expiry aborts the association
     * @return true when {@code done} holds; false when the association was released first
     * @throws IOException the association ended otherwise (aborted, closed, timed out)
     */
    private boolean awaitLocked(BooleanSupplier done, int readTimeoutMillis, int waitMillis) throws IOException {
        long deadline = waitMillis == 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (!done.getAsBoolean()) {
            State s = ul.state();
            if (s == State.Sta1 || s == State.Sta13) {
                if (ul.isReleased() && ul.abortCause() == null) {
                    return false;
                }
                throw ul.endedException();
            }
            if (readerThread == null) {
                readerThread = Thread.currentThread();
                boolean over;
                lock.unlock();
                try {
                    over = readOne(readTimeoutMillis);
                } finally {
                    lock.lock();
                    readerThread = null;
                    changed.signalAll();
                }
                if (over && !done.getAsBoolean()) {
                    return false;
                }
                continue;
            }
            if (readerThread == Thread.currentThread()) {
                throw new IllegalStateException("a wait for the peer inside the reader (a handler waiting for "
                        + "a response on its own association)");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                lock.unlock();
                try {
                    ul.localAbort("nothing from the peer within " + waitMillis + " ms");
                } finally {
                    lock.lock();
                    changed.signalAll();
                }
                throw ul.endedException();
            }
            try {
                changed.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the peer");
            }
        }
        return true;
    }

    /**
     * Reads one message as the reader and acts on it.
     *
     * @return true when the association is over (released)
     */
    private boolean readOne(int timeoutMillis) throws IOException {
        Incoming in = reader.next(timeoutMillis);
        if (in instanceof UlEvent e) {
            return handleRelease(e.transition());
        }
        Message m = (Message) in;
        if (ul.state() == State.Sta7) {
            // P-DATA after our A-RELEASE-RQ (AR-6): no answer is possible any more (Evt9 is not allowed in Sta7)
            LOG.log(Level.INFO, "{0}: message ignored while releasing", ul.name());
            return false;
        }
        if (m.command().isResponse()) {
            response(m);
        } else {
            request(m);
        }
        return false;
    }

    private void response(Message m) throws IOException {
        DecodedCommand c = m.command();
        if (!(c.message() instanceof DimseResponse rsp)) {
            fail("unsupported response " + CommandField.name(c.commandField()));
            return;
        }
        Dataset ds = c.dataSetPresent() ? dispatcher.readDataSet(m) : null;
        Pending p;
        lock.lock();
        try {
            // PS3.7 9.1.1: a response answers an outstanding request, on that request's context (10.1)
            p = outstanding.get(rsp.messageIdBeingRespondedTo());
            if (p != null && p.presentationContextId == m.presentationContextId() && p.type.isInstance(rsp)) {
                outstanding.remove(p.messageId);
            } else {
                p = null;
            }
        } finally {
            lock.unlock();
        }
        if (p == null) {
            fail("response to message " + rsp.messageIdBeingRespondedTo() + " on context "
                    + m.presentationContextId() + " (" + rsp.getClass().getSimpleName()
                    + "), which answers no outstanding request");
            return;
        }
        p.result.complete(new DimseResult<>(rsp, ds)); // dependants run here, without the lock
    }

    private void request(Message m) throws IOException {
        lock.lock();
        try {
            if (performing >= performWindow) {
                // PS3.7 D.3.3.3: the peer invoked more operations than the window it negotiated
                String why = "the peer has more than " + performWindow + " requests outstanding (asynchronous "
                        + "operations window, PS3.7 D.3.3.3)";
                lock.unlock();
                try {
                    fail(why);
                } finally {
                    lock.lock();
                }
                return;
            }
            performing++;
            unanswered++;
        } finally {
            lock.unlock();
        }
        dispatcher.dispatch(m);
    }

    // ------------------------------------------------------------------ performing the peer's requests

    /**
     * The reader lends the transport to a handler's thread for one data set (see the class
     * comment); {@code token} names the loan, so that a late give-back of an earlier one does not
     * end it.
     */
    void lend(Object token) {
        lock.lock();
        try {
            lentTo = token;
        } finally {
            lock.unlock();
        }
    }

    /** The handler's thread read its data set to the end (or failed): the transport goes back to the reader. */
    void giveBack(Object token) {
        lock.lock();
        try {
            if (lentTo == token) {
                lentTo = null;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The reader waits until the data set it lent has been read. */
    void awaitGivenBack() throws IOException {
        lock.lock();
        try {
            while (lentTo != null) {
                changed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a handler reads its data set");
        } finally {
            lock.unlock();
        }
    }

    /**
     * A request of the peer is about to be answered: it leaves the window now, so that a peer
     * that sends its next request as soon as it reads this response never finds the window full.
     */
    void answering() {
        lock.lock();
        try {
            performing--;
        } finally {
            lock.unlock();
        }
    }

    /** A request of the peer was answered (or can no longer be). */
    void answered() {
        lock.lock();
        try {
            unanswered--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every request of the peer has its response sent (before answering a release). */
    private void awaitAnswered() {
        lock.lock();
        try {
            while (unanswered > 0) {
                changed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** A DIMSE protocol error: A-ABORT and report. */
    void fail(String why) throws IOException {
        ul.localAbort(why);
        if (isReader()) {
            ul.awaitClose();
        }
        signal();
        throw ul.endedException();
    }

    private boolean isReader() {
        lock.lock();
        try {
            return readerThread == Thread.currentThread();
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs the Sta13 wait for the close ({@link UpperLayer#awaitClose()}) if no other thread
     * reads; a thread that reads sees the close itself.
     */
    private void awaitCloseIfNoReader() {
        lock.lock();
        try {
            if (readerThread != null && readerThread != Thread.currentThread()) {
                changed.signalAll();
                return;
            }
            Thread previous = readerThread;
            readerThread = Thread.currentThread();
            lock.unlock();
            try {
                ul.awaitClose();
            } finally {
                lock.lock();
                readerThread = previous;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ sending

    void send(int pcid, DimseMessage m, DataWriter data) throws IOException {
        byte[] command = DimseCodec.encode(m, data != null);
        sendLock.lock();
        try {
            PDataOutputStream cs = new PDataOutputStream(ul, pcid, true, data == null);
            cs.write(command);
            cs.close();
            if (data != null) {
                PDataOutputStream ds = new PDataOutputStream(ul, pcid, false);
                try {
                    data.writeTo(ds);
                } catch (IOException | RuntimeException e) {
                    // part of the data set is on the wire: the message can never be completed
                    if (ul.state() == State.Sta6 || ul.state() == State.Sta8) {
                        ul.localAbort("data set source failed: " + e.getMessage());
                        awaitCloseIfNoReader();
                    }
                    signal();
                    throw e;
                }
                ds.close();
            }
        } finally {
            sendLock.unlock();
        }
    }

    /** Sends a command set without data set, already encoded (a response to a request not modelled). */
    void sendCommand(int pcid, byte[] commandSet) throws IOException {
        sendLock.lock();
        try {
            PDataOutputStream cs = new PDataOutputStream(ul, pcid, true);
            cs.write(commandSet);
            cs.close();
        } finally {
            sendLock.unlock();
        }
    }

    // ------------------------------------------------------------------ serving

    void serve() throws IOException {
        lock.lock();
        try {
            awaitLocked(() -> false, ul.settings().readTimeoutMillis(), 0);
        } catch (IOException e) {
            if (ul.isReleased() && ul.abortCause() == null) {
                return;
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ release and abort

    /**
     * Acts on a release PDU (PS3.8 7.2, table 9-10): answers an A-RELEASE-RQ (AR-2 then Evt14,
     * AR-4) once every request of the peer has been answered, a collision (AR-8: the requestor
     * answers first, AR-9; the acceptor waits for the A-RELEASE-RP, AR-10, then answers, AR-4).
     *
     * @return true when the association is over
     */
    private boolean handleRelease(Transition t) {
        switch (t.action()) {
            case AR_2 -> {
                LOG.log(Level.DEBUG, "{0}: released by the peer", ul.name());
                awaitAnswered(); // responses may still go out in Sta8 (AR-7)
                ul.fire(Event.Evt14);
                ul.awaitClose();
                return true;
            }
            case AR_8 -> {
                if (ul.state() == State.Sta9) {
                    ul.fire(Event.Evt14); // AR-9: the requestor answers first
                }
                return ul.state() == State.Sta1;
            }
            case AR_10 -> {
                ul.fire(Event.Evt14); // AR-4 from Sta12
                ul.awaitClose();
                return true;
            }
            case AR_3 -> {
                return true;
            }
            default -> {
                return ul.state() == State.Sta1;
            }
        }
    }

    void release() throws IOException {
        awaitOutstanding();
        Transition t;
        sendLock.lock(); // never between the PDVs of a message being sent
        try {
            t = ul.fire(Event.Evt11);
        } finally {
            sendLock.unlock();
        }
        if (!t.isDefined()) {
            if (ul.isReleased()) {
                return;
            }
            if (ul.state() == State.Sta1 || ul.state() == State.Sta13) {
                throw ul.endedException();
            }
            t.requireDefined();
        }
        lock.lock();
        try {
            int timeout = ul.settings().dimseTimeoutMillis();
            awaitLocked(() -> ul.state() == State.Sta1, timeout, timeout);
        } catch (IOException e) {
            if (ul.state() != State.Sta1) {
                lock.unlock();
                try {
                    abort();
                } finally {
                    lock.lock();
                }
            }
        } finally {
            lock.unlock();
        }
        if (!ul.isReleased() || ul.abortCause() != null) {
            throw ul.endedException();
        }
        ul.closeTransport(false);
        LOG.log(Level.DEBUG, "{0}: released", ul.name());
    }

    /** For tests: another thread holds the send lock (a message is being sent). */
    boolean sendBlockedForTest() {
        return sendLock.isLocked() && !sendLock.isHeldByCurrentThread();
    }

    void abort() {
        State s = ul.state();
        if (s == State.Sta1) {
            return;
        }
        if (s == State.Sta13) {
            // the association is already over (an A-ABORT or the release went out, AA-1/AR-...): there
            // is no A-ABORT to request (table 9-10 has none in Sta13), only the transport to close;
            // nothing to log again (a server's close and the serving thread may both abort it)
            ul.closeTransport(true);
            awaitCloseIfNoReader();
            return;
        }
        boolean locked;
        try {
            // a send blocked on a peer that stopped reading holds the send lock (plain sockets have no
            // write timeout): then the transport is dropped, which also ends the blocked write
            locked = sendLock.tryLock(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            LOG.log(Level.WARNING, "{0}: a send is blocked; dropping the transport instead of sending an A-ABORT",
                    ul.name());
            ul.closeTransport(true);
            signal();
            return;
        }
        Transition t;
        try {
            t = ul.localAbort("abort requested by the local user");
        } finally {
            sendLock.unlock();
        }
        if (!t.isDefined()) {
            // Sta2 and Sta13 have no A-ABORT request (PS3.8 table 9-10): close the transport (Evt17)
            ul.closeTransport(true);
        }
        awaitCloseIfNoReader();
    }
}
