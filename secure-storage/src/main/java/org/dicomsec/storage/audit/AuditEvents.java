package org.dicomsec.storage.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dicomsec.storage.Authorization;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.commitment.CommitmentResult;
import org.dicomsec.storage.commitment.FailedSopReference;
import org.dicomsec.storage.commitment.FailureReason;
import org.dicomsec.storage.commitment.SopReference;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.SecurityDescription;

/**
 * The security events of the Online Electronic Storage profile as audit
 * messages (PS3.15 A.5.3 of later editions): association accepted or refused
 * with the peer's identity, instance received or sent with its status change,
 * Storage Commitment result, integrity failure, authorization (rule b) and
 * status change (rule d.5).
 */
public final class AuditEvents {

    /** An instance an event is about. */
    public record Instance(String studyInstanceUid, String sopClassUid, String sopInstanceUid) {
    }

    /** The remote end of an association. */
    public record Peer(String aeTitle, PeerIdentity identity, String address) {
        public Peer {
            Objects.requireNonNull(aeTitle, "aeTitle");
            Objects.requireNonNull(identity, "identity");
        }
    }

    private final String localAeTitle;
    private final String localHost;
    private final AuditMessage.AuditSource source;
    private final Clock clock;

    /**
     * @param localAeTitle this AE's title
     * @param localHost    this node's host name or address
     * @param sourceId     AuditSourceID; the enterprise site is left out
     */
    public AuditEvents(String localAeTitle, String localHost, String sourceId, Clock clock) {
        this.localAeTitle = Objects.requireNonNull(localAeTitle, "localAeTitle");
        this.localHost = localHost;
        this.source = new AuditMessage.AuditSource(sourceId, null, 4);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private AuditMessage.Event event(AuditCode id, char action, int outcome, List<AuditCode> types, String text) {
        return new AuditMessage.Event(id, action, clock.instant(), outcome, types, text);
    }

    private AuditMessage.ActiveParticipant local(boolean requestor, AuditCode role) {
        return new AuditMessage.ActiveParticipant(localAeTitle, null, requestor, localHost,
                role == null ? List.of() : List.of(role));
    }

    private static AuditMessage.ActiveParticipant remote(Peer p, boolean requestor, AuditCode role) {
        String alt = p.identity().isAuthenticated() ? p.identity().kind() + " " + p.identity().name() : null;
        return new AuditMessage.ActiveParticipant(p.aeTitle(), alt, requestor, p.address(),
                role == null ? List.of() : List.of(role));
    }

    /** User Authentication / Login, success: an association accepted from an authenticated node. */
    public AuditMessage associationAccepted(Peer peer, SecurityDescription security) {
        return new AuditMessage(event(AuditCode.USER_AUTHENTICATION, 'E', AuditMessage.SUCCESS,
                List.of(AuditCode.LOGIN), "association accepted over " + security),
                List.of(remote(peer, true, null), local(false, AuditCode.APPLICATION)), source, List.of());
    }

    /** Security Alert / Node Authentication, minor failure: an association refused (peer, reason). */
    public AuditMessage associationRefused(Peer peer, String reason) {
        return new AuditMessage(event(AuditCode.SECURITY_ALERT, 'E', AuditMessage.MINOR_FAILURE,
                List.of(AuditCode.NODE_AUTHENTICATION), "association refused: " + reason),
                List.of(remote(peer, true, null), local(false, AuditCode.APPLICATION)), source, List.of());
    }

    /**
     * DICOM Instances Transferred, action C: an instance received and stored,
     * with the status it arrived with and the status it was stored with.
     */
    public AuditMessage instanceReceived(Peer from, Instance i, Optional<SopInstanceStatus> received,
                                         Optional<SopInstanceStatus> stored, int outcome, String text) {
        return new AuditMessage(event(AuditCode.DICOM_INSTANCES_TRANSFERRED, 'C', outcome, List.of(), text),
                List.of(remote(from, true, AuditCode.SOURCE), local(false, AuditCode.DESTINATION)), source,
                List.of(study(i, statusDetails(received, stored))));
    }

    /** DICOM Instances Transferred, action R: an instance sent, with the status held and the status sent. */
    public AuditMessage instanceSent(Peer to, Instance i, Optional<SopInstanceStatus> held,
                                     Optional<SopInstanceStatus> sent, int outcome, String text) {
        return new AuditMessage(event(AuditCode.DICOM_INSTANCES_TRANSFERRED, 'R', outcome, List.of(), text),
                List.of(local(true, AuditCode.SOURCE), remote(to, false, AuditCode.DESTINATION)), source,
                List.of(study(i, statusDetails(held, sent))));
    }

    /**
     * The Storage Commitment result (sent by this AE as SCP, or received as
     * SCU): outcome 0 when all committed, 4 when some failed.
     */
    public AuditMessage commitmentResult(Peer peer, CommitmentResult r, boolean sentByUs) {
        List<AuditMessage.Detail> details = new ArrayList<>();
        for (SopReference ok : r.committed()) {
            details.add(new AuditMessage.Detail("Committed", ok.sopInstanceUid()));
        }
        for (FailedSopReference f : r.failed()) {
            details.add(new AuditMessage.Detail("Failed " + String.format("%04X", f.failureReason()) + " "
                    + FailureReason.name(f.failureReason()), f.reference().sopInstanceUid()));
        }
        AuditMessage.ParticipantObject tx = new AuditMessage.ParticipantObject(r.transactionUid(),
                AuditCode.TRANSACTION_UID, 2, 20, null, List.of(), details);
        return new AuditMessage(event(AuditCode.DICOM_INSTANCES_TRANSFERRED, 'E',
                r.failed().isEmpty() ? AuditMessage.SUCCESS : AuditMessage.MINOR_FAILURE,
                List.of(AuditCode.STORAGE_COMMITMENT), r.committed().size() + " committed, " + r.failed().size()
                        + " failed"),
                List.of(sentByUs ? local(false, AuditCode.DESTINATION) : local(true, AuditCode.SOURCE),
                        remote(peer, !sentByUs, sentByUs ? AuditCode.SOURCE : AuditCode.DESTINATION)),
                source, List.of(tx));
    }

    /** Security Alert, serious failure: data altered in transit or on disk (rules d.3, e.4). */
    public AuditMessage integrityFailure(Peer peer, Instance i, String what) {
        List<AuditMessage.ActiveParticipant> parts = new ArrayList<>();
        if (peer != null) {
            parts.add(remote(peer, true, AuditCode.SOURCE));
        }
        parts.add(local(false, AuditCode.APPLICATION));
        return new AuditMessage(event(AuditCode.SECURITY_ALERT, 'E', AuditMessage.SERIOUS_FAILURE,
                List.of(AuditCode.DATA_INTEGRITY_FAILURE), what), parts, source,
                i == null ? List.of() : List.of(study(i, List.of())));
    }

    /** DICOM Instances Accessed, action U: rule b, an OR authorized as AO by the named entity. */
    public AuditMessage authorization(Authorization a, Instance i) {
        List<AuditMessage.Detail> d = new ArrayList<>(statusDetails(Optional.of(SopInstanceStatus.OR),
                Optional.of(SopInstanceStatus.AO)));
        d.add(new AuditMessage.Detail("AuthorizationEquipmentCertificationNumber",
                a.certification().equipmentCertificationNumber()));
        return new AuditMessage(event(AuditCode.DICOM_INSTANCES_ACCESSED, 'U', AuditMessage.SUCCESS,
                List.of(AuditCode.OBJECT_SECURITY_ATTRIBUTES_CHANGED), "authorized by " + a.authorizedBy()),
                List.of(new AuditMessage.ActiveParticipant(a.authorizedBy(), null, true, null, List.of()),
                        local(false, AuditCode.APPLICATION)), source, List.of(study(i, d)));
    }

    /** DICOM Instances Accessed, action U or D: the local copy after a confirmed transfer (rule d.5). */
    public AuditMessage localCopyAfterTransfer(Instance i, SopInstanceStatus from, Optional<SopInstanceStatus> to) {
        return new AuditMessage(event(AuditCode.DICOM_INSTANCES_ACCESSED, to.isPresent() ? 'U' : 'D',
                AuditMessage.SUCCESS, List.of(AuditCode.OBJECT_SECURITY_ATTRIBUTES_CHANGED),
                "rule d.5 after a confirmed transfer: " + from + (to.isPresent() ? " -> " + to.get() : " deleted")),
                List.of(local(true, AuditCode.APPLICATION)), source,
                List.of(study(i, statusDetails(Optional.of(from), to))));
    }

    private static AuditMessage.ParticipantObject study(Instance i, List<AuditMessage.Detail> details) {
        return new AuditMessage.ParticipantObject(i.studyInstanceUid(), AuditCode.STUDY_INSTANCE_UID, 2, 3,
                i.sopClassUid(), List.of(i.sopInstanceUid()), details);
    }

    private static List<AuditMessage.Detail> statusDetails(Optional<SopInstanceStatus> before,
                                                           Optional<SopInstanceStatus> after) {
        return List.of(new AuditMessage.Detail("SOPInstanceStatus",
                before.map(Enum::name).orElse("none") + " -> " + after.map(Enum::name).orElse("none")));
    }
}
