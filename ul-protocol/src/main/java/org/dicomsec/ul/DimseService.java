package org.dicomsec.ul;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.ul.MessageReader.Incoming;
import org.dicomsec.ul.MessageReader.Message;
import org.dicomsec.ul.MessageReader.UlEvent;
import org.dicomsec.ul.dimse.DecodedCommand;
import org.dicomsec.ul.dimse.DimseCodec;
import org.dicomsec.ul.dimse.DimseMessage;
import org.dicomsec.ul.dimse.DimseRequest;
import org.dicomsec.ul.dimse.DimseResponse;
import org.dicomsec.ul.fsm.Event;
import org.dicomsec.ul.fsm.State;
import org.dicomsec.ul.fsm.Transition;

/**
 * The DIMSE side of an {@link Association}: Message ID bookkeeping (PS3.7 9.1.1: unique per
 * association, a response must answer the one outstanding request), sending messages as command
 * and data set PDVs, dispatching the peer's requests to the handlers, and the release and abort
 * sequences of PS3.8 7.2 and 7.3 through the state machine.
 */
final class DimseService {
    private static final Logger LOG = System.getLogger(DimseService.class.getName());

    /** Largest data set of an N- request or a response held in memory. */
    static final long MAX_IN_MEMORY_DATA_SET = 64L << 20;

    /** Writes a data set into the P-DATA stream. */
    @FunctionalInterface
    interface DataWriter {
        void writeTo(PDataOutputStream out) throws IOException;
    }

    private final Association a;
    private final UpperLayer ul;
    private final RequestDispatcher dispatcher;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ReentrantLock invokeLock = new ReentrantLock();
    private final Object mon = new Object();
    private int nextMessageId = 1;
    private int outstanding = -1;
    private int outstandingPcid = -1;
    private DimseResult<?> arrived;

    DimseService(Association a, DimseHandlers handlers) {
        this.a = a;
        this.ul = a.ul;
        this.dispatcher = new RequestDispatcher(this, a, handlers);
    }

    static DataWriter writer(Dataset ds, PresentationContext pc) {
        if (ds == null) {
            return null;
        }
        return out -> DicomWriter.write(out, TransferSyntax.of(pc.transferSyntax()), ds);
    }

    // ------------------------------------------------------------------ requests

    /** Sends a request and waits for its response: one outstanding request at a time (window 1/1). */
    <R extends DimseResponse> DimseResult<R> invoke(PresentationContext pc, IntFunction<DimseRequest> make,
                                                    DataWriter data, Class<R> type) throws IOException {
        invokeLock.lock();
        try {
            int id;
            synchronized (mon) {
                id = nextMessageId;
                nextMessageId = nextMessageId == 0xFFFF ? 1 : nextMessageId + 1;
                outstanding = id;
                outstandingPcid = pc.id();
                arrived = null;
            }
            DimseRequest request = make.apply(id);
            send(pc.id(), request, data);
            DimseResult<?> r = awaitResponse(id);
            if (!type.isInstance(r.response())) {
                fail("a " + r.response().getClass().getSimpleName() + " answered a " + request.getClass().getSimpleName());
            }
            @SuppressWarnings("unchecked")
            DimseResult<R> typed = (DimseResult<R>) r;
            return typed;
        } finally {
            synchronized (mon) {
                outstanding = -1;
                arrived = null;
            }
            invokeLock.unlock();
        }
    }

