package org.dicomsec.storage.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dicomsec.storage.Authorization;
import org.dicomsec.storage.Certification;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.commitment.CommitmentResult;
import org.dicomsec.storage.commitment.FailedSopReference;
import org.dicomsec.storage.commitment.FailureReason;
import org.dicomsec.storage.commitment.SopReference;
import org.dicomsec.ul.transport.PeerIdentity;
import org.dicomsec.ul.transport.SecurityDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Audit messages (PS3.15 A.5 / RFC 3881 XML) to a file and to a syslog collector on loopback UDP. */
class AuditTrailTest {

    @TempDir
    Path dir;

    private static final Instant NOW = Instant.parse("2026-11-24T21:00:00Z");
    private final AuditEvents events = new AuditEvents("STORE_B", "127.0.0.1", "dicomsec@store-b",
            Clock.fixed(NOW, ZoneOffset.UTC));
    private static final AuditEvents.Peer PEER = new AuditEvents.Peer("STORE_A",
            new PeerIdentity(PeerIdentity.Kind.ISCL_ENTITY, "NODE-A", List.of(), Map.of()), "127.0.0.2");
    private static final AuditEvents.Instance CT = new AuditEvents.Instance("1.2.826.0.1.3680043.10.1.1",
            "1.2.840.10008.5.1.4.1.1.2", "1.2.826.0.1.3680043.10.1.1.1.1");

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element first(Document d, String name) {
        return (Element) d.getElementsByTagName(name).item(0);
    }

