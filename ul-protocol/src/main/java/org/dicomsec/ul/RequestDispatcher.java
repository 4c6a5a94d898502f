package org.dicomsec.ul;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomReader;
import org.dicomsec.data.ReadLimits;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.ul.MessageReader.Message;
import org.dicomsec.ul.dimse.CEchoRq;
import org.dicomsec.ul.dimse.CEchoRsp;
import org.dicomsec.ul.dimse.CStoreRq;
import org.dicomsec.ul.dimse.CStoreRsp;
import org.dicomsec.ul.dimse.DecodedCommand;
import org.dicomsec.ul.dimse.DimseCodec;
import org.dicomsec.ul.dimse.DimseMessage;
import org.dicomsec.ul.dimse.NActionRq;
import org.dicomsec.ul.dimse.NActionRsp;
import org.dicomsec.ul.dimse.NEventReportRq;
import org.dicomsec.ul.dimse.NEventReportRsp;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.fsm.State;

/**
 * Serves the peer's requests on an association (the performing side of PS3.7 9.1 and 10.1):
 * C-ECHO is answered here (Verification, PS3.4 Annex A); C-STORE, N-ACTION and N-EVENT-REPORT go
 * to the {@link DimseHandlers}; a request without a handler gets 0122H, an unknown command 0211H.
 * A handler's failure becomes a failure status (0110H) unless the association itself ended.
 * Runs on the thread holding the association's reader role.
 */
final class RequestDispatcher {
    private static final Logger LOG = System.getLogger(RequestDispatcher.class.getName());

    private final DimseService svc;
    private final Association a;
    private final UpperLayer ul;
    private final DimseHandlers handlers;

    RequestDispatcher(DimseService svc, Association a, DimseHandlers handlers) {
        this.svc = svc;
        this.a = a;
        this.ul = a.ul;
        this.handlers = handlers;
    }

    void dispatch(Message m) throws IOException {
        DecodedCommand c = m.command();
        PresentationContext pc = a.presentationContexts().get(m.presentationContextId());
        DimseMessage msg = c.message();
        if (msg instanceof CEchoRq rq) {
            skipData();
            svc.send(pc.id(), new CEchoRsp(rq.messageId(), rq.affectedSopClassUid(), Status.OK), null);
        } else if (msg instanceof CStoreRq rq) {
            Status st = store(pc, rq, c.dataSetPresent());
            skipData();
            svc.send(pc.id(), new CStoreRsp(rq.messageId(), rq.affectedSopClassUid(), rq.affectedSopInstanceUid(), st),
                    null);
        } else if (msg instanceof NActionRq rq) {
            Dataset info = c.dataSetPresent() ? readDataSet(m) : null;
            NActionHandler h = handlers.naction(rq.requestedSopClassUid());
            DimseReply reply = h == null ? DimseReply.of(Status.of(Status.SOP_CLASS_NOT_SUPPORTED))
                    : call(() -> h.action(a, pc, rq, info));
            svc.send(pc.id(), new NActionRsp(rq.messageId(), rq.requestedSopClassUid(), rq.requestedSopInstanceUid(),
                    rq.actionTypeId(), reply.status()), DimseService.writer(reply.dataSet(), pc));
        } else if (msg instanceof NEventReportRq rq) {
            Dataset info = c.dataSetPresent() ? readDataSet(m) : null;
            NEventReportHandler h = handlers.neventReport(rq.affectedSopClassUid());
            DimseReply reply = h == null ? DimseReply.of(Status.of(Status.SOP_CLASS_NOT_SUPPORTED))
                    : call(() -> h.eventReport(a, pc, rq, info));
            svc.send(pc.id(), new NEventReportRsp(rq.messageId(), rq.affectedSopClassUid(), rq.affectedSopInstanceUid(),
                    rq.eventTypeId(), reply.status()), DimseService.writer(reply.dataSet(), pc));
        } else {
            skipData();
            LOG.log(Level.INFO, "{0}: {1} not served", ul.name,
                    org.dicomsec.ul.dimse.CommandField.name(c.commandField()));
            byte[] rsp = org.dicomsec.data.CommandSet.encode(DimseCodec.genericResponse(c.commandSet(),
                    Status.of(Status.UNRECOGNIZED_OPERATION)));
            svc.sendCommand(pc.id(), rsp);
        }
    }