    private DimseResult<?> awaitResponse(int id) throws IOException {
        int timeout = ul.settings.dimseTimeoutMillis();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout == 0 ? Long.MAX_VALUE / 4_000_000 : timeout);
        while (true) {
            synchronized (mon) {
                if (arrived != null) {
                    return arrived;
                }
            }
            if (readLock.tryLock()) {
                try {
                    while (true) {
                        synchronized (mon) {
                            if (arrived != null) {
                                return arrived;
                            }
                        }
                        Incoming in = a.reader.next(timeout);
                        if (in instanceof Message m) {
                            handle(m);
                        } else if (in instanceof UlEvent e && handleRelease(e.transition())) {
                            throw new IOException(ul.name + ": association released before the response to message " + id);
                        }
                    }
                } finally {
                    readLock.unlock();
                    synchronized (mon) {
                        mon.notifyAll();
                    }
                }
            }
            synchronized (mon) {
                if (arrived != null) {
                    return arrived;
                }
                State s = ul.state();
                if (s == State.Sta1 || s == State.Sta13) {
                    throw ul.endedException();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    mon.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while waiting for a response");
                }
            }
        }
        ul.localAbort("no response to message " + id + " within " + timeout + " ms");
        throw ul.endedException();
    }

    /** A message read by whichever thread holds the reader role. */
    private void handle(Message m) throws IOException {
        DecodedCommand c = m.command();
        if (!c.isResponse()) {
            dispatcher.dispatch(m);
            return;
        }
        if (!(c.message() instanceof DimseResponse rsp)) {
            fail("unsupported response " + org.dicomsec.ul.dimse.CommandField.name(c.commandField()));
            return;
        }
        Dataset ds = c.dataSetPresent() ? dispatcher.readDataSet(m) : null;
        boolean expected;
        synchronized (mon) {
            // PS3.7 9.1.1: a response must answer the outstanding request (window 1/1: at most one)
            // and it comes on the request's presentation context (PS3.7 9.1.1, 10.1)
            expected = outstanding >= 0 && rsp.messageIdBeingRespondedTo() == outstanding && arrived == null
                    && m.presentationContextId() == outstandingPcid;
            if (expected) {
                arrived = new DimseResult<>(rsp, ds);
                mon.notifyAll();
            }
        }
        if (!expected) {
            fail("response to message " + rsp.messageIdBeingRespondedTo() + " on context " + m.presentationContextId()
                    + ", which is not the outstanding request's");
        }
    }

    /** A DIMSE protocol error: A-ABORT and report. */
    void fail(String why) throws IOException {
        ul.localAbort(why);
        if (readLock.isHeldByCurrentThread()) {
            ul.awaitClose();
        }
        throw ul.endedException();
    }

    // ------------------------------------------------------------------ sending

    void send(int pcid, DimseMessage m, DataWriter data) throws IOException {
        sendLock.lock();
        try {
            byte[] command = DimseCodec.encode(m, data != null);
            PDataOutputStream cs = new PDataOutputStream(ul, pcid, true);
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
                        if (readLock.tryLock()) {
                            try {
                                ul.awaitClose();
                            } finally {
                                readLock.unlock();
                            }
                        }
                    }
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
        readLock.lock();
        try {
            while (true) {
                Incoming in;
                try {
                    in = a.reader.next(ul.settings.readTimeoutMillis());
                } catch (IOException e) {
                    if (ul.isReleased() && ul.abortCause() == null) {
                        return;
                    }
                    throw e;
                }
                if (in instanceof Message m) {
                    handle(m);
                } else if (in instanceof UlEvent e && handleRelease(e.transition())) {
                    return;
                }
            }
        } finally {
            readLock.unlock();
            synchronized (mon) {
                mon.notifyAll();
            }
        }
    }

    // ------------------------------------------------------------------ release and abort

    /**
     * Acts on a release PDU (PS3.8 7.2, table 9-10): answers an A-RELEASE-RQ (AR-2 then Evt14,
     * AR-4), a collision (AR-8: the requestor answers first, AR-9; the acceptor waits for the
     * A-RELEASE-RP, AR-10, then answers, AR-4).
     *
     * @return true when the association is over
     */
    private boolean handleRelease(Transition t) {
        switch (t.action()) {
            case AR_2 -> {
                LOG.log(Level.DEBUG, "{0}: released by the peer", ul.name);
                ul.fire(Event.Evt14, null);
                ul.awaitClose();
                return true;
            }
            case AR_8 -> {
                if (ul.state() == State.Sta9) {
                    ul.fire(Event.Evt14, null); // AR-9: the requestor answers first
                }
                return ul.state() == State.Sta1;
            }
            case AR_10 -> {
                ul.fire(Event.Evt14, null); // AR-4 from Sta12
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
        Transition t;
        sendLock.lock(); // never between the PDVs of a message being sent
        try {
            t = ul.fire(Event.Evt11, null);
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
        if (readLock.tryLock()) {
            try {
                while (ul.state() != State.Sta1) {
                    Incoming in = a.reader.next(ul.settings.dimseTimeoutMillis());
                    if (in instanceof UlEvent e) {
                        if (handleRelease(e.transition())) {
                            break;
                        }
                    } else {
                        // P-DATA in Sta7 (AR-6): no answer is possible any more (Evt9 is not allowed in Sta7)
                        LOG.log(Level.INFO, "{0}: message ignored while releasing", ul.name);
                    }
                }
            } finally {
                readLock.unlock();
                synchronized (mon) {
                    mon.notifyAll();
                }
            }
        } else {
            // another thread reads (serve): it processes the A-RELEASE-RP
            int timeout = ul.settings.dimseTimeoutMillis();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout == 0 ? 3_600_000 : timeout);
            synchronized (mon) {
                while (ul.state() != State.Sta1 && System.nanoTime() < deadline) {
                    try {
                        mon.wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted while releasing");
                    }
                }
            }
            if (ul.state() != State.Sta1) {
                abort();
            }
        }
        if (!ul.isReleased() || ul.abortCause() != null) {
            throw ul.endedException();
        }
        ul.closeTransport(false);
        LOG.log(Level.DEBUG, "{0}: released", ul.name);
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
                    ul.name);
            ul.closeTransport(true);
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
        if (readLock.tryLock()) {
            try {
                ul.awaitClose();
            } finally {
                readLock.unlock();
                synchronized (mon) {
                    mon.notifyAll();
                }
            }
        }
    }
}
