package org.dicomsec.storage.service;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.DicomFileReader;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.storage.ControlledChanges;
import org.dicomsec.storage.ProfileViolationException;
import org.dicomsec.storage.SendDecision;
import org.dicomsec.storage.SendIntent;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.TransferContext;
import org.dicomsec.storage.TransferRules;
import org.dicomsec.storage.audit.AuditEvents;
import org.dicomsec.storage.audit.AuditMessage;
import org.dicomsec.storage.audit.AuditTrail;
import org.dicomsec.storage.commitment.CommitmentResult;
import org.dicomsec.storage.commitment.TransferCompletion;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.storage.store.StoredInstance;

/**
 * The sending side of the Online Electronic Storage profile, without the
 * network: prepares the data set to send by rules d/e/f (the status in the
 * copy sent, or a refusal), records what was sent, and after the peer's
 * Storage Commitment result carries out rule d.5 on the local copies.
 */
public final class OnlineStorageSender {

    private static final System.Logger LOG = LibraryLog.logger(OnlineStorageSender.class);

    private final InstanceStore store;
    private final TransferRules rules;
    private final AuditTrail audit;
    private final AuditEvents events;

    public OnlineStorageSender(InstanceStore store, TransferRules rules, AuditTrail audit, AuditEvents events) {
        this.store = Objects.requireNonNull(store, "store");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * What to put on the wire for one instance.
     *
     * @param dataset  the data set to send (the stored one with only the controlled attributes changed)
     * @param ts       the syntax it is stored in
     * @param decision the rule that decided and whether a Storage Commitment must follow (d.4)
     */
    public record Prepared(String sopInstanceUid, Dataset dataset, TransferSyntax ts, Optional<SopInstanceStatus> held,
                           SendDecision decision) {
    }

    /**
     * Rules d, e, f: prepares {@code sopInstanceUid} for sending.
     *
     * @throws ProfileViolationException when the rules forbid the transfer (not an original, transport or
     *         peer not qualified for an original, or an original received and not yet confirmed: d.4)
     */
    public Prepared prepare(String sopInstanceUid, SendIntent intent, TransferContext ctx)
            throws IOException, ProfileViolationException {
        return load(decide(sopInstanceUid, intent, ctx));
    }

    /**
     * Rules d, e, f for one stored instance, its data set not yet read: what a transfer of many
     * instances decides for all of them before it sends any, without holding their data sets.
     *
     * @param stored the index entry the decision was made on
     * @param ts     the syntax the instance is stored in (from its file's meta information)
     */
    public record Decided(String sopInstanceUid, StoredInstance stored, TransferSyntax ts, SendDecision decision) {
        /** The status the instance is held in here. */
        public Optional<SopInstanceStatus> held() {
            return stored.status();
        }
    }

    /**
     * The decision of {@link #prepare} without reading the data set.
     *
     * @throws ProfileViolationException when the rules forbid the transfer
     */
    public Decided decide(String sopInstanceUid, SendIntent intent, TransferContext ctx)
            throws IOException, ProfileViolationException {
        StoredInstance si = store.get(sopInstanceUid).orElseThrow(
                () -> new java.nio.file.NoSuchFileException("no stored instance " + sopInstanceUid));
        SendDecision d = rules.decideSend(si.status(), intent, ctx, si.awaitingCommitment());
        if (!d.allowed()) {
            throw new ProfileViolationException(d.rule(), d.reason());
        }
        return new Decided(sopInstanceUid, si, storedSyntax(si), d);
    }

    /** The transfer syntax {@code si} is stored in, from its file's meta information (the data set is not read). */
    public static TransferSyntax storedSyntax(StoredInstance si) throws IOException {
        try (DicomFileReader r = DicomFileReader.open(si.file())) {
            return r.transferSyntax();
        }
    }

    /**
     * Reads the data set of a decided instance and applies the decision's controlled changes.
     *
     * @throws java.util.ConcurrentModificationException when the store holds another version of
     *         the instance than the one decided on (received or changed since): nothing is read
     */
    public Prepared load(Decided d) throws IOException {
        StoredInstance now = store.get(d.sopInstanceUid()).orElse(null);
        if (now == null || now.version() != d.stored().version()) {
            throw new java.util.ConcurrentModificationException(d.sopInstanceUid() + " changed in the store since "
                    + "its transfer was decided");
        }
        DicomFile f = store.read(d.sopInstanceUid());
        return new Prepared(d.sopInstanceUid(), ControlledChanges.apply(f.dataset(), d.decision().edit()),
                f.transferSyntax(), d.held(), d.decision());
    }

    /** Records in the audit trail that a prepared instance was sent (or failed to be, with the DIMSE status). */
    public void sent(Prepared p, AuditEvents.Peer to, int dimseStatus) {
        Dataset ds = p.dataset();
        record(events.instanceSent(to, new AuditEvents.Instance(ds.getString(Tag.StudyInstanceUID, ""),
                        ds.getString(Tag.SOPClassUID, ""), p.sopInstanceUid()), p.held(), p.decision().statusSent(),
                dimseStatus == 0 ? AuditMessage.SUCCESS : AuditMessage.MINOR_FAILURE,
                "rule " + p.decision().rule() + ": " + p.decision().reason()
                        + (dimseStatus == 0 ? "" : String.format("; C-STORE status %04XH", dimseStatus))));
    }

    /**
     * Rule d.5 after the peer's N-EVENT-REPORT: the originals it committed are
     * deleted here, set to NS, or (AO) set to AC; each step is audited.
     *
     * @param sentAsOriginal the instances transferred as originals in the result's transaction
     */
    public List<TransferCompletion.Outcome> commitmentReceived(CommitmentResult result, Set<String> sentAsOriginal,
                                                               AuditEvents.Peer peer) throws IOException {
        List<StoredInstance> before = new ArrayList<>();
        java.util.Map<String, String> studies = new java.util.HashMap<>();
        for (String uid : sentAsOriginal) {
            Optional<StoredInstance> si = store.get(uid);
            if (si.isPresent()) {
                before.add(si.get());
                // read now: DELETE (d.5.a) removes the file
                studies.put(uid, store.read(uid).dataset().getString(Tag.StudyInstanceUID, ""));
            }
        }
        record(events.commitmentResult(peer, result, false));
        List<TransferCompletion.Outcome> outcomes = TransferCompletion.apply(result, sentAsOriginal, store, rules);
        for (TransferCompletion.Outcome o : outcomes) {
            if (o.action().isEmpty()) {
                continue;
            }
            for (StoredInstance b : before) {
                if (b.sopInstanceUid().equals(o.sopInstanceUid()) && b.status().isPresent()) {
                    record(events.localCopyAfterTransfer(new AuditEvents.Instance(studies.get(b.sopInstanceUid()), b.sopClassUid(),
                            b.sopInstanceUid()), b.status().get(),
                            store.get(o.sopInstanceUid()).flatMap(StoredInstance::status)));
                }
            }
        }
        return outcomes;
    }

    private void record(AuditMessage m) {
        try {
            audit.record(m);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "audit trail unavailable: {0}", e.getMessage());
        }
    }
}
