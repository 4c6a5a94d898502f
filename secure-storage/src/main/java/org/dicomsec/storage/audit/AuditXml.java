package org.dicomsec.storage.audit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import org.dicomsec.storage.store.IsoInstant;

/**
 * Writes an {@link AuditMessage} as one line of XML in the schema of DICOM
 * PS3.15 A.5.1 (RFC 3881 element and attribute names, coded values with
 * csd-code / codeSystemName / originalText). No line breaks inside, so that a
 * log file holds one message per line.
 */
public final class AuditXml {

    /** An IPv4 or IPv6 address (RFC 3881 5.2.5 type 2), compiled once, not at every message. */
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    private AuditXml() {
    }

    public static String toXml(AuditMessage m) {
        StringBuilder sb = new StringBuilder(1024);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><AuditMessage>");
        AuditMessage.Event e = m.event();
        sb.append("<EventIdentification");
        attr(sb, "EventActionCode", String.valueOf(e.actionCode()));
        attr(sb, "EventDateTime", IsoInstant.format(e.dateTime()));
        attr(sb, "EventOutcomeIndicator", Integer.toString(e.outcome()));
        sb.append('>');
        code(sb, "EventID", e.eventId());
        for (AuditCode c : e.eventTypeCodes()) {
            code(sb, "EventTypeCode", c);
        }
        if (e.description() != null) {
            sb.append("<EventOutcomeDescription>").append(text(e.description())).append("</EventOutcomeDescription>");
        }
        sb.append("</EventIdentification>");
        for (AuditMessage.ActiveParticipant p : m.participants()) {
            sb.append("<ActiveParticipant");
            attr(sb, "UserID", p.userId());
            if (p.alternativeUserId() != null) {
                attr(sb, "AlternativeUserID", p.alternativeUserId());
            }
            attr(sb, "UserIsRequestor", Boolean.toString(p.requestor()));
            if (p.networkAccessPoint() != null) {
                attr(sb, "NetworkAccessPointID", p.networkAccessPoint());
                // RFC 3881 5.2.5: 1 machine name, 2 IP address
                attr(sb, "NetworkAccessPointTypeCode",
                        IP_ADDRESS.matcher(p.networkAccessPoint()).matches() ? "2" : "1");
            }
            sb.append('>');
            for (AuditCode r : p.roles()) {
                code(sb, "RoleIDCode", r);
            }
            sb.append("</ActiveParticipant>");
        }
        AuditMessage.AuditSource s = m.source();
        sb.append("<AuditSourceIdentification");
        if (s.enterpriseSiteId() != null) {
            attr(sb, "AuditEnterpriseSiteID", s.enterpriseSiteId());
        }
        attr(sb, "AuditSourceID", s.sourceId());
        sb.append("><AuditSourceTypeCode");
        attr(sb, "csd-code", Integer.toString(s.typeCode()));
        sb.append("/></AuditSourceIdentification>");
        for (AuditMessage.ParticipantObject o : m.objects()) {
            sb.append("<ParticipantObjectIdentification");
            attr(sb, "ParticipantObjectID", o.id());
            attr(sb, "ParticipantObjectTypeCode", Integer.toString(o.typeCode()));
            if (o.typeCodeRole() != 0) {
                attr(sb, "ParticipantObjectTypeCodeRole", Integer.toString(o.typeCodeRole()));
            }
            sb.append('>');
            code(sb, "ParticipantObjectIDTypeCode", o.idTypeCode());
            for (AuditMessage.Detail d : o.details()) {
                sb.append("<ParticipantObjectDetail");
                attr(sb, "type", d.type());
                attr(sb, "value", Base64.getEncoder().encodeToString(d.value().getBytes(StandardCharsets.UTF_8)));
                sb.append("/>");
            }
            if (o.sopClassUid() != null) {
                sb.append("<ParticipantObjectDescription><SOPClass");
                attr(sb, "UID", o.sopClassUid());
                attr(sb, "NumberOfInstances", Integer.toString(o.instances().size()));
                sb.append('>');
                for (String uid : o.instances()) {
                    sb.append("<Instance");
                    attr(sb, "UID", uid);
                    sb.append("/>");
                }
                sb.append("</SOPClass></ParticipantObjectDescription>");
            }
            sb.append("</ParticipantObjectIdentification>");
        }
        return sb.append("</AuditMessage>").toString();
    }

    private static void code(StringBuilder sb, String element, AuditCode c) {
        sb.append('<').append(element);
        attr(sb, "csd-code", c.code());
        attr(sb, "codeSystemName", c.codeSystemName());
        attr(sb, "originalText", c.displayName());
        sb.append("/>");
    }

    private static void attr(StringBuilder sb, String name, String value) {
        sb.append(' ').append(name).append("=\"").append(escape(value, true)).append('"');
    }

    private static String text(String s) {
        return escape(s, false);
    }

    /** XML 1.0 escaping; characters XML 1.0 cannot carry become U+FFFD; line breaks stay off the line. */
    static String escape(String s, boolean attribute) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    sb.append("&amp;");
                    break;
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '"':
                    sb.append(attribute ? "&quot;" : "\"");
                    break;
                case '\n':
                    sb.append("&#10;");
                    break;
                case '\r':
                    sb.append("&#13;");
                    break;
                case '\t':
                    sb.append("&#9;");
                    break;
                default:
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF
                            || Character.isSurrogate(c) && !validPair(s, i)) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.toString();
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
