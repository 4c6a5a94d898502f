package org.dicomsec.storage.service;

import org.dicomsec.data.LibraryLog;
import org.dicomsec.storage.ParseBudget;
import org.dicomsec.storage.ReceiverSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomCodecException;
import org.dicomsec.data.DicomFileReader;
import org.dicomsec.data.DicomReader;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.storage.ControlledChanges;
import org.dicomsec.storage.Difference;
import org.dicomsec.storage.NoCoercionCheck;
import org.dicomsec.storage.ProfileViolationException;
import org.dicomsec.storage.ReceiveDecision;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.TransferContext;
import org.dicomsec.storage.TransferRules;
import org.dicomsec.storage.audit.AuditEvents;
import org.dicomsec.storage.audit.AuditFailure;
import org.dicomsec.storage.audit.AuditMessage;
import org.dicomsec.storage.audit.AuditTrail;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.storage.store.Provenance;
import org.dicomsec.storage.store.StoreIntegrityException;
import org.dicomsec.storage.store.StoredInstance;
import org.dicomsec.ul.transport.PeerIdentity;

/**
 * The receiving side of the Online Electronic Storage profile for one
 * C-STORE, without the network: decides by rules c/d/e/f
 * ({@link TransferRules#decideReceive}), changes only the controlled
 * attributes (rules g/h), stores durably, checks the stored data set against
 * the received one (rules d.3/e.4: reject and discard on any other
 * difference), and writes the audit record. The Storage SCP of the network
 * layer calls {@link #receive(InputStream, TransferSyntax, String, String,
 * TransferContext, AuditEvents.Peer, String, UnaryOperator)} with the data set
 * stream and answers with {@link ReceiveOutcome#status()}.
 *
 * <p>A data set stream is received without holding it: parsed up to the bulk
 * data within a {@link ParseBudget}, the rest streamed through the digest into
 * the store's file ({@link StreamedReception}); memory grows neither with the
 * size of the instance nor with its number of elements. Only a deflated
 * transfer syntax is still decoded whole (its bytes cannot be spliced).
 */
public final class OnlineStorageReceiver {

    private static final System.Logger LOG = LibraryLog.logger(OnlineStorageReceiver.class);

    private final InstanceStore store;
    private final TransferRules rules;
    private final AuditTrail audit;
    private final AuditEvents events;
    private final ReceiverSettings settings;

    /** A receiver with {@link ReceiverSettings#DEFAULT}. */
    public OnlineStorageReceiver(InstanceStore store, TransferRules rules, AuditTrail audit, AuditEvents events) {
        this(store, rules, audit, events, ReceiverSettings.DEFAULT);
    }

    public OnlineStorageReceiver(InstanceStore store, TransferRules rules, AuditTrail audit, AuditEvents events,
                                 ReceiverSettings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.events = Objects.requireNonNull(events, "events");
        this.settings = Objects.requireNonNull(settings, "settings");
        auditUnconfirmed();
    }