    private Status store(PresentationContext pc, CStoreRq rq, boolean dataSetPresent) throws IOException {
        CStoreHandler h = handlers.cstore();
        if (!dataSetPresent) {
            return new Status(Status.CANNOT_UNDERSTAND, "C-STORE-RQ without a data set");
        }
        if (h == null) {
            return Status.of(Status.SOP_CLASS_NOT_SUPPORTED);
        }
        if (!pc.abstractSyntax().equals(rq.affectedSopClassUid())) {
            return new Status(Status.SOP_CLASS_NOT_SUPPORTED, "SOP class differs from the presentation context's");
        }
        try {
            Status st = h.store(a, pc, rq, a.reader.dataStream());
            return st == null ? Status.of(Status.PROCESSING_FAILURE) : st;
        } catch (IOException | RuntimeException e) {
            ended(e);
            LOG.log(Level.WARNING, "{0}: C-STORE of {1} failed: {2}", ul.name, rq.affectedSopInstanceUid(),
                    e.toString());
            return new Status(Status.PROCESSING_FAILURE, e.getMessage());
        }
    }

    @FunctionalInterface
    private interface HandlerCall {
        DimseReply call() throws IOException;
    }

    private DimseReply call(HandlerCall c) throws IOException {
        try {
            DimseReply r = c.call();
            return r == null ? DimseReply.of(Status.of(Status.PROCESSING_FAILURE)) : r;
        } catch (IOException | RuntimeException e) {
            ended(e);
            LOG.log(Level.WARNING, "{0}: handler failed: {1}", ul.name, e.toString());
            return DimseReply.of(new Status(Status.PROCESSING_FAILURE, e.getMessage()));
        }
    }

    /** Rethrows when the association itself ended (the handler's failure is then not the point). */
    private void ended(Exception e) throws IOException {
        State s = ul.state();
        if (s != State.Sta6 && s != State.Sta8) {
            ul.awaitClose();
            throw ul.endedException();
        }
        if (e instanceof AssociationAbortedException x) {
            throw x;
        }
    }

    private void skipData() throws IOException {
        if (a.reader.inDataSet()) {
            InputStream in = a.reader.dataStream();
            byte[] buf = new byte[8192];
            while (in.read(buf, 0, buf.length) >= 0) {
                // the rest of a data set nobody reads
            }
        }
    }

    Dataset readDataSet(Message m) throws IOException {
        PresentationContext pc = a.presentationContexts().get(m.presentationContextId());
        InputStream in = new BoundedInputStream(a.reader.dataStream(), DimseService.MAX_IN_MEMORY_DATA_SET);
        DicomReader r = new DicomReader(in, TransferSyntax.of(pc.transferSyntax()),
                ReadLimits.DEFAULT.withMaxValueLength(DimseService.MAX_IN_MEMORY_DATA_SET), 0);
        try {
            Dataset ds = r.readDataset();
            skipData();
            return ds;
        } catch (IOException e) {
            State s = ul.state();
            if (s != State.Sta6 && s != State.Sta8 && s != State.Sta7) {
                throw e;
            }
            svc.fail("undecodable data set: " + e.getMessage());
            return null;
        }
    }

    /** Fails a read past a limit instead of growing without bound. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long max) {
            super(in);
            this.left = max;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                left -= n;
                if (left < 0) {
                    throw new IOException("data set longer than " + DimseService.MAX_IN_MEMORY_DATA_SET + " bytes");
                }
            }
            return n;
        }
    }
}
