package org.dicomsec.storage.service;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomCodecException;
import org.dicomsec.data.DicomReader;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.storage.ControlledChanges;
import org.dicomsec.storage.Difference;
import org.dicomsec.storage.NoCoercionCheck;
import org.dicomsec.storage.ProfileViolationException;
import org.dicomsec.storage.ReceiveDecision;
import org.dicomsec.storage.ReceiverSettings;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.TransferContext;
import org.dicomsec.storage.audit.AuditEvents;
import org.dicomsec.storage.audit.AuditFailure;
import org.dicomsec.storage.audit.AuditMessage;
import org.dicomsec.storage.service.OnlineStorageReceiver.Pending;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.storage.store.Provenance;
import org.dicomsec.storage.store.ReceivedFileWriter;
import org.dicomsec.storage.store.StoreIntegrityException;
import org.dicomsec.storage.store.StoredCopyCheck;
import org.dicomsec.storage.store.StoredInstance;

/**
 * One C-STORE data set received as a stream by {@link OnlineStorageReceiver}: parsed up to the
 * bulk data ({@link ReceivedDataSet}), decided on by rules c-f once the controlled attributes are
 * known, written with its controlled change by {@link ReceivedFileWriter} into an incoming file of
 * the store, read back ({@link StoredCopyCheck}: rules d.3/e.4 and g/h on the stored bytes),
 * audited (before it counts as stored: fail-closed refuses it when the trail cannot record), and
 * committed to the store (rule c checked again under the store's lock).
 */
final class StreamedReception implements ReceivedDataSet.Decider {

    private static final System.Logger LOG = LibraryLog.logger(StreamedReception.class);

    private final OnlineStorageReceiver receiver;
    private final InstanceStore store;
    private final TransferSyntax ts;
    private final TransferContext ctx;
    private final AuditEvents.Peer peer;
    private final String transport;

    private ReceiveDecision decision;
    private Optional<SopInstanceStatus> receivedStatus = Optional.empty();

    StreamedReception(OnlineStorageReceiver receiver, InstanceStore store, TransferSyntax ts, TransferContext ctx,
                      AuditEvents.Peer peer, String transport) {
        this.receiver = receiver;
        this.store = store;
        this.ts = ts;
        this.ctx = ctx;
        this.peer = peer;
        this.transport = transport;
    }

    /** Marks a failure of the stream itself (the association), as opposed to the disk's or ours. */
    private static final class Wire extends FilterInputStream {
        boolean failed;

        Wire(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }
    }