    /**
     * The instances a stop cut off in the middle of their commit ({@link
     * InstanceStore#unconfirmedOnOpen()}) are stored; the audit line of a reception that did not
     * reach the trail is written now, saying so.
     */
    private void auditUnconfirmed() {
        List<StoredInstance> unconfirmed = store.unconfirmedOnOpen();
        if (unconfirmed.isEmpty()) {
            return;
        }
        Set<String> audited;
        try {
            audited = audit.recentlyReceived(unconfirmed.stream().map(StoredInstance::sopInstanceUid).toList());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "audit trail not readable ({0}): the reception of {1} instance(s) is recorded "
                    + "again", e.getMessage(), unconfirmed.size());
            audited = Set.of();
        }
        for (StoredInstance si : unconfirmed) {
            if (audited.contains(si.sopInstanceUid())) {
                continue;
            }
            String from = si.provenance().receivedFrom();
            int space = from.indexOf(' ');
            AuditEvents.Peer peer = new AuditEvents.Peer(space < 0 ? from : from.substring(0, space),
                    PeerIdentity.NONE, "");
            tryRecord(events.instanceReceived(peer, new AuditEvents.Instance(studyOf(si), si.sopClassUid(),
                    si.sopInstanceUid()), si.status(), si.status(), AuditMessage.SUCCESS,
                    "stored before the store stopped, in the middle of its commit (its reception was received from "
                            + from + " over " + si.provenance().receivedOver() + "): recorded at the next start"));
        }
    }

    /** The Study Instance UID of a stored file, read up to it (not the pixels of a large one). */
    private static String studyOf(StoredInstance si) {
        try (DicomFileReader r = DicomFileReader.open(si.file())) {
            return r.readDataset(Tag.StudyInstanceUID + 1).getString(Tag.StudyInstanceUID, "");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    public ReceiverSettings settings() {
        return settings;
    }

    /**
     * Receives one instance as the Storage SCP's C-STORE handler gets it: the
     * data set bytes as they arrive. Decodes them while taking their SHA-256
     * (the wire digest of {@link #receive(Dataset, TransferSyntax, String,
     * TransferContext, AuditEvents.Peer, String)}); a data set that does not
     * decode is answered with C000H (cannot understand) and audited.
     *
     * @throws IOException when the stream itself fails (the association is gone)
     */
    public ReceiveOutcome receive(InputStream dataSet, TransferSyntax ts, TransferContext ctx, AuditEvents.Peer peer,
                                  String transport) throws IOException {
        return receive(dataSet, ts, ctx, peer, transport, UnaryOperator.identity());
    }

    /**
     * As {@link #receive(InputStream, TransferSyntax, TransferContext, AuditEvents.Peer, String)}, with
     * {@code aboveTheTransport} between the bytes as received (where the wire digest is taken) and the
     * decoder: a fault-injection point standing for a layer that alters data after the transport's own
     * integrity check (a "broken transport"); rules d.3/e.4 must then reject and discard. Identity in
     * production.
     */
    public ReceiveOutcome receive(InputStream dataSet, TransferSyntax ts, TransferContext ctx, AuditEvents.Peer peer,
                                  String transport, UnaryOperator<InputStream> aboveTheTransport) throws IOException {
        return receive(dataSet, ts, null, null, ctx, peer, transport, aboveTheTransport);
    }

    /**
     * Receives one instance as a stream, as the Storage SCP's C-STORE handler gets it (see the
     * class comment); {@code affectedSopClass} and {@code affectedSopInstance} are the request's
     * (0000,0002) and (0000,1000), which the data set must match (null: not checked). A data set
     * that does not decode is answered C000H, one over the {@link ParseBudget} A700H, an instance
     * that does not match its request's SOP Class A900H; nothing of any of them is stored.
     *
     * @param aboveTheTransport between the bytes as received (where the wire digest is taken) and the
     *                          parser: a fault-injection point (identity in production)
     * @throws IOException when the stream itself fails (the association is gone)
     */
    public ReceiveOutcome receive(InputStream dataSet, TransferSyntax ts, String affectedSopClass,
                                  String affectedSopInstance, TransferContext ctx, AuditEvents.Peer peer,
                                  String transport, UnaryOperator<InputStream> aboveTheTransport) throws IOException {
        return stage(dataSet, ts, affectedSopClass, affectedSopInstance, ctx, peer, transport, aboveTheTransport)
                .complete();
    }

    /** What is left of a reception once its data set was read ({@link #stage}). */
    @FunctionalInterface
    public interface Pending {
        /**
         * Makes the instance durable and returns the outcome (or returns the outcome decided while
         * the data set was read); call it once, on any thread.
         *
         * @throws IOException not for a failure of the store (that is an outcome), only of the caller's stream
         */
        ReceiveOutcome complete() throws IOException;

        /** A reception already decided when its data set was read (a refusal, for instance). */
        static Pending of(ReceiveOutcome outcome) {
            return () -> outcome;
        }
    }

    /**
     * {@link #receive(InputStream, TransferSyntax, String, String, TransferContext, AuditEvents.Peer,
     * String, UnaryOperator)} in two steps: this reads the data set (on the association's reading
     * thread) into an incoming file of the store, checked by rules c-h; the {@link Pending} it returns
     * reads the file back, commits it with its audit line and returns the outcome, on another thread
     * while the next request is read (an SCP with an asynchronous operations window). A data set in
     * Deflated Explicit VR Little Endian is received whole here.
     *
     * @throws IOException when the stream itself fails (the association is gone)
     */
    public Pending stage(InputStream dataSet, TransferSyntax ts, String affectedSopClass, String affectedSopInstance,
                         TransferContext ctx, AuditEvents.Peer peer, String transport,
                         UnaryOperator<InputStream> aboveTheTransport) throws IOException {
        if (!ts.deflated()) {
            return new StreamedReception(this, store, ts, ctx, peer, transport).stage(dataSet, affectedSopClass,
                    affectedSopInstance, aboveTheTransport, settings);
        }
        return Pending.of(receiveDeflated(dataSet, ts, ctx, peer, transport, aboveTheTransport));
    }

    private ReceiveOutcome receiveDeflated(InputStream dataSet, TransferSyntax ts, TransferContext ctx,
                                           AuditEvents.Peer peer, String transport,
                                           UnaryOperator<InputStream> aboveTheTransport) throws IOException {
        MessageDigest md = sha256();
        DigestInputStream wire = new DigestInputStream(dataSet, md);
        InputStream in = aboveTheTransport.apply(wire);
        Dataset received;
        try {
            received = DicomReader.read(in, ts);
        } catch (DicomCodecException bad) {
            in.transferTo(OutputStream.nullOutputStream());
            wire.transferTo(OutputStream.nullOutputStream());
            return finish(peer, new AuditEvents.Instance("", "", ""), Optional.empty(), new ReceiveOutcome(
                    StoreStatus.CANNOT_UNDERSTAND, Optional.empty(), ' ', "data set not decodable: "
                    + bad.getMessage()));
        }
        in.transferTo(OutputStream.nullOutputStream());
        wire.transferTo(OutputStream.nullOutputStream());
        return receive(received, ts, HexFormat.of().formatHex(md.digest()), ctx, peer, transport);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Receives one instance.
     *
     * @param received   the data set as decoded from the wire (its element values are the received bytes)
     * @param ts         the transfer syntax it arrived in; it is stored in the same one
     * @param wireDigest SHA-256 (hex) of the data set bytes as received, or null when not computed;
     *                   compared with the decoded data set encoded again (before any controlled change)
     *                   unless the syntax is deflated (a deflate stream is not reproduced byte for byte)
     * @param ctx        the security facts of the association
     * @param peer       who sent it, for the index and the audit trail
     * @param transport  the transport profile it came over ("plain", "bcp195", "iscl"...)
     */
    public ReceiveOutcome receive(Dataset received, TransferSyntax ts, String wireDigest, TransferContext ctx,
                                  AuditEvents.Peer peer, String transport) {
        String uid = received.getString(Tag.SOPInstanceUID, "");
        AuditEvents.Instance inst = new AuditEvents.Instance(received.getString(Tag.StudyInstanceUID, ""),
                received.getString(Tag.SOPClassUID, ""), uid);
        Optional<SopInstanceStatus> status;
        try {
            status = SopInstanceStatus.of(received);
        } catch (IllegalArgumentException notADefinedTerm) {
            status = Optional.empty(); // kept as received (rule g); it names no status of this profile
        }
        Optional<SopInstanceStatus> held = store.get(uid).flatMap(StoredInstance::status);
        ReceiveDecision d = rules.decideReceive(status, ctx, held);
        if (!d.accept()) {
            return finish(peer, inst, status, new ReceiveOutcome(StoreStatus.DUPLICATE_SOP_INSTANCE,
                    Optional.empty(), d.rule(), d.reason()));
        }
        Dataset toStore = ControlledChanges.apply(received, d.edit());
        // rules g/h before anything is written: only the controlled attributes may differ
        List<Difference> v = NoCoercionCheck.violations(received, toStore);
        if (!v.isEmpty()) {
            return integrity(peer, inst, status, "would store a changed data set: " + v.get(0));
        }
        // d.3 / e.4: the data set about to be stored (before the controlled change) is the bytes received
        if (wireDigest != null && !ts.deflated()) {
            try {
                String digest = org.dicomsec.storage.store.DatasetDigest.of(received, ts);
                if (!digest.equalsIgnoreCase(wireDigest)) {
                    return integrity(peer, inst, status, "data set digest " + digest + " differs from the "
                            + "received bytes' " + wireDigest);
                }
            } catch (IOException e) {
                return integrity(peer, inst, status, "cannot encode the received data set: " + e.getMessage());
            }
        }
        if (settings.auditFailure() == AuditFailure.CLOSED) {
            // fail-closed: the reception is audited before it is stored, or it is not stored
            IOException failed = tryRecord(events.instanceReceived(peer, inst, status,
                    d.edit().changes().isEmpty() ? status : d.statusStored(), AuditMessage.SUCCESS,
                    (d.rule() == ' ' ? "" : "rule " + d.rule() + ": ") + d.reason()));
            if (failed != null) {
                return new ReceiveOutcome(StoreStatus.OUT_OF_RESOURCES, Optional.empty(), ' ',
                        "not stored: the audit trail cannot record it (fail-closed): " + failed.getMessage());
            }
        }
        try {
            // the store reads the file back and compares it element by element before it reports success
            StoredInstance si = store.store(toStore, ts, new Provenance(peer.aeTitle() + " " + peer.identity(),
                    transport, status.map(SopInstanceStatus::code).orElse("")), d.becomesHolder());
            ReceiveOutcome ok = new ReceiveOutcome(StoreStatus.SUCCESS, Optional.of(si), d.rule(), d.reason());
            return settings.auditFailure() == AuditFailure.CLOSED ? ok : finish(peer, inst, status, ok);
        } catch (ProfileViolationException e) {
            return finish(peer, inst, status, new ReceiveOutcome(StoreStatus.DUPLICATE_SOP_INSTANCE,
                    Optional.empty(), e.rule(), e.getMessage()));
        } catch (StoreIntegrityException e) {
            return integrity(peer, inst, status, e.getMessage());
        } catch (IllegalArgumentException e) {
            return finish(peer, inst, status, new ReceiveOutcome(StoreStatus.CANNOT_UNDERSTAND, Optional.empty(),
                    ' ', e.getMessage()));
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot store {0}: {1}", uid, e.getMessage());
            return finish(peer, inst, status, new ReceiveOutcome(StoreStatus.OUT_OF_RESOURCES, Optional.empty(),
                    ' ', "not stored: " + e.getMessage()));
        }
    }

    ReceiveOutcome integrity(AuditEvents.Peer peer, AuditEvents.Instance inst,
                                     Optional<SopInstanceStatus> status, String why) {
        record(events.integrityFailure(peer, inst, why));
        return finish(peer, inst, status, new ReceiveOutcome(StoreStatus.PROCESSING_FAILURE, Optional.empty(),
                'd', "d.3/e.4: " + why));
    }

    ReceiveOutcome finish(AuditEvents.Peer peer, AuditEvents.Instance inst,
                                  Optional<SopInstanceStatus> status, ReceiveOutcome o) {
        record(events.instanceReceived(peer, inst, status, o.stored().flatMap(StoredInstance::status),
                o.isSuccess() ? AuditMessage.SUCCESS : AuditMessage.MINOR_FAILURE,
                (o.rule() == ' ' ? "" : "rule " + o.rule() + ": ") + o.reason()));
        return o;
    }

    private void record(AuditMessage m) {
        tryRecord(m);
    }

    /** Records {@code m}; on failure logs it and returns the failure (null when recorded). */
    IOException tryRecord(AuditMessage m) {
        try {
            audit.record(m);
            return null;
        } catch (IOException e) {
            LOG.log(Level.ERROR, "audit trail unavailable: {0}", e.getMessage());
            return e;
        }
    }

    AuditEvents events() {
        return events;
    }

    TransferRules rules() {
        return rules;
    }
}
