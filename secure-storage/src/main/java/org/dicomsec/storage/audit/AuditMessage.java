package org.dicomsec.storage.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One audit message in the structure of RFC 3881 as DICOM PS3.15 A.5 uses
 * it: Event Identification, Active Participants, Audit Source Identification,
 * Participant Object Identification. Written as XML by {@link AuditXml}.
 */
public record AuditMessage(Event event, List<ActiveParticipant> participants, AuditSource source,
                           List<ParticipantObject> objects) {

    public AuditMessage {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(source, "source");
        participants = List.copyOf(participants);
        objects = List.copyOf(objects);
    }

    /** EventOutcomeIndicator (RFC 3881 5.1.4). */
    public static final int SUCCESS = 0;
    public static final int MINOR_FAILURE = 4;
    public static final int SERIOUS_FAILURE = 8;
    public static final int MAJOR_FAILURE = 12;

    /**
     * EventIdentification (RFC 3881 5.1).
     *
     * @param actionCode  C, R, U, D or E
     * @param outcome     0, 4, 8 or 12
     * @param description EventOutcomeDescription (free text), or null
     */
    public record Event(AuditCode eventId, char actionCode, Instant dateTime, int outcome,
                        List<AuditCode> eventTypeCodes, String description) {
        public Event {
            if ("CRUDE".indexOf(actionCode) < 0) {
                throw new IllegalArgumentException("EventActionCode is C, R, U, D or E: " + actionCode);
            }
            if (outcome != 0 && outcome != 4 && outcome != 8 && outcome != 12) {
                throw new IllegalArgumentException("EventOutcomeIndicator is 0, 4, 8 or 12: " + outcome);
            }
            eventTypeCodes = List.copyOf(eventTypeCodes);
        }
    }

    /**
     * ActiveParticipant (RFC 3881 5.2).
     *
     * @param userId             e.g. the AE title, or a person's login
     * @param alternativeUserId  e.g. the authenticated identity (certificate subject, ISCL entity), or null
     * @param requestor          UserIsRequestor
     * @param networkAccessPoint host name or IP address, or null
     */
    public record ActiveParticipant(String userId, String alternativeUserId, boolean requestor,
                                    String networkAccessPoint, List<AuditCode> roles) {
        public ActiveParticipant {
            Objects.requireNonNull(userId, "userId");
            roles = List.copyOf(roles);
        }
    }

    /** AuditSourceIdentification (RFC 3881 5.4); type 4 = Application Server. */
    public record AuditSource(String sourceId, String enterpriseSiteId, int typeCode) {
        public AuditSource {
            Objects.requireNonNull(sourceId, "sourceId");
        }
    }

    /** A ParticipantObjectDetail type/value pair (value base64 encoded when written). */
    public record Detail(String type, String value) {
    }

    /**
     * ParticipantObjectIdentification (RFC 3881 5.5) with the DICOM
     * description of the instances it covers (SOP Class UID and instance UIDs).
     *
     * @param typeCode     1 person, 2 system object, 3 organization, 4 other
     * @param typeCodeRole RFC 3881 5.5.2: e.g. 3 report, 13 security resource, 20 job; 0 to leave out
     * @param sopClassUid  for a study: the SOP Class of {@code instances}, or null
     */
    public record ParticipantObject(String id, AuditCode idTypeCode, int typeCode, int typeCodeRole,
                                    String sopClassUid, List<String> instances, List<Detail> details) {
        public ParticipantObject {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(idTypeCode, "idTypeCode");
            instances = List.copyOf(instances);
            details = List.copyOf(details);
        }
    }
}