    /**
     * Reads the data set into an incoming file of the store and decides on it; the returned commit
     * (or the outcome already decided, for a refused one) may run on another thread, once.
     */
    Pending stage(InputStream dataSet, String affectedClass, String affectedInstance,
                                        UnaryOperator<InputStream> aboveTheTransport, ReceiverSettings settings)
            throws IOException {
        Wire wire = new Wire(dataSet);
        // the bytes received, for the read-back check (StoredCopyCheck: why CRC-32C)
        CRC32C crc = new CRC32C();
        CheckedInputStream checked = new CheckedInputStream(wire, crc);
        ReceivedDataSet rds = new ReceivedDataSet(new BufferedInputStream(aboveTheTransport.apply(checked), 8192), ts,
                settings.budget(), this);
        String uid = "";
        String cls = "";
        try {
            rds.prime();
            uid = rds.head().getString(Tag.SOPInstanceUID, "");
            cls = rds.head().getString(Tag.SOPClassUID, "");
            if (uid.isEmpty() || cls.isEmpty()) {
                throw Refusal.notUnderstood("no " + (uid.isEmpty() ? "SOP Instance UID (0008,0018)"
                        : "SOP Class UID (0008,0016)") + " at the top level of the data set");
            }
            if (affectedInstance != null && !affectedInstance.equals(uid)) {
                throw Refusal.notUnderstood("the data set's SOP Instance UID " + uid + " is not the request's "
                        + "Affected SOP Instance UID " + affectedInstance + " (PS3.4 B.2.3)");
            }
            if (affectedClass != null && !affectedClass.equals(cls)) {
                throw new Refusal(0xA900, ' ', "the data set's SOP Class UID " + cls + " is not the request's "
                        + "Affected SOP Class UID " + affectedClass + " (A900H: does not match SOP Class)", false);
            }
            InstanceStore.Incoming in = store.incoming();
            Pending commit = null;
            try {
                long n = ReceivedFileWriter.write(in.channel(), cls, uid, ts.uid(), rds, settings.disk(), false);
                if (!rds.ended()) {
                    throw new IllegalStateException("the writer stopped before the end of the data set");
                }
                long wireCrc = crc.getValue();
                String storing = uid;
                String storingClass = cls;
                commit = () -> {
                    try (in) {
                        // read back while the file is forced (InstanceStore.commitReceived)
                        return commit(in, rds, storing, storingClass, () -> StoredCopyCheck.verify(in.channel(),
                                in.file(), n, rds.regionOffset(), rds.storedRegion(), rds.receivedRegion(), wireCrc),
                                settings.auditFailure());
                    } catch (IOException e) {
                        return notStored(storing, rds, e);
                    }
                };
                return commit;
            } finally {
                if (commit == null) {
                    in.close();
                }
            }
        } catch (Refusal r) {
            drain(checked);
            AuditEvents.Instance inst = instance(rds);
            if (r.integrity()) {
                return Pending.of(receiver.integrity(peer, inst, receivedStatus, r.getMessage()));
            }
            return Pending.of(receiver.finish(peer, inst, receivedStatus, new ReceiveOutcome(r.status(),
                    Optional.empty(), r.rule(), r.getMessage())));
        } catch (DicomCodecException bad) {
            if (wire.failed) {
                throw bad;
            }
            drain(checked);
            return Pending.of(receiver.finish(peer, instance(rds), receivedStatus, new ReceiveOutcome(
                    StoreStatus.CANNOT_UNDERSTAND, Optional.empty(), ' ', "data set not decodable: "
                    + bad.getMessage())));
        } catch (IOException e) {
            if (wire.failed) {
                throw e; // the association is gone: nothing to answer
            }
            drain(checked);
            return Pending.of(notStored(uid, rds, e));
        }
    }

    private ReceiveOutcome notStored(String uid, ReceivedDataSet rds, IOException e) {
        LOG.log(Level.ERROR, "cannot store {0}: {1}", uid, e.getMessage());
        return receiver.finish(peer, instance(rds), receivedStatus, new ReceiveOutcome(
                StoreStatus.OUT_OF_RESOURCES, Optional.empty(), ' ', "not stored: " + e.getMessage()));
    }