    @Test
    void eachSecurityEventIsOneParseableLineWithItsDicomCodes() throws Exception {
        Path log = dir.resolve("audit.log");
        CommitmentResult result = new CommitmentResult("1.2.3.99",
                List.of(new SopReference(CT.sopClassUid(), CT.sopInstanceUid())),
                List.of(new FailedSopReference(new SopReference(CT.sopClassUid(), "1.2.3.4"),
                        FailureReason.NO_SUCH_OBJECT_INSTANCE)));
        List<AuditMessage> all = List.of(
                events.associationAccepted(PEER, new SecurityDescription(true, "iscl", "ISCL 1.00", "DES-MAC", false)),
                events.associationRefused(PEER, "peer not confirmed to support the profile"),
                events.instanceReceived(PEER, CT, Optional.of(SopInstanceStatus.OR), Optional.of(SopInstanceStatus.NS),
                        AuditMessage.SUCCESS, "rule f.2"),
                events.instanceSent(PEER, CT, Optional.of(SopInstanceStatus.AO), Optional.of(SopInstanceStatus.AC),
                        AuditMessage.SUCCESS, "rule e.3"),
                events.commitmentResult(PEER, result, true),
                events.integrityFailure(PEER, CT, "digest mismatch after storage"),
                events.authorization(new Authorization("Dr. Who", Certification.now("WS-9")), CT),
                events.localCopyAfterTransfer(CT, SopInstanceStatus.AO, Optional.of(SopInstanceStatus.AC)));
        try (FileAuditTrail trail = new FileAuditTrail(log)) {
            for (AuditMessage m : all) {
                trail.record(m);
            }
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertEquals(all.size(), lines.size());
        String[][] expected = {
            {"110114", "E", "0", "110122"},
            {"110113", "E", "4", "110126"},
            {"110104", "C", "0", null},
            {"110104", "R", "0", null},
            {"110104", "E", "4", "DS-002"},
            {"110113", "E", "8", "DS-001"},
            {"110103", "U", "0", "110135"},
            {"110103", "U", "0", "110135"},
        };
        for (int i = 0; i < lines.size(); i++) {
            Document d = parse(lines.get(i));
            assertEquals("AuditMessage", d.getDocumentElement().getTagName());
            Element ev = first(d, "EventIdentification");
            assertEquals(expected[i][1], ev.getAttribute("EventActionCode"), lines.get(i));
            assertEquals(expected[i][2], ev.getAttribute("EventOutcomeIndicator"));
            assertEquals("2026-11-24T21:00:00Z", ev.getAttribute("EventDateTime"));
            assertEquals(expected[i][0], first(d, "EventID").getAttribute("csd-code"));
            if (expected[i][3] != null) {
                assertEquals(expected[i][3], first(d, "EventTypeCode").getAttribute("csd-code"));
            }
            assertEquals("dicomsec@store-b", first(d, "AuditSourceIdentification").getAttribute("AuditSourceID"));
        }
        // instance received: status change and the instance, peer identity as alternative user id
        Document received = parse(lines.get(2));
        Element detail = first(received, "ParticipantObjectDetail");
        assertEquals("SOPInstanceStatus", detail.getAttribute("type"));
        assertEquals("OR -> NS", new String(Base64.getDecoder().decode(detail.getAttribute("value")),
                StandardCharsets.UTF_8));
        assertEquals(CT.sopInstanceUid(), first(received, "Instance").getAttribute("UID"));
        assertEquals(CT.studyInstanceUid(), first(received, "ParticipantObjectIdentification")
                .getAttribute("ParticipantObjectID"));
        assertEquals("110180", first(received, "ParticipantObjectIDTypeCode").getAttribute("csd-code"));
        Element source = (Element) received.getElementsByTagName("ActiveParticipant").item(0);
        assertEquals("STORE_A", source.getAttribute("UserID"));
        assertEquals("ISCL_ENTITY NODE-A", source.getAttribute("AlternativeUserID"));
        assertEquals("110153", first(received, "RoleIDCode").getAttribute("csd-code"));
        assertEquals("2", source.getAttribute("NetworkAccessPointTypeCode"));
        // commitment: transaction and per-instance outcome
        Document commit = parse(lines.get(4));
        assertEquals("1.2.3.99", first(commit, "ParticipantObjectIdentification").getAttribute("ParticipantObjectID"));
        assertEquals(2, commit.getElementsByTagName("ParticipantObjectDetail").getLength());
        // authorization names who authorized
        assertEquals("Dr. Who", ((Element) parse(lines.get(6)).getElementsByTagName("ActiveParticipant").item(0))
                .getAttribute("UserID"));
    }

    @Test
    void hostileTextStaysInsideItsAttribute() throws Exception {
        AuditEvents.Peer evil = new AuditEvents.Peer("A\"<&>\n\u0001B", PeerIdentity.NONE, "host\tname");
        String xml = AuditXml.toXml(events.associationRefused(evil, "reason with </AuditMessage> & \r\n"));
        assertTrue(xml.indexOf('\n') < 0 && xml.indexOf('\r') < 0, "one line");
        Document d = parse(xml);
        assertEquals("A\"<&>\n\uFFFDB", first(d, "ActiveParticipant").getAttribute("UserID"));
        assertEquals("association refused: reason with </AuditMessage> & \r\n",
                first(d, "EventOutcomeDescription").getTextContent());
    }

    @Test
    void syslogOverLoopbackUdp_rfc5424Framing() throws Exception {
        try (DatagramSocket collector = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SyslogAuditSender sender = new SyslogAuditSender(
                     (InetSocketAddress) collector.getLocalSocketAddress(), "store b", "dicomsec")) {
            collector.setSoTimeout(10_000);
            AuditMessage m = events.integrityFailure(PEER, CT, "ISCL record MAC mismatch");
            AuditTrail.of(sender).record(m);
            DatagramPacket p = new DatagramPacket(new byte[70_000], 70_000);
            collector.receive(p);
            byte[] got = Arrays.copyOf(p.getData(), p.getLength());
            String header = "<85>1 2026-11-24T21:00:00Z store_b dicomsec " + ProcessHandle.current().pid()
                    + " IHE+RFC-3881 - ";
            byte[] h = header.getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(h, Arrays.copyOf(got, h.length));
            assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                    Arrays.copyOfRange(got, h.length, h.length + 3));
            String xml = new String(got, h.length + 3, got.length - h.length - 3, StandardCharsets.UTF_8);
            assertEquals(AuditXml.toXml(m), xml);
            assertEquals("110113", first(parse(xml), "EventID").getAttribute("csd-code"));
        }
    }
}