    private ReceiveOutcome commit(InstanceStore.Incoming in, ReceivedDataSet rds, String uid, String cls,
                                  InstanceStore.ReadBack readBack, AuditFailure onAuditFailure) throws IOException {
        AuditEvents.Instance inst = instance(rds);
        Optional<SopInstanceStatus> storedStatus = decision.edit().changes().isEmpty() ? receivedStatus
                : decision.statusStored();
        // the audit record comes first: with fail-closed, no instance is stored that the trail does not show
        AuditMessage m = receiver.events().instanceReceived(peer, inst, receivedStatus, storedStatus,
                AuditMessage.SUCCESS, (decision.rule() == ' ' ? "" : "rule " + decision.rule() + ": ")
                        + decision.reason());
        // written and forced with the instance and its index record (InstanceStore.commitReceived); the
        // record is renamed only after the line is on the disk
        InstanceStore.Alongside audit = () -> {
            IOException auditFailed = receiver.tryRecord(m);
            if (auditFailed != null && onAuditFailure == AuditFailure.CLOSED) {
                throw new AuditRefused(auditFailed);
            }
        };
        try {
            StoredInstance si = store.commitReceived(in, uid, cls, storedStatus, new Provenance(peer.aeTitle() + " "
                    + peer.identity(), transport, receivedStatus.map(SopInstanceStatus::code).orElse("")),
                    decision.becomesHolder(), readBack, audit);
            return new ReceiveOutcome(StoreStatus.SUCCESS, Optional.of(si), decision.rule(), decision.reason());
        } catch (AuditRefused e) {
            return new ReceiveOutcome(StoreStatus.OUT_OF_RESOURCES, Optional.empty(), ' ',
                    "not stored: the audit trail cannot record it (fail-closed): " + e.getCause().getMessage());
        } catch (StoreIntegrityException e) {
            return receiver.integrity(peer, inst, receivedStatus, e.getMessage());
        } catch (ProfileViolationException e) {
            return receiver.finish(peer, inst, receivedStatus, new ReceiveOutcome(StoreStatus.DUPLICATE_SOP_INSTANCE,
                    Optional.empty(), e.rule(), e.getMessage()));
        } catch (IllegalArgumentException e) {
            return receiver.finish(peer, inst, receivedStatus, new ReceiveOutcome(StoreStatus.CANNOT_UNDERSTAND,
                    Optional.empty(), ' ', e.getMessage()));
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot store {0}: {1}", uid, e.getMessage());
            return receiver.finish(peer, inst, receivedStatus, new ReceiveOutcome(StoreStatus.OUT_OF_RESOURCES,
                    Optional.empty(), ' ', "not stored: " + e.getMessage()));
        }
    }

    /** The audit trail failed to record a reception under {@link AuditFailure#CLOSED}: nothing is stored. */
    private static final class AuditRefused extends IOException {
        private static final long serialVersionUID = 1L;

        AuditRefused(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Rules c, d, e, f once the controlled attributes are known; g/h on the bytes that will be stored. */
    @Override
    public byte[] decide(Dataset head, byte[] receivedRegion) throws Refusal {
        Dataset region;
        try {
            region = DicomReader.read(receivedRegion, ts);
        } catch (IOException e) {
            throw Refusal.notUnderstood("group 0100 not decodable: " + e.getMessage());
        }
        try {
            receivedStatus = SopInstanceStatus.of(region);
        } catch (IllegalArgumentException notADefinedTerm) {
            receivedStatus = Optional.empty(); // kept as received (rule g); it names no status of this profile
        }
        String uid = head.getString(Tag.SOPInstanceUID, "");
        Optional<SopInstanceStatus> held = store.get(uid).flatMap(StoredInstance::status);
        ReceiveDecision d = receiver.rules().decideReceive(receivedStatus, ctx, held);
        if (!d.accept()) {
            throw new Refusal(StoreStatus.DUPLICATE_SOP_INSTANCE, d.rule(), d.reason(), false);
        }
        decision = d;
        if (d.edit().changes().isEmpty()) {
            return receivedRegion;
        }
        Dataset edited = ControlledChanges.apply(region, d.edit());
        byte[] stored = DicomWriter.encode(edited, ts);
        // rules g/h on the bytes about to be written: decoded again, only the controlled attributes differ
        List<Difference> v;
        try {
            v = NoCoercionCheck.violations(region, DicomReader.read(stored, ts));
        } catch (IOException e) {
            throw new Refusal(StoreStatus.PROCESSING_FAILURE, 'd', "the changed group 0100 does not decode: "
                    + e.getMessage(), true);
        }
        if (!v.isEmpty()) {
            throw new Refusal(StoreStatus.PROCESSING_FAILURE, 'd', "would store a changed data set: " + v.get(0),
                    true);
        }
        return stored;
    }

    private static AuditEvents.Instance instance(ReceivedDataSet rds) {
        Dataset h = rds.head();
        return new AuditEvents.Instance(h.getString(Tag.StudyInstanceUID, ""), h.getString(Tag.SOPClassUID, ""),
                h.getString(Tag.SOPInstanceUID, ""));
    }

    /** Reads the rest of the data set (the DIMSE stream must be consumed to answer it). */
    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }
}
